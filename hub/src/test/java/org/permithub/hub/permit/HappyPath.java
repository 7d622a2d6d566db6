package org.permithub.hub.permit;

/** The action data a hot-work permit needs to go from APPLIED to ACTIVE. */
final class HappyPath {

    private HappyPath() {}

    static String approval() {
        return "{\"approverId\":\"a-3001\",\"approverRole\":\"LOCAL_UNIT\",\"lat\":37.5393,\"lon\":121.3914}";
    }

    static String start() {
        return "{}";
    }
}
