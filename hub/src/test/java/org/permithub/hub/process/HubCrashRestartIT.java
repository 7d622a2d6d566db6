package org.permithub.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.permithub.hub.cli.TokenCommand;
import org.permithub.hub.support.HubProcess;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.KafkaTestConsumer;
import org.permithub.hub.support.TestDataDir;

/**
 * The hub as a real separate process: a graceful restart keeps every permit, and a SIGKILL in the
 * middle of a load loses nothing that was answered 2xx and half-stores nothing that was not.
 */
class HubCrashRestartIT {

    private static final String ENTERPRISE = HubTestSupport.ENTERPRISE;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void a_restart_keeps_every_permit_and_a_sigkill_under_load_loses_nothing_answered() throws Exception {
        Path data = Path.of("target", "it-crash-data");
        TestDataDir.delete(data);
        var ports = HubProcess.Ports.free();
        try (var hub = new HubProcess(data, ports).start()) {
            String token = token(data);

            // a graceful restart keeps the permit
            String permitNo = "RS-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(apply(hub, token, permitNo, UUID.randomUUID().toString())).isEqualTo(201);
            hub.stop();
            hub.start();
            var view = http.send(HttpRequest.newBuilder(hub.baseUri().resolve("/api/v1/permits/" + permitNo))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
            assertThat(view.body()).contains("\"state\":\"APPLIED\"");

            // SIGKILL while four clients apply and approve permits
            Map<String, Integer> answered = new ConcurrentHashMap<>();
            Set<String> attempted = ConcurrentHashMap.newKeySet();
            AtomicInteger answeredCount = new AtomicInteger();
            AtomicBoolean load = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (load.get()) {
                        String no = "CR-" + UUID.randomUUID().toString().substring(0, 12);
                        attempted.add(no);
                        try {
                            int applied = apply(hub, token, no, "apply-" + no);
                            answered.put(no + "#1", applied);
                            answeredCount.incrementAndGet();
                            int approved = approve(hub, token, no);
                            answered.put(no + "#2", approved);
                            answeredCount.incrementAndGet();
                        } catch (Exception connectionLost) {
                            // the hub died mid-request: no answer, so no promise was made
                        }
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> answeredCount.get() >= 200);
            hub.kill();
            load.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            hub.start();
            try (Connection db = DriverManager.getConnection(hub.jdbcUrl(), "postgres", "postgres")) {
                for (String no : attempted) {
                    var stored = counts(db, no);
                    // all or nothing: the permit row, its actions and their outbox rows go together
                    assertThat(stored.get("outbox")).as(no).isEqualTo(stored.get("actions") * 2);
                    assertThat(stored.get("permits") == 1).as(no).isEqualTo(stored.get("actions") >= 1);
                    if (answered.getOrDefault(no + "#1", 0) == 201) {
                        assertThat(stored.get("applies")).as(no).isEqualTo(1);
                    }
                    if (answered.getOrDefault(no + "#2", 0) == 200) {
                        assertThat(stored.get("approves")).as(no).isEqualTo(1);
                    }
                }
                List<String> actionIds = new ArrayList<>();
                try (var rs = db.createStatement().executeQuery(
                        "select id::text from permit_actions where permit_no like 'CR-%'")) {
                    while (rs.next()) {
                        actionIds.add(rs.getString(1));
                    }
                }
                assertThat(actionIds.size()).isGreaterThanOrEqualTo(200);
                // every stored action reaches permit.events, and deduplicated by id exactly once each
                try (var events = new KafkaTestConsumer(hub.kafkaBootstrap(), "permit.events")) {
                    Set<String> expected = new HashSet<>(actionIds);
                    Set<String> seen = new HashSet<>();
                    events.pollUntil(r -> {
                        if (r.key() != null && r.key().startsWith("CR-")) {
                            seen.add(eventId(r.value()));
                        }
                    }, () -> seen.containsAll(expected), Duration.ofSeconds(60));
                    assertThat(seen).isEqualTo(expected);
                }
            }
        }
    }

    private static String eventId(String cloudEvent) {
        int start = cloudEvent.indexOf("\"id\":\"") + 6;
        return cloudEvent.substring(start, cloudEvent.indexOf('"', start));
    }

    private static Map<String, Integer> counts(Connection db, String permitNo) throws Exception {
        try (var statement = db.prepareStatement("""
                select (select count(*) from permits where permit_no = ?) as permits,
                       (select count(*) from permit_actions where permit_no = ?) as actions,
                       (select count(*) from permit_actions where permit_no = ? and type = 'APPLY') as applies,
                       (select count(*) from permit_actions where permit_no = ? and type = 'APPROVE') as approves,
                       (select count(*) from outbox where aggregate_id = ? and destination in ('events', 'ledger'))
                         as outbox""")) {
            for (int i = 1; i <= 5; i++) {
                statement.setString(i, permitNo);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return Map.of("permits", rs.getInt(1), "actions", rs.getInt(2), "applies", rs.getInt(3),
                        "approves", rs.getInt(4), "outbox", rs.getInt(5));
            }
        }
    }

    private int apply(HubProcess hub, String token, String permitNo, String key) throws Exception {
        String body = """
                {"permitNo":"%s","enterpriseCode":"%s","siteId":"yt-plant-1","workType":"HOT_WORK","grade":"GRADE_2",
                 "location":{"zoneId":"unit-3","lat":37.5393,"lon":121.3914},"content":"crash test",
                 "plannedStart":"2030-01-02T01:00:00Z","plannedEnd":"2030-01-02T05:00:00Z",
                 "workers":["w-1001"],"guardianId":"g-2001"}""".formatted(permitNo, ENTERPRISE);
        return http.send(HttpRequest.newBuilder(hub.baseUri().resolve("/api/v1/permits"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private int approve(HubProcess hub, String token, String permitNo) throws Exception {
        return http.send(HttpRequest.newBuilder(hub.baseUri().resolve("/api/v1/permits/" + permitNo + "/actions"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", "approve-" + permitNo)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"APPROVE\",\"data\":{\"approverId\":\"a-3001\",\"approverRole\":\"LOCAL_UNIT\","
                                + "\"lat\":37.5394,\"lon\":121.3915,\"at\":\"" + java.time.Instant.now() + "\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String token(Path data) {
        var out = new ByteArrayOutputStream();
        int exit = TokenCommand.run(new String[] {"--role", "enterprise", "--enterprise", ENTERPRISE,
                "--data-dir", data.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8).trim();
    }
}
