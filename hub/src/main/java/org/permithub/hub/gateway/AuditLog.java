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
 * The audit log of regulator queries in PostgreSQL ({@code regulator_audit}): who asked what,
 * when, with what answer and how many records. Entries are written in batches by one thread (at
 * most every 200 ms), so a query never waits for its own audit row; a crash can lose the last
 * 200 ms of entries, and a database outage keeps up to 100 000 entries queued before dropping
 * the oldest with an error in the log.
 */
@Component
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int CAPACITY = 100_000;

    /** One regulator query. */
    public record Entry(Instant at, String subject, String role, String jurisdiction, String method, String path,
            String query, int status, Integer recordCount, long durationMs) {}

    private final JdbcTemplate jdbc;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean running = true;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writer = new Thread(this::run, "regulator-audit-writer");
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
                insert into regulator_audit (at, subject, role, jurisdiction, method, path, query, status, record_count,
                                             duration_ms)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size(), (ps, e) -> {
                    ps.setTimestamp(1, Timestamp.from(e.at()));
                    ps.setString(2, e.subject());
                    ps.setString(3, e.role());
                    ps.setString(4, e.jurisdiction());
                    ps.setString(5, e.method());
                    ps.setString(6, e.path());
                    ps.setString(7, e.query());
                    ps.setInt(8, e.status());
                    ps.setObject(9, e.recordCount());
                    ps.setLong(10, e.durationMs());
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
