package org.permithub.core.permit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * What the rules may know beyond the permit itself. The hub supplies the real one;
 * {@link InMemoryDecisionContext} is a complete one for tests and the standalone mode.
 *
 * <p>Every default answers "unknown", and every rule treats unknown as failing: with only
 * {@link #now()} implemented, APPLY of a hot-work permit is refused (no calendar, zone, wind or
 * SIMOPS state) and START is refused (no certificates, no guardian training …). Nothing passes
 * because data is missing. The one exception is {@link #ruleProfile}, whose default is the
 * national GB 30871 rules themselves.
 */
public interface DecisionContext {

    /** The instant the decision is made at; every time rule is judged at this instant. */
    Instant now();

    /** The site's calendar and time zone (night, rest days, holidays; §5.1.1). Unknown → refused. */
    default Optional<SiteCalendar> siteCalendar(String siteId) {
        return Optional.empty();
    }

    /** The geometry of a zone of a site (§4.11a on-site approval). Unknown → refused. */
    default Optional<SiteZone> zone(String siteId, String zoneId) {
        return Optional.empty();
    }

    /** The newest wind reading at the site (§5.2.15, §8.2.6, §9.2.4). Unknown or stale → refused for outdoor work that depends on it. */
    default Optional<WindReading> wind(String siteId) {
        return Optional.empty();
    }

    /** The site's rule profile; the default is GB 30871-2022 unchanged. */
    default SiteRuleProfile ruleProfile(String siteId) {
        return SiteRuleProfile.gb30871(siteId);
    }

    /** The approval roles a person holds at a site (§4.11b). Default none: every approval is refused. */
    default Set<ApproverRole> approverRoles(String siteId, String personId) {
        return Set.of();
    }

    /** Every certificate known for a person (§4.9). Default none: START refused with CERTIFICATE_MISSING. */
    default List<Certificate> certificates(String personId) {
        return List.of();
    }

    /**
     * A contractor worker's work-injury insurance as the social-insurance check reported it. Empty
     * (the default) means insurance is not tracked for this person, e.g. the enterprise's own
     * employees; a tracked worker without cover on the day cannot START or RESUME.
     */
    default Optional<org.permithub.core.credential.InsuranceCover> insuranceCover(String personId) {
        return Optional.empty();
    }

    /** A guardian's training certificate (§4.10). Default none: START refused. */
    default Optional<GuardianTraining> guardianTraining(String personId) {
        return Optional.empty();
    }

    /**
     * The live state of an isolation point from an outside system (MES). UNKNOWN (the default)
     * leaves the decision to the permit's own CONFIRM_ISOLATION actions; NOT_ISOLATED overrides them.
     */
    default IsolationState isolationState(String permitNo, String pointId) {
        return IsolationState.UNKNOWN;
    }

    /** Another permit by number (the hot-work or confined-space permit temporary power serves). Unknown → refused. */
    default Optional<Permit> permit(String permitNo) {
        return Optional.empty();
    }

    /** The site's open permits for the SIMOPS check. Unknown → APPLY and START refused. */
    default Optional<SiteOperationsIndex> siteOperations(String siteId) {
        return Optional.empty();
    }
}
