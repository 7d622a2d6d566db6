package org.permithub.hub.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.permithub.core.approval.ApproverRole;
import java.time.LocalDate;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.InsuranceCover;
import org.permithub.core.credential.InsuranceStatus;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.profile.SiteRuleProfile;
import org.permithub.core.profile.SiteRuleProfileLoader;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.SiteZone;
import org.permithub.core.site.WindReading;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Sites, zones, wind, profiles, approvers and people's credentials, as the permit rules read them.
 *
 * <p>Every permit decision reads several of these; they change rarely, so reads are cached for a
 * few seconds ({@code permit-hub.reference-data.cache-ttl}, default 5 s), and a change through this
 * store clears this instance's cache at once. Another hub instance sees a change within the TTL.
 */
@Repository
public class ReferenceDataStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Cache<String, Object> cache;

    public ReferenceDataStore(JdbcTemplate jdbc, ObjectMapper mapper,
            @Value("${permit-hub.reference-data.cache-ttl:5s}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(100_000).build();
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> load) {
        return (T) cache.get(key, k -> load.get());
    }

    public Optional<SiteCalendar> calendar(String siteId) {
        return cached("calendar|" + siteId, () -> jdbc.queryForList("select calendar::text from sites where site_id = ?",
                String.class, siteId).stream().findFirst().map(json -> read(json, SiteCalendar.class)));
    }

    public Optional<SiteZone> zone(String siteId, String zoneId) {
        return cached("zone|" + siteId + "|" + zoneId, () -> jdbc.queryForList(
                "select geometry::text from site_zones where site_id = ? and zone_id = ?", String.class,
                siteId, zoneId).stream().findFirst().map(json -> read(json, ZoneGeometry.class).toZone()));
    }

    public Optional<WindReading> wind(String siteId) {
        return jdbc.query("select speed_mps, measured_at from site_wind where site_id = ?",
                (rs, i) -> new WindReading(rs.getDouble(1), rs.getTimestamp(2).toInstant()), siteId).stream().findFirst();
    }

    public SiteRuleProfile profile(String siteId) {
        return cached("profile|" + siteId, () -> jdbc.queryForList("select profile_text from sites where site_id = ? and profile_text is not null",
                        String.class, siteId).stream().findFirst()
                .map(text -> SiteRuleProfileLoader.fromPropertiesText(siteId, siteId, text))
                .orElseGet(() -> SiteRuleProfile.gb30871(siteId)));
    }

    public Set<ApproverRole> approverRoles(String siteId, String personId) {
        return cached("approver|" + siteId + "|" + personId, () -> jdbc.queryForList("select roles::text from site_approvers where site_id = ? and person_id = ?",
                        String.class, siteId, personId).stream().findFirst()
                .map(json -> {
                    List<ApproverRole> roles = read(json, new TypeReference<List<ApproverRole>>() {});
                    return roles.isEmpty() ? Set.<ApproverRole>of() : (Set<ApproverRole>) EnumSet.copyOf(roles);
                })
                .orElse(Set.of()));
    }

    /**
     * A person's certificates: those an admin entered, plus those of the credential registry that the
     * verification service confirmed (AUTHENTIC, with the authority's dates). A registry certificate
     * that is unchecked, unknown to the authority or mismatched never reaches the rules.
     */
    public List<Certificate> certificates(String personId) {
        return cached("certificates|" + personId, () -> {
            List<Certificate> all = new java.util.ArrayList<>(jdbc.queryForList(
                    "select certificate::text from person_certificates where person_id = ? order by number",
                    String.class, personId).stream().map(json -> read(json, Certificate.class)).toList());
            all.addAll(jdbc.query("""
                    select number, category, issued_on, valid_until, review_due_on, revoked, last_worked_on
                      from credential_certificates where worker_id = ? and verification = 'AUTHENTIC' order by number""",
                    (rs, i) -> registryCertificate(personId, rs), personId));
            return List.copyOf(all);
        });
    }

    /**
     * A contractor worker's work-injury cover from the credential registry; empty for people the
     * registry does not know (their insurance is not tracked). While the check has not answered, the
     * cover is UNVERIFIED and START is refused.
     */
    public Optional<InsuranceCover> insuranceCover(String personId) {
        return cached("insurance|" + personId, () -> jdbc.query("""
                select w.status, i.status, i.covered_from, i.covered_until
                  from credential_workers w left join credential_insurance i on i.worker_id = w.worker_id
                 where w.worker_id = ?""", (rs, n) -> {
                    String insurance = rs.getString(2);
                    if (insurance == null || "PENDING".equals(rs.getString(1))) {
                        return InsuranceCover.unverified(personId);
                    }
                    return new InsuranceCover(personId, InsuranceStatus.valueOf(insurance), localDate(rs.getDate(3)),
                            localDate(rs.getDate(4)));
                }, personId).stream().findFirst());
    }

    /** Forgets every cached read (the credential registry calls this after each change). */
    public void invalidateCache() {
        cache.invalidateAll();
    }

    private static Certificate registryCertificate(String personId, java.sql.ResultSet rs) throws java.sql.SQLException {
        return AuthorityCertificates.toRules(rs.getString(1), personId, CertificateCategory.valueOf(rs.getString(2)),
                rs.getDate(3).toLocalDate(), localDate(rs.getDate(4)), localDate(rs.getDate(5)),
                localDate(rs.getDate(7)), rs.getBoolean(6));
    }

    private static LocalDate localDate(java.sql.Date date) {
        return date == null ? null : date.toLocalDate();
    }

    public Optional<GuardianTraining> guardianTraining(String personId) {
        return cached("guardian|" + personId, () -> jdbc.queryForList(
                "select training::text from guardian_trainings where person_id = ?", String.class,
                personId).stream().findFirst().map(json -> read(json, GuardianTraining.class)));
    }

    /** Replaces a site's calendar, profile, zones and approvers. */
    public void putSite(String siteId, String name, SiteCalendar calendar, String profileText, List<ZoneGeometry> zones,
            List<SiteApprover> approvers) {
        jdbc.update("""
                insert into sites (site_id, name, calendar, profile_text) values (?, ?, ?::jsonb, ?)
                on conflict (site_id) do update set name = excluded.name, calendar = excluded.calendar,
                       profile_text = excluded.profile_text, updated_at = now()""",
                siteId, name, write(calendar), profileText);
        cache.invalidateAll();
        jdbc.update("delete from site_zones where site_id = ?", siteId);
        zones.forEach(zone -> jdbc.update("insert into site_zones (site_id, zone_id, geometry) values (?, ?, ?::jsonb)",
                siteId, zone.zoneId(), write(zone)));
        jdbc.update("delete from site_approvers where site_id = ?", siteId);
        approvers.forEach(approver -> jdbc.update(
                "insert into site_approvers (site_id, person_id, roles) values (?, ?, ?::jsonb)",
                siteId, approver.personId(), write(approver.roles())));
    }

    public boolean siteExists(String siteId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from sites where site_id = ?)",
                Boolean.class, siteId));
    }

    public void putWind(String siteId, WindReading reading) {
        jdbc.update("""
                insert into site_wind (site_id, speed_mps, measured_at) values (?, ?, ?)
                on conflict (site_id) do update set speed_mps = excluded.speed_mps, measured_at = excluded.measured_at
                 where site_wind.measured_at <= excluded.measured_at""",
                siteId, reading.speedMps(), Timestamp.from(reading.measuredAt()));
    }

    /** Replaces a person's certificates and, when given, their guardian training. */
    public void putCredentials(String personId, List<Certificate> certificates, GuardianTraining training) {
        cache.invalidateAll();
        jdbc.update("delete from person_certificates where person_id = ?", personId);
        certificates.forEach(certificate -> jdbc.update(
                "insert into person_certificates (person_id, number, certificate) values (?, ?, ?::jsonb)",
                personId, certificate.number(), write(certificate)));
        if (training != null) {
            jdbc.update("""
                    insert into guardian_trainings (person_id, training) values (?, ?::jsonb)
                    on conflict (person_id) do update set training = excluded.training, updated_at = now()""",
                    personId, write(training));
        }
    }

    /** A person who may approve permits at a site, in the given roles. */
    public record SiteApprover(String personId, List<ApproverRole> roles) {}

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored value is unreadable", e);
        }
    }
}
