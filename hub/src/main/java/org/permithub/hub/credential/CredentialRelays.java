package org.permithub.hub.credential;

import java.time.Duration;
import org.permithub.hub.outbox.EventRelay;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox relay of {@code credential.events} (key = person id): a standing is stored before it is sent. */
@Configuration
class CredentialRelays {

    @Bean
    EventRelay credentialEventRelay(JdbcTemplate jdbc, TransactionTemplate tx, OutboxRelaySignal signal,
            @Value("${permit-hub.outbox.poll-interval}") Duration pollInterval,
            @Value("${permit-hub.outbox.batch-size}") int batchSize,
            @Value("${permit-hub.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${permit-hub.kafka.topics.credential-events:credential.events}") String topic) {
        return new EventRelay(OutboxWriter.CREDENTIAL_EVENTS, jdbc, tx, signal, pollInterval, batchSize,
                bootstrapServers, topic);
    }
}
