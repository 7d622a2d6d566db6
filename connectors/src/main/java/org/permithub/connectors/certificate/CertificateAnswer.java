package org.permithub.connectors.certificate;

import java.time.LocalDate;

/**
 * The verification service's answer about one 特种作业操作证. {@code found == false} is a business
 * answer (no such certificate: a fake or a typo), not a failure.
 *
 * @param status 证书状态 as given: 有效, 注销, 吊销, 过期 ...
 */
public record CertificateAnswer(boolean found, String number, String holderName, String category,
        String operationItem, LocalDate issuedOn, LocalDate validUntil, LocalDate reviewDueOn,
        LocalDate reviewedOn, String status) {

    public static CertificateAnswer notFound(String number) {
        return new CertificateAnswer(false, number, null, null, null, null, null, null, null, null);
    }

    /** 有效 (valid); 注销 / 吊销 / 撤销 void it (Order 30 Art. 30, 31). */
    public boolean revoked() {
        return status != null && (status.contains("注销") || status.contains("吊销") || status.contains("撤销"));
    }
}
