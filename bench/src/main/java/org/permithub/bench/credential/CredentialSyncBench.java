package org.permithub.bench.credential;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.permithub.bench.BenchHub;

/**
 * Issue 5's benchmark: credential sync of N contractor workers through the certificate and
 * social-insurance simulators, each answering after a fixed delay (default 20 ms), in a real hub
 * process, once per bulkhead size. Each run starts the hub with
 * {@code permit-hub.credentials.bulkhead=<size>} (and enough check threads that the bulkhead is the
 * limit), pushes the workers through the partner API's bulk upsert (chunks of 500), and stops the
 * clock when the last worker has left PENDING (every certificate and insurance answer stored,
 * evidence and standing committed, CloudEvent in the outbox). Prints workers/s per bulkhead size.
 *
 * <p>The simulators run in this JVM (WireMock with the hub's own mappings from
 * {@code connectors/src/main/resources/simulators}) so their delay is exact and their threads do not
 * queue requests.
 *
 * <p>Run: {@code bench/run-credential-sync.sh [workers] [delayMs] [bulkheads...]}
 */
public final class CredentialSyncBench {

    private static final int CHUNK = 500;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "hub/target/permit-hub.jar");
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int delayMs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<Integer> bulkheads = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            bulkheads.add(Integer.parseInt(args[i]));
        }
        if (bulkheads.isEmpty()) {
            bulkheads = List.of(5, 10, 25, 50);
        }
        WireMockServer certificate = simulator("certificate", delayMs);
        WireMockServer insurance = simulator("social-insurance", delayMs);
        Path data = Files.createTempDirectory("permit-hub-credential-bench");
        List<String> lines = new ArrayList<>();
        try {
            for (int bulkhead : bulkheads) {
                lines.add(run(jar, data, certificate, insurance, workers, bulkhead));
                System.out.println(lines.get(lines.size() - 1));
            }
        } finally {
            certificate.stop();
            insurance.stop();
        }
        System.out.printf(Locale.ROOT, "%ncredential sync, %d workers, simulators answering after %d ms, "
                + "%d cores%n", workers, delayMs, Runtime.getRuntime().availableProcessors());
        lines.forEach(System.out::println);
    }

    private static String run(Path jar, Path data, WireMockServer certificate, WireMockServer insurance, int workers,
            int bulkhead) throws Exception {
        int http = BenchHub.freePort();
        int pg = BenchHub.freePort();
        int threads = Math.max(2 * bulkhead, 20);
        Process hub = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1500m", "-jar", jar.toString(),
                "--permit-hub.mode=standalone", "--permit-hub.data-dir=" + data, "--server.port=" + http,
                "--permit-hub.standalone.postgres-port=" + pg, "--permit-hub.standalone.kafka-port=" + BenchHub.freePort(),
                "--permit-hub.standalone.mqtt-port=" + BenchHub.freePort(),
                "--permit-hub.standalone.demo-data=false",
                "--permit-hub.standalone.start-timeout=10m",
                "--permit-hub.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "--permit-hub.credentials.certificate.url=" + certificate.baseUrl(),
                "--permit-hub.credentials.social-insurance.url=" + insurance.baseUrl(),
                "--permit-hub.credentials.bulkhead=" + bulkhead,
                "--permit-hub.credentials.bulkhead-wait=60s",
                // a shared, overloaded machine must not turn slow answers into timeouts: throughput is measured
                "--permit-hub.credentials.response-timeout-ms=10000",
                // the simulators do not limit callers here: the bulkhead is what is measured
                "--permit-hub.credentials.certificate.rate-limit=100000",
                "--permit-hub.credentials.social-insurance.rate-limit=100000",
                "--permit-hub.credentials.check-threads=" + threads,
                "--permit-hub.credentials.contractor-pull.enabled=false",
                "--logging.level.root=WARN"))
                .redirectErrorStream(true).redirectOutput(data.resolve("hub-" + bulkhead + ".log").toFile()).start();
        try {
            URI base = URI.create("http://localhost:" + http);
            HttpClient client = HttpClient.newHttpClient();
            BenchHub.awaitHealthy(client, base, hub, data.resolve("hub-" + bulkhead + ".log"), Duration.ofMinutes(10));
            String contractor = "C-BENCH-" + bulkhead + "-" + UUID.randomUUID().toString().substring(0, 4);
            String token = BenchHub.token(jar, data, "--role", "contractor", "--contractor", contractor);
            String jdbcUrl = "jdbc:postgresql://localhost:" + pg + "/permithub";
            certificate.resetRequests();
            insurance.resetRequests();

            Instant t0 = Instant.now();
            for (int from = 0; from < workers; from += CHUNK) {
                StringBuilder body = new StringBuilder("{\"workers\":[");
                for (int i = from; i < Math.min(workers, from + CHUNK); i++) {
                    String id = idNumber(i);
                    body.append(i == from ? "" : ",").append("""
                            {"workerId":"%s-%d","name":"工人%d","idNumber":"%s","certificates":[{"number":"T%s",
                             "category":"焊接与热切割作业","issuedOn":"2022-04-18","lastWorkedOn":"%s"}]}"""
                            .formatted(contractor, i, i, id, id, LocalDate.now()));
                }
                var answer = client.send(HttpRequest.newBuilder(base.resolve("/partner/v1/workers/bulk"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofMinutes(5))
                        .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("bulk upsert answered " + answer.statusCode() + ": " + answer.body());
                }
            }
            Duration intake = Duration.between(t0, Instant.now());
            long done;
            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                    PreparedStatement count = db.prepareStatement(
                            "select count(*) filter (where status <> 'PENDING'), count(*) filter (where status = 'VALID')"
                                    + " from credential_workers where contractor_id = ?")) {
                count.setString(1, contractor);
                long valid;
                Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
                do {
                    Thread.sleep(100);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        done = rs.getLong(1);
                        valid = rs.getLong(2);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("only " + done + " of " + workers + " checked in 30 min");
                    }
                } while (done < workers);
                if (valid != workers) {
                    throw new IllegalStateException(valid + " of " + workers + " VALID; see the hub log");
                }
            }
            Duration total = Duration.between(t0, Instant.now());
            int certificateCalls = certificate.getAllServeEvents().size();
            int insuranceCalls = insurance.getAllServeEvents().size();
            return String.format(Locale.ROOT,
                    "bulkhead %3d (check threads %3d): %6.1f workers/s  (%d workers in %.1f s; bulk upsert %.1f s;"
                            + " calls: certificate %d, insurance %d)",
                    bulkhead, threads, workers * 1000.0 / total.toMillis(), workers, total.toMillis() / 1000.0,
                    intake.toMillis() / 1000.0, certificateCalls, insuranceCalls);
        } finally {
            hub.destroy();
            hub.waitFor();
        }
    }

    /** The hub's own simulator mappings, every answer delayed by {@code delayMs}. */
    private static WireMockServer simulator(String system, int delayMs) {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(300).maxRequestJournalEntries(100_000)
                .usingFilesUnderDirectory(Path.of("connectors/src/main/resources/simulators", system).toString()));
        server.start();
        server.setGlobalFixedDelay(delayMs);
        return server;
    }

    /** ID numbers with sequence 001 (the simulators' genuine, insured worker), distinct birth dates. */
    private static String idNumber(int i) {
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(i);
        String first17 = "370602" + birth.toString().replace("-", "") + "001";
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += (first17.charAt(k) - '0') * WEIGHTS[k];
        }
        return first17 + CHECK[sum % 11];
    }

}
