package org.permithub.hub.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.permithub.api.regulator.PermitEvidenceQuery;
import org.permithub.core.access.Caller;
import org.permithub.core.access.Role;
import org.permithub.hub.PermitHubApplication;
import org.permithub.hub.cli.VerifyCommand;
import org.permithub.hub.permit.IntakeCommand;
import org.permithub.hub.permit.IntakeParser;
import org.permithub.hub.permit.PermitCommandService;
import org.permithub.hub.support.HubTestSupport;
import org.permithub.hub.support.TestDataDir;
import org.permithub.ledger.fabric.testpeer.FabricTestPeer;
import org.permithub.ledger.fabric.testpeer.TestIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub with the {@code fabric} back-end, end to end over real gRPC to a test peer that runs the
 * real chaincode: actions are anchored and verified against roots read from Fabric, and an hour-like
 * outage of the peer holds up anchoring only — intake goes on, and every batch is anchored once,
 * in order, when the peer returns.
 */
@SpringBootTest(classes = PermitHubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "permit-hub.mode=standalone",
            "permit-hub.data-dir=target/test-hub-fabric-data",
            "permit-hub.routes-dir=../routes",
            "permit-hub.standalone.postgres-port=0",
            "permit-hub.standalone.kafka-port=0",
            "permit-hub.standalone.mqtt-port=0",
            "permit-hub.ledger.backend=fabric",
            "permit-hub.ledger.batch-max-wait=200ms",
            "permit-hub.ledger.batch-size=64",
            // only this test's permit actions in the batches: no demo contractor pull (its evidence is anchored too)
            "permit-hub.credentials.contractor-pull.enabled=false"
        })
class FabricAnchoringTest {

    private static final FabricTestPeer PEER;
    private static final TestIdentity.Pems CLIENT;

    static {
        TestDataDir.wipeOnce("target/test-hub-fabric-data");
        try {
            TestIdentity organisation = TestIdentity.generate("Org1MSP", "ca.org1.example.com");
            CLIENT = organisation.issue("permit-hub").writePems(Files.createTempDirectory("fabric-client"));
            PEER = FabricTestPeer.start(FabricTestPeer.config(organisation));
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void fabric(DynamicPropertyRegistry registry) {
        registry.add("permit-hub.ledger.fabric.endpoint", PEER::endpoint);
        registry.add("permit-hub.ledger.fabric.channel", PEER::channel);
        registry.add("permit-hub.ledger.fabric.chaincode", PEER::chaincodeName);
        registry.add("permit-hub.ledger.fabric.msp-id", () -> "Org1MSP");
        registry.add("permit-hub.ledger.fabric.certificate", () -> CLIENT.certificate().toString());
        registry.add("permit-hub.ledger.fabric.private-key", () -> CLIENT.privateKey().toString());
        registry.add("permit-hub.ledger.fabric.commit-status-timeout", () -> "10s");
    }

    @AfterAll
    static void stopPeer() {
        PEER.close();
    }

    @Autowired
    PermitCommandService commands;

    @Autowired
    IntakeParser parser;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PermitEvidenceQuery evidence;

    private final Caller enterprise = new Caller("fabric-test", Role.ENTERPRISE, Set.of(), null,
            HubTestSupport.ENTERPRISE, null);

    @Test
    void a_ledger_outage_during_a_thousand_actions_holds_up_anchoring_only_and_every_batch_is_anchored_once()
            throws Exception {
        PEER.stop();
        int permits = 500;
        for (int i = 0; i < permits; i++) {
            String permitNo = "FO-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            var applied = commands.handle(enterprise, apply(permitNo), Optional.empty(), "TEST");
            assertThat(applied.status()).as(applied.body()).isEqualTo(201);
            var cancelled = commands.handle(enterprise, new IntakeCommand.Act(permitNo,
                    org.permithub.core.permit.ActionType.CANCEL, Map.of("reason", "outage test")), Optional.empty(), "TEST");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("select coalesce(sum(size), 0) from ledger_batches", Long.class))
                    .isEqualTo(2L * permits);
            assertThat(jdbc.queryForObject("select count(*) from ledger_batches where last_error is not null", Long.class))
                    .isPositive();
        });
        assertThat(jdbc.queryForObject("select count(*) from ledger_batches where anchored_at is not null", Long.class))
                .isZero();

        PEER.start();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from ledger_batches where anchored_at is null", Long.class)).isZero());

        long batches = jdbc.queryForObject("select count(*) from ledger_batches", Long.class);
        // one transaction per block on the test peer, block 0 is genesis: each batch went on chain once
        assertThat(PEER.ledger().height() - 1).isEqualTo(batches);
        // anchored in sequence order: block numbers rise with the batches' sequences
        var blocks = jdbc.queryForList("select block_number from ledger_batches order by first_sequence", Long.class);
        assertThat(blocks).isSorted().doesNotHaveDuplicates();
        for (String batchId : jdbc.queryForList("select batch_id from ledger_batches", String.class)) {
            assertThat(PEER.ledger().value(PEER.chaincodeName(), "batch:" + batchId)).as(batchId).isPresent();
        }

        // verification reads the roots back from Fabric
        String somePermit = jdbc.queryForObject("select permit_no from permits order by permit_no limit 1", String.class);
        var bundle = evidence.evidence(somePermit).orElseThrow();
        assertThat(bundle.ledgerBackend()).isEqualTo("fabric");
        assertThat(bundle.actions()).hasSize(2).allSatisfy(action ->
                assertThat(action.status()).isEqualTo(org.permithub.ledger.evidence.VerificationStatus.VERIFIED));

        // the auditor's offline verifier, reading the roots back from Fabric itself
        Path dir = Files.createTempDirectory("auditor");
        Path settings = dir.resolve("fabric.properties");
        Files.writeString(settings, String.join("\n", "endpoint=" + PEER.endpoint(), "channel=" + PEER.channel(),
                "chaincode=" + PEER.chaincodeName(), "msp-id=Org1MSP", "certificate=" + CLIENT.certificate(),
                "private-key=" + CLIENT.privateKey()));
        var json = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        Path bundleFile = dir.resolve("bundle.json");
        Files.writeString(bundleFile, json.writeValueAsString(bundle));
        assertThat(verify(bundleFile, settings)).isZero();

        // a bundle whose batch root was rewritten (with its proofs) no longer matches the ledger
        String root = bundle.batches().values().iterator().next().merkleRoot();
        Files.writeString(bundleFile, Files.readString(bundleFile).replace(root, "0".repeat(64)));
        assertThat(verify(bundleFile, settings)).isEqualTo(1);
    }

    private static int verify(Path bundle, Path settings) {
        var out = new java.io.ByteArrayOutputStream();
        var print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        return VerifyCommand.run(new String[] {bundle.toString(), "--ledger-settings", settings.toString()}, print, print);
    }

    private IntakeCommand apply(String permitNo) {
        try {
            return parser.application(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    """
                    {"permitNo":"%s","enterpriseCode":"%s","siteId":"yt-plant-1","workType":"HOT_WORK",
                     "grade":"GRADE_2","location":{"zoneId":"unit-3","lat":37.5393,"lon":121.3914},
                     "content":"outage test","plannedStart":"2030-01-02T01:00:00Z","plannedEnd":"2030-01-02T05:00:00Z",
                     "workers":["w-1001"],"guardianId":"g-2001"}""".formatted(permitNo, HubTestSupport.ENTERPRISE)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
