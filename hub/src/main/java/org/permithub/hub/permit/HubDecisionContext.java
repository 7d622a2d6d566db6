package org.permithub.hub.permit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.isolation.IsolationState;
import org.permithub.core.permit.DecisionContext;
import org.permithub.core.permit.Permit;
import org.permithub.core.profile.SiteRuleProfile;
import org.permithub.core.simops.SiteOperationsIndex;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.SiteZone;
import org.permithub.core.site.WindReading;
import org.permithub.hub.mes.IsolationStore;
import org.permithub.hub.site.ReferenceDataStore;
import org.permithub.hub.site.SiteOperations;

/**
 * What the hub tells the permit rules, read from PostgreSQL for one decision. Whatever the hub
 * does not know stays unknown, and the rules treat unknown as failing.
 */
final class HubDecisionContext implements DecisionContext {

    private final Instant now;
    private final ReferenceDataStore reference;
    private final PermitStore permits;
    private final SiteOperations operations;
    private final IsolationStore isolation;

    HubDecisionContext(Instant now, ReferenceDataStore reference, PermitStore permits, SiteOperations operations,
            IsolationStore isolation) {
        this.now = now;
        this.reference = reference;
        this.permits = permits;
        this.operations = operations;
        this.isolation = isolation;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Optional<SiteCalendar> siteCalendar(String siteId) {
        return reference.calendar(siteId);
    }

    @Override
    public Optional<SiteZone> zone(String siteId, String zoneId) {
        return reference.zone(siteId, zoneId);
    }

    @Override
    public Optional<WindReading> wind(String siteId) {
        return reference.wind(siteId);
    }

    @Override
    public SiteRuleProfile ruleProfile(String siteId) {
        return reference.profile(siteId);
    }

    @Override
    public Set<ApproverRole> approverRoles(String siteId, String personId) {
        return reference.approverRoles(siteId, personId);
    }

    @Override
    public List<Certificate> certificates(String personId) {
        return reference.certificates(personId);
    }

    /** Contractor workers' cover from the credential registry (social-insurance check); others are not tracked. */
    @Override
    public Optional<org.permithub.core.credential.InsuranceCover> insuranceCover(String personId) {
        return reference.insuranceCover(personId);
    }

    @Override
    public Optional<GuardianTraining> guardianTraining(String personId) {
        return reference.guardianTraining(personId);
    }

    /**
     * The live state MES reported (VERIFIED = in place, any other state = not); a point MES has not
     * reported is UNKNOWN and the permit's own confirmations decide (GB 30871-2022 §4.2b).
     */
    @Override
    public IsolationState isolationState(String permitNo, String pointId) {
        return isolation.ruleState(permitNo, pointId);
    }

    @Override
    public Optional<Permit> permit(String permitNo) {
        return permits.find(permitNo).map(PermitStore.StoredPermit::permit);
    }

    @Override
    public Optional<SiteOperationsIndex> siteOperations(String siteId) {
        return Optional.of(operations.index(siteId));
    }
}
