package org.permithub.hub.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes one outbox destination's CloudEvents to a Kafka topic, key = permit number: the
 * permit events to {@code permit.events} and the alerts to {@code permit.alerts} (see
 * {@link KafkaRelays}).
 */
public class EventRelay extends OutboxRelay {

    private final String bootstrapServers;
    private final String topic;
    private KafkaProducer<String, String> producer;

    public EventRelay(String destination, JdbcTemplate jdbc, TransactionTemplate tx, OutboxRelaySignal signal,
            Duration pollInterval, int batchSize, String bootstrapServers, String topic) {
        super(destination, jdbc, tx, signal, pollInterval, batchSize);
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    @Override
    protected void open() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // idempotent producer: retries inside the client never duplicate or reorder a partition
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "permit-hub-relay-" + topic);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @Override
    protected void send(List<Row> rows) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            var record = new ProducerRecord<>(topic, row.aggregateId(), row.payload());
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(record));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    protected void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
