package org.permithub.hub.regulator.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.problem.ApiProblem;
import org.permithub.api.problem.ProblemTypes;
import org.permithub.api.regulator.RegulatorQueries;
import org.permithub.core.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestHandler;

/**
 * {@code GET /regulator/v1/feed} (operation {@code streamFeed}): Server-Sent Events of permit
 * state changes ({@code permit.events}) and alerts ({@code permit.alerts}) in the caller's
 * jurisdiction. Each client gets its own Kafka consumer with assigned partitions (no consumer
 * group), so it can start at any position: the event id is the next offset of every partition
 * ({@link FeedPosition}), and {@code Last-Event-ID} resumes after it. Kafka keeps the history, so
 * a client that was away gets what it missed, within the topics' retention.
 *
 * <p>A servlet handler rather than a Camel route: platform-http answers an exchange once and
 * cannot stream. It runs after Spring Security, which has checked role and scope.
 */
@Component
public class RegulatorFeed implements HttpRequestHandler, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RegulatorFeed.class);
    private static final String EVENTS = "e";
    private static final String ALERTS = "a";

    private final String bootstrapServers;
    private final Map<String, String> topics;
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Duration heartbeat;
    private final Semaphore slots;
    private final ExecutorService streams;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean running;
    private final Cache<String, String> divisions = Caffeine.newBuilder().maximumSize(100_000).build();

    public RegulatorFeed(@Value("${permit-hub.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${permit-hub.kafka.topics.events}") String eventsTopic,
            @Value("${permit-hub.kafka.topics.alerts}") String alertsTopic, JdbcTemplate jdbc, ObjectMapper mapper,
            @Value("${permit-hub.regulator.feed.max-clients:100}") int maxClients,
            @Value("${permit-hub.regulator.feed.heartbeat:15s}") Duration heartbeat) {
        this.bootstrapServers = bootstrapServers;
        this.topics = Map.of(EVENTS, eventsTopic, ALERTS, alertsTopic);
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.heartbeat = heartbeat;
        this.slots = new Semaphore(maxClients);
        AtomicInteger n = new AtomicInteger();
        this.streams = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "regulator-feed-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = request.getAttribute(CallerAttribute.NAME) instanceof Caller c ? c : null;
        FeedPosition start;
        String jurisdiction;
        try {
            if (caller == null) {
                throw new ApiProblem(401, "UNAUTHENTICATED", "Unauthorized", "a valid bearer token is required");
            }
            jurisdiction = RegulatorQueries.jurisdictionOf(caller);
            start = startPosition(request);
        } catch (ApiProblem problem) {
            writeProblem(request, response, problem);
            return;
        }
        if (!slots.tryAcquire()) {
            response.setHeader("Retry-After", "30");
            writeProblem(request, response, new ApiProblem(503, "FEED_BUSY", "Service unavailable",
                    "too many feed clients; retry later"));
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        response.flushBuffer();
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        try {
            streams.execute(() -> stream(async, jurisdiction, start));
        } catch (RuntimeException e) {
            slots.release();
            async.complete();
        }
    }

    private FeedPosition startPosition(HttpServletRequest request) {
        String last = Optional.ofNullable(request.getHeader("Last-Event-ID")).orElse(request.getParameter("lastEventId"));
        if (last == null || last.isBlank()) {
            return null;
        }
        try {
            return FeedPosition.decode(last.trim());
        } catch (IllegalArgumentException e) {
            String field = request.getHeader("Last-Event-ID") != null ? "Last-Event-ID" : "lastEventId";
            throw ApiProblem.invalidField(field, "is not an event id this feed handed out");
        }
    }

    private void stream(AsyncContext async, String jurisdiction, FeedPosition start) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            PrintWriter out = async.getResponse().getWriter();
            Map<TopicPartition, String> partitions = partitions(consumer, out);
            consumer.assign(partitions.keySet());
            Map<String, Long> next = new HashMap<>();
            for (var entry : partitions.entrySet()) {
                Long offset = start == null ? null : start.offsetOf(entry.getValue(), entry.getKey());
                if (start == null) {
                    consumer.seekToEnd(List.of(entry.getKey()));
                } else if (offset == null) {
                    consumer.seekToBeginning(List.of(entry.getKey())); // a partition the client never saw
                } else {
                    consumer.seek(entry.getKey(), offset);
                }
                next.put(FeedPosition.key(entry.getValue(), entry.getKey().partition()), consumer.position(entry.getKey()));
            }
            out.write(": feed open at " + new FeedPosition(next).encode() + "\n\n");
            out.flush();
            long lastWrite = System.nanoTime();
            while (!closing.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String shortTopic = partitions.get(new TopicPartition(record.topic(), record.partition()));
                    next.put(FeedPosition.key(shortTopic, record.partition()), record.offset() + 1);
                    Optional<ObjectNode> event = event(shortTopic, record.value(), jurisdiction);
                    if (event.isPresent()) {
                        out.write("id: " + new FeedPosition(next).encode() + "\n");
                        out.write("event: " + event.get().get("kind").asText() + "\n");
                        out.write("data: " + mapper.writeValueAsString(event.get()) + "\n\n");
                        lastWrite = System.nanoTime();
                    }
                }
                if (System.nanoTime() - lastWrite > heartbeat.toNanos()) {
                    out.write(": keep-alive\n\n");
                    lastWrite = System.nanoTime();
                }
                out.flush();
                if (out.checkError()) {
                    return; // the client went away
                }
            }
        } catch (Exception e) {
            if (!closing.get()) {
                LOG.debug("feed stream ended: {}", e.toString());
            }
        } finally {
            slots.release();
            try {
                async.complete();
            } catch (IllegalStateException alreadyDone) {
                // the container completed it (client gone, shutdown)
            }
        }
    }

    /** Every partition of both topics; waits (with keep-alives) while a topic does not exist yet. */
    private Map<TopicPartition, String> partitions(KafkaConsumer<String, String> consumer, PrintWriter out)
            throws InterruptedException {
        while (!closing.get()) {
            Map<TopicPartition, String> found = new HashMap<>();
            topics.forEach((shortTopic, topic) -> {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                (infos == null ? List.<PartitionInfo>of() : infos)
                        .forEach(p -> found.put(new TopicPartition(topic, p.partition()), shortTopic));
            });
            if (found.values().stream().distinct().count() == topics.size()) {
                return found;
            }
            out.write(": waiting for the event topics\n\n");
            out.flush();
            if (out.checkError()) {
                throw new InterruptedException("client gone");
            }
            Thread.sleep(1000);
        }
        throw new InterruptedException("shutting down");
    }

    /** The SSE data of a CloudEvent, if its permit is in the jurisdiction. */
    private Optional<ObjectNode> event(String shortTopic, String cloudEvent, String jurisdiction) {
        JsonNode data;
        try {
            data = mapper.readTree(cloudEvent).path("data");
        } catch (IOException e) {
            return Optional.empty();
        }
        String permitNo = data.path("permitNo").asText(null);
        if (permitNo == null || !divisionOf(permitNo).startsWith(jurisdiction)) {
            return Optional.empty();
        }
        ObjectNode event = mapper.createObjectNode();
        event.put("kind", EVENTS.equals(shortTopic) ? "permit" : "alert");
        event.put("permitNo", permitNo);
        for (String field : List.of("enterpriseCode", "state", "action", "version", "code", "clause", "detail",
                "occurredAt")) {
            if (data.hasNonNull(field)) {
                event.set(field, data.get(field));
            }
        }
        return Optional.of(event);
    }

    /** A permit's division never changes, so it is cached; unknown permits have none. */
    private String divisionOf(String permitNo) {
        String cached = divisions.getIfPresent(permitNo);
        if (cached != null) {
            return cached;
        }
        List<String> found = jdbc.queryForList("select division_code from permits where permit_no = ?", String.class,
                permitNo);
        if (found.isEmpty()) {
            return "\u0000"; // matches no jurisdiction; not cached, the permit may just not be visible yet
        }
        divisions.put(permitNo, found.get(0));
        return found.get(0);
    }

    private Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "regulator-feed");
        return props;
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        response.setStatus(problem.status());
        response.setContentType(ProblemTypes.MEDIA_TYPE);
        mapper.writeValue(response.getOutputStream(), problem.toBody(request.getRequestURI()));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Ends every open stream before the web server stops, which would otherwise wait for them. */
    @Override
    public void stop() {
        running = false;
        closing.set(true);
        streams.shutdown();
        try {
            streams.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE; // stops first
    }

}
