package org.permithub.bench.ledger;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.permithub.ledger.batch.LeafProof;
import org.permithub.ledger.batch.MerkleBatcher;
import org.permithub.ledger.batch.SealedBatch;
import org.permithub.ledger.hash.ActionHash;

/**
 * A companion to the JMH benchmarks for a shared machine: the same work, timed by the thread's CPU
 * time rather than the wall clock, so other processes competing for the cores do not count
 * against us. It approximates what one uncontended core does; the JMH figures remain the reference.
 *
 * <pre>java -cp bench/target/classes:$(cat /tmp/bench.cp) org.permithub.bench.ledger.CpuTimeCheck</pre>
 */
public final class CpuTimeCheck {

    private static final int BATCH = 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeCheck() {}

    public static void main(String[] args) {
        String[] actions = SampleActions.generate(BATCH, 42);
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        List<String> hashes = new ArrayList<>();
        for (String a : actions) {
            hashes.add(ActionHash.ofJson(a));
        }
        SealedBatch sealed = hashAndBatch(actions, clock);
        List<LeafProof> proofs = sealed.proofs();
        String root = sealed.anchor().merkleRoot();

        report("hash + batch + all proofs", "actions/CPU-s", BATCH, () -> {
            return hashAndBatch(actions, clock).proofs().size();
        });
        report("canonical hash only", "actions/CPU-s", BATCH, () -> {
            long x = 0;
            for (String a : actions) {
                x += ActionHash.ofJson(a).charAt(0);
            }
            return x;
        });
        report("Merkle tree + all proofs", "actions/CPU-s", BATCH, () -> {
            return org.permithub.ledger.merkle.MerkleTree.buildFromHex(hashes).inclusionProofs().size();
        });
        int[] next = {0};
        report("verify one stored proof", "proofs/CPU-s", 1, () -> {
            next[0] = (next[0] + 1) & (BATCH - 1);
            return proofs.get(next[0]).verifies(root) ? 1 : 0;
        });
    }

    private static SealedBatch hashAndBatch(String[] actions, Clock clock) {
        MerkleBatcher batcher = new MerkleBatcher(BATCH, Duration.ofHours(1), clock, null);
        SealedBatch sealed = null;
        for (int i = 0; i < actions.length; i++) {
            sealed = batcher.offer(i, "a" + i, ActionHash.ofJson(actions[i])).orElse(sealed);
        }
        return sealed;
    }

    /** Warm up for 5 s of wall time, then measure 3 rounds of 5 s; prints ops per CPU-second. */
    private static void report(String name, String unit, int opsPerCall, LongSupplier work) {
        long sink = 0;
        long end = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < end) {
            sink += work.getAsLong();
        }
        StringBuilder rounds = new StringBuilder();
        for (int r = 0; r < 3; r++) {
            long calls = 0;
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            while (System.nanoTime() - wall0 < 5_000_000_000L) {
                sink += work.getAsLong();
                calls++;
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            double perCpuSecond = calls * (double) opsPerCall / (cpu / 1e9);
            rounds.append(String.format(" %,.0f (%.2f µs/op)", perCpuSecond, cpu / 1e3 / (calls * (double) opsPerCall)));
        }
        System.out.printf("%-28s %s:%s%s%n", name, unit, rounds, sink == 42 ? " " : "");
    }
}
