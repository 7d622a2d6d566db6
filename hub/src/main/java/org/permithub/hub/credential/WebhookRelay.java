package org.permithub.hub.credential;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.permithub.hub.outbox.OutboxRelay;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers verification results to contractors' webhooks through the {@code contractor-sink}
 * Kamelet (HMAC-SHA256 signed), in outbox order, at least once: a webhook that does not answer 2xx
 * is tried again later (the relay backs off), never skipped. The delivery carries {@code eventId} so
 * the contractor deduplicates.
 */
@Component
public class WebhookRelay extends OutboxRelay {

    private final ProducerTemplate camel;
    private final CredentialRegistry registry;
    private final Duration timeout;

    WebhookRelay(JdbcTemplate jdbc, TransactionTemplate tx, OutboxRelaySignal signal, ProducerTemplate camel,
            CredentialRegistry registry, @Value("${permit-hub.outbox.poll-interval}") Duration pollInterval,
            @Value("${permit-hub.credentials.webhook-timeout:5s}") Duration timeout) {
        super(OutboxWriter.PARTNER_WEBHOOKS, jdbc, tx, signal, pollInterval, 50);
        this.camel = camel;
        this.registry = registry;
        this.timeout = timeout;
    }

    @Override
    protected void send(List<Row> rows) {
        for (Row row : rows) {
            Map<String, Object> webhook = registry.webhook(row.aggregateId()).orElse(null);
            if (webhook == null) {
                continue; // unregistered since: nobody to tell
            }
            String endpoint = "kamelet:contractor-sink?url=RAW(" + webhook.get("url") + ")&secret=RAW("
                    + webhook.get("secret") + ")&timeoutMillis=" + timeout.toMillis();
            Exchange answer = camel.request(endpoint, e -> e.getIn().setBody(row.payload()));
            if (answer.getException() != null) {
                throw new IllegalStateException("webhook of " + row.aggregateId() + " unreachable", answer.getException());
            }
            Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (status == null || status < 200 || status >= 300) {
                throw new IllegalStateException("webhook of " + row.aggregateId() + " answered " + status);
            }
        }
    }
}
