package org.permithub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.permithub.hub.cli.VerifyCommand;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * Changing or deleting an action row with plain SQL (as a database administrator could) is seen by
 * the verification API and by the offline verifier; every other action stays VERIFIED.
 */
class TamperDetectionTest extends HubTestSupport {

    @Test
    void an_untouched_permit_verifies_and_its_evidence_bundle_passes_the_offline_verifier() throws Exception {
        String permitNo = anchoredPermitWithActions();
        JsonNode verification = verification(permitNo);
        assertThat(verification.get("status").asText()).isEqualTo("VERIFIED");
        assertThat(statuses(verification)).containsOnlyKeys(1L, 2L, 3L).containsValues("VERIFIED");
        JsonNode first = verification.get("actions").get(0);
        assertThat(first.get("recomputedHash").asText()).isEqualTo(first.get("anchoredHash").asText()).hasSize(64);
        assertThat(first.get("ledgerRoot").asText()).hasSize(64);
        assertThat(first.get("transactionId").asText()).isNotBlank();

        Path bundle = evidenceBundle(permitNo);
        assertThat(verify(bundle)).isZero();

        // the auditor's copy edited: the offline verifier refuses it
        String edited = Files.readString(bundle).replace("\"guardianId\":\"g-2001\"", "\"guardianId\":\"g-9999\"");
        assertThat(edited).isNotEqualTo(Files.readString(bundle));
        Files.writeString(bundle, edited);
        assertThat(verify(bundle)).isEqualTo(1);
    }

    @Test
    void a_changed_row_is_tampered_and_only_that_one() {
        String permitNo = anchoredPermitWithActions();
        asAdministrator("update permit_actions set actor = 'someone-else' where permit_no = '" + permitNo
                + "' and version = 2");
        JsonNode verification = verification(permitNo);
        assertThat(verification.get("status").asText()).isEqualTo("TAMPERED");
        assertThat(statuses(verification)).isEqualTo(Map.of(1L, "VERIFIED", 2L, "TAMPERED", 3L, "VERIFIED"));
    }

    @Test
    void a_deleted_row_is_missing_and_only_that_one() {
        String permitNo = anchoredPermitWithActions();
        asAdministrator("delete from permit_actions where permit_no = '" + permitNo + "' and version = 2");
        JsonNode verification = verification(permitNo);
        assertThat(verification.get("status").asText()).isEqualTo("MISSING");
        assertThat(statuses(verification)).isEqualTo(Map.of(1L, "VERIFIED", 2L, "MISSING", 3L, "VERIFIED"));
    }

    @Test
    void a_supervisor_of_another_jurisdiction_gets_404_for_verification_and_evidence() {
        String permitNo = anchoredPermitWithActions();
        assertThat(get("/regulator/v1/permits/" + permitNo + "/verification", regulatorToken("3301")).statusCode())
                .isEqualTo(404);
        assertThat(get("/regulator/v1/permits/" + permitNo + "/evidence", regulatorToken("3301")).statusCode())
                .isEqualTo(404);
    }

    /** A permit with APPLY, APPROVE and CANCEL, all anchored. */
    private String anchoredPermitWithActions() {
        String permitNo = newPermitNo();
        String token = enterpriseToken(ENTERPRISE);
        assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, ENTERPRISE), UUID.randomUUID().toString())
                .statusCode()).isEqualTo(201);
        var approved = action(permitNo, token, "APPROVE", "{\"approverId\":\"a-3001\",\"approverRole\":\"LOCAL_UNIT\","
                + "\"lat\":37.5393,\"lon\":121.3914,\"at\":\"" + java.time.Instant.now() + "\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        var cancelled = action(permitNo, token, "CANCEL", "{\"reason\":\"weather\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "VERIFIED".equals(verification(permitNo).get("status").asText()));
        return permitNo;
    }

    private JsonNode verification(String permitNo) {
        var response = get("/regulator/v1/permits/" + permitNo + "/verification", regulatorToken("3706"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private Path evidenceBundle(String permitNo) throws Exception {
        var response = get("/regulator/v1/permits/" + permitNo + "/evidence", regulatorToken("3706"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Path file = Files.createTempFile("evidence-" + permitNo, ".json");
        Files.writeString(file, response.body());
        return file;
    }

    private static int verify(Path bundle) {
        var out = new ByteArrayOutputStream();
        return VerifyCommand.run(new String[] {bundle.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static Map<Long, String> statuses(JsonNode verification) {
        return StreamSupport.stream(verification.get("actions").spliterator(), false)
                .collect(Collectors.toMap(a -> a.get("version").asLong(), a -> a.get("status").asText()));
    }

    /** Plain SQL with the append-only trigger and foreign keys switched off, as a superuser could. */
    private void asAdministrator(String sql) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
                statement.execute(sql);
                statement.execute("set session_replication_role = origin");
            }
            return null;
        });
    }
}
