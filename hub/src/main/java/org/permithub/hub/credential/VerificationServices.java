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
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.concurrent.TimeUnit;
import org.permithub.connectors.ConnectorUnavailableException;
import org.permithub.connectors.guard.RemoteSystemFailure;
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
 * Calls the certificate and social-insurance services through the routes {@code certificate-check}
 * and {@code social-insurance-check} (routes/credential-sync.camel.yaml), whose Kamelets carry the
 * connector guard (rate limit, Resilience4j breaker {@code certificate} / {@code social-insurance},
 * bulkhead, timeout, {@code RemoteOutcome}), and caches answers for a TTL
 * ({@code permit-hub.credentials.cache-ttl}): the same certificate or person asked again within it
 * costs no call. Every failure (the guard's, a timeout, a reset, an unreadable body) becomes
 * {@link ConnectorUnavailableException}; an unreadable 200 is also counted on the breaker, because the
 * Kamelet could not tell it from an answer. Each answer keeps the exact body received and its
 * SHA-256: that is the evidence stored and anchored.
 */
@Component
public class VerificationServices {

    /** An answer with the evidence it came in; the evidence id is fixed when the answer arrives. */
    public record Checked<T>(T answer, UUID evidenceId, String body, String sha256, Instant receivedAt) {}

    private final ProducerTemplate camel;
    private final CircuitBreakerRegistry breakers;
    private final CertificateVerificationApi certificateApi;
    private final SocialInsuranceApi insuranceApi;
    private final Clock clock;
    private final Cache<String, Checked<CertificateAnswer>> certificates;
    private final Cache<String, Checked<InsuranceAnswer>> insurance;

    public VerificationServices(ProducerTemplate camel, CircuitBreakerRegistry breakers, ObjectMapper mapper,
            Clock clock, @Value("${permit-hub.credentials.cache-ttl:12h}") Duration cacheTtl) {
        this.camel = camel;
        this.breakers = breakers;
        this.certificateApi = new CertificateVerificationApi(mapper);
        this.insuranceApi = new SocialInsuranceApi(mapper);
        this.clock = clock;
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
        Checked<CertificateAnswer> fresh = call(CertificateVerificationApi.SYSTEM, "direct:certificate-check",
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
        Checked<InsuranceAnswer> fresh = call(SocialInsuranceApi.SYSTEM, "direct:social-insurance-check",
                insuranceApi.request(idNumber, name), insuranceApi::read);
        insurance.put(key, fresh);
        return fresh;
    }

    /** Forgets every cached answer (tests, and an operator who knows the authority corrected a record). */
    public void clearCache() {
        certificates.invalidateAll();
        insurance.invalidateAll();
    }

    private <T> Checked<T> call(String system, String route, String request, Function<HttpAnswer, T> read) {
        Exchange exchange = camel.request(route, e -> e.getIn().setBody(request));
        Exception failure = exchange.getException();
        if (failure != null) {
            // the guard refused (breaker open, bulkhead full, rate limit), the system failed (5xx, 429)
            // or did not answer (timeout, reset): all mean "try again later"
            RemoteSystemFailure remote = cause(failure, RemoteSystemFailure.class);
            throw new ConnectorUnavailableException(system, remote != null ? remote.getMessage()
                    : rootCause(failure).getClass().getSimpleName(), remote == null ? null : seconds(remote.retryAfter()),
                    failure);
        }
        var message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = message.getBody(String.class);
        T value;
        long started = System.nanoTime();
        try {
            value = read.apply(new HttpAnswer(status == null ? 0 : status, null, body));
        } catch (ConnectorUnavailableException unreadable) {
            breakers.circuitBreaker(system).onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, unreadable);
            throw unreadable;
        }
        return new Checked<>(value, UUID.randomUUID(), body,
                ActionHash.sha256Hex(body.getBytes(StandardCharsets.UTF_8)), clock.instant());
    }

    private static <E extends Throwable> E cause(Throwable failure, Class<E> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static Duration seconds(String retryAfter) {
        try {
            return retryAfter == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
