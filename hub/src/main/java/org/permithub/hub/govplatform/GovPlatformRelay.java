package org.permithub.hub.govplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.PollingWorker;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pushes the {@code gov-platform} outbox rows to the platform strictly in outbox order (so per
 * permit in action order), in batches of consecutive records of the same table. A row is marked
 * sent only after all its records were taken; on the first failure the round stops, the rows
 * before it are marked sent and the rest waits (exponential backoff with jitter, measured on the
 * connector clock, up to {@code maxBackoff}). The records of a partly taken row (an action's ticket
 * went, its approval did not) are remembered in memory and not sent again by the next round; after a
 * restart they are (harmless: the platform upserts by stable id). It never gives up and never
 * skips a row: an outage of hours leaves a backlog that goes out in order afterwards. Only one hub
 * instance relays at a time (transaction-scoped advisory lock).
 */
public class GovPlatformRelay extends PollingWorker {

    private record Pending(long rowId, int recordCount) {}

    private record Entry(int rowIndex, String table, JsonNode data) {}

    private record Round(int sentRows, boolean more, Exception failure) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final GovPlatformClient client;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final int rowsPerRound;
    private final int batchSize;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile Instant nextAttemptAt = Instant.MIN;
    private volatile int consecutiveFailures;
    // the first pending row when the last round stopped inside it, and how many of its records the
    // platform took; touched by the relay thread only
    private long partlyTakenRowId = -1;
    private int partlyTakenRecords;

    public GovPlatformRelay(JdbcTemplate jdbc, TransactionTemplate tx, OutboxRelaySignal signal, GovPlatformClient client,
            ObjectMapper mapper, Clock clock, Duration pollInterval, int rowsPerRound, int batchSize,
            Duration initialBackoff, Duration maxBackoff) {
        super("outbox-relay-" + GovPlatformOutbox.DESTINATION, signal, pollInterval);
        this.jdbc = jdbc;
        this.tx = tx;
        this.client = client;
        this.mapper = mapper;
        this.clock = clock;
        this.rowsPerRound = rowsPerRound;
        this.batchSize = batchSize;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Failed rounds in a row (0 when the platform takes records). */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    @Override
    protected boolean pollOnce() {
        Instant now = clock.instant();
        if (now.isBefore(nextAttemptAt)) {
            return false;
        }
        Round round = tx.execute(status -> relayOnce());
        if (round == null || round.failure() == null) {
            consecutiveFailures = 0;
            nextAttemptAt = Instant.MIN;
            return round != null && round.more();
        }
        consecutiveFailures++;
        Duration wait = backoff(consecutiveFailures);
        nextAttemptAt = now.plus(wait);
        log.warn("gov-platform push failed ({} in a row), {} rows delivered this round; next attempt in {} "
                + "(connector clock): {}", consecutiveFailures, round.sentRows(), wait, round.failure().toString());
        return false;
    }

    /** Exponential from {@code initialBackoff}, capped at {@code maxBackoff}, with ±20 % jitter. */
    Duration backoff(int failures) {
        long base = initialBackoff.toMillis() << Math.min(failures - 1, 30);
        long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, maxBackoff.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
    }

    private Round relayOnce() {
        Boolean leader = jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtext(?))", Boolean.class,
                "outbox:" + GovPlatformOutbox.DESTINATION);
        if (!Boolean.TRUE.equals(leader)) {
            return new Round(0, false, null);
        }
        List<Pending> rows = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        jdbc.query("select id, payload from outbox where destination = ? and sent_at is null order by id limit ?",
                rs -> {
                    JsonNode payload = read(rs.getString(2));
                    int index = rows.size();
                    rows.add(new Pending(rs.getLong(1), payload.size()));
                    payload.forEach(e -> entries.add(new Entry(index, e.get("table").asText(), e.get("data"))));
                },
                GovPlatformOutbox.DESTINATION, rowsPerRound);
        if (rows.isEmpty()) {
            return new Round(0, false, null);
        }
        // entries taken by the platform, a prefix of entries: the head row may be partly taken already
        int delivered = rows.get(0).rowId() == partlyTakenRowId
                ? Math.min(partlyTakenRecords, rows.get(0).recordCount()) : 0;
        Exception failure = null;
        while (delivered < entries.size()) {
            String table = entries.get(delivered).table();
            int end = delivered;
            ArrayNode batch = mapper.createArrayNode();
            while (end < entries.size() && end - delivered < batchSize && entries.get(end).table().equals(table)) {
                batch.add(entries.get(end).data());
                end++;
            }
            try {
                client.deliver(table, batch);
            } catch (Exception e) {
                failure = e;
                break;
            }
            delivered = end;
        }
        // a row is sent when every one of its records was taken
        int sentRows = 0;
        int counted = 0;
        for (Pending row : rows) {
            if (counted + row.recordCount() > delivered) {
                break;
            }
            counted += row.recordCount();
            sentRows++;
        }
        if (sentRows > 0) {
            jdbc.update("update outbox set sent_at = now(), attempts = attempts + 1 where id = any(?)",
                    (Object) rows.subList(0, sentRows).stream().map(Pending::rowId).toArray(Long[]::new));
        }
        partlyTakenRowId = -1;
        partlyTakenRecords = 0;
        if (failure != null && sentRows < rows.size()) {
            partlyTakenRowId = rows.get(sentRows).rowId();
            partlyTakenRecords = delivered - counted;
            jdbc.update("update outbox set attempts = attempts + 1, last_error = ? where id = ?",
                    abbreviate(failure.toString()), rows.get(sentRows).rowId());
        }
        return new Round(sentRows, failure == null && rows.size() >= rowsPerRound, failure);
    }

    private JsonNode read(String payload) {
        try {
            return mapper.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable gov-platform outbox row", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
