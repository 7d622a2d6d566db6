package org.permithub.ledger.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.merkle.InclusionProof;
import org.permithub.ledger.merkle.MerkleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects action hashes and cuts them into Merkle batches: when {@code maxEntries} are pending, or
 * once {@code maxAge} has passed since the first pending entry. It owns no thread: the caller feeds
 * it with {@link #offer} and its scheduler calls {@link #flushIfDue} (every second, say); both
 * return what they sealed. Thread-safe.
 *
 * <p>A batch always covers a gap-free run of sequences ({@code size == last - first + 1}, as the
 * chaincode requires, so a deleted action shows as a hole in an anchored range). Sequences must
 * increase; when one skips ahead (a rolled-back insert), the pending batch is sealed first and the
 * gap falls between two batches.
 *
 * <p>Batch ids are {@code b-<firstSequence>-<lastSequence>}: deterministic, free of personal data,
 * and valid ledger keys. Each batch names the one sealed before it ({@code previousBatchId}).
 */
public final class MerkleBatcher {

    private static final Logger log = LoggerFactory.getLogger(MerkleBatcher.class);

    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;

    private final List<BatchEntry> pending = new ArrayList<>();
    private Instant firstPendingAt;
    private String previousBatchId;
    private long lastSequence = -1;

    /**
     * @param maxEntries cut a batch when this many entries are pending (≥ 1)
     * @param maxAge cut a batch when the oldest pending entry has waited this long (&gt; 0)
     * @param clock time source (inject a fixed or mutable clock in tests)
     * @param previousBatchId the last batch sealed before this batcher started (null if none), so
     *     the chain continues across restarts
     */
    public MerkleBatcher(int maxEntries, Duration maxAge, Clock clock, String previousBatchId) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.previousBatchId = previousBatchId;
    }

    /**
     * Adds one entry and returns the batch this sealed, if any: the pending batch when the
     * sequence skips ahead (the entry then starts the next batch), else the batch holding the entry
     * when that makes it full or overdue. At most one batch per call: after a gap the new batch
     * holds one entry, and a batcher with pending entries has {@code maxEntries >= 2}.
     *
     * @throws IllegalArgumentException if the sequence is not after the last one offered (nothing
     *     changes then)
     */
    public synchronized Optional<SealedBatch> offer(BatchEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.sequence() <= lastSequence) {
            throw new IllegalArgumentException(
                    "sequence " + entry.sequence() + " is not after the last offered one, " + lastSequence);
        }
        SealedBatch atGap = null;
        if (!pending.isEmpty() && entry.sequence() != lastSequence + 1) {
            log.debug("sequence jumps from {} to {}: sealing the pending batch at the gap", lastSequence,
                    entry.sequence());
            atGap = seal();
        }
        lastSequence = entry.sequence();
        if (pending.isEmpty()) {
            firstPendingAt = clock.instant();
        }
        pending.add(entry);
        if (atGap != null) {
            return Optional.of(atGap); // the new one-entry batch waits for the next offer or flushIfDue
        }
        if (pending.size() >= maxEntries || overdue()) {
            return Optional.of(seal());
        }
        return Optional.empty();
    }

    /** Convenience for {@code offer(new BatchEntry(sequence, actionId, actionHash))}. */
    public Optional<SealedBatch> offer(long sequence, String actionId, String actionHash) {
        return offer(new BatchEntry(sequence, actionId, actionHash));
    }

    /** Seals the pending entries if the oldest has waited {@code maxAge} or longer. */
    public synchronized Optional<SealedBatch> flushIfDue() {
        if (!pending.isEmpty() && overdue()) {
            return Optional.of(seal());
        }
        return Optional.empty();
    }

    /** Seals whatever is pending now, due or not (on shutdown, say). */
    public synchronized Optional<SealedBatch> flush() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(seal());
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    /** When the pending batch becomes due by age; empty when nothing is pending. */
    public synchronized Optional<Instant> dueAt() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(firstPendingAt.plus(maxAge));
    }

    /** The id of the last batch sealed (or the one given at construction). */
    public synchronized Optional<String> previousBatchId() {
        return Optional.ofNullable(previousBatchId);
    }

    private boolean overdue() {
        return !clock.instant().isBefore(firstPendingAt.plus(maxAge));
    }

    private SealedBatch seal() {
        List<String> leaves = new ArrayList<>(pending.size());
        for (BatchEntry e : pending) {
            leaves.add(e.actionHash());
        }
        MerkleTree tree = MerkleTree.buildFromHex(leaves);
        long first = pending.get(0).sequence();
        long last = pending.get(pending.size() - 1).sequence();
        String batchId = batchId(first, last);
        BatchAnchor anchor = new BatchAnchor(batchId, tree.rootHex(), pending.size(), first, last, previousBatchId);

        List<InclusionProof> paths = tree.inclusionProofs();
        List<LeafProof> proofs = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            BatchEntry e = pending.get(i);
            InclusionProof p = paths.get(i);
            proofs.add(new LeafProof(
                    e.sequence(), e.actionId(), e.actionHash(), batchId, p.leafIndex(), p.treeSize(), p.pathHex()));
        }
        log.debug("sealed batch {} with {} actions, root {}", batchId, pending.size(), anchor.merkleRoot());
        previousBatchId = batchId;
        pending.clear();
        firstPendingAt = null;
        return new SealedBatch(anchor, proofs);
    }

    /** The batch id for a batch spanning these sequences. */
    public static String batchId(long firstSequence, long lastSequence) {
        return "b-" + firstSequence + "-" + lastSequence;
    }
}
