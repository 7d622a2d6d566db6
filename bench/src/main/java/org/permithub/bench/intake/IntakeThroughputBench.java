package org.permithub.bench.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.permithub.bench.BenchHub;
import org.permithub.core.enterprise.CreditCode;

/**
 * Issue 2's benchmark: drives the whole intake path of a real hub process (REST and Kafka intake,
 * through the domain checks, PostgreSQL, the outbox relay and Kafka {@code permit.events}) and,
 * in the same run against the same PostgreSQL and Kafka, a baseline that writes equivalent events
 * straight into PostgreSQL (batched) and Kafka (acks=all) without the hub. Prints both rates and
 * their ratio.
 *
 * <p>A rate counts an action only once its CloudEvent is on {@code permit.events}: the clock runs
 * from the first request to the last event seen.
 *
 * <p>Run: {@code java -cp "bench/target/classes:$(cat bench/target/classpath.txt)"
 * org.permithub.bench.intake.IntakeThroughputBench hub/target/permit-hub.jar [permits] [clients]}
 */
public final class IntakeThroughputBench {

    private static final String ENTERPRISE = CreditCode.withCheckCharacter("91370602MA3C00001");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "hub/target/permit-hub.jar");
        int permits = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path data = Files.createTempDirectory("permit-hub-bench");
        int http = BenchHub.freePort();
        int pg = BenchHub.freePort();
        int kafka = BenchHub.freePort();
        Process hub = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-jar", jar.toString(),
                "--permit-hub.mode=standalone", "--permit-hub.data-dir=" + data, "--server.port=" + http,
                "--permit-hub.standalone.postgres-port=" + pg, "--permit-hub.standalone.kafka-port=" + kafka,
                "--permit-hub.standalone.mqtt-port=" + BenchHub.freePort(),
                "--permit-hub.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "--logging.level.root=WARN"))
                .redirectErrorStream(true).redirectOutput(data.resolve("hub.log").toFile()).start();
        try {
            URI base = URI.create("http://localhost:" + http);
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
            BenchHub.awaitHealthy(client, base, hub, data.resolve("hub.log"), Duration.ofMinutes(3));
            String token = BenchHub.token(jar, data, "--role", "enterprise", "--enterprise", ENTERPRISE);
            String bootstrap = "localhost:" + kafka;
            warmUp(client, base, token, bootstrap);

            Result rest = restIntake(client, base, token, bootstrap, permits, clients);
            Result viaKafka = kafkaIntake(bootstrap, permits);
            Result baseline = baseline("jdbc:postgresql://localhost:" + pg + "/permithub", bootstrap, rest.actions());

            System.out.printf("%nintake benchmark: %d permits, APPLY + APPROVE(s) + GAS_TEST + START + COMPLETE each, %d REST clients%n",
                    permits, clients);
            System.out.println(rest);
            System.out.println(viaKafka);
            System.out.println(baseline);
            System.out.printf("ratio REST  / baseline: %.2f%n", rest.perSecond() / baseline.perSecond());
            System.out.printf("ratio Kafka / baseline: %.2f%n", viaKafka.perSecond() / baseline.perSecond());
        } finally {
            hub.destroy();
            hub.waitFor();
        }
    }

    record Result(String name, int actions, Duration elapsed) {
        double perSecond() {
            return actions / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format("%-46s %7d actions in %6.2f s = %8.0f actions/s", name, actions,
                    elapsed.toMillis() / 1000.0, perSecond());
        }
    }

    private static Result restIntake(HttpClient client, URI base, String token, String bootstrap, int permits,
            int clients) throws Exception {
        String prefix = "R" + UUID.randomUUID().toString().substring(0, 6) + "-";
        try (var events = new EventCounter(bootstrap, prefix)) {
            Instant start = Instant.now();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger actions = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < permits; i = next.getAndIncrement()) {
                        String no = prefix + i;
                        URI actionsUri = base.resolve("/api/v1/permits/" + no + "/actions");
                        var applied = post(client, base.resolve("/api/v1/permits"), token, application(no));
                        expect(applied, 201);
                        actions.incrementAndGet();
                        for (String role : missingApprovals(applied.body())) {
                            expect(post(client, actionsUri, token, action("APPROVE", approval(role))), 200);
                            actions.incrementAndGet();
                        }
                        expect(post(client, actionsUri, token, action("GAS_TEST", gasTest())), 200);
                        expect(post(client, actionsUri, token, action("START", "{}")), 200);
                        expect(post(client, actionsUri, token, action("COMPLETE", COMPLETE)), 200);
                        actions.addAndGet(3);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
            events.awaitCount(actions.get());
            return new Result("hub, REST intake -> permit.events", actions.get(), Duration.between(start, Instant.now()));
        }
    }

    /**
     * Over Kafka in two waves, since an approval must be signed after the application it approves
     * (GB 30871-2022 §4.11): all APPLYs, then, as their results arrive, the approvals, gas tests and
     * STARTs.
     */
    private static Result kafkaIntake(String bootstrap, int permits) throws Exception {
        String prefix = "K" + UUID.randomUUID().toString().substring(0, 6) + "-";
        try (var events = new EventCounter(bootstrap, prefix); var results = new ResultReader(bootstrap, prefix);
                var producer = producer(bootstrap)) {
            Instant start = Instant.now();
            for (int i = 0; i < permits; i++) {
                String no = prefix + i;
                producer.send(new ProducerRecord<>("permit.commands", no,
                        "{\"commandId\":\"" + no + "-apply\",\"type\":\"APPLY\",\"application\":" + application(no) + "}"));
            }
            producer.flush();
            int actions = permits;
            int answered = 0;
            while (answered < permits) {
                for (var applied : results.next()) {
                    answered++;
                    String no = applied.key();
                    int n = 0;
                    for (String role : missingApprovals(applied.value())) {
                        producer.send(command(no, "approve-" + n++, "APPROVE", approval(role)));
                        actions++;
                    }
                    producer.send(command(no, "gas", "GAS_TEST", gasTest()));
                    producer.send(command(no, "start", "START", "{}"));
                    producer.send(command(no, "complete", "COMPLETE", COMPLETE));
                    actions += 3;
                }
            }
            producer.flush();
            events.awaitCount(actions);
            return new Result("hub, Kafka intake -> permit.events", actions, Duration.between(start, Instant.now()));
        }
    }

    private static ProducerRecord<String, String> command(String permitNo, String id, String type, String data) {
        return new ProducerRecord<>("permit.commands", permitNo, "{\"commandId\":\"" + permitNo + "-" + id
                + "\",\"permitNo\":\"" + permitNo + "\",\"type\":\"" + type + "\",\"data\":" + data + "}");
    }

    /** Reads APPLY answers for permits with a prefix from permit.command-results. */
    private static final class ResultReader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final String prefix;

        ResultReader(String bootstrap, String prefix) {
            consumer = subscribed(bootstrap, "permit.command-results");
            this.prefix = prefix;
        }

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> next() {
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> applied = new ArrayList<>();
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                if (r.key() != null && r.key().startsWith(prefix) && r.value().contains("\"action\":\"APPLY\"")) {
                    if (!r.value().contains("\"accepted\":true")) {
                        throw new IllegalStateException("refused: " + r.value());
                    }
                    applied.add(r);
                }
            });
            return applied;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** The same number of events, written without the hub: batched PostgreSQL inserts, Kafka acks=all. */
    private static Result baseline(String jdbcUrl, String bootstrap, int count) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var producer = producer(bootstrap)) {
            db.createStatement().execute(
                    "create table if not exists bench_baseline (id uuid primary key, permit_no text, payload jsonb)");
            db.setAutoCommit(false);
            String prefix = "B" + UUID.randomUUID().toString().substring(0, 6) + "-";
            Instant start = Instant.now();
            int batch = 500;
            try (PreparedStatement insert = db.prepareStatement(
                    "insert into bench_baseline (id, permit_no, payload) values (?, ?, ?::jsonb)")) {
                for (int done = 0; done < count; done += batch) {
                    List<Future<?>> acks = new ArrayList<>();
                    for (int i = done; i < Math.min(count, done + batch); i++) {
                        String no = prefix + (i / 5);
                        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"data\":"
                                + application(no) + "}";
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, no);
                        insert.setString(3, event);
                        insert.addBatch();
                        acks.add(producer.send(new ProducerRecord<>("bench.baseline", no, event)));
                    }
                    insert.executeBatch();
                    db.commit();
                    for (Future<?> ack : acks) {
                        ack.get();
                    }
                }
            }
            return new Result("baseline, PostgreSQL batch + Kafka acks=all", count, Duration.between(start, Instant.now()));
        }
    }

    /** Counts distinct events on permit.events for permit numbers with a prefix. */
    private static final class EventCounter implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final String prefix;
        private final Set<String> ids = new HashSet<>();

        EventCounter(String bootstrap, String prefix) {
            consumer = subscribed(bootstrap, "permit.events");
            this.prefix = prefix;
        }

        void awaitCount(int expected) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (ids.size() < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("only " + ids.size() + " of " + expected + " events arrived");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        int at = r.value().indexOf("\"id\":\"") + 6;
                        ids.add(r.value().substring(at, r.value().indexOf('"', at)));
                    }
                });
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** A consumer of a topic's new records, assigned its partitions before it returns. */
    private static KafkaConsumer<String, String> subscribed(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    /** Hot work at the standalone demo site (yt-plant-1, zone unit-3, welders w-1001/w-1002, guardian g-2001). */
    private static String application(String permitNo) {
        Instant start = Instant.now().minus(Duration.ofMinutes(5));
        return """
                {"permitNo":"%s","enterpriseCode":"%s","siteId":"yt-plant-1","workType":"HOT_WORK","grade":"GRADE_2",
                 "location":{"zoneId":"unit-3","lat":37.5393,"lon":121.3914},"content":"benchmark",
                 "plannedStart":"%s","plannedEnd":"%s",
                 "workers":["w-1001","w-1002"],"guardianId":"g-2001"}"""
                .formatted(permitNo, ENTERPRISE, start, start.plus(Duration.ofHours(4)));
    }

    /** Completion sign-off (GB 30871-2022 §4.14): the work is done, so the zone is free again. */
    private static final String COMPLETE = "{\"acceptedBy\":\"a-3001\"}";

    private static String action(String type, String data) {
        return "{\"type\":\"" + type + "\",\"data\":" + data + "}";
    }

    private static String approval(String role) {
        return "{\"approverId\":\"a-3001\",\"approverRole\":\"" + role + "\",\"lat\":37.5394,\"lon\":121.3915,"
                + "\"at\":\"" + Instant.now() + "\"}";
    }

    private static String gasTest() {
        return "{\"analystId\":\"an-1\",\"readings\":[{\"gas\":\"CH4\",\"value\":4,\"unit\":\"%LEL\","
                + "\"sampledAt\":\"" + Instant.now() + "\",\"distanceToWorkPointM\":3}]}";
    }

    /** The roles still to approve, from an APPLY answer (REST body or Kafka result). */
    private static List<String> missingApprovals(String answer) {
        int at = answer.indexOf("\"missingApprovals\":[");
        if (at < 0) {
            return List.of();
        }
        String list = answer.substring(at + 20, answer.indexOf(']', at));
        return java.util.Arrays.stream(list.split(",")).map(r -> r.replace("\"", "").trim()).filter(r -> !r.isEmpty())
                .toList();
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String token, String body) {
        try {
            return client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void warmUp(HttpClient client, URI base, String token, String bootstrap) throws Exception {
        restIntake(client, base, token, bootstrap, 300, 8);
        kafkaIntake(bootstrap, 300);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

}
