package org.permithub.hub.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.permithub.connectors.IdNumbers;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.InsuranceStatus;
import org.permithub.hub.site.AuthorityCertificates;

/** A worker as the registry holds it: the submission, what the checks confirmed, and the standing. */
record RegistryWorker(String workerId, String contractorId, String name, String idNumber, String submissionHash,
        CredentialStatus status, LocalDate validUntil, List<String> reasons, List<RegistryCertificate> certificates,
        RegistryInsurance insurance, Instant checkedAt, int attempts, String lastError, Instant nextCheckAt) {

    /** Verification outcome of one certificate. */
    enum Verification { PENDING, AUTHENTIC, NOT_FOUND, MISMATCH }

    /**
     * One certificate: after a check, the dates are the authority's (初领日期, 有效期结束日期, 应复审日期),
     * not the contractor's.
     */
    record RegistryCertificate(String number, CertificateCategory category, String operationItem, LocalDate issuedOn,
            LocalDate validUntil, LocalDate reviewDueOn, boolean revoked, LocalDate lastWorkedOn,
            Verification verification, java.util.UUID evidenceId) {

        /** The certificate as the permit rules read it (the authority's dates, {@link AuthorityCertificates}). */
        Certificate toCore(String holderId) {
            return AuthorityCertificates.toRules(number, holderId, category, issuedOn, validUntil, reviewDueOn,
                    lastWorkedOn, revoked);
        }

        String masked() {
            return IdNumbers.mask(number);
        }
    }

    record RegistryInsurance(InsuranceStatus status, LocalDate coveredFrom, LocalDate coveredUntil,
            java.util.UUID evidenceId) {}
}
