package org.permithub.hub.govplatform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.apache.camel.ProducerTemplate;
import org.permithub.connectors.govplatform.CommitmentRecords;
import org.permithub.connectors.govplatform.ParkPlatformMapper;
import org.permithub.connectors.govplatform.PayloadCipher;
import org.permithub.hub.outbox.OutboxRelaySignal;
import org.permithub.hub.outbox.OutboxWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The government supervision platform connector: mapping, outbox, relay. */
@Configuration
@EnableConfigurationProperties(GovPlatformSettings.class)
class GovPlatformConfig {

    @Bean
    AcceleratedClock connectorClock(GovPlatformSettings settings) {
        return new AcceleratedClock(settings.clockSpeed());
    }

    @Bean
    ParkPlatformMapper parkPlatformMapper(ObjectMapper mapper, GovPlatformSettings settings) {
        return new ParkPlatformMapper(mapper, settings.zone());
    }

    @Bean
    CommitmentRecords commitmentRecords(ObjectMapper mapper, ParkPlatformMapper platform) {
        return new CommitmentRecords(mapper, platform);
    }

    @Bean
    GovPlatformOutbox govPlatformOutbox(OutboxWriter outbox, OutboxRelaySignal signal, TransactionTemplate tx,
            ParkPlatformMapper platform, ObjectMapper mapper, GovPlatformSettings settings) {
        return new GovPlatformOutbox(outbox, signal, tx, platform, mapper, settings.enabled());
    }

    @Bean
    GovPlatformClient govPlatformClient(ProducerTemplate producer, ObjectMapper mapper, GovPlatformSettings settings) {
        PayloadCipher cipher = new PayloadCipher(settings.encryption(), settings.aesKey(), settings.aesIv());
        return new GovPlatformClient(producer, cipher, mapper);
    }

    @Bean
    GovPlatformRelay govPlatformRelay(JdbcTemplate jdbc, TransactionTemplate tx, OutboxRelaySignal signal,
            GovPlatformClient client, ObjectMapper mapper, AcceleratedClock connectorClock,
            GovPlatformSettings settings, @Value("${permit-hub.outbox.poll-interval}") Duration pollInterval,
            @Value("${permit-hub.outbox.batch-size}") int rowsPerRound) {
        return new GovPlatformRelay(jdbc, tx, signal, client, mapper, connectorClock, pollInterval, rowsPerRound,
                settings.batchSize(), settings.initialBackoff(), settings.maxBackoff());
    }
}
