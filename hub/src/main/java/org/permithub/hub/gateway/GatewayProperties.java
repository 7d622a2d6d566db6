package org.permithub.hub.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway duties Camel's contract-first REST does not take on (tech-anchors.md §2.1).
 *
 * @param maxRequestSize larger request bodies are refused with 413 before anything reads them
 */
@ConfigurationProperties("permit-hub.gateway")
public record GatewayProperties(@DefaultValue("10MB") DataSize maxRequestSize, @DefaultValue RateLimit rateLimit,
        @DefaultValue Audit audit) {

    /**
     * Per-consumer (token subject) request rates on the outside parties' APIs.
     *
     * @param paths path prefixes that are limited
     * @param requestsPerSecond each subject's rate
     * @param perSubject a different rate for some subjects
     * @param idleExpiry a subject's limiter is dropped after this long without a request
     * @param maxSubjects limiters kept at most (the least recently used go first)
     */
    public record RateLimit(@DefaultValue({"/regulator/v1/", "/partner/v1/"}) List<String> paths,
            @DefaultValue("50") int requestsPerSecond, @DefaultValue Map<String, Integer> perSubject,
            @DefaultValue("10m") Duration idleExpiry, @DefaultValue("100000") long maxSubjects) {

        public int rateOf(String subject) {
            return perSubject == null ? requestsPerSecond : perSubject.getOrDefault(subject, requestsPerSecond);
        }

        public boolean covers(String path) {
            return paths.stream().anyMatch(path::startsWith);
        }
    }

    /** @param paths path prefixes whose every request is written to the audit log */
    public record Audit(@DefaultValue({"/regulator/v1/", "/partner/v1/"}) List<String> paths) {

        public boolean covers(String path) {
            return paths.stream().anyMatch(path::startsWith);
        }
    }
}
