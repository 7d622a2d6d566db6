package org.permithub.core.permit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.isolation.IsolationState;
import org.permithub.core.profile.SiteRuleProfile;
import org.permithub.core.simops.SiteOperationsIndex;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.SiteZone;
import org.permithub.core.site.WindReading;

/**
 * A complete {@link DecisionContext} held in memory, for tests and the hub's standalone mode.
 * Thread-safe; the {@code put…} methods may be called at any time. Views made with {@link #at}
 * share all data and differ only in their clock.
 *
 * <p>It is the whole store of its permits: {@link #record(Permit)} keeps each accepted permit for
 * parent look-ups and in its site's SIMOPS index, so a site with no recorded permits has an empty
 * (known) index rather than an unknown one.
 */
public final class InMemoryDecisionContext implements DecisionContext {

    private static final class Store {
        final Map<String, SiteCalendar> calendars = new ConcurrentHashMap<>();
        final Map<String, SiteZone> zones = new ConcurrentHashMap<>();
        final Map<String, WindReading> wind = new ConcurrentHashMap<>();
        final Map<String, SiteRuleProfile> profiles = new ConcurrentHashMap<>();
        final Map<String, Set<ApproverRole>> approverRoles = new ConcurrentHashMap<>();
        final Map<String, List<Certificate>> certificates = new ConcurrentHashMap<>();
        final Map<String, GuardianTraining> guardianTraining = new ConcurrentHashMap<>();
        final Map<String, org.permithub.core.credential.InsuranceCover> insurance = new ConcurrentHashMap<>();
        final Map<String, IsolationState> isolation = new ConcurrentHashMap<>();
        final Map<String, Permit> permits = new ConcurrentHashMap<>();
        final Map<String, SiteOperationsIndex> siteOperations = new ConcurrentHashMap<>();
    }

    private final Store store;
    private final Supplier<Instant> clock;

