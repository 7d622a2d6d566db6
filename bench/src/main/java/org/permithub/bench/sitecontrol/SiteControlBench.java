package org.permithub.bench.sitecontrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.permithub.bench.BenchHub;
import org.permithub.core.enterprise.CreditCode;

/**
 * Issue 6's benchmarks against a real hub process (standalone):
 * <ol>
 * <li>door decisions over HTTP at a fixed arrival rate (open loop: latency counts from the
 *     scheduled send time, so a stall is not hidden), side by side with {@code /access/v1/baseline},
 *     which passes the same device-key check and REST binding and returns a constant; then the
 *     saturated throughput of both with N closed-loop clients;</li>
 * <li>alarm to lock: an over-limit gas reading published over MQTT (QoS 1) until the zone's door
 *     controller has the REVOKE and the managers' webhook has the notification (the SUSPEND is
 *     committed before the revoke is published), while normal readings flow at a fixed rate.</li>
 * </ol>
 * Run: {@code bench/run-site-control.sh [rate=2000] [seconds=20] [readingsPerSecond=5000] [alarms=40]}
 */
public final class SiteControlBench {

    /** Threads that do not keep the JVM alive once the run has printed its figures. */
    private static final java.util.concurrent.ThreadFactory DAEMON = runnable -> {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        return thread;
    };

