package org.permithub.core.credential;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.permithub.core.permit.Violation;
import org.permithub.core.permit.Warning;

/** Checks certificates and guardian training at one date. */
public final class CredentialCheck {

    /** Problems of one certificate (or of a worker who has none). */
    public record Outcome(List<Violation> violations, List<Warning> warnings) {
        public Outcome {
            violations = List.copyOf(violations);
            warnings = List.copyOf(warnings);
        }

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private CredentialCheck() {}

    /**
     * Whether {@code workerId} may work today under a certificate of {@code category}. Passes when any
     * one of their certificates of that category is valid; otherwise reports the problems of the most
     * recently issued one. No certificate known → CERTIFICATE_MISSING.
     */
    public static Outcome worker(String workerId, CertificateCategory category, List<Certificate> certificates,
                                 LocalDate today, CredentialLimits limits) {
        List<Certificate> ofCategory = certificates.stream()
                .filter(c -> c.category() == category && workerId.equals(c.holderId()))
                .sorted(Comparator.comparing(Certificate::issuedOn).reversed())
                .toList();
        if (ofCategory.isEmpty()) {
            // GB 30871-2022 §4.9: special-work operators hold the certificate of their trade
            return new Outcome(List.of(new Violation("CERTIFICATE_MISSING", "GB30871-2022 §4.9",
                    "worker " + workerId + " has no known " + category + " certificate")), List.of());
        }
        Outcome first = null;
        for (Certificate certificate : ofCategory) {
            Outcome outcome = certificate(certificate, today, limits);
            if (outcome.valid()) {
                return outcome;
            }
            if (first == null) {
                first = outcome;
            }
        }
        return first;
    }

    public static Outcome certificate(Certificate c, LocalDate today, CredentialLimits limits) {
        List<Violation> violations = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        String who = "worker " + c.holderId() + " certificate " + c.number() + " (" + c.category() + ")";
        boolean order30 = c.category().regime() == CertificateRegime.SPECIAL_WORK_ORDER_30;

        if (c.revoked()) {
            // Order 30 Art. 30, 31: revoked or cancelled certificates are void
            violations.add(new Violation("CERTIFICATE_REVOKED", "SAWS Order No.30 Art.30", who + " is revoked"));
        }
        if (c.issuedOn().isAfter(today)) {
            violations.add(new Violation("CERTIFICATE_NOT_YET_VALID", "GB30871-2022 §4.9",
                    who + " is only valid from " + c.issuedOn()));
        }
        Optional<LocalDate> expiresOn = Optional.ofNullable(c.expiresOn())
                .or(() -> order30 ? Optional.of(c.issuedOn().plus(limits.validity()).minusDays(1)) : Optional.empty());
        if (expiresOn.isEmpty()) {
            violations.add(new Violation("CERTIFICATE_EXPIRY_UNKNOWN", "GB30871-2022 §4.9",
                    who + " has no known expiry date"));
        } else if (today.isAfter(expiresOn.get())) {
            // Order 30 Art. 19: valid 6 years
            violations.add(new Violation("CERTIFICATE_EXPIRED", "SAWS Order No.30 Art.19",
                    who + " expired on " + expiresOn.get()));
        }
        if (order30) {
            LocalDate reviewBase = c.lastReviewedOn() != null ? c.lastReviewedOn() : c.issuedOn();
            LocalDate reviewDue = reviewBase.plus(c.reviewIntervalExtended()
                    ? limits.extendedReviewInterval() : limits.reviewInterval());
            if (today.isAfter(reviewDue)) {
                // Order 30 Art. 21, 26: review every 3 years; a missed review voids the certificate
                violations.add(new Violation("CERTIFICATE_REVIEW_OVERDUE", "SAWS Order No.30 Art.21",
                        who + " review was due on " + reviewDue));
            } else if (!today.isBefore(reviewDue.minusDays(limits.reviewWarningDays()))) {
                // Order 30 Art. 22: apply for review within 60 days before it falls due
                warnings.add(new Warning("CERTIFICATE_REVIEW_DUE_SOON", "SAWS Order No.30 Art.22",
                        who + " review falls due on " + reviewDue, null));
            }
            LocalDate lastPractice = latest(c.issuedOn(), c.lastWorkedOn(), c.practicalReexamPassedOn());
            if (!today.isBefore(lastPractice.plus(limits.offJobLimit()))) {
                // Order 30 Art. 32: ≥ 6 months off the job needs a practical re-exam before working again
                violations.add(new Violation("CERTIFICATE_HOLDER_OFF_JOB", "SAWS Order No.30 Art.32",
                        who + ": no work or re-exam since " + lastPractice + " (" + limits.offJobLimit()
                                + " or more off the job)"));
            }
        }
        return new Outcome(violations, warnings);
    }

    /** The guardian's training on {@code today} (GB 30871-2022 §4.10). */
    public static List<Violation> guardian(String guardianId, Optional<GuardianTraining> training, LocalDate today) {
        if (training.isEmpty()) {
            return List.of(new Violation("GUARDIAN_TRAINING_MISSING", "GB30871-2022 §4.10",
                    "no guardian training known for " + guardianId));
        }
        if (!training.get().validOn(today)) {
            return List.of(new Violation("GUARDIAN_TRAINING_EXPIRED", "GB30871-2022 §4.10",
                    "guardian " + guardianId + " training " + training.get().certificateNo() + " is valid "
                            + training.get().issuedOn() + ".." + training.get().validUntil()));
        }
        return List.of();
    }

    /**
     * A contractor worker's work-injury insurance on {@code today}. Empty means the hub does not track
     * insurance for this person (the enterprise's own employees, insured through its payroll); a
     * tracked worker must be insured on the day (《安全生产法》(2021) Art. 51, 《工伤保险条例》 Art. 2:
     * every employer insures its workers against work injury; the host enterprise checks contractors'
     * workers before they work on site).
     */
    public static List<Violation> insurance(String workerId, Optional<InsuranceCover> cover, LocalDate today) {
        if (cover.isEmpty()) {
            return List.of();
        }
        InsuranceCover c = cover.get();
        switch (c.status()) {
            case UNVERIFIED:
                return List.of(new Violation("INSURANCE_UNVERIFIED", "Work Safety Law 2021 Art.51",
                        "worker " + workerId + ": the social-insurance check has not confirmed cover yet"));
            case NOT_INSURED:
                return List.of(new Violation("INSURANCE_NOT_COVERED", "Work Safety Law 2021 Art.51",
                        "worker " + workerId + " has no work-injury insurance"));
            default:
                if (!c.covers(today)) {
                    return List.of(new Violation("INSURANCE_NOT_COVERED", "Work Safety Law 2021 Art.51",
                            "worker " + workerId + " is insured " + (c.coveredFrom() == null ? "" : c.coveredFrom())
                                    + ".." + (c.coveredUntil() == null ? "" : c.coveredUntil()) + ", not on " + today));
                }
                return List.of();
        }
    }

    private static LocalDate latest(LocalDate first, LocalDate... others) {
        LocalDate result = first;
        for (LocalDate d : others) {
            if (d != null && d.isAfter(result)) {
                result = d;
            }
        }
        return result;
    }
}
