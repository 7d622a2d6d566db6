package org.permithub.bench.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.permithub.ledger.batch.MerkleBatcher;
import org.permithub.ledger.batch.SealedBatch;
import org.permithub.ledger.hash.ActionHash;
import org.permithub.ledger.merkle.MerkleTree;

/**
 * Actions per second through the anchoring front half: RFC 8785 canonical JSON + SHA-256 of each
 * action, then a Merkle batch of 1024 with every inclusion proof. Each invocation handles one batch,
 * so the score is actions/s. Goal (issue 4): at least 200,000 actions/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HashAndBatchBenchmark {

    static final int BATCH = 1024;

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    private String[] actions;
    private List<String> hashes;

    @Setup
    public void setUp() {
        actions = SampleActions.generate(BATCH, 42);
        hashes = new ArrayList<>(BATCH);
        for (String a : actions) {
            hashes.add(ActionHash.ofJson(a));
        }
    }

    /** The whole path: canonicalise, hash, batch, build the tree and all 1024 proofs. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public SealedBatch hashAndBatch() {
        MerkleBatcher batcher = new MerkleBatcher(BATCH, Duration.ofHours(1), clock, null);
        SealedBatch sealed = null;
        for (int i = 0; i < BATCH; i++) {
            sealed = batcher.offer(i, "a" + i, ActionHash.ofJson(actions[i])).orElse(sealed);
        }
        return sealed;
    }

    /** Canonical JSON + SHA-256 only. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void canonicalHashOnly(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            bh.consume(ActionHash.ofJson(actions[i]));
        }
    }

    /**
     * Baseline: the same hashing through java-json-canonicalization's own canonicaliser, which
     * ActionHash used before (see CanonicalJson for why it no longer does).
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void libraryCanonicalHashBaseline(Blackhole bh) throws java.io.IOException {
        for (int i = 0; i < BATCH; i++) {
            bh.consume(ActionHash.sha256Hex(new org.erdtman.jcs.JsonCanonicalizer(actions[i]).getEncodedUTF8()));
        }
    }

    /** Merkle tree and all proofs from ready action hashes. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void merkleTreeAndProofsOnly(Blackhole bh) {
        MerkleTree tree = MerkleTree.buildFromHex(hashes);
        bh.consume(tree.inclusionProofs());
    }
}
