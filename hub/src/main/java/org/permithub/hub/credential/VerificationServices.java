package org.permithub.hub.credential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.permithub.connectors.ConnectorUnavailableException;
import org.permithub.connectors.HttpAnswer;
import org.permithub.connectors.certificate.CategoryNames;
import org.permithub.connectors.certificate.CertificateAnswer;
import org.permithub.connectors.certificate.CertificateVerificationApi;
import org.permithub.connectors.insurance.InsuranceAnswer;
import org.permithub.connectors.insurance.SocialInsuranceApi;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.ledger.hash.ActionHash;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls the certificate and social-insurance services through their Kamelets
 * ({@code certificate-action}, {@code social-insurance-action}), each call under the
 * {@link ConnectorGuard}, and caches answers for a TTL ({@code permit-hub.credentials.cache-ttl}):
 * the same certificate or person asked again within it costs no call. Each answer keeps the exact
 * body received and its SHA-256: that is the evidence stored and anchored.
 */
@Component
public class VerificationServices {

    /** An answer with the evidence it came in; the evidence id is fixed when the answer arrives. */
    public record Checked<T>(T answer, UUID evidenceId, String body, String sha256, Instant receivedAt) {}

    private final ProducerTemplate camel;
    private final ConnectorGuard guard;
    private final CertificateVerificationApi certificateApi;
    private final SocialInsuranceApi insuranceApi;
    private final Clock clock;
    private final String certificateEndpoint;
    private final String insuranceEndpoint;
    private final Cache<String, Checked<CertificateAnswer>> certificates;
    private final Cache<String, Checked<InsuranceAnswer>> insurance;

    public VerificationServices(ProducerTemplate camel, ConnectorGuard guard, ObjectMapper mapper, Clock clock,
            @Value("${permit-hub.credentials.certificate.url}") String certificateUrl,
            @Value("${permit-hub.credentials.certificate.app-key}") String certificateKey,
            @Value("${permit-hub.credentials.social-insurance.url}") String insuranceUrl,
            @Value("${permit-hub.credentials.social-insurance.app-key}") String insuranceKey,
            @Value("${permit-hub.credentials.response-timeout:2s}") Duration responseTimeout,
            @Value("${permit-hub.credentials.max-connections:100}") int maxConnections,
            @Value("${permit-hub.credentials.cache-ttl:12h}") Duration cacheTtl) {
        this.camel = camel;
        this.guard = guard;
        this.certificateApi = new CertificateVerificationApi(mapper);
        this.insuranceApi = new SocialInsuranceApi(mapper);
        this.clock = clock;
        String options = "&connectTimeoutMillis=1000&responseTimeoutMillis=" + responseTimeout.toMillis()
                + "&maxConnections=" + maxConnections;
        this.certificateEndpoint = "kamelet:certificate-action?baseUrl=RAW(" + certificateUrl + ")&appKey=RAW("
                + certificateKey + ")" + options;
        this.insuranceEndpoint = "kamelet:social-insurance-action?baseUrl=RAW(" + insuranceUrl + ")&appKey=RAW("
                + insuranceKey + ")" + options;
        this.certificates = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(200_000).build();
        this.insurance = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(200_000).build();
    }

    /** Asks about one certificate (number, holder name, category) unless a fresh answer is cached. */
    public Checked<CertificateAnswer> certificate(String number, String holderName, CertificateCategory category) {
        String key = number + "|" + holderName + "|" + category;
        Checked<CertificateAnswer> cached = certificates.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Checked<CertificateAnswer> fresh = call(CertificateVerificationApi.SYSTEM, certificateEndpoint,
                certificateApi.request(number, holderName, CategoryNames.chinese(category)),
                answer -> certificateApi.read(number, answer));
        certificates.put(key, fresh);
        return fresh;
    }

    /** Asks whether a person has work-injury cover unless a fresh answer is cached. */
    public Checked<InsuranceAnswer> insurance(String idNumber, String name) {
        String key = idNumber + "|" + name;
        Checked<InsuranceAnswer> cached = insurance.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        Checked<InsuranceAnswer> fresh = call(SocialInsuranceApi.SYSTEM, insuranceEndpoint,
                insuranceApi.request(idNumber, name), insuranceApi::read);
        insurance.put(key, fresh);
        return fresh;
    }

    /** Forgets every cached answer (tests, and an operator who knows the authority corrected a record). */
    public void clearCache() {
        certificates.invalidateAll();
        insurance.invalidateAll();
    }

    private <T> Checked<T> call(String system, String endpoint, String request, Function<HttpAnswer, T> read) {
        return guard.call(system, () -> {
            Exchange exchange = camel.request(endpoint, e -> e.getIn().setBody(request));
            if (exchange.getException() != null) {
                // connection refused or reset, timeout: the service did not answer
                throw new ConnectorUnavailableException(system, exchange.getException().getClass().getSimpleName()
                        + ": " + exchange.getException().getMessage(), null, exchange.getException());
            }
            var message = exchange.getMessage();
            Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            String body = message.getBody(String.class);
            HttpAnswer answer = new HttpAnswer(status == null ? 0 : status,
                    message.getHeader("Retry-After", String.class), body);
            T value = read.apply(answer);
            return new Checked<>(value, UUID.randomUUID(), body,
                    ActionHash.sha256Hex(body.getBytes(StandardCharsets.UTF_8)), clock.instant());
        });
    }
}
