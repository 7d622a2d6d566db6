package org.permithub.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.permithub.ledger.AnchorReceipt;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.LedgerException;
import org.permithub.ledger.batch.LeafProof;
import org.permithub.ledger.batch.MerkleBatcher;
import org.permithub.ledger.batch.SealedBatch;
import org.permithub.ledger.hash.ActionHash;

/** Against a real PostgreSQL (zonky embedded, PG 14), one server per class, one database per test. */
class EmbeddedLedgerBackendTest {

    private static EmbeddedPostgres pg;
    private static final AtomicInteger DB_COUNTER = new AtomicInteger();

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456789Z");
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    /** A fresh database per test: the table is append-only, so it cannot be emptied between tests. */
    private DataSource ds;

    @BeforeAll
    static void startPostgres() throws IOException {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void freshDatabase() throws SQLException {
        String name = "ledger_t" + DB_COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        ds = pg.getDatabase("postgres", name);
    }

    private static String hex(String seed) {
        return ActionHash.sha256Hex(seed.getBytes(StandardCharsets.UTF_8));
    }

    private static BatchAnchor batch(long first, long last, String previous) {
        return new BatchAnchor(MerkleBatcher.batchId(first, last), hex("root " + first), last - first + 1, first, last,
                previous);
    }

    private List<BatchAnchor> anchorChain(EmbeddedLedgerBackend backend, int blocks) {
        List<BatchAnchor> out = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < blocks; i++) {
            BatchAnchor b = batch(i * 10L + 1, i * 10L + 10, previous);
            backend.anchor(b);
            out.add(b);
            previous = b.batchId();
        }
        return out;
    }

    /** Plain SQL as the database owner, with the append-only trigger switched off: an attacker. */
    private void tamper(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("ALTER TABLE ledger.blocks DISABLE TRIGGER USER");
            st.execute(sql);
            st.execute("ALTER TABLE ledger.blocks ENABLE TRIGGER USER");
            c.commit();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- anchoring and reading back ----

    @Test
    void anchorsBatchesAsNumberedBlocksAndReadsThemBack() {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        assertThat(backend.name()).isEqualTo("embedded");
        assertThat(backend.latestBatch()).isEmpty();

        BatchAnchor b1 = batch(1, 100, null);
        BatchAnchor b2 = batch(101, 150, b1.batchId());
        AnchorReceipt r1 = backend.anchor(b1);
        AnchorReceipt r2 = backend.anchor(b2);

        assertThat(r1.batchId()).isEqualTo("b-1-100");
        assertThat(r1.blockNumber()).isEqualTo(1);
        assertThat(r2.blockNumber()).isEqualTo(2);
        assertThat(r1.transactionId()).isNotBlank().isNotEqualTo(r2.transactionId());
        assertThat(r1.anchoredAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS)); // PostgreSQL keeps µs

        assertThat(backend.batch("b-1-100")).contains(b1);
        assertThat(backend.batch("b-101-150")).contains(b2);
        assertThat(backend.batch("b-999-999")).isEmpty();
        assertThat(backend.latestBatch()).contains(b2);
        assertThat(backend.receipt("b-101-150")).contains(r2);
    }

    @Test
    void schemaCreationIsIdempotentAndAnotherInstanceContinuesTheChain() throws SQLException {
        EmbeddedLedgerBackend first = new EmbeddedLedgerBackend(ds, clock);
        first.anchor(batch(1, 10, null));
        EmbeddedLedgerBackend second = new EmbeddedLedgerBackend(ds, clock); // e.g. after a restart
        assertThat(second.anchor(batch(11, 20, "b-1-10")).blockNumber()).isEqualTo(2);
        assertThat(first.latestBatch().orElseThrow().batchId()).isEqualTo("b-11-20");
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'ledger.blocks'::regclass AND NOT tgisinternal"))
                .isEqualTo(2);
        assertThat(second.verifyChain().intact()).isTrue();
    }

    // ---- write-once ----

