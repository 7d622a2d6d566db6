package org.permithub.ledger.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.permithub.ledger.AnchorReceipt;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.LedgerException;
import org.permithub.ledger.hash.ActionHash;
import org.permithub.ledger.hash.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone ledger: anchors kept in PostgreSQL, in table {@code ledger.blocks} of its own
 * schema, append-only and hash-chained.
 *
 * <ul>
 *   <li>One row per anchored batch, numbered 1, 2, 3 … ({@code block_number}), with a random
 *       transaction id and the time it was anchored.
 *   <li>{@code entry_hash = SHA-256(previous entry_hash || JCS(row))}, where the previous hash is
 *       32 raw bytes (zeros for block 1) and JCS(row) the RFC 8785 canonical JSON of every other
 *       column (numbers as decimal strings). Editing, removing or reordering a stored row breaks the chain from that block on;
 *       {@link #verifyChain()} finds the first broken block.
 *   <li>A trigger refuses UPDATE, DELETE and TRUNCATE, so the application cannot rewrite history by
 *       mistake. (An owner or superuser can still disable it; the chain is what catches that.)
 *   <li>Writers are serialised with a transaction-level advisory lock, so concurrent callers, in
 *       this process or in others on the same database, append one block at a time.
 * </ul>
 *
 * <p>Same rules as the {@code PermitAnchor} chaincode and the Fabric back-end:
 *
 * <ul>
 *   <li>a batch id is write-once: anchoring the same batch again returns the original receipt,
 *       anchoring the id with another root (or other sizes, sequences, predecessor) fails with
 *       {@code BATCH_CONFLICT};
 *   <li>a batch must continue the chain: {@code previousBatchId} is the latest anchored batch (null
 *       for the first) and {@code firstSequence} comes after its {@code lastSequence}, else
 *       {@code REJECTED} (the chaincode's BATCH_OUT_OF_ORDER);
 *   <li>ids match {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}, the root is lowercase hex SHA-256, and
 *       {@code size == lastSequence - firstSequence + 1}, else {@code REJECTED}.
 * </ul>
 */
public final class EmbeddedLedgerBackend implements LedgerBackend {

    public static final String NAME = "embedded";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedLedgerBackend.class);

    /** Advisory lock key for DDL and appends: first 8 bytes of SHA-256("permit-hub/ledger.blocks"). */
    static final long LOCK_KEY = lockKey();

    /** The chaincode's id rule. */
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GENESIS = new byte[32];

    private static final String COLUMNS = "block_number, tx_id, batch_id, merkle_root, size, first_sequence,"
            + " last_sequence, previous_batch_id, anchored_at, entry_hash";

    private final DataSource dataSource;
    private final Clock clock;

    public EmbeddedLedgerBackend(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /**
     * Creates schema {@code ledger}, its table and triggers if they are missing.
     *
     * @throws LedgerException UNAVAILABLE when the database cannot be reached
     */
    public EmbeddedLedgerBackend(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        inTransaction("create schema", this::createSchema);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AnchorReceipt anchor(BatchAnchor requested) {
        BatchAnchor batch = normalized(requested);
        validate(batch);
        return inTransaction("anchor " + batch.batchId(), c -> {
            lock(c);
            Optional<Block> existing = findOne(c, "WHERE batch_id = ?", batch.batchId());
            if (existing.isPresent()) {
                Block b = existing.get();
                if (!b.anchor().equals(batch)) {
                    throw new LedgerException(LedgerException.Code.BATCH_CONFLICT, "batch " + batch.batchId()
                            + " is already anchored in block " + b.blockNumber() + " as " + b.anchor() + ", not as "
                            + batch);
                }
                log.debug("batch {} already anchored in block {}: returning its receipt", b.batchId(), b.blockNumber());
                return b.receipt();
            }
            Optional<Block> head = findOne(c, "ORDER BY block_number DESC LIMIT 1");
            requireChainContinues(head, batch);
            long number = head.map(h -> h.blockNumber() + 1).orElse(1L);
            byte[] previous = head.map(h -> Hex.decode(h.entryHash())).orElse(GENESIS);
            Block b = new Block(number, UUID.randomUUID().toString(), batch.batchId(), batch.merkleRoot(),
                    batch.size(), batch.firstSequence(), batch.lastSequence(), batch.previousBatchId(),
                    clock.instant().truncatedTo(ChronoUnit.MICROS), null);
            b = b.withEntryHash(entryHash(previous, b));
            insert(c, b);
            log.info("anchored batch {} ({} actions, root {}) in block {}", b.batchId(), b.size(), b.merkleRoot(),
                    b.blockNumber());
            return b.receipt();
        });
    }

    /** As the chaincode's BATCH_OUT_OF_ORDER: each batch names the latest one and follows its sequences. */
    private static void requireChainContinues(Optional<Block> head, BatchAnchor batch) {
        if (head.isEmpty()) {
            if (batch.previousBatchId() != null) {
                throw rejected("batch out of order: no batch is anchored yet, but previousBatchId is "
                        + batch.previousBatchId());
            }
            return;
        }
        Block latest = head.get();
        if (!latest.batchId().equals(batch.previousBatchId())) {
            throw rejected("batch out of order: previousBatchId must be the latest batch " + latest.batchId()
                    + ", was " + batch.previousBatchId());
        }
        if (batch.firstSequence() <= latest.lastSequence()) {
            throw rejected("batch out of order: firstSequence " + batch.firstSequence()
                    + " does not follow lastSequence " + latest.lastSequence() + " of batch " + latest.batchId());
        }
    }

    @Override
    public Optional<BatchAnchor> batch(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        return inTransaction("read batch " + batchId, c -> findOne(c, "WHERE batch_id = ?", batchId))
                .map(Block::anchor);
    }

    @Override
    public Optional<BatchAnchor> latestBatch() {
        return inTransaction("read latest batch", c -> findOne(c, "ORDER BY block_number DESC LIMIT 1"))
                .map(Block::anchor);
    }

    /** The receipt of an anchored batch (transaction id, block number, time), if it is on the ledger. */
    public Optional<AnchorReceipt> receipt(String batchId) {
        Objects.requireNonNull(batchId, "batchId");
        return inTransaction("read receipt " + batchId, c -> findOne(c, "WHERE batch_id = ?", batchId))
                .map(Block::receipt);
    }

    /**
     * Recomputes the chain from block 1 and reports the first block whose number, content or hash
     * does not follow from the blocks before it.
     */
    public ChainVerification verifyChain() {
        return inTransaction("verify chain", c -> {
            try (Statement st = c.createStatement()) {
                st.setFetchSize(1000); // stream: the table grows without bound
                try (ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM ledger.blocks ORDER BY block_number")) {
                    long expected = 1;
                    long checked = 0;
                    byte[] previous = GENESIS;
                    String head = null;
                    while (rs.next()) {
                        Block b = read(rs);
                        checked++;
                        if (b.blockNumber() != expected) {
                            return broken(checked, expected, "block " + expected + " is missing (next stored is "
                                    + b.blockNumber() + ")");
                        }
                        byte[] stored = Hex.isSha256Hex(b.entryHash())
                                ? Hex.decode(b.entryHash())
                                : null;
                        byte[] recomputed = Hex.decode(entryHash(previous, b));
                        if (stored == null || !MessageDigest.isEqual(stored, recomputed)) {
                            return broken(checked, expected,
                                    "entry hash does not match the block's content and its predecessor");
                        }
                        previous = stored;
                        head = b.entryHash();
                        expected++;
                    }
                    return new ChainVerification(checked, head, null);
                }
            }
        });
    }

    private ChainVerification broken(long checked, long block, String reason) {
        log.warn("embedded ledger chain broken at block {}: {}", block, reason);
        return new ChainVerification(checked, null, new ChainVerification.ChainBreak(block, reason));
    }

    // ---- schema ----

    private Void createSchema(Connection c) throws SQLException {
        lock(c); // two instances starting together would otherwise race on CREATE … IF NOT EXISTS
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS ledger");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS ledger.blocks (
                      block_number      bigint      PRIMARY KEY CHECK (block_number >= 1),
                      tx_id             text        NOT NULL UNIQUE,
                      batch_id          text        NOT NULL UNIQUE,
                      merkle_root       text        NOT NULL CHECK (merkle_root ~ '^[0-9a-f]{64}$'),
                      size              bigint      NOT NULL CHECK (size >= 1),
                      first_sequence    bigint      NOT NULL,
                      last_sequence     bigint      NOT NULL,
                      previous_batch_id text,
                      anchored_at       timestamptz NOT NULL,
                      entry_hash        text        NOT NULL CHECK (entry_hash ~ '^[0-9a-f]{64}$')
                    )""");
            st.execute("""
                    CREATE OR REPLACE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      RAISE EXCEPTION 'ledger.blocks is append-only: % refused', TG_OP;
                    END
                    $$""");
        }
        createTriggerIfMissing(c, "blocks_no_update_delete",
                "BEFORE UPDATE OR DELETE ON ledger.blocks FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change()");
        createTriggerIfMissing(c, "blocks_no_truncate",
                "BEFORE TRUNCATE ON ledger.blocks FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change()");
        return null;
    }

    private static void createTriggerIfMissing(Connection c, String name, String definition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_trigger WHERE tgrelid = 'ledger.blocks'::regclass AND tgname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TRIGGER " + name + " " + definition);
        }
    }

    // ---- rows ----

    /** One row of ledger.blocks. */
    private record Block(
            long blockNumber, String txId, String batchId, String merkleRoot, long size, long firstSequence,
            long lastSequence, String previousBatchId, Instant anchoredAt, String entryHash) {

        Block withEntryHash(String hash) {
            return new Block(blockNumber, txId, batchId, merkleRoot, size, firstSequence, lastSequence,
                    previousBatchId, anchoredAt, hash);
        }

        BatchAnchor anchor() {
            return new BatchAnchor(batchId, merkleRoot, size, firstSequence, lastSequence, previousBatchId);
        }

        AnchorReceipt receipt() {
            return new AnchorReceipt(batchId, txId, blockNumber, anchoredAt);
        }

        /**
         * Every column but entry_hash, as RFC 8785 canonical JSON. Numbers go in as decimal strings:
         * JCS numbers are doubles, and above 2^53 an edited value could hash like the original.
         */
        String canonicalContent() {
            ObjectNode n = JSON.createObjectNode();
            n.put("blockNumber", Long.toString(blockNumber));
            n.put("txId", txId);
            n.put("batchId", batchId);
            n.put("merkleRoot", merkleRoot);
            n.put("size", Long.toString(size));
            n.put("firstSequence", Long.toString(firstSequence));
            n.put("lastSequence", Long.toString(lastSequence));
            n.put("previousBatchId", previousBatchId);
            n.put("anchoredAt", anchoredAt == null ? null : anchoredAt.toString());
            return ActionHash.canonicalize(n.toString());
        }
    }

    static String entryHash(byte[] previous, Block b) {
        MessageDigest sha = sha256();
        sha.update(previous);
        sha.update(b.canonicalContent().getBytes(StandardCharsets.UTF_8));
        return Hex.encode(sha.digest());
    }

    private static Optional<Block> findOne(Connection c, String whereOrOrder, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger.blocks " + whereOrOrder)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Block read(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("anchored_at", OffsetDateTime.class);
        return new Block(rs.getLong("block_number"), rs.getString("tx_id"), rs.getString("batch_id"),
                rs.getString("merkle_root"), rs.getLong("size"), rs.getLong("first_sequence"),
                rs.getLong("last_sequence"), rs.getString("previous_batch_id"), at == null ? null : at.toInstant(),
                rs.getString("entry_hash"));
    }

    private static void insert(Connection c, Block b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ledger.blocks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, b.blockNumber());
            ps.setString(2, b.txId());
            ps.setString(3, b.batchId());
            ps.setString(4, b.merkleRoot());
            ps.setLong(5, b.size());
            ps.setLong(6, b.firstSequence());
            ps.setLong(7, b.lastSequence());
            ps.setString(8, b.previousBatchId());
            ps.setObject(9, OffsetDateTime.ofInstant(b.anchoredAt(), ZoneOffset.UTC));
            ps.setString(10, b.entryHash());
            ps.executeUpdate();
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            ps.execute();
        }
    }

    // ---- validation, transactions, errors ----

    /** The chaincode stores "no previous batch" as null, whether the caller said null or "". */
    private static BatchAnchor normalized(BatchAnchor b) {
        if (b == null || b.previousBatchId() == null || !b.previousBatchId().isEmpty()) {
            return b;
        }
        return new BatchAnchor(b.batchId(), b.merkleRoot(), b.size(), b.firstSequence(), b.lastSequence(), null);
    }

    private static void validate(BatchAnchor b) {
        if (b == null) {
            throw rejected("batch must not be null");
        }
        if (b.batchId() == null || !BATCH_ID.matcher(b.batchId()).matches()) {
            throw rejected("batch id must match " + BATCH_ID.pattern() + ": " + b.batchId());
        }
        if (!Hex.isSha256Hex(b.merkleRoot())) {
            throw rejected("merkle root must be 64 lowercase hex digits: " + b.merkleRoot());
        }
        if (b.previousBatchId() != null) {
            if (!BATCH_ID.matcher(b.previousBatchId()).matches()) {
                throw rejected("previous batch id must match " + BATCH_ID.pattern() + ": " + b.previousBatchId());
            }
            if (b.previousBatchId().equals(b.batchId())) {
                throw rejected("a batch cannot follow itself: " + b.batchId());
            }
        }
        if (b.size() < 1 || b.firstSequence() < 0 || b.lastSequence() < b.firstSequence()) {
            throw rejected("need 1 <= size and 0 <= firstSequence <= lastSequence: " + b);
        }
        // a batch covers its sequence range without gaps, so MISSING actions show against it
        if (b.lastSequence() - b.firstSequence() != b.size() - 1) {
            throw rejected("sequences " + b.firstSequence() + ".." + b.lastSequence() + " do not hold " + b.size()
                    + " actions");
        }
    }

    private static LedgerException rejected(String message) {
        return new LedgerException(LedgerException.Code.REJECTED, message);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            // READ COMMITTED: each statement after the advisory lock must see what the previous
            // lock holder committed (a REPEATABLE READ snapshot would be taken before the lock)
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreQuietly(c, autoCommit, isolation);
            }
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    private static void restoreQuietly(Connection c, boolean autoCommit, int isolation) {
        try {
            c.setAutoCommit(autoCommit);
            c.setTransactionIsolation(isolation);
        } catch (SQLException e) {
            log.debug("could not restore connection settings", e);
        }
    }

    static LedgerException translate(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        LedgerException.Code code;
        if (state.startsWith("40")) {
            code = LedgerException.Code.CONFLICT_RETRY; // serialization failure, deadlock
        } else if (state.startsWith("22") || state.startsWith("23") || state.equals("P0001")) {
            code = LedgerException.Code.REJECTED; // bad data, a constraint, the append-only trigger
        } else {
            // connection (08), resources (53), shutdown (57) and anything unknown: the outbox
            // retries later rather than dropping the batch
            code = LedgerException.Code.UNAVAILABLE;
        }
        return new LedgerException(code, "embedded ledger: " + what + " failed (SQLState " + state + "): "
                + e.getMessage(), e);
    }

    private static long lockKey() {
        byte[] h = sha256().digest("permit-hub/ledger.blocks".getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (h[i] & 0xff);
        }
        return k;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
