package org.permithub.hub.permit;

import java.time.Instant;

/** The action data a 二级 hot-work permit at the test site needs to go from APPLIED to ACTIVE. */
public final class HappyPath {

    private HappyPath() {}

    /** On-site approval by the local unit (GB 30871-2022 §4.11, Table B.1), inside the zone. */
    public static String approval() {
        return approval(Instant.now());
    }

    /** Approval signed at {@code at}: after the APPLY it approves, and at most 60 s ahead of the hub's clock. */
    public static String approval(Instant at) {
        return "{\"approverId\":\"a-3001\",\"approverRole\":\"LOCAL_UNIT\",\"lat\":37.5394,\"lon\":121.3915,"
                + "\"at\":\"" + at + "\"}";
    }

    /** A passing gas test sampled now, 3 m from the work point (§5.3.1, §5.3.2). */
    public static String gasTest() {
        return "{\"analystId\":\"an-1\",\"instrumentId\":\"PGD-778\",\"readings\":[{\"gas\":\"CH4\",\"value\":4,"
                + "\"unit\":\"%LEL\",\"sampledAt\":\"" + Instant.now() + "\",\"distanceToWorkPointM\":3}]}";
    }

    public static String start() {
        return "{}";
    }
}