    @Test
    void anchoringTheSameBatchAgainReturnsTheOriginalReceipt() throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        BatchAnchor b = batch(1, 10, null);
        AnchorReceipt first = backend.anchor(b);
        backend.anchor(batch(11, 20, b.batchId()));
        AnchorReceipt again = new EmbeddedLedgerBackend(ds, Clock.offset(clock, Duration.ofHours(1))).anchor(b);
        assertThat(again).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM ledger.blocks")).isEqualTo(2);
    }

    @Test
    void anchoringABatchIdWithAnotherRootIsAConflict() throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        BatchAnchor b = batch(1, 10, null);
        backend.anchor(b);
        BatchAnchor forged = new BatchAnchor(b.batchId(), hex("another root"), 10, 1, 10, null);
        assertThatThrownBy(() -> backend.anchor(forged))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(LedgerException.Code.BATCH_CONFLICT);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(backend.batch(b.batchId())).contains(b);
        assertThat(count("SELECT count(*) FROM ledger.blocks")).isEqualTo(1);
    }

    @Test
    void theSameIdWithOtherSequencesOrPredecessorIsAlsoAConflict() {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        BatchAnchor b1 = batch(1, 10, null);
        backend.anchor(b1);
        BatchAnchor b2 = batch(11, 20, b1.batchId());
        backend.anchor(b2);
        for (BatchAnchor other : List.of(
                new BatchAnchor(b2.batchId(), b2.merkleRoot(), 9, 11, 19, b1.batchId()),
                new BatchAnchor(b2.batchId(), b2.merkleRoot(), 10, 12, 21, b1.batchId()),
                new BatchAnchor(b2.batchId(), b2.merkleRoot(), 10, 11, 20, null))) {
            assertThatThrownBy(() -> backend.anchor(other))
                    .as(other.toString())
                    .isInstanceOfSatisfying(LedgerException.class,
                            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.BATCH_CONFLICT));
        }
    }

    /** The chaincode's BATCH_OUT_OF_ORDER rules, which the Fabric back-end reports as REJECTED. */
    @Test
    void aBatchMustContinueTheChain() throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        assertRejected(backend, batch(1, 10, "b-0-0")); // names a predecessor on an empty ledger
        backend.anchor(batch(1, 10, ""));               // "" means none, as for the chaincode
        assertThat(backend.batch("b-1-10").orElseThrow().previousBatchId()).isNull();
        assertRejected(backend, batch(11, 20, null));        // must name b-1-10
        assertRejected(backend, batch(11, 20, "b-5-5"));     // names another batch
        assertRejected(backend, batch(10, 20, "b-1-10"));    // overlaps the latest batch's sequences
        backend.anchor(batch(15, 20, "b-1-10"));              // a gap between batches is allowed
        assertRejected(backend, batch(21, 30, "b-1-10"));    // b-1-10 is no longer the latest
        assertThat(count("SELECT count(*) FROM ledger.blocks")).isEqualTo(2);
    }

    private static void assertRejected(EmbeddedLedgerBackend backend, BatchAnchor b) {
        assertThatThrownBy(() -> backend.anchor(b))
                .as(b.toString())
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo(LedgerException.Code.REJECTED);
                    assertThat(e.getMessage()).contains("out of order");
                });
    }

    @Test
    void malformedAnchorsAreRejectedAndNothingIsWritten() throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        String root = hex("r");
        List<BatchAnchor> bad = List.of(
                new BatchAnchor("", root, 1, 1, 1, null),
                new BatchAnchor("b 1", root, 1, 1, 1, null),
                new BatchAnchor("b-1-1'; DROP TABLE ledger.blocks; --", root, 1, 1, 1, null),
                new BatchAnchor("b-1-1", root.toUpperCase(), 1, 1, 1, null),
                new BatchAnchor("b-1-1", root.substring(1), 1, 1, 1, null),
                new BatchAnchor("b-1-1", root, 0, 1, 1, null),
                new BatchAnchor("b-1-1", root, 1, 2, 1, null),
                new BatchAnchor("b-1-1", root, 3, 1, 2, null),
                new BatchAnchor("b-1-1", root, 1, -1, 1, null),
                new BatchAnchor("b:1", root, 1, 1, 1, null),
                new BatchAnchor("b-1-2", root, 1, 1, 2, null),
                new BatchAnchor("b-1-1", root, 1, 1, 1, "b-1-1"),
                new BatchAnchor("b-1-1", root, 1, 1, 1, "not ok"));
        for (BatchAnchor b : bad) {
            assertThatThrownBy(() -> backend.anchor(b))
                    .as(b.toString())
                    .isInstanceOfSatisfying(LedgerException.class,
                            e -> assertThat(e.code()).isEqualTo(LedgerException.Code.REJECTED));
        }
        assertThatThrownBy(() -> backend.anchor(null)).isInstanceOf(LedgerException.class);
        assertThat(count("SELECT count(*) FROM ledger.blocks")).isZero();
    }

    // ---- append-only ----

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE ledger.blocks SET merkle_root = repeat('0', 64) WHERE block_number = 1",
        "DELETE FROM ledger.blocks WHERE block_number = 2",
        "TRUNCATE ledger.blocks"
    })
    void updateDeleteAndTruncateAreRefusedByTheTrigger(String sql) throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        anchorChain(backend, 2);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(sql))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
        assertThat(count("SELECT count(*) FROM ledger.blocks")).isEqualTo(2);
        assertThat(backend.verifyChain().intact()).isTrue();
    }

    // ---- hash chain ----

    @Test
    void verifyChainOfAnUntouchedLedger() throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        assertThat(backend.verifyChain()).isEqualTo(new ChainVerification(0, null, null));
        anchorChain(backend, 5);
        ChainVerification v = backend.verifyChain();
        assertThat(v.intact()).isTrue();
        assertThat(v.blocksChecked()).isEqualTo(5);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT entry_hash FROM ledger.blocks WHERE block_number = 5")) {
            rs.next();
            assertThat(v.headEntryHash()).isEqualTo(rs.getString(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "tx_id = 'forged-tx'",
        "batch_id = 'b-21-29'",
        "merkle_root = repeat('a', 64)",
        "size = 9",
        "first_sequence = 22",
        "last_sequence = 29",
        "previous_batch_id = NULL",
        "anchored_at = anchored_at + interval '1 microsecond'",
        "entry_hash = repeat('b', 64)"
    })
    void editingAnyColumnOfAStoredBlockBreaksTheChainThere(String assignment) throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        anchorChain(backend, 5);
        tamper("UPDATE ledger.blocks SET " + assignment + " WHERE block_number = 3");
        ChainVerification v = backend.verifyChain();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().blockNumber()).isEqualTo(3);
        assertThat(v.headEntryHash()).isNull();
    }

    @Test
    void deletingABlockBreaksTheChainAtTheGap() throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        anchorChain(backend, 5);
        tamper("DELETE FROM ledger.blocks WHERE block_number = 2");
        ChainVerification v = backend.verifyChain();
        assertThat(v.firstBreak().blockNumber()).isEqualTo(2);
        assertThat(v.firstBreak().reason()).contains("missing");
    }

    @Test
    void rewritingOneBlockConsistentlyIsCaughtByItsSuccessor() throws SQLException {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        anchorChain(backend, 4);
        // the attacker recomputes block 2's own entry hash, but block 3 was chained to the old one
        String previous;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT entry_hash FROM ledger.blocks WHERE block_number = 1")) {
            rs.next();
            previous = rs.getString(1);
        }
        BatchAnchor forged = new BatchAnchor("b-11-20", hex("forged"), 10, 11, 20, "b-1-10");
        tamper("UPDATE ledger.blocks SET merkle_root = '" + forged.merkleRoot() + "' WHERE block_number = 2");
        AnchorReceipt r = backend.receipt("b-11-20").orElseThrow();
        String json = "{\"anchoredAt\":\"" + r.anchoredAt() + "\",\"batchId\":\"b-11-20\",\"blockNumber\":\"2\","
                + "\"firstSequence\":\"11\",\"lastSequence\":\"20\",\"merkleRoot\":\"" + forged.merkleRoot() + "\","
                + "\"previousBatchId\":\"b-1-10\",\"size\":\"10\",\"txId\":\"" + r.transactionId() + "\"}";
        byte[] prev = java.util.HexFormat.of().parseHex(previous);
        byte[] content = json.getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[prev.length + content.length];
        System.arraycopy(prev, 0, both, 0, prev.length);
        System.arraycopy(content, 0, both, prev.length, content.length);
        tamper("UPDATE ledger.blocks SET entry_hash = '" + ActionHash.sha256Hex(both) + "' WHERE block_number = 2");

        assertThat(backend.verifyChain().firstBreak().blockNumber()).isEqualTo(3);
    }

    // ---- concurrency ----

    /**
     * Several relays (threads, or hub instances on one database) race to anchor the same ordered
     * batches, as after a restart: each batch lands once, in order, and every relay gets its receipt.
     */
    @Test
    void racingRelaysAnchorEachBatchOnceAndInOrder() throws Exception {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        int relays = 6;
        int batches = 25;
        List<BatchAnchor> chain = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < batches; i++) {
            BatchAnchor b = batch(i * 10L + 1, i * 10L + 10, previous);
            chain.add(b);
            previous = b.batchId();
        }
        ExecutorService pool = Executors.newFixedThreadPool(relays);
        List<List<AnchorReceipt>> seen = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<AnchorReceipt>>> futures = new ArrayList<>();
            for (int t = 0; t < relays; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<AnchorReceipt> out = new ArrayList<>();
                    for (BatchAnchor b : chain) {
                        out.add(backend.anchor(b));
                    }
                    return out;
                }));
            }
            start.countDown();
            for (Future<List<AnchorReceipt>> f : futures) {
                seen.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        for (List<AnchorReceipt> receipts : seen) {
            assertThat(receipts).isEqualTo(seen.get(0));
        }
        for (int i = 0; i < batches; i++) {
            assertThat(seen.get(0).get(i).blockNumber()).isEqualTo(i + 1);
            assertThat(seen.get(0).get(i).batchId()).isEqualTo(chain.get(i).batchId());
        }
        assertThat(count("SELECT count(*) FROM ledger.blocks")).isEqualTo(batches);
        ChainVerification v = backend.verifyChain();
        assertThat(v.intact()).isTrue();
        assertThat(v.blocksChecked()).isEqualTo(batches);
    }

    @Test
    void concurrentRetriesOfOneBatchAnchorItOnce() throws Exception {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        BatchAnchor b = batch(1, 50, null);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AnchorReceipt>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return backend.anchor(b);
                }));
            }
            start.countDown();
            Set<AnchorReceipt> receipts = new HashSet<>();
            for (Future<AnchorReceipt> f : futures) {
                receipts.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(receipts).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM ledger.blocks")).isEqualTo(1);
    }

    // ---- outage ----

    @Test
    void anUnreachableDatabaseIsReportedAsUnavailable() {
        SwitchableDataSource sw = new SwitchableDataSource(ds);
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(sw, clock);
        sw.down = true;
        BatchAnchor b = batch(1, 10, null);
        assertThatThrownBy(() -> backend.anchor(b)).isInstanceOfSatisfying(LedgerException.class, e -> {
            assertThat(e.code()).isEqualTo(LedgerException.Code.UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
        });
        assertThatThrownBy(backend::latestBatch).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> new EmbeddedLedgerBackend(sw, clock))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code()).isEqualTo(LedgerException.Code.UNAVAILABLE));
        sw.down = false; // back: the retry goes through
        assertThat(backend.anchor(b).blockNumber()).isEqualTo(1);
    }

    // ---- with the batcher: proofs check against the root read back from the ledger ----

    @Test
    void sealedBatchesAnchorAndTheirProofsVerifyAgainstTheLedgersRoot() {
        EmbeddedLedgerBackend backend = new EmbeddedLedgerBackend(ds, clock);
        MerkleBatcher batcher = new MerkleBatcher(64, Duration.ofSeconds(5), clock, null);
        List<SealedBatch> sealed = new ArrayList<>();
        for (long seq = 1; seq <= 200; seq++) {
            String actionJson = "{\"permitNo\":\"DH-2026-0001\",\"seq\":" + seq + ",\"type\":\"GAS_TEST\"}";
            batcher.offer(seq, "a" + seq, ActionHash.ofJson(actionJson)).ifPresent(sealed::add);
        }
        batcher.flush().ifPresent(sealed::add);
        assertThat(sealed).hasSize(4);
        for (SealedBatch sb : sealed) {
            backend.anchor(sb.anchor());
        }
        for (SealedBatch sb : sealed) {
            String rootOnLedger = backend.batch(sb.anchor().batchId()).orElseThrow().merkleRoot();
            for (LeafProof p : sb.proofs()) {
                assertThat(p.verifies(rootOnLedger)).isTrue();
            }
        }
        assertThat(backend.latestBatch().orElseThrow().previousBatchId()).isEqualTo("b-129-192");
        assertThat(backend.verifyChain().blocksChecked()).isEqualTo(4);
    }

    /** A DataSource that can be switched off, as when the database goes away. */
    static final class SwitchableDataSource implements DataSource {
        private final DataSource delegate;
        volatile boolean down;

        SwitchableDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("Connection refused", "08001");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return delegate.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return delegate.isWrapperFor(iface);
        }
    }
}