    private InMemoryDecisionContext(Store store, Supplier<Instant> clock) {
        this.store = store;
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A view of the same data whose clock stands at {@code instant}. */
    public InMemoryDecisionContext at(Instant instant) {
        return new InMemoryDecisionContext(store, () -> instant);
    }

    /** Keeps a permit an accepted decision returned: for look-ups and in its site's SIMOPS index. */
    public void record(Permit permit) {
        store.permits.put(permit.permitNo(), permit);
        siteIndex(permit.application().siteId()).track(permit);
    }

    public void putCalendar(String siteId, SiteCalendar calendar) {
        store.calendars.put(siteId, calendar);
    }

    public void putZone(String siteId, String zoneId, SiteZone zone) {
        store.zones.put(siteId + "/" + zoneId, zone);
    }

    public void putWind(String siteId, WindReading reading) {
        store.wind.put(siteId, reading);
    }

    public void putProfile(SiteRuleProfile profile) {
        store.profiles.put(profile.siteId(), profile);
    }

    public void putApprover(String siteId, String personId, ApproverRole... roles) {
        store.approverRoles.compute(siteId + "/" + personId, (k, old) -> {
            Set<ApproverRole> result = old == null ? EnumSet.noneOf(ApproverRole.class) : EnumSet.copyOf(old);
            result.addAll(List.of(roles));
            return Set.copyOf(result);
        });
    }

    public void putCertificate(Certificate certificate) {
        store.certificates.computeIfAbsent(certificate.holderId(), k -> new CopyOnWriteArrayList<>()).add(certificate);
    }

    /** Replaces every certificate of a person. */
    public void replaceCertificates(String personId, List<Certificate> certificates) {
        store.certificates.put(personId, new CopyOnWriteArrayList<>(certificates));
    }

    /** Tracks a contractor worker's insurance (their START then needs cover on the day). */
    public void putInsuranceCover(org.permithub.core.credential.InsuranceCover cover) {
        store.insurance.put(cover.personId(), cover);
    }

    @Override
    public Optional<org.permithub.core.credential.InsuranceCover> insuranceCover(String personId) {
        return Optional.ofNullable(store.insurance.get(personId));
    }

    public void putGuardianTraining(GuardianTraining training) {
        store.guardianTraining.put(training.personId(), training);
    }

    public void putIsolationState(String permitNo, String pointId, IsolationState state) {
        store.isolation.put(permitNo + "/" + pointId, state);
    }

    @Override
    public Instant now() {
        return clock.get();
    }

    @Override
    public Optional<SiteCalendar> siteCalendar(String siteId) {
        return Optional.ofNullable(store.calendars.get(siteId));
    }

    @Override
    public Optional<SiteZone> zone(String siteId, String zoneId) {
        return Optional.ofNullable(store.zones.get(siteId + "/" + zoneId));
    }

    @Override
    public Optional<WindReading> wind(String siteId) {
        return Optional.ofNullable(store.wind.get(siteId));
    }

    @Override
    public SiteRuleProfile ruleProfile(String siteId) {
        SiteRuleProfile profile = store.profiles.get(siteId);
        return profile != null ? profile : store.profiles.computeIfAbsent(siteId, SiteRuleProfile::gb30871);
    }

    @Override
    public Set<ApproverRole> approverRoles(String siteId, String personId) {
        return store.approverRoles.getOrDefault(siteId + "/" + personId, Set.of());
    }

    @Override
    public List<Certificate> certificates(String personId) {
        List<Certificate> list = store.certificates.get(personId);
        return list == null ? List.of() : new ArrayList<>(list);
    }

    @Override
    public Optional<GuardianTraining> guardianTraining(String personId) {
        return Optional.ofNullable(store.guardianTraining.get(personId));
    }

    @Override
    public IsolationState isolationState(String permitNo, String pointId) {
        return store.isolation.getOrDefault(permitNo + "/" + pointId, IsolationState.UNKNOWN);
    }

    @Override
    public Optional<Permit> permit(String permitNo) {
        return Optional.ofNullable(store.permits.get(permitNo));
    }

    @Override
    public Optional<SiteOperationsIndex> siteOperations(String siteId) {
        return Optional.of(siteIndex(siteId));
    }

    private SiteOperationsIndex siteIndex(String siteId) {
        return store.siteOperations.computeIfAbsent(siteId, k -> new SiteOperationsIndex());
    }

    /** Builds an {@link InMemoryDecisionContext}; the clock defaults to the system UTC clock. */
    public static final class Builder {
        private final Store store = new Store();
        private Supplier<Instant> clock = Clock.systemUTC()::instant;

        public Builder clock(Clock value) { this.clock = value::instant; return this; }
        public Builder now(Instant value) { this.clock = () -> value; return this; }
        public Builder calendar(String siteId, SiteCalendar calendar) { store.calendars.put(siteId, calendar); return this; }
        public Builder zone(String siteId, String zoneId, SiteZone zone) { store.zones.put(siteId + "/" + zoneId, zone); return this; }
        public Builder wind(String siteId, WindReading reading) { store.wind.put(siteId, reading); return this; }
        public Builder profile(SiteRuleProfile profile) { store.profiles.put(profile.siteId(), profile); return this; }

        public Builder approver(String siteId, String personId, ApproverRole... roles) {
            InMemoryDecisionContext view = new InMemoryDecisionContext(store, clock);
            view.putApprover(siteId, personId, roles);
            return this;
        }

        public Builder certificate(Certificate certificate) {
            store.certificates.computeIfAbsent(certificate.holderId(), k -> new CopyOnWriteArrayList<>()).add(certificate);
            return this;
        }

        public Builder guardianTraining(GuardianTraining training) {
            store.guardianTraining.put(training.personId(), training);
            return this;
        }

        public Builder isolationState(String permitNo, String pointId, IsolationState state) {
            store.isolation.put(permitNo + "/" + pointId, state);
            return this;
        }

        /** A permit that exists already (e.g. the hot-work permit temporary power serves). */
        public Builder permit(Permit permit) {
            new InMemoryDecisionContext(store, clock).record(permit);
            return this;
        }

        public InMemoryDecisionContext build() {
            return new InMemoryDecisionContext(store, clock);
        }
    }
}
