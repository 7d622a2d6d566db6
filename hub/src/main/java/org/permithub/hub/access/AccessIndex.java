package org.permithub.hub.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.permithub.core.credential.Certificate;
import org.permithub.core.gas.GasLimits;
import org.permithub.core.gas.GasRequirements;
import org.permithub.core.site.GeoPoint;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;
import org.permithub.core.site.SiteCalendar;
import org.permithub.hub.permit.PermitStore;
import org.permithub.hub.site.ReferenceDataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a door decision needs, in memory: open permits by zone (workers, state, who is inside),
 * cards, credential statuses, door devices and confined-space capacities. Decisions never touch
 * the database; the index is kept current from {@code permit.events} and {@code credential.events}
 * (each permit event re-reads that one permit) and rebuilt from the database at start.
 */
@Component
public class AccessIndex {

    private static final Logger LOG = LoggerFactory.getLogger(AccessIndex.class);
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** One open permit as the doors see it. */
    public record PermitEntry(String permitNo, String siteId, String zoneId, PermitState state, long version,
            Set<String> workers, String guardianId, boolean confinedSpace, Set<String> inside, ZoneId siteZone,
            GasRequirements gasRequirements, GasLimits gasLimits) {}

    public record Card(String cardId, String personId, LocalDate validUntil, boolean revoked) {}

    /** The newest {@code credential.events} status of a person (issue 5's format). */
    public record CredentialStatus(String status, LocalDate validUntil, List<String> reasons) {}

    public record Device(String deviceId, String siteId, String zoneId, String kind, Integer maxOccupants,
            String keyHash) {}

    private final PermitStore permits;
    private final ReferenceDataStore reference;
    private final JdbcTemplate jdbc;

    private final Map<String, PermitEntry> byPermit = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> permitsByZone = new ConcurrentHashMap<>();
    private final Map<String, Card> cards = new ConcurrentHashMap<>();
    private final Map<String, CredentialStatus> credentials = new ConcurrentHashMap<>();
    private final Map<String, List<Certificate>> certificates = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();

    public AccessIndex(PermitStore permits, ReferenceDataStore reference, JdbcTemplate jdbc) {
        this.permits = permits;
        this.reference = reference;
        this.jdbc = jdbc;
    }

    static String zoneKey(String siteId, String zoneId) {
        return siteId + "/" + zoneId;
    }

    /**
     * Rebuilds everything from the database. Runs when the application is ready, i.e. after the
     * Kafka routes are subscribed, so an event that arrives meanwhile is not lost: both paths read
     * the permit row and the newer version wins.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void rebuild() {
        long started = System.nanoTime();
        jdbc.query("select device_id, site_id, zone_id, kind, max_occupants, key_hash from site_devices",
                rs -> {
                    putDevice(new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            (Integer) rs.getObject(5), rs.getString(6)));
                });
        jdbc.query("select card_id, person_id, valid_until, revoked from access_cards", rs -> {
            java.sql.Date until = rs.getDate(3);
            putCard(new Card(rs.getString(1), rs.getString(2), until == null ? null : until.toLocalDate(),
                    rs.getBoolean(4)));
        });
        List<String> open = jdbc.queryForList(
                "select permit_no from permits where state not in ('COMPLETED', 'ARCHIVED', 'CANCELLED', 'EXPIRED')",
                String.class);
        open.forEach(this::refresh);
        LOG.info("Access index rebuilt: {} open permits, {} cards, {} devices in {} ms", byPermit.size(), cards.size(),
                devices.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Re-reads one permit (after any of its actions). Closed permits leave the index. */
    public void refresh(String permitNo) {
        permits.find(permitNo).ifPresent(stored -> put(stored.permit()));
    }

    /** Puts a permit's current state; an older version than the one held is ignored. */
    public synchronized void put(Permit permit) {
        var app = permit.application();
        PermitEntry existing = byPermit.get(permit.permitNo());
        if (existing != null && existing.version() > permit.version()) {
            return;
        }
        String zoneId = app.location() == null ? null : app.location().zoneId();
        String key = zoneKey(app.siteId(), zoneId);
        if (permit.state().isClosed()) {
            byPermit.remove(permit.permitNo());
            Set<String> inZone = permitsByZone.get(key);
            if (inZone != null) {
                inZone.remove(permit.permitNo());
            }
            return;
        }
        for (String worker : app.workers()) {
            certificates.put(worker, reference.certificates(worker));
        }
        ZoneId siteZone = reference.calendar(app.siteId()).map(SiteCalendar::zone).orElse(DEFAULT_ZONE);
        byPermit.put(permit.permitNo(), new PermitEntry(permit.permitNo(), app.siteId(), zoneId, permit.state(),
                permit.version(), Set.copyOf(app.workers()), app.guardianId(), confinedSpace(permit),
                Set.copyOf(permit.occupancy().people()), siteZone, monitoringRequirements(permit),
                reference.profile(app.siteId()).limits().gas()));
        permitsByZone.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(permit.permitNo());
    }