    private static final String ENTERPRISE = CreditCode.withCheckCharacter("91370602MA3C00001");
    private static final String SITE = "bench-site";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keep-alive connections of the decision load. */
    private static final int WORKERS = 64;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "hub/target/permit-hub.jar");
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int readingsPerSecond = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        int alarms = args.length > 4 ? Integer.parseInt(args[4]) : 40;
        Path data = Files.createTempDirectory("permit-hub-bench");
        int http = BenchHub.freePort();
        int mqtt = BenchHub.freePort();
        Map<String, Long> notified = new ConcurrentHashMap<>();
        HttpServer webhook = webhook(notified);
        Process hub = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-jar", jar.toString(),
                "--permit-hub.mode=standalone", "--permit-hub.data-dir=" + data, "--server.port=" + http,
                "--permit-hub.standalone.postgres-port=" + BenchHub.freePort(), "--permit-hub.standalone.kafka-port=" + BenchHub.freePort(),
                "--permit-hub.standalone.mqtt-port=" + mqtt, "--permit-hub.standalone.start-timeout=300s",
                "--permit-hub.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "--permit-hub.connectors.notification.url=http://localhost:" + webhook.getAddress().getPort() + "/notifications",
                "--logging.level.root=WARN"))
                .redirectErrorStream(true).redirectOutput(data.resolve("hub.log").toFile()).start();
        try {
            URI base = URI.create("http://localhost:" + http);
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4, DAEMON)).build();
            BenchHub.awaitHealthy(client, base, hub, data.resolve("hub.log"), Duration.ofMinutes(3));
            String admin = token(jar, data, "admin", null);
            String enterprise = token(jar, data, "enterprise", ENTERPRISE);
            Fixture fixture = new Fixture(client, base, admin, enterprise);
            fixture.site(alarms);
            String doorKey = fixture.device("door-load", "load-zone", "DOOR");
            fixture.activePermit("load-zone");
            String decision = "{\"workerId\":\"w-1001\",\"zoneId\":\"load-zone\",\"direction\":\"IN\"}";
            expectAllowed(client, base, doorKey, decision);

            System.out.printf("%ndoor decisions over HTTP, open loop at %d req/s for %d s on %d keep-alive connections (after a 10 s warm-up)%n",
                    rate, seconds, WORKERS);
            // the JDK keeps at most http.maxConnections idle keep-alive connections per host
            System.setProperty("http.maxConnections", String.valueOf(WORKERS));
            openLoop(base.resolve("/access/v1/decisions"), doorKey, decision, rate, 10, WORKERS);
            Latencies decide = openLoop(base.resolve("/access/v1/decisions"), doorKey, decision, rate, seconds, WORKERS);
            openLoop(base.resolve("/access/v1/baseline"), doorKey, "{}", rate, 5, WORKERS);
            Latencies bare = openLoop(base.resolve("/access/v1/baseline"), doorKey, "{}", rate, seconds, WORKERS);
            System.out.println("  decisions " + decide);
            System.out.println("  baseline  " + bare);
            double decideMax = closedLoop(base.resolve("/access/v1/decisions"), doorKey, decision, 16, 10);
            double bareMax = closedLoop(base.resolve("/access/v1/baseline"), doorKey, "{}", 16, 10);
            System.out.printf("  saturated, 16 clients, 10 s: decisions %.0f req/s, baseline %.0f req/s, ratio %.2f%n",
                    decideMax, bareMax, decideMax / bareMax);

            alarmToLock(fixture, "tcp://localhost:" + mqtt, notified, readingsPerSecond, alarms);
        } finally {
            hub.destroy();
            hub.waitFor();
            webhook.stop(0);
        }
    }

    // --- decisions -------------------------------------------------------------------------------

    record Latencies(long[] micros, int errors, double achievedPerSecond) {
        @Override
        public String toString() {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return String.format("%6d requests, %d errors, %6.0f req/s: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s",
                    sorted.length, errors, achievedPerSecond, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                    ms(sorted, 0.999), ms(sorted, 1.0));
        }
    }

    static String ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        long value = sorted[Math.max(0, i)];
        return value == Long.MAX_VALUE ? "missing" : String.format("%.2f ms", value / 1000.0);
    }

    /**
     * Fixed arrival rate with a bounded set of keep-alive connections (wrk2 style): request i is due
     * at start + i / rate; a worker that is late sends it at once, and its latency still counts from
     * the due time, so queueing in the client or the server shows up in the figures.
     */
    private static Latencies openLoop(URI uri, String key, String body, int rate, int seconds, int workers)
            throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            running.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (post(uri, key, payload) != 200) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = (System.nanoTime() - due) / 1000;
                }
                return null;
            }));
        }
        for (var f : running) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Latencies(latencies, errors.get(), total / elapsed);
    }

    /** One POST on a pooled keep-alive connection; the status, or -1 on an I/O error. */
    private static int post(URI uri, String key, byte[] payload) {
        try {
            var connection = (java.net.HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(10000);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("X-Device-Key", key);
            connection.setFixedLengthStreamingMode(payload.length);
            try (var out = connection.getOutputStream()) {
                out.write(payload);
            }
            int status = connection.getResponseCode();
            try (var in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    private static double closedLoop(URI uri, String key, String body, int clients, int seconds) throws Exception {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    if (post(uri, key, payload) == 200) {
                        count.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (var f : running) {
            f.get();
        }
        pool.shutdown();
        return count.get() / (double) seconds;
    }

    // --- alarm to lock ---------------------------------------------------------------------------

    private static void alarmToLock(Fixture fixture, String broker, Map<String, Long> notified, int readingsPerSecond,
            int alarms) throws Exception {
        List<String> permits = new ArrayList<>();
        for (int i = 0; i < alarms; i++) {
            fixture.device("det-" + i, "z-" + i, "GAS_DETECTOR");
            fixture.device("door-" + i, "z-" + i, "DOOR");
            fixture.device("alarm-" + i, "z-" + i, "ALARM");
            permits.add(fixture.activePermit("z-" + i));
        }
        for (int i = 0; i < 10; i++) {
            fixture.device("load-det-" + i, "load-zone", "GAS_DETECTOR");
        }
        Map<String, Long> revoked = new ConcurrentHashMap<>();
        Map<String, Long> sounded = new ConcurrentHashMap<>();
        MqttClient controllers = new MqttClient(broker, "bench-controllers", new MemoryPersistence());
        controllers.setCallback(new Collector(revoked, sounded));
        controllers.connect();
        controllers.subscribe("site/" + SITE + "/door/+/cmd", 1);
        controllers.subscribe("site/" + SITE + "/alarm/+/cmd", 1);

        MqttAsyncClient load = new MqttAsyncClient(broker, "bench-load", new MemoryPersistence());
        load.connect().waitForCompletion();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong published = new AtomicLong();
        Thread loadThread = new Thread(() -> {
            long interval = 1_000_000_000L / readingsPerSecond;
            long next = System.nanoTime();
            byte[] normal = "{\"readings\":[{\"gas\":\"CH4\",\"value\":2,\"unit\":\"%LEL\"},{\"gas\":\"O2\",\"value\":20.9,\"unit\":\"%VOL\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            while (running.get()) {
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                try {
                    load.publish("site/" + SITE + "/gas/load-det-" + (published.get() % 10), normal, 0, false);
                    published.incrementAndGet();
                } catch (MqttException e) {
                    // the client's own queue is full: this reading is skipped, counted as not published
                }
            }
        }, "normal-readings");
        loadThread.start();
        Thread.sleep(5000);
        long loadStart = published.get();
        Instant loadStarted = Instant.now();

        MqttClient detector = new MqttClient(broker, "bench-detector", new MemoryPersistence());
        detector.connect();
        long[] lock = new long[alarms];
        long[] revoke = new long[alarms];
        long[] notify = new long[alarms];
        long[] sound = new long[alarms];
        for (int i = 0; i < alarms; i++) {
            String permitNo = permits.get(i);
            MqttMessage over = new MqttMessage(("{\"readings\":[{\"gas\":\"CH4\",\"value\":25,\"unit\":\"%LEL\"}],\"at\":\""
                    + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8));
            over.setQos(1);
            long t0 = System.nanoTime();
            detector.publish("site/" + SITE + "/gas/det-" + i, over);
            long deadline = t0 + 10_000_000_000L;
            while ((!revoked.containsKey(permitNo) || !notified.containsKey(permitNo) || !sounded.containsKey("z-" + i))
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(200_000);
            }
            revoke[i] = since(t0, revoked.get(permitNo));
            notify[i] = since(t0, notified.get(permitNo));
            sound[i] = since(t0, sounded.get("z-" + i));
            lock[i] = Math.max(revoke[i], notify[i]);
            Thread.sleep(250);
        }
        double loadRate = (published.get() - loadStart) / (Duration.between(loadStarted, Instant.now()).toMillis() / 1000.0);
        running.set(false);
        loadThread.join();
        System.out.printf("%nalarm to lock: %d over-limit readings, one per zone, while %.0f normal readings/s were published (QoS 0, 10 detectors)%n",
                alarms, loadRate);
        System.out.println("  sound/light command  " + quantiles(sound));
        System.out.println("  door REVOKE received " + quantiles(revoke) + "  (SUSPEND committed before it is sent)");
        System.out.println("  webhook notified     " + quantiles(notify));
        System.out.println("  lock complete (max)  " + quantiles(lock));
        detector.disconnect();
        controllers.disconnect();
        load.disconnect();
    }

    /** Nanoseconds from t0 to an arrival; Long.MAX_VALUE (reported as missing) when nothing arrived. */
    static long since(long t0, Long arrived) {
        return arrived == null ? Long.MAX_VALUE : arrived - t0;
    }

    static String quantiles(long[] nanos) {
        long[] micros = Arrays.stream(nanos).map(n -> n == Long.MAX_VALUE ? n : n / 1000).sorted().toArray();
        long missing = Arrays.stream(micros).filter(m -> m == Long.MAX_VALUE).count();
        return String.format("p50 %s  p90 %s  p99 %s  max %s%s", ms(micros, 0.5), ms(micros, 0.9), ms(micros, 0.99),
                ms(micros, 1.0), missing == 0 ? "" : "  (" + missing + " missing after 10 s)");
    }

    /** The site's door controllers and alarm devices: arrival time of each REVOKE (by permit) and alarm (by zone). */
    private record Collector(Map<String, Long> revoked, Map<String, Long> sounded) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            long now = System.nanoTime();
            JsonNode json = JSON.readTree(message.getPayload());
            if ("REVOKE".equals(json.path("command").asText())) {
                revoked.putIfAbsent(json.path("permitNo").asText(), now);
            } else if ("ALARM_ON".equals(json.path("command").asText())) {
                sounded.putIfAbsent(json.path("zoneId").asText(), now);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    /** The managers' notification webhook: arrival time of each notification, by suspended permit. */
    private static HttpServer webhook(Map<String, Long> notified) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/notifications", exchange -> {
            long now = System.nanoTime();
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            body.path("lockingPermits").forEach(p -> notified.putIfAbsent(p.asText(), now));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4, DAEMON));
        server.start();
        return server;
    }

    // --- set-up ----------------------------------------------------------------------------------

    private record Fixture(HttpClient client, URI base, String admin, String enterprise) {

        void site(int zones) throws Exception {
            StringBuilder list = new StringBuilder("{\"zoneId\":\"load-zone\",\"lat\":37.5393,\"lon\":121.3914,\"radiusM\":500}");
            for (int i = 0; i < zones; i++) {
                list.append(",{\"zoneId\":\"z-").append(i).append("\",\"lat\":37.5393,\"lon\":121.3914,\"radiusM\":500}");
            }
            int offset = 10 - java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).getHour();
            offset = offset < -12 ? offset + 24 : offset > 14 ? offset - 24 : offset;
            send("PUT", "/admin/v1/sites/" + SITE, admin, """
                    {"name":"bench","calendar":{"zone":"%s","nightStarts":"18:00","nightEnds":"06:00","restDays":[]},
                     "zones":[%s],"approvers":[{"personId":"a-3001","roles":["LOCAL_UNIT"]}]}"""
                    .formatted(java.time.ZoneOffset.ofHours(offset).getId(), list), 200);
            send("PUT", "/admin/v1/sites/" + SITE + "/wind", admin,
                    "{\"speedMps\":2.0,\"measuredAt\":\"" + Instant.now() + "\"}", 200);
        }

        String device(String id, String zone, String kind) throws Exception {
            JsonNode answer = send("PUT", "/admin/v1/sites/" + SITE + "/devices/" + id, admin,
                    "{\"zoneId\":\"" + zone + "\",\"kind\":\"" + kind + "\"}", 200);
            return answer.path("deviceKey").asText(null);
        }

        String activePermit(String zone) throws Exception {
            String no = "B-" + UUID.randomUUID().toString().substring(0, 12);
            Instant start = Instant.now().minus(Duration.ofMinutes(5));
            send("POST", "/api/v1/permits", enterprise, """
                    {"permitNo":"%s","enterpriseCode":"%s","siteId":"%s","workType":"HOT_WORK","grade":"GRADE_2",
                     "location":{"zoneId":"%s","lat":37.5393,"lon":121.3914},"content":"benchmark",
                     "plannedStart":"%s","plannedEnd":"%s","workers":["w-1001","w-1002"],"guardianId":"g-2001"}"""
                    .formatted(no, ENTERPRISE, SITE, zone, start, start.plus(Duration.ofHours(4))), 201);
            String actions = "/api/v1/permits/" + no + "/actions";
            send("POST", actions, enterprise, "{\"type\":\"APPROVE\",\"data\":{\"approverId\":\"a-3001\","
                    + "\"approverRole\":\"LOCAL_UNIT\",\"lat\":37.5394,\"lon\":121.3915,\"at\":\"" + Instant.now() + "\"}}", 200);
            send("POST", actions, enterprise, "{\"type\":\"GAS_TEST\",\"data\":{\"analystId\":\"an-1\",\"readings\":[{\"gas\":"
                    + "\"CH4\",\"value\":4,\"unit\":\"%LEL\",\"sampledAt\":\"" + Instant.now() + "\",\"distanceToWorkPointM\":3}]}}", 200);
            send("POST", actions, enterprise, "{\"type\":\"START\",\"data\":{}}", 200);
            return no;
        }

        JsonNode send(String method, String path, String token, String body, int expected) throws Exception {
            var request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    private static void expectAllowed(HttpClient client, URI base, String key, String body) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var response = client.send(HttpRequest.newBuilder(base.resolve("/access/v1/decisions"))
                    .header("Content-Type", "application/json").header("X-Device-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.body().contains("\"allow\":true")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the door never allowed the worker of the ACTIVE permit");
    }

    private static String token(Path jar, Path data, String role, String enterprise) throws Exception {
        return enterprise == null ? BenchHub.token(jar, data, "--role", role)
                : BenchHub.token(jar, data, "--role", role, "--enterprise", enterprise);
    }

}
