package org.permithub.hub.credential;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateRegime;
import org.permithub.core.credential.CredentialCheck;
import org.permithub.core.credential.CredentialLimits;
import org.permithub.core.credential.InsuranceStatus;
import org.permithub.core.permit.Violation;
import org.permithub.hub.credential.RegistryWorker.RegistryCertificate;
import org.permithub.hub.credential.RegistryWorker.Verification;

/**
 * A worker's standing on a day, from what the checks confirmed: the same certificate rules the
 * permit START uses (Order 30, via {@link CredentialCheck}), the verification outcomes, the
 * insurance cover, and a warning window (default 30 days) before anything falls due. Reasons name
 * certificates by their masked number only.
 */
final class CredentialEvaluation {

    record Result(CredentialStatus status, LocalDate validUntil, List<String> reasons) {}

    private CredentialEvaluation() {}

    static Result evaluate(RegistryWorker worker, LocalDate today, int warningDays) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        LocalDate validUntil = null;
        CredentialLimits limits = CredentialLimits.order30();
        LocalDate horizon = today.plusDays(warningDays);
        for (RegistryCertificate c : worker.certificates()) {
            if (c.verification() == Verification.PENDING) {
                return new Result(CredentialStatus.PENDING, null, List.of());
            }
            if (c.verification() == Verification.NOT_FOUND) {
                // Order 30 Art. 40: fake certificates; the authority does not know this one
                problems.add("CERTIFICATE_NOT_FOUND " + c.masked() + ": not known to the verification service");
                continue;
            }
            if (c.verification() == Verification.MISMATCH) {
                problems.add("CERTIFICATE_MISMATCH " + c.masked()
                        + ": number, holder or category differ from the verification service's record");
                continue;
            }
            // the off-the-job rule (Art. 32) is judged at START from the work actually recorded
            Certificate core = c.toCore(worker.workerId()).withLastWorkedOn(today);
            for (Violation v : CredentialCheck.certificate(core, today, limits).violations()) {
                problems.add(v.code() + " " + c.masked() + " (" + v.clause() + ")");
            }
            boolean order30 = c.category().regime() == CertificateRegime.SPECIAL_WORK_ORDER_30;
            LocalDate expires = c.validUntil() != null ? c.validUntil()
                    : order30 ? c.issuedOn().plus(limits.validity()).minusDays(1) : null;
            LocalDate reviewDue = order30 ? (core.lastReviewedOn() != null ? core.lastReviewedOn() : core.issuedOn())
                    .plus(core.reviewIntervalExtended() ? limits.extendedReviewInterval() : limits.reviewInterval())
                    : null;
            validUntil = earliest(validUntil, expires);
            validUntil = earliest(validUntil, reviewDue);
            if (expires != null && !expires.isBefore(today) && !expires.isAfter(horizon)) {
                warnings.add("CERTIFICATE_EXPIRES_SOON " + c.masked() + ": " + expires + " (SAWS Order No.30 Art.19)");
            }
            if (reviewDue != null && !reviewDue.isBefore(today) && !reviewDue.isAfter(horizon)) {
                // Order 30 Art. 22: apply for the review in time
                warnings.add("CERTIFICATE_REVIEW_DUE_SOON " + c.masked() + ": " + reviewDue + " (SAWS Order No.30 Art.22)");
            }
        }
        var insurance = worker.insurance();
        if (insurance == null || insurance.status() == InsuranceStatus.UNVERIFIED) {
            return new Result(CredentialStatus.PENDING, null, List.of());
        }
        boolean covered = insurance.status() == InsuranceStatus.INSURED
                && (insurance.coveredFrom() == null || !today.isBefore(insurance.coveredFrom()))
                && (insurance.coveredUntil() == null || !today.isAfter(insurance.coveredUntil()));
        if (!covered) {
            problems.add("INSURANCE_NOT_COVERED: no work-injury insurance on " + today + " (Work Safety Law 2021 Art.51)");
        } else if (insurance.coveredUntil() != null) {
            validUntil = earliest(validUntil, insurance.coveredUntil());
            if (!insurance.coveredUntil().isAfter(horizon)) {
                warnings.add("INSURANCE_ENDS_SOON: " + insurance.coveredUntil());
            }
        }
        if (!problems.isEmpty()) {
            return new Result(CredentialStatus.INVALID, null, List.copyOf(problems));
        }
        if (!warnings.isEmpty()) {
            return new Result(CredentialStatus.EXPIRING, validUntil, List.copyOf(warnings));
        }
        return new Result(CredentialStatus.VALID, validUntil, List.of());
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
