package org.permithub.bench.regulator;

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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.permithub.bench.BenchHub;
import org.permithub.core.enterprise.CreditCode;

/**
 * Issue 7's benchmark: the regulator's live-status query ({@code GET /regulator/v1/permits/{no}})
 * on a real hub process with 1,000,000 actions stored (about 250,000 permits × APPLY,
 * APPROVE(s), GAS_TEST, START), at a constant 1,000 requests per second, side by side with a bare endpoint
 * of the same server ({@code /actuator/info}: the servlet container and filter chain, no token,
 * no query). Latency counts from the moment a request was due, so a stalled server shows
 * (no coordinated omission).
 *
 * <p>The 1M actions are copied in bulk SQL from one permit made through the API (same snapshot
 * shape, new numbers and action ids), which takes well under a minute.
 *
 * <p>Run: {@code bench/run-regulator.sh [requests-per-second=1000] [seconds=30] [actions=1000000]}
 */
public final class LiveStatusBench {

    private static final String ENTERPRISE = CreditCode.withCheckCharacter("91370602MA3C00001");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "hub/target/permit-hub.jar");
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int targetActions = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        Path data = Files.createTempDirectory("permit-hub-bench-regulator");
        int http = BenchHub.freePort();
        int pg = BenchHub.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        // e.g. HUB_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/hub.jfr to profile the hub under load
        String hubJavaOpts = System.getenv("HUB_JAVA_OPTS");
        if (hubJavaOpts != null && !hubJavaOpts.isBlank()) {
            command.addAll(Arrays.asList(hubJavaOpts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--permit-hub.mode=standalone", "--permit-hub.data-dir=" + data, "--server.port=" + http,
                "--permit-hub.standalone.postgres-port=" + pg, "--permit-hub.standalone.kafka-port=" + BenchHub.freePort(),
                "--permit-hub.standalone.mqtt-port=" + BenchHub.freePort(),
                "--permit-hub.standalone.start-timeout=5m", // a busy machine starts the embedded servers slowly
                "--permit-hub.routes-dir=" + Path.of("routes").toAbsolutePath(),
                // one bench client is one consumer: lift its per-consumer rate limit above the offered load
                "--permit-hub.gateway.rate-limit.requests-per-second=" + (rate * 10),
                "--logging.level.root=WARN"));
        System.out.printf("hub on http://localhost:%d, PostgreSQL on port %d, log %s%n", http, pg, data.resolve("hub.log"));
        Process hub = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(data.resolve("hub.log").toFile()).start();
        var clientThreads = Executors.newFixedThreadPool(8);
        try {
            URI base = URI.create("http://localhost:" + http);
            HttpClient client = HttpClient.newBuilder().executor(clientThreads)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            BenchHub.awaitHealthy(client, base, hub, data.resolve("hub.log"), Duration.ofMinutes(6));
            String enterprise = BenchHub.token(jar, data, "--role", "enterprise", "--enterprise", ENTERPRISE);
            String regulator = BenchHub.token(jar, data, "--role", "regulator", "--jurisdiction", "370600");
            String template = "TPL-" + UUID.randomUUID().toString().substring(0, 8);
            makeTemplate(client, base, enterprise, template);

            String jdbc = "jdbc:postgresql://localhost:" + pg + "/permithub";
            Instant seedStart = Instant.now();
            int perPermit = templateActions(jdbc, template);
            int permits = targetActions / perPermit;
            long actions = seed(jdbc, template, permits);
            Duration seeded = Duration.between(seedStart, Instant.now());
            System.out.printf("%nseeded %,d permits and %,d actions in %.1f s (bulk SQL from one API-made permit)%n",
                    permits, actions, seeded.toMillis() / 1000.0);

            IntFunction<HttpRequest> status = i -> HttpRequest.newBuilder(base.resolve("/regulator/v1/permits/B-"
                    + ThreadLocalRandom.current().nextInt(permits))).header("Authorization", "Bearer " + regulator)
                    .timeout(Duration.ofSeconds(10)).build();
            IntFunction<HttpRequest> bare = i -> HttpRequest.newBuilder(base.resolve("/actuator/info"))
                    .timeout(Duration.ofSeconds(10)).build();

            // warm-up: JIT, connection pool, PostgreSQL buffers
            run(client, status, rate, 10);
            run(client, bare, rate, 5);
            Result bareResult = run(client, bare, rate, seconds);
            Result statusResult = run(client, status, rate, seconds);
            System.out.printf("%nlive-status benchmark: %d requests/s for %d s each, %,d actions stored%n", rate, seconds,
                    actions);
            System.out.println(bareResult.line("bare endpoint GET /actuator/info"));
            System.out.println(statusResult.line("live status GET /regulator/v1/permits/{no}"));
            System.out.printf("goal p99 <= 20 ms: %s%n", statusResult.p99Millis() <= 20.0 ? "met" : "NOT met");
        } finally {
            clientThreads.shutdownNow();
            hub.destroy();
            hub.waitFor();
        }
    }

    record Result(int sent, int ok, int failed, long[] latenciesNanos, Duration elapsed) {

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(index, latenciesNanos.length - 1))] / 1e6;
        }

        double p99Millis() {
            return percentileMillis(99);
        }

        String line(String name) {
            return String.format("%-44s sent %6d ok %6d failed %4d  achieved %6.0f/s  p50 %6.2f ms  p99 %6.2f ms"
                            + "  p99.9 %7.2f ms  max %7.2f ms", name, sent, ok, failed, ok / (elapsed.toNanos() / 1e9),
                    percentileMillis(50), percentileMillis(99), percentileMillis(99.9), percentileMillis(100));
        }
    }

    /** Open loop: a request every 1/rate s whatever the answers do; latency from when it was due. */
    private static Result run(HttpClient client, IntFunction<HttpRequest> request, int rate, int seconds)
            throws Exception {
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            // park can return early: a request sent before it was due would count a negative latency
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            inFlight.add(client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 200) {
                            failed.incrementAndGet();
                        } else {
                            latencies[index] = System.nanoTime() - due;
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long[] ok = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        return new Result(total, ok.length, failed.get(), ok, elapsed);
    }

    /** One permit through the API, APPLY to START: the shape every seeded permit copies. */
    private static void makeTemplate(HttpClient client, URI base, String token, String permitNo) throws Exception {
        Instant start = Instant.now().minusSeconds(300);
        String application = """
                {"permitNo":"%s","enterpriseCode":"%s","siteId":"yt-plant-1","workType":"HOT_WORK","grade":"GRADE_2",
                 "location":{"zoneId":"unit-3","lat":37.5393,"lon":121.3914},"content":"bench template",
                 "plannedStart":"%s","plannedEnd":"%s","workers":["w-1001"],"guardianId":"g-2001",
                 "details":{"outdoor":true}}""".formatted(permitNo, ENTERPRISE, start, start.plusSeconds(4 * 3600));
        var applied = post(client, base.resolve("/api/v1/permits"), token, application);
        expect(applied, 201);
        URI actions = base.resolve("/api/v1/permits/" + permitNo + "/actions");
        // at night or on a rest day the grade is raised and other roles must sign (GB 30871-2022 Table B.1)
        for (String role : missingApprovals(applied.body())) {
            expect(post(client, actions, token, "{\"type\":\"APPROVE\",\"data\":{\"approverId\":\"a-3001\","
                    + "\"approverRole\":\"" + role + "\",\"lat\":37.5394,\"lon\":121.3915,\"at\":\""
                    + Instant.now() + "\"}}"), 200);
        }
        expect(post(client, actions, token, "{\"type\":\"GAS_TEST\",\"data\":{\"analystId\":\"an-1\",\"instrumentId\":"
                + "\"PGD-778\",\"readings\":[{\"gas\":\"CH4\",\"value\":4,\"unit\":\"%LEL\",\"sampledAt\":\""
                + Instant.now() + "\",\"distanceToWorkPointM\":3}]}}"), 200);
        expect(post(client, actions, token, "{\"type\":\"START\",\"data\":{}}"), 200);
    }

    private static int templateActions(String jdbcUrl, String template) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement count = db.prepareStatement("select count(*) from permit_actions where permit_no = ?")) {
            count.setString(1, template);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The roles still to approve, from the APPLY answer. */
    private static List<String> missingApprovals(String answer) {
        int at = answer.indexOf("\"missingApprovals\":[");
        if (at < 0) {
            return List.of();
        }
        String list = answer.substring(at + 20, answer.indexOf(']', at));
        return Arrays.stream(list.split(",")).map(r -> r.replace("\"", "").trim()).filter(r -> !r.isEmpty()).toList();
    }

    /** Copies the template permit and its actions in bulk; returns the number of actions stored.
     * The template's own actions (4 or 5, depending on how many approvals its grade needs) are copied
     * per permit, so the count is printed rather than assumed. */
    private static long seed(String jdbcUrl, String template, int permits) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement sql = db.createStatement()) {
            sql.execute("set synchronous_commit = off");
            try (PreparedStatement copy = db.prepareStatement("""
                    insert into permits (permit_no, enterprise_code, division_code, site_id, work_type, grade, state, version,
                                         last_action, snapshot, applied_at, updated_at, valid_until)
                    select 'B-' || g, t.enterprise_code, t.division_code, t.site_id, t.work_type, t.grade, t.state, t.version,
                           t.last_action, jsonb_set(t.snapshot, '{application,permitNo}', to_jsonb('B-' || g)),
                           t.applied_at - make_interval(secs => g), t.updated_at, t.valid_until
                      from permits t, generate_series(0, ? - 1) g where t.permit_no = ?""")) {
                copy.setInt(1, permits);
                copy.setString(2, template);
                copy.executeUpdate();
            }
            try (PreparedStatement copy = db.prepareStatement("""
                    insert into permit_actions (id, permit_no, version, type, actor, occurred_at, recorded_at, source, data, hash)
                    select gen_random_uuid(), 'B-' || g, a.version, a.type, a.actor, a.occurred_at, a.recorded_at, a.source,
                           a.data, a.hash
                      from permit_actions a, generate_series(0, ? - 1) g where a.permit_no = ?""")) {
                copy.setInt(1, permits);
                copy.setString(2, template);
                copy.executeUpdate();
            }
            sql.execute("analyze permits");
            sql.execute("analyze permit_actions");
            try (ResultSet count = sql.executeQuery("select count(*) from permit_actions")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpResponse<String> post(HttpClient client, URI uri, String token, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
