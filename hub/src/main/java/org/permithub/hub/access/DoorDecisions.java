package org.permithub.hub.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.permithub.core.credential.Certificate;
import org.permithub.core.permit.PermitState;
import org.springframework.stereotype.Component;

/**
 * "无有效许可不得进入作业区域": a door opens inward only for a worker named on an ACTIVE permit for
 * that zone, with valid credentials, and (confined space) while the space has room
 * (GB 30871-2022 §4.10, §6.8c). Answered from {@link AccessIndex} alone.
 */
@Component
public class DoorDecisions {

    /** Why a door opened or stayed shut; stable codes for controllers and the alert feed. */
    public enum Reason {
        ALLOWED,
        /** Leaving is never refused: nobody is locked inside a work area. */
        EXIT_ALLOWED,
        UNKNOWN_CARD,
        CARD_REVOKED,
        CARD_EXPIRED,
        DOOR_NOT_FOR_ZONE,
        NO_PERMIT_FOR_ZONE,
        NOT_NAMED_ON_PERMIT,
        PERMIT_SUSPENDED,
        PERMIT_NOT_ACTIVE,
        CREDENTIAL_INVALID,
        CREDENTIAL_PENDING,
        CREDENTIAL_EXPIRED,
        ALREADY_INSIDE,
        HEADCOUNT_FULL
    }

    public record Request(String cardId, String workerId, String siteId, String zoneId, String direction,
            Instant at) {}

    public record Decision(boolean allow, Reason reasonCode, String permitNo, String personId) {
        static Decision deny(Reason reason, String permitNo, String personId) {
            return new Decision(false, reason, permitNo, personId);
        }
    }

    private final AccessIndex index;

    public DoorDecisions(AccessIndex index) {
        this.index = index;
    }

    public Decision decide(Request request) {
        String person = request.workerId();
        var card = request.cardId() == null ? java.util.Optional.<AccessIndex.Card>empty() : index.card(request.cardId());
        if (card.isPresent()) {
            person = card.get().personId();
        }
        List<AccessIndex.PermitEntry> inZone = index.permitsIn(request.siteId(), request.zoneId());
        if ("OUT".equals(request.direction())) {
            // leaving is never refused, whatever the card: nobody is locked inside a work area
            String who = person;
            String permitNo = inZone.stream().filter(p -> who != null && p.inside().contains(who))
                    .map(AccessIndex.PermitEntry::permitNo).findFirst().orElse(null);
            return new Decision(true, Reason.EXIT_ALLOWED, permitNo, person);
        }
        if (request.cardId() != null) {
            if (card.isEmpty()) {
                return Decision.deny(Reason.UNKNOWN_CARD, null, null);
            }
            if (card.get().revoked()) {
                return Decision.deny(Reason.CARD_REVOKED, null, person);
            }
            LocalDate until = card.get().validUntil();
            if (until != null && AccessIndex.dateAt(request.at(), null).isAfter(until)) {
                return Decision.deny(Reason.CARD_EXPIRED, null, person);
            }
        }
        if (inZone.isEmpty()) {
            return Decision.deny(Reason.NO_PERMIT_FOR_ZONE, null, person);
        }
        AccessIndex.PermitEntry named = null;
        AccessIndex.PermitEntry active = null;
        for (AccessIndex.PermitEntry entry : inZone) {
            if (entry.workers().contains(person)) {
                named = named == null || entry.state() == PermitState.SUSPENDED ? entry : named;
                if (entry.state() == PermitState.ACTIVE) {
                    active = entry;
                }
            }
        }
        if (named == null) {
            return Decision.deny(Reason.NOT_NAMED_ON_PERMIT, null, person);
        }
        if (active == null) {
            return Decision.deny(named.state() == PermitState.SUSPENDED ? Reason.PERMIT_SUSPENDED
                    : Reason.PERMIT_NOT_ACTIVE, named.permitNo(), person);
        }
        Reason credential = credentialProblem(person, AccessIndex.dateAt(request.at(), active.siteZone()));
        if (credential != null) {
            return Decision.deny(credential, active.permitNo(), person);
        }
        if (active.confinedSpace()) {
            // GB 30871-2022 §6.8c: people inside are counted; the space holds no more than its doors allow
            if (active.inside().contains(person)) {
                return Decision.deny(Reason.ALREADY_INSIDE, active.permitNo(), person);
            }
            Integer capacity = index.capacityOf(request.siteId(), request.zoneId());
            if (capacity != null && occupants(inZone) >= capacity) {
                return Decision.deny(Reason.HEADCOUNT_FULL, active.permitNo(), person);
            }
        }
        return new Decision(true, Reason.ALLOWED, active.permitNo(), person);
    }

    private static int occupants(List<AccessIndex.PermitEntry> inZone) {
        int count = 0;
        for (AccessIndex.PermitEntry entry : inZone) {
            count += entry.inside().size();
        }
        return count;
    }

    /**
     * The credential service's newest word (issue 5's {@code credential.events}) decides. Without one,
     * the certificates the START check used must still be in force today: at least one neither
     * revoked nor past its expiry (issue date + 6 years when none is given, Order 30 Art. 19).
     */
    private Reason credentialProblem(String person, LocalDate today) {
        var status = index.credential(person);
        if (status.isPresent()) {
            switch (status.get().status()) {
                case "INVALID":
                    return Reason.CREDENTIAL_INVALID;
                case "PENDING":
                    return Reason.CREDENTIAL_PENDING;
                default:
                    LocalDate until = status.get().validUntil();
                    return until != null && today.isAfter(until) ? Reason.CREDENTIAL_EXPIRED : null;
            }
        }
        List<Certificate> held = index.certificatesOf(person);
        if (held.isEmpty()) {
            return null;
        }
        for (Certificate c : held) {
            LocalDate expires = c.expiresOn() != null ? c.expiresOn() : c.issuedOn().plusYears(6);
            if (!c.revoked() && !today.isAfter(expires)) {
                return null;
            }
        }
        return Reason.CREDENTIAL_EXPIRED;
    }
}
