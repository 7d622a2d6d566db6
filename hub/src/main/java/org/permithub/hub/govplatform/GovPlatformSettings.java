package org.permithub.hub.govplatform;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.permithub.connectors.govplatform.PayloadCipher;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code permit-hub.connectors.gov-platform.*}: where the government supervision platform is and
 * how the hub pushes to it (see hub/README.md).
 *
 * @param url base URL; the hub posts to {@code {url}/api/sync/data/{table}}
 * @param enabled false: nothing is queued for the platform
 * @param batchSize records per request (the platform's adapter takes 20)
 * @param encryption NONE, CBC (the platform shape's AES/CBC/PKCS5Padding) or GCM
 * @param aesKey Base64 AES key; {@code aesIv} a fixed CBC IV when the platform dictates one
 * @param zone time zone of the platform's {@code yyyyMMddHHmmss} timestamps
 * @param initialBackoff first wait after a failed delivery; doubled (with jitter) up to {@code maxBackoff}
 * @param breakerOpenWait how long the circuit breaker stays open before it lets a trial call through
 * @param clockSpeed how much faster than real time the connector clock runs (tests only; 1 in production)
 * @param commitmentDue local time of the site by which the daily commitment is due
 * @param reconcileInterval how often missing and finished days' commitments are checked
 */
@ConfigurationProperties("permit-hub.connectors.gov-platform")
public record GovPlatformSettings(
        String url,
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") int batchSize,
        @DefaultValue("NONE") PayloadCipher.Mode encryption,
        String aesKey,
        String aesIv,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("1") double clockSpeed,
        @DefaultValue("30s") Duration breakerOpenWait,
        @DefaultValue("10:00") LocalTime commitmentDue,
        @DefaultValue("60s") Duration reconcileInterval) {
}
