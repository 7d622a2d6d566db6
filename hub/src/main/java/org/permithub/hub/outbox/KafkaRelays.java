package org.permithub.hub.outbox;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** One relay per Kafka-bound outbox destination. */
@Configuration
class KafkaRelays {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final OutboxRelaySignal signal;
    private final Duration pollInterval;
    private final int batchSize;
    private final String bootstrapServers;

    KafkaRelays(JdbcTemplate jdbc, TransactionTemplate tx, OutboxRelaySignal signal,
            @Value("${permit-hub.outbox.poll-interval}") Duration pollInterval,
            @Value("${permit-hub.outbox.batch-size}") int batchSize,
            @Value("${permit-hub.kafka.bootstrap-servers}") String bootstrapServers) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.signal = signal;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.bootstrapServers = bootstrapServers;
    }

    @Bean
    EventRelay permitEventRelay(@Value("${permit-hub.kafka.topics.events}") String topic) {
        return new EventRelay(OutboxWriter.EVENTS, jdbc, tx, signal, pollInterval, batchSize, bootstrapServers, topic);
    }

    @Bean
    EventRelay permitAlertRelay(@Value("${permit-hub.kafka.topics.alerts}") String topic) {
        return new EventRelay(OutboxWriter.ALERTS, jdbc, tx, signal, pollInterval, batchSize, bootstrapServers, topic);
    }

    @Bean
    EventRelay connectorDeadLetterRelay(@Value("${permit-hub.kafka.topics.connector-dlq}") String topic) {
        return new EventRelay(OutboxWriter.CONNECTOR_DLQ, jdbc, tx, signal, pollInterval, batchSize, bootstrapServers,
                topic);
    }
}
