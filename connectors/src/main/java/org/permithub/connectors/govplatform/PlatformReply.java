package org.permithub.connectors.govplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the platform's answer {@code {"code":200,"msg":"成功"}}. Anything else, including a body
 * that is not JSON, is a failed delivery that must be retried: the records are not taken.
 */
public final class PlatformReply {

    private PlatformReply() {}

    /** @throws PlatformRejected when the platform did not take the batch */
    public static void requireAccepted(ObjectMapper mapper, int status, String body) {
        if (status < 200 || status >= 300) {
            // 400/422: the platform read the batch and refused its content; other codes: it is unwell
            throw new PlatformRejected("HTTP " + status + ": " + abbreviate(body), status == 400 || status == 422);
        }
        JsonNode reply;
        try {
            reply = mapper.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new PlatformRejected("unreadable reply: " + abbreviate(body), false);
        }
        if (reply == null || !reply.has("code") || reply.get("code").asInt() != 200) {
            throw new PlatformRejected("refused: " + abbreviate(body), reply != null && reply.has("code"));
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    /** The platform did not take a batch; the relay keeps it and tries again later. */
    public static final class PlatformRejected extends RuntimeException {

        private final boolean business;

        /** @param business the platform refused the content (never trips a breaker), not a failure of the platform */
        public PlatformRejected(String message, boolean business) {
            super(message);
            this.business = business;
        }

        public boolean business() {
            return business;
        }
    }
}
