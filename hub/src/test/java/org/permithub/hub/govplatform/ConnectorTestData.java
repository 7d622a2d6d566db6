package org.permithub.hub.govplatform;

import java.time.Instant;

/** Action data for a 二级 hot-work permit at the test site (as permit/HappyPath, which is package-private). */
public final class ConnectorTestData {

    private ConnectorTestData() {}

    public static String approval() {
        return "{\"approverId\":\"a-3001\",\"approverRole\":\"LOCAL_UNIT\",\"lat\":37.5394,\"lon\":121.3915,"
                + "\"at\":\"" + Instant.now() + "\"}";
    }

    public static String gasTest() {
        return "{\"analystId\":\"an-1\",\"instrumentId\":\"PGD-778\",\"readings\":[{\"gas\":\"CH4\",\"value\":4,"
                + "\"unit\":\"%LEL\",\"sampledAt\":\"" + Instant.now() + "\",\"distanceToWorkPointM\":3,"
                + "\"samplePoint\":\"动火点下风向\"}]}";
    }
}
