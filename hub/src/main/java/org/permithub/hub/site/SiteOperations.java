package org.permithub.hub.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.permithub.core.permit.Permit;
import org.permithub.core.simops.SiteOperationsIndex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SIMOPS index of each site's open permits (GB 30871-2022 §5.2, §7.6), kept in memory so a
 * check costs microseconds, loaded from PostgreSQL on first use and updated after every commit.
 *
 * <p>Two locks per site: the index itself is read under a read lock and changed under a write
 * lock; and the actions that check SIMOPS (APPLY, START, RESUME) hold the site's check lock from
 * their decision until the index has their (not yet committed) result, so two conflicting permits
 * submitted at the same moment cannot both pass; a result whose transaction then rolls back is
 * taken out again ({@link #resync}). The index is per hub instance: run one intake instance per site,
 * or a conflict between permits taken by two instances within the same moment can pass.
 */
@Component
public class SiteOperations {

    private record Site(SiteOperationsIndex index, ReentrantReadWriteLock indexLock, ReentrantLock checkLock) {}

    private final ConcurrentHashMap<String, Site> sites = new ConcurrentHashMap<>();
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public SiteOperations(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** The site's index; only read it inside {@link #reading}. */
    public SiteOperationsIndex index(String siteId) {
        return site(siteId).index();
    }

    /** Runs a decision that may read the site's index. */
    public <T> T reading(String siteId, Supplier<T> decision) {
        var lock = site(siteId).indexLock().readLock();
        lock.lock();
        try {
            return decision.get();
        } finally {
            lock.unlock();
        }
    }

    /** Records a committed permit state in its site's index (a closed permit leaves it). */
    public void track(Permit permit) {
        Site site = site(permit.application().siteId());
        var lock = site.indexLock().writeLock();
        lock.lock();
        try {
            site.index().track(permit);
        } finally {
            lock.unlock();
        }
    }

    /** Sets a permit's entry back to its committed state (after a rolled-back transaction). */
    public void resync(String siteId, String permitNo) {
        var committed = jdbc.queryForList("select snapshot::text from permits where permit_no = ?", String.class, permitNo);
        Site site = site(siteId);
        var lock = site.indexLock().writeLock();
        lock.lock();
        try {
            if (committed.isEmpty()) {
                site.index().remove(permitNo);
            } else {
                site.index().track(mapper.readValue(committed.get(0), Permit.class));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored permit snapshot is unreadable", e);
        } finally {
            lock.unlock();
        }
    }

    /** The lock SIMOPS-checking actions hold from their decision until the index has their result. */
    public ReentrantLock checkLock(String siteId) {
        return site(siteId).checkLock();
    }

    private Site site(String siteId) {
        return sites.computeIfAbsent(siteId, this::load);
    }

    private Site load(String siteId) {
        SiteOperationsIndex index = new SiteOperationsIndex();
        jdbc.query("""
                select snapshot::text from permits
                 where site_id = ? and state not in ('COMPLETED', 'ARCHIVED', 'CANCELLED', 'EXPIRED')""",
                rs -> {
                    try {
                        index.track(mapper.readValue(rs.getString(1), Permit.class));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("stored permit snapshot is unreadable", e);
                    }
                }, siteId);
        return new Site(index, new ReentrantReadWriteLock(), new ReentrantLock());
    }
}
