package org.permithub.core.simops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.permithub.core.permit.Permit;
import org.permithub.core.site.GeoPoint;

/**
 * The open permits of one site, indexed for the SIMOPS check: a uniform grid over a local planar
 * projection (cells of {@code cellSizeM}) for distance queries, and hash maps for the shared
 * confined space, pipe, dike and zone. Meant for a site up to some tens of kilometres across.
 *
 * <p>The hub keeps one per site and calls {@link #track(Permit)} with every permit an accepted
 * decision returns. Safe for concurrent readers and writers.
 */
public final class SiteOperationsIndex {

    /**
     * Just above the largest GB 30871 SIMOPS distance (30 m) with the search padding, so that a
     * 30 m query touches 3 × 3 cells.
     */
    public static final double DEFAULT_CELL_SIZE_M = 32;

    private record Entry(SimopsOperation operation, long cell) {}

    private final double cellSizeM;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Entry> byPermit = new HashMap<>();
    private final Map<Long, List<Entry>> cells = new HashMap<>();
    private final Map<String, List<Entry>> byConfinedSpace = new HashMap<>();
    private final Map<String, List<Entry>> byPipe = new HashMap<>();
    private final Map<String, List<Entry>> byDike = new HashMap<>();
    private final Map<String, List<Entry>> byZone = new HashMap<>();
    private GeoPoint origin;
    private double metresPerDegreeLon;

    public SiteOperationsIndex() {
        this(DEFAULT_CELL_SIZE_M);
    }

    public SiteOperationsIndex(double cellSizeM) {
        if (!(cellSizeM > 0)) {
            throw new IllegalArgumentException("cell size must be positive");
        }
        this.cellSizeM = cellSizeM;
    }

    /** Adds or replaces a permit; a closed one is removed. */
    public void track(Permit permit) {
        if (permit.state().isClosed()) {
            remove(permit.permitNo());
        } else {
            upsert(SimopsOperation.of(permit));
        }
    }

    public void upsert(SimopsOperation operation) {
        lock.writeLock().lock();
        try {
            removeLocked(operation.permitNo());
            if (origin == null) {
                origin = operation.point();
                metresPerDegreeLon = metresPerDegreeLat() * Math.cos(Math.toRadians(origin.lat()));
            }
            Entry entry = new Entry(operation, cellOf(operation.point()));
            byPermit.put(operation.permitNo(), entry);
            cells.computeIfAbsent(entry.cell(), k -> new ArrayList<>()).add(entry);
            addKeyed(byConfinedSpace, operation.confinedSpaceId(), entry);
            addKeyed(byPipe, operation.pipeId(), entry);
            addKeyed(byDike, operation.dikeId(), entry);
            addKeyed(byZone, operation.zoneId(), entry);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean remove(String permitNo) {
        lock.writeLock().lock();
        try {
            return removeLocked(permitNo);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return byPermit.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every operation whose work point lies within {@code radiusM} (great-circle) of {@code point}. */
    public List<SimopsOperation> within(GeoPoint point, double radiusM) {
        List<SimopsOperation> result = new ArrayList<>();
        forEachWithin(point, radiusM, result::add);
        return result;
    }

    /** Calls {@code action} for every operation within {@code radiusM} of {@code point}. */
    public void forEachWithin(GeoPoint point, double radiusM, Consumer<SimopsOperation> action) {
        lock.readLock().lock();
        try {
            if (origin == null) {
                return;
            }
            // pad the grid search for the projection's small distortion; the exact test below decides
            double searchM = radiusM * 1.01 + 1;
            int reach = (int) Math.ceil(searchM / cellSizeM);
            double x = projectX(point);
            double y = projectY(point);
            long cx = (long) Math.floor(x / cellSizeM);
            long cy = (long) Math.floor(y / cellSizeM);
            for (long i = cx - reach; i <= cx + reach; i++) {
                for (long j = cy - reach; j <= cy + reach; j++) {
                    List<Entry> cell = cells.get(key(i, j));
                    if (cell == null) {
                        continue;
                    }
                    for (Entry entry : cell) {
                        if (entry.operation().point().distanceMetresTo(point) <= radiusM) {
                            action.accept(entry.operation());
                        }
                    }
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<SimopsOperation> inConfinedSpace(String confinedSpaceId) {
        return keyed(byConfinedSpace, confinedSpaceId);
    }

    public List<SimopsOperation> onPipe(String pipeId) {
        return keyed(byPipe, pipeId);
    }

    public List<SimopsOperation> inDike(String dikeId) {
        return keyed(byDike, dikeId);
    }

    public List<SimopsOperation> inZone(String zoneId) {
        return keyed(byZone, zoneId);
    }

    /** A snapshot of every operation in the index. */
    public Collection<SimopsOperation> all() {
        lock.readLock().lock();
        try {
            return byPermit.values().stream().map(Entry::operation).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Calls {@code action} for every operation sharing the given key of {@code relation} with no copy. */
    public void forEachSharing(SimopsRelation relation, String key, Consumer<SimopsOperation> action) {
        Map<String, List<Entry>> map = switch (relation) {
            case SAME_CONFINED_SPACE -> byConfinedSpace;
            case SAME_PIPE -> byPipe;
            case SAME_DIKE -> byDike;
            case SAME_ZONE -> byZone;
            case WITHIN_DISTANCE -> throw new IllegalArgumentException("use forEachWithin for distances");
        };
        if (key == null) {
            return;
        }
        lock.readLock().lock();
        try {
            List<Entry> entries = map.get(key);
            if (entries != null) {
                for (Entry entry : entries) {
                    action.accept(entry.operation());
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<SimopsOperation> keyed(Map<String, List<Entry>> map, String key) {
        if (key == null) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            List<Entry> entries = map.get(key);
            return entries == null ? List.of() : entries.stream().map(Entry::operation).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private boolean removeLocked(String permitNo) {
        Entry old = byPermit.remove(permitNo);
        if (old == null) {
            return false;
        }
        removeFrom(cells, old.cell(), old);
        SimopsOperation op = old.operation();
        removeKeyed(byConfinedSpace, op.confinedSpaceId(), old);
        removeKeyed(byPipe, op.pipeId(), old);
        removeKeyed(byDike, op.dikeId(), old);
        removeKeyed(byZone, op.zoneId(), old);
        return true;
    }

    private static void addKeyed(Map<String, List<Entry>> map, String key, Entry entry) {
        if (key != null) {
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        }
    }

    private static void removeKeyed(Map<String, List<Entry>> map, String key, Entry entry) {
        if (key != null) {
            removeFrom(map, key, entry);
        }
    }

    private static <K> void removeFrom(Map<K, List<Entry>> map, K key, Entry entry) {
        List<Entry> list = map.get(key);
        if (list != null) {
            list.remove(entry);
            if (list.isEmpty()) {
                map.remove(key);
            }
        }
    }

    private long cellOf(GeoPoint point) {
        return key((long) Math.floor(projectX(point) / cellSizeM), (long) Math.floor(projectY(point) / cellSizeM));
    }

    private double projectX(GeoPoint point) {
        return (point.lon() - origin.lon()) * metresPerDegreeLon;
    }

    private double projectY(GeoPoint point) {
        return (point.lat() - origin.lat()) * metresPerDegreeLat();
    }

    private static double metresPerDegreeLat() {
        return Math.toRadians(1) * GeoPoint.EARTH_RADIUS_M;
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }
}
