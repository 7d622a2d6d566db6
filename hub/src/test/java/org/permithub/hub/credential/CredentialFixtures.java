package org.permithub.hub.credential;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.permithub.connectors.IdNumbers;

/** Contractor workers for the credential tests; the simulators judge them by the ID number's sequence digits. */
final class CredentialFixtures {

    /** Sequence digits (positions 15–17) the simulator mappings react to (connectors/README.md). */
    static final String VALID = "001";
    static final String FAKE_CERTIFICATE = "999";
    static final String REVIEW_DUE_IN_20_DAYS = "997";
    static final String NOT_INSURED = "996";

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private CredentialFixtures() {}

    /** A fresh ID number (unique birth date per call) ending in the given sequence digits. */
    static String idNumber(String sequence) {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(SERIAL.incrementAndGet() + (System.nanoTime() % 5000));
        return IdNumbers.withCheckCharacter("370602" + birth.toString().replace("-", "") + sequence);
    }

    static String workerId() {
        return "cw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A welder's submission body (partner API PUT: no workerId / contractorId needed). */
    static String welder(String name, String idNumber) {
        return """
                {"name":"%s","idNumber":"%s",
                 "certificates":[{"number":"T%s","category":"焊接与热切割作业","operationItem":"熔化焊接与热切割作业",
                                  "issuedOn":"2022-04-18","validUntil":"2028-04-17","reviewDueOn":"2025-04-17",
                                  "lastWorkedOn":"%s"}],
                 "insurance":{"employer":"山东鲁安建设工程有限公司"}}""".formatted(name, idNumber, idNumber, LocalDate.now());
    }

    /** The same as the pipeline's direct:credential-intake takes it. */
    static String submission(String contractorId, String workerId, String name, String idNumber) {
        return welder(name, idNumber).replaceFirst("\\{", "{\"contractorId\":\"" + contractorId + "\",\"workerId\":\""
                + workerId + "\",");
    }

    static String approval() {
        return "{\"approverId\":\"a-3001\",\"approverRole\":\"LOCAL_UNIT\",\"lat\":37.5394,\"lon\":121.3915,"
                + "\"at\":\"" + Instant.now() + "\"}";
    }

    static String gasTest() {
        return "{\"analystId\":\"an-1\",\"instrumentId\":\"PGD-778\",\"readings\":[{\"gas\":\"CH4\",\"value\":4,"
                + "\"unit\":\"%LEL\",\"sampledAt\":\"" + Instant.now() + "\",\"distanceToWorkPointM\":3}]}";
    }
}
