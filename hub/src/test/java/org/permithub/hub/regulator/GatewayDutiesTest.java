package org.permithub.hub.regulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.permithub.core.access.Role;
import org.permithub.hub.security.TokenIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** What the gateway does for every API under its prefixes: tokens, rate limits, size limits, audit. */
class GatewayDutiesTest extends RegulatorTestSupport {

    @Autowired
    private KeyPair standaloneSigningKeys;

    @Value("${permit-hub.security.issuer}")
    private String issuer;

    @Test
    void expiredUnsignedWronglySignedAndForeignIssuerTokensAre401() throws Exception {
        var grant = TokenIssuer.Grant.of(Role.REGULATOR, "supervisor-3706").jurisdiction("3706");
        String expired = tokens.issue(grant.ttl(Duration.ofMinutes(5)), Instant.now().minus(Duration.ofHours(1)));
        String valid = tokens.issue(grant);
        String[] parts = valid.split("\\.");
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String wronglySigned = new TokenIssuer(generator.generateKeyPair(), issuer).issue(grant);
        String foreignIssuer = new TokenIssuer(standaloneSigningKeys, "https://idp.example.org").issue(grant);
        String tamperedClaims = parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace("3706", "33")) + "." + parts[2];

        assertThat(get("/regulator/v1/permits", valid).statusCode()).isEqualTo(200);
        for (String token : List.of(expired, unsigned, wronglySigned, foreignIssuer, tamperedClaims, "not-a-jwt")) {
            HttpResponse<String> answer = get("/regulator/v1/permits", token);
            assertThat(answer.statusCode()).as(token).isEqualTo(401);
            assertThat(json(answer).get("code").asText()).isEqualTo("INVALID_TOKEN");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        }
    }

    @Test
    void aConsumerOverItsRateGets429WithRetryAfterWhileOthersGoOn() {
        // rate-probe is limited to 3 requests per second (HubTestSupport)
        String probe = tokens.issue(TokenIssuer.Grant.of(Role.REGULATOR, "rate-probe").jurisdiction("3706"));
        List<CompletableFuture<HttpResponse<String>>> burst = IntStream.range(0, 10)
                .mapToObj(i -> HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/regulator/v1/permits?limit=1")).header("Authorization", "Bearer " + probe).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<HttpResponse<String>> answers = burst.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> limited = answers.stream().filter(a -> a.statusCode() == 429).toList();
        assertThat(limited).hasSizeGreaterThanOrEqualTo(4);
        assertThat(answers.stream().filter(a -> a.statusCode() == 200).count()).isBetween(1L, 6L);
        HttpResponse<String> refused = limited.get(0);
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 2);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json(refused).get("code").asText()).isEqualTo("RATE_LIMITED");
        // another consumer is not held up
        assertThat(get("/regulator/v1/permits?limit=1", regulatorToken("3706")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(3)).until(() -> get("/regulator/v1/permits?limit=1", probe).statusCode() == 200);
    }

    @Test
    void aBodyOverTheSizeLimitIs413BeforeAnythingReadsIt() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // declares 20 MB (the limit is 10 MB) and sends none of it
            out.write(("POST /regulator/v1/inspections HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + regulatorToken("3706") + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            // the server may keep the connection open to swallow the body: read what arrives
            while (!answer.toString().contains("PAYLOAD_TOO_LARGE")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 413");
            assertThat(answer.toString()).contains("application/problem+json").contains("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void everyRegulatorQueryIsAuditedAndAdminsCanListThem() {
        String auditor = tokens.issue(TokenIssuer.Grant.of(Role.REGULATOR, "audit-probe").jurisdiction("3706"));
        String permitNo = appliedPermit(ENTERPRISE);
        assertThat(get("/regulator/v1/permits/" + permitNo, auditor).statusCode()).isEqualTo(200);
        assertThat(get("/regulator/v1/permits?limit=2", auditor).statusCode()).isEqualTo(200);
        assertThat(get("/regulator/v1/permits?limit=nope", auditor).statusCode()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            HttpResponse<String> listed = get("/admin/v1/audit/regulator-queries?subject=audit-probe", adminToken());
            assertThat(listed.statusCode()).isEqualTo(200);
            JsonNode items = json(listed).get("items");
            assertThat(items).hasSize(3);
            JsonNode status = items.get(2); // newest first
            assertThat(status.get("path").asText()).isEqualTo("/regulator/v1/permits/" + permitNo);
            assertThat(status.get("status").asInt()).isEqualTo(200);
            assertThat(status.get("recordCount").asInt()).isEqualTo(1);
            assertThat(status.get("role").asText()).isEqualTo("regulator");
            assertThat(status.get("jurisdiction").asText()).isEqualTo("3706");
            assertThat(items.get(1).get("query").asText()).isEqualTo("limit=2");
            assertThat(items.get(1).get("recordCount").asInt()).isBetween(1, 2);
            assertThat(items.get(0).get("status").asInt()).isEqualTo(400);
        });
        assertThat(get("/admin/v1/audit/regulator-queries", regulatorToken("3706")).statusCode()).isEqualTo(403);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