    /** GB 30871-2022 §6 (and §11.10: excavation deeper than 1.2 m in a hazardous area counts as confined space). */
    static boolean confinedSpace(Permit permit) {
        var app = permit.application();
        var details = app.details();
        return app.workType() == WorkType.CONFINED_SPACE
                || (app.workType() == WorkType.EXCAVATION && details.inHazardousArea()
                        && details.excavationDepthM() != null && details.excavationDepthM() > 1.2);
    }

    /**
     * What a fixed detector's reading is judged against for this permit: the O₂ range where
     * confined-space rules apply (GB 30871-2022 §6.4a, also hot work inside a space), the enriched
     * bound, combustible and toxic limits always (§5.3.2, §6.4b). A single reading need not cover
     * every gas, so nothing is "required" here.
     */
    static GasRequirements monitoringRequirements(Permit permit) {
        var app = permit.application();
        boolean oxygenRange = confinedSpace(permit)
                || (app.workType() == WorkType.HOT_WORK && app.details().confinedSpaceId() != null);
        GeoPoint point = app.location() == null ? new GeoPoint(0, 0)
                : new GeoPoint(app.location().lat(), app.location().lon());
        return new GasRequirements(false, false, oxygenRange, app.details().oxygenEnriched(), Set.of(), point,
                "GB30871-2022 §5.3.1d");
    }

    public void putCard(Card card) {
        cards.put(card.cardId(), card);
    }

    public void putDevice(Device device) {
        devices.put(device.deviceId(), device);
    }

    public void putCredential(String personId, CredentialStatus status) {
        credentials.put(personId, status);
    }

    /** Certificates changed through the admin API: forget the cached copy. */
    public void forgetCertificates(String personId) {
        certificates.remove(personId);
    }

    public Optional<Card> card(String cardId) {
        return Optional.ofNullable(cards.get(cardId));
    }

    public Optional<Device> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    public Optional<PermitEntry> permit(String permitNo) {
        return Optional.ofNullable(byPermit.get(permitNo));
    }

    public Optional<CredentialStatus> credential(String personId) {
        return Optional.ofNullable(credentials.get(personId));
    }

    public List<Certificate> certificatesOf(String personId) {
        return certificates.getOrDefault(personId, List.of());
    }

    /** Open permits of a zone. */
    public List<PermitEntry> permitsIn(String siteId, String zoneId) {
        Set<String> numbers = permitsByZone.get(zoneKey(siteId, zoneId));
        if (numbers == null) {
            return List.of();
        }
        List<PermitEntry> result = new ArrayList<>(numbers.size());
        for (String no : numbers) {
            PermitEntry entry = byPermit.get(no);
            if (entry != null) {
                result.add(entry);
            }
        }
        return result;
    }

    /** Devices of one kind in a zone. */
    public List<Device> devicesIn(String siteId, String zoneId, String kind) {
        List<Device> result = new ArrayList<>();
        for (Device d : devices.values()) {
            if (d.kind().equals(kind) && d.siteId().equals(siteId) && d.zoneId().equals(zoneId)) {
                result.add(d);
            }
        }
        return result;
    }

    /** The smallest capacity any door of the zone declares; null when none does. */
    public Integer capacityOf(String siteId, String zoneId) {
        Integer min = null;
        for (Device d : devicesIn(siteId, zoneId, "DOOR")) {
            if (d.maxOccupants() != null && (min == null || d.maxOccupants() < min)) {
                min = d.maxOccupants();
            }
        }
        return min;
    }

    /** For the restart test: the open permits held now. */
    public Collection<PermitEntry> openPermits() {
        return List.copyOf(byPermit.values());
    }

    static LocalDate dateAt(Instant at, ZoneId zone) {
        return at.atZone(zone == null ? ZoneOffset.UTC : zone).toLocalDate();
    }
}
