package org.permithub.hub.gateway;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log of the outside parties' API requests in PostgreSQL ({@code api_audit}; regulator
 * queries and contractors' partner API calls): who asked what, when, with what answer, how many
 * records and, for the partner API, which workers. Entries are written in batches by one thread (at
 * most every 200 ms), so a query never waits for its own audit row; a crash can lose the last
 * 200 ms of entries, and a database outage keeps up to 100 000 entries queued before dropping
 * the oldest with an error in the log.
 */
@Component
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int CAPACITY = 100_000;

    /**
     * One request.
     *
     * @param api the API: the first segment of the path ({@code regulator}, {@code partner})
     * @param contractorId the contractor a partner token acts for
     * @param recordIds the ids of the records the request named, read or changed (workers); may be null
     */
    public record Entry(Instant at, String api, String subject, String role, String jurisdiction, String contractorId,
            String method, String path, String query, int status, Integer recordCount, List<String> recordIds,
            long durationMs) {}

    private final JdbcTemplate jdbc;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean running = true;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writer = new Thread(this::run, "api-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    public void record(Entry entry) {
        while (!queue.offer(entry)) {
            Entry dropped = queue.poll();
            LOG.error("audit queue full, dropped the entry of {} {} at {}", dropped == null ? "?" : dropped.subject(),
                    dropped == null ? "?" : dropped.path(), dropped == null ? "?" : dropped.at());
        }
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 999);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // database away: put them back and try again shortly
                LOG.warn("cannot write {} audit entries yet: {}", batch.size(), e.toString());
                batch.forEach(this::record);
                batch.clear();
                sleepQuietly();
            }
        }
    }

    private void write(List<Entry> batch) {
        jdbc.batchUpdate("""
                insert into api_audit (at, api, subject, role, jurisdiction, contractor_id, method, path, query, status,
                                       record_count, record_ids, duration_ms)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size(), (ps, e) -> {
                    ps.setTimestamp(1, Timestamp.from(e.at()));
                    ps.setString(2, e.api());
                    ps.setString(3, e.subject());
                    ps.setString(4, e.role());
                    ps.setString(5, e.jurisdiction());
                    ps.setString(6, e.contractorId());
                    ps.setString(7, e.method());
                    ps.setString(8, e.path());
                    ps.setString(9, e.query());
                    ps.setInt(10, e.status());
                    ps.setObject(11, e.recordCount());
                    ps.setArray(12, e.recordIds() == null ? null
                            : ps.getConnection().createArrayOf("text", e.recordIds().toArray()));
                    ps.setLong(13, e.durationMs());
                });
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void flush() throws InterruptedException {
        running = false;
        writer.join(5000);
    }
}
