package org.permithub.bench.ledger;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.permithub.ledger.batch.LeafProof;
import org.permithub.ledger.batch.MerkleBatcher;
import org.permithub.ledger.batch.SealedBatch;
import org.permithub.ledger.hash.ActionHash;
import org.permithub.ledger.merkle.InclusionProof;
import org.permithub.ledger.merkle.MerkleTree;

/**
 * Time to verify one inclusion proof in a batch of 1024 (10 sibling hashes), cycling through the
 * leaves. Goal (issue 4): at most 1 ms per proof.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InclusionProofBenchmark {

    static final int BATCH = 1024;

    private byte[][] leaves;
    private InclusionProof[] proofs;
    private byte[] root;
    private List<LeafProof> leafProofs;
    private String rootHex;
    private String[] actions;
    private int next;

    @Setup
    public void setUp() {
        actions = SampleActions.generate(BATCH, 7);
        MerkleBatcher batcher = new MerkleBatcher(BATCH, java.time.Duration.ofHours(1), java.time.Clock.systemUTC(), null);
        SealedBatch sealed = null;
        for (int i = 0; i < BATCH; i++) {
            sealed = batcher.offer(i, "a" + i, ActionHash.ofJson(actions[i])).orElse(sealed);
        }
        leafProofs = sealed.proofs();
        rootHex = sealed.anchor().merkleRoot();
        root = HexFormat.of().parseHex(rootHex);
        leaves = new byte[BATCH][];
        proofs = new InclusionProof[BATCH];
        for (int i = 0; i < BATCH; i++) {
            leaves[i] = HexFormat.of().parseHex(leafProofs.get(i).actionHash());
            proofs[i] = leafProofs.get(i).inclusionProof();
        }
    }

    private int nextIndex() {
        next = (next + 1) & (BATCH - 1);
        return next;
    }

    /** RFC 9162 §2.1.3.2 verification of one proof, leaf and root already decoded. */
    @Benchmark
    public boolean verifyProof() {
        int i = nextIndex();
        return MerkleTree.verifyInclusion(leaves[i], proofs[i], root);
    }

    /** What the verification endpoint does per action: hex proof as stored, root hex from the ledger. */
    @Benchmark
    public boolean verifyStoredLeafProof() {
        return leafProofs.get(nextIndex()).verifies(rootHex);
    }

    /** Recompute the action hash from its JSON, then verify: the full per-action audit. */
    @Benchmark
    public boolean rehashAndVerify() {
        int i = nextIndex();
        LeafProof p = leafProofs.get(i);
        return MerkleTree.verifyInclusion(ActionHash.ofJson(actions[i]), p.inclusionProof(), rootHex);
    }
}
