package org.permithub.ledger.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.hash.ActionHash;
import org.permithub.ledger.merkle.MerkleTree;

class MerkleBatcherTest {

    /** A clock the test moves by hand: no sleeping. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    private static String hashOf(long seq) {
        return ActionHash.sha256Hex(("action " + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static BatchEntry entry(long seq) {
        return new BatchEntry(seq, "act-" + seq, hashOf(seq));
    }

    @Test
    void cutsABatchEveryNEntriesAndChainsThem() {
        MerkleBatcher b = new MerkleBatcher(3, Duration.ofHours(1), clock, null);
        List<SealedBatch> sealed = new ArrayList<>();
        for (long s = 1; s <= 7; s++) {
            Optional<SealedBatch> out = b.offer(entry(s));
            assertThat(out.isPresent()).as("after %d", s).isEqualTo(s % 3 == 0);
            out.ifPresent(sealed::add);
        }
        assertThat(b.pendingCount()).isEqualTo(1);
        sealed.add(b.flush().orElseThrow());
        assertThat(b.flush()).isEmpty();

        assertThat(sealed).extracting(sb -> sb.anchor().batchId()).containsExactly("b-1-3", "b-4-6", "b-7-7");
        assertThat(sealed).extracting(sb -> sb.anchor().previousBatchId()).containsExactly(null, "b-1-3", "b-4-6");
        BatchAnchor a = sealed.get(1).anchor();
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.firstSequence()).isEqualTo(4);
        assertThat(a.lastSequence()).isEqualTo(6);
        assertThat(a.merkleRoot())
                .isEqualTo(MerkleTree.buildFromHex(List.of(hashOf(4), hashOf(5), hashOf(6))).rootHex());
        assertThat(b.previousBatchId()).contains("b-7-7");
    }

    @Test
    void cutsWhenMaxAgeHasPassedSinceTheFirstPendingEntry() {
        MerkleBatcher b = new MerkleBatcher(1000, Duration.ofMillis(500), clock, "b-0-0");
        assertThat(b.flushIfDue()).isEmpty();
        assertThat(b.dueAt()).isEmpty();

        b.offer(entry(10));
        assertThat(b.dueAt()).contains(clock.instant().plusMillis(500));
        clock.advance(Duration.ofMillis(300));
        b.offer(entry(11)); // a later entry does not restart the timer
        clock.advance(Duration.ofMillis(199));
        assertThat(b.flushIfDue()).isEmpty();
        clock.advance(Duration.ofMillis(1));

        SealedBatch sb = b.flushIfDue().orElseThrow();
        assertThat(sb.anchor()).isEqualTo(new BatchAnchor(
                "b-10-11", MerkleTree.buildFromHex(List.of(hashOf(10), hashOf(11))).rootHex(), 2, 10, 11, "b-0-0"));
        assertThat(b.pendingCount()).isZero();
        assertThat(b.flushIfDue()).isEmpty();

        // the next batch's timer starts at its own first entry
        clock.advance(Duration.ofSeconds(10));
        b.offer(entry(12));
        assertThat(b.flushIfDue()).isEmpty();
    }

    @Test
    void anOfferToAnOverdueBatchSealsItWithTheNewEntry() {
        MerkleBatcher b = new MerkleBatcher(1000, Duration.ofSeconds(1), clock, null);
        b.offer(entry(1));
        clock.advance(Duration.ofSeconds(5)); // the scheduler did not run in time
        SealedBatch sb = b.offer(entry(2)).orElseThrow();
        assertThat(sb.anchor().batchId()).isEqualTo("b-1-2");
        assertThat(sb.proofs()).hasSize(2);
    }

    @Test
    void everyLeafProofVerifiesAgainstItsBatchRoot() {
        int n = 1000;
        MerkleBatcher b = new MerkleBatcher(n, Duration.ofMinutes(1), clock, null);
        SealedBatch sb = null;
        for (long s = 100; s < 100 + n; s++) {
            Optional<SealedBatch> out = b.offer(entry(s));
            if (out.isPresent()) {
                sb = out.get();
            }
        }
        assertThat(sb).isNotNull();
        String root = sb.anchor().merkleRoot();
        assertThat(sb.proofs()).hasSize(n);
        for (int i = 0; i < n; i++) {
            LeafProof p = sb.proofs().get(i);
            assertThat(p.sequence()).isEqualTo(100 + i);
            assertThat(p.actionId()).isEqualTo("act-" + (100 + i));
            assertThat(p.actionHash()).isEqualTo(hashOf(100 + i));
            assertThat(p.batchId()).isEqualTo("b-100-1099");
            assertThat(p.leafIndex()).isEqualTo(i);
            assertThat(p.treeSize()).isEqualTo(n);
            assertThat(p.verifies(root)).isTrue();
            // a changed action (a different hash) does not verify with the stored proof
            LeafProof tampered = new LeafProof(p.sequence(), p.actionId(), hashOf(-1 - i), p.batchId(),
                    p.leafIndex(), p.treeSize(), p.path());
            assertThat(tampered.verifies(root)).isFalse();
        }
    }

    @Test
    void refusesSequencesThatDoNotIncreaseWithoutLosingState() {
        MerkleBatcher b = new MerkleBatcher(10, Duration.ofMinutes(1), clock, null);
        b.offer(entry(5));
        assertThatThrownBy(() -> b.offer(entry(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.offer(entry(4))).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.pendingCount()).isEqualTo(1);
        b.offer(entry(6));
        assertThat(b.flush().orElseThrow().anchor().batchId()).isEqualTo("b-5-6");
    }

    /** The chaincode requires size == last - first + 1: a gap must fall between batches. */
    @Test
    void aSequenceGapSealsThePendingBatchAndStartsTheNext() {
        MerkleBatcher b = new MerkleBatcher(3, Duration.ofMinutes(1), clock, null);
        assertThat(b.offer(entry(1))).isEmpty();
        assertThat(b.offer(entry(2))).isEmpty();
        SealedBatch before = b.offer(entry(7)).orElseThrow(); // 3..6 were rolled back
        assertThat(before.anchor()).isEqualTo(new BatchAnchor(
                "b-1-2", MerkleTree.buildFromHex(List.of(hashOf(1), hashOf(2))).rootHex(), 2, 1, 2, null));
        assertThat(b.pendingCount()).isEqualTo(1);
        assertThat(b.offer(entry(8))).isEmpty();
        SealedBatch after = b.offer(entry(9)).orElseThrow();
        assertThat(after.anchor().batchId()).isEqualTo("b-7-9");
        assertThat(after.anchor().previousBatchId()).isEqualTo("b-1-2");
        assertThat(after.anchor().size()).isEqualTo(3);

        // a batch of one cannot have a gap inside it
        MerkleBatcher single = new MerkleBatcher(1, Duration.ofMinutes(1), clock, null);
        assertThat(single.offer(entry(1)).orElseThrow().anchor().batchId()).isEqualTo("b-1-1");
        assertThat(single.offer(entry(5)).orElseThrow().anchor().batchId()).isEqualTo("b-5-5");
    }

    @Test
    void everySealedBatchCoversAGapFreeRange() {
        MerkleBatcher b = new MerkleBatcher(5, Duration.ofSeconds(1), clock, null);
        List<SealedBatch> sealed = new ArrayList<>();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        long seq = 0;
        for (int i = 0; i < 500; i++) {
            seq += rnd.nextInt(10) == 0 ? 2 + rnd.nextInt(5) : 1;
            b.offer(entry(seq)).ifPresent(sealed::add);
            if (rnd.nextInt(20) == 0) {
                clock.advance(Duration.ofSeconds(1));
                b.flushIfDue().ifPresent(sealed::add);
            }
        }
        b.flush().ifPresent(sealed::add);
        long total = 0;
        String previous = null;
        for (SealedBatch sb : sealed) {
            BatchAnchor a = sb.anchor();
            assertThat(a.lastSequence() - a.firstSequence() + 1).isEqualTo(a.size());
            assertThat(a.size()).isBetween(1L, 5L);
            assertThat(a.previousBatchId()).isEqualTo(previous);
            assertThat(sb.proofs()).extracting(LeafProof::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(a.firstSequence(), a.lastSequence())
                            .boxed().toList());
            previous = a.batchId();
            total += a.size();
        }
        assertThat(total).isEqualTo(500);
    }

    @Test
    void entriesAreValidated() {
        assertThatThrownBy(() -> new BatchEntry(1, "a", "ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchEntry(1, "a", hashOf(1).toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchEntry(1, " ", hashOf(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchEntry(-1, "a", hashOf(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MerkleBatcher(0, Duration.ofSeconds(1), clock, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MerkleBatcher(1, Duration.ZERO, clock, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameInputsGiveTheSameBatches() {
        MerkleBatcher b1 = new MerkleBatcher(4, Duration.ofMinutes(1), clock, null);
        MerkleBatcher b2 = new MerkleBatcher(4, Duration.ofMinutes(1), clock, null);
        SealedBatch s1 = null;
        SealedBatch s2 = null;
        for (long s = 1; s <= 4; s++) {
            s1 = b1.offer(entry(s)).orElse(s1);
            s2 = b2.offer(entry(s)).orElse(s2);
        }
        assertThat(s1).isEqualTo(s2);
    }
}
