package org.permithub.api.regulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.permithub.api.regulator.compliance.ComplianceFlag;
import org.permithub.api.regulator.compliance.ComplianceFlag.Code;
import org.permithub.api.regulator.compliance.ComplianceFlag.Status;
import org.permithub.api.regulator.compliance.ComplianceRules;
import org.permithub.core.approval.ApprovalRecord;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.Location;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitApplication;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;

class ComplianceRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant APPLIED = Instant.parse("2026-11-25T02:00:00Z"); // a Wednesday, 10:00 in Yantai

    private final List<ActionFact> actions = new ArrayList<>();
    private final List<ApprovalRecord> approvals = new ArrayList<>();
    private int batch = 1;
    private Optional<Boolean> commitment = Optional.empty();

    private void act(String type, Instant at, String data) {
        actions.add(new ActionFact(UUID.randomUUID(), actions.size() + 1, type, "u-1", at, json(data)));
    }

    private void approve(Instant signedAt) {
        approvals.add(new ApprovalRecord("a-" + approvals.size(), ApproverRole.LOCAL_UNIT, null, signedAt, signedAt));
        act("APPROVE", signedAt, "{\"approverId\":\"a-1\",\"at\":\"" + signedAt + "\"}");
    }

    private void gasTest(Instant sampledAt, Instant at) {
        act("GAS_TEST", at, "{\"readings\":[{\"gas\":\"CH4\",\"value\":4,\"sampledAt\":\"" + sampledAt + "\"}]}");
    }

    private List<ComplianceFlag> flags(Instant now) {
        var app = new PermitApplication("DH-1", "91370602MA3C000018", "s", WorkType.HOT_WORK, Grade.GRADE_2,
                new Location("z", 37.5, 121.4), "c", APPLIED, APPLIED.plus(Duration.ofHours(8)), List.of("w-1"), "g-1");
        Permit permit = new Permit(app, PermitState.ACTIVE, actions.size() + 1, ActionType.START, APPLIED, now, null,
                approvals, null, null, null, null, null, null, null);
        List<ActionFact> all = new ArrayList<>();
        all.add(new ActionFact(UUID.randomUUID(), 0, "APPLY", "u-1", APPLIED, json("{}")));
        all.addAll(actions);
        return ComplianceRules.evaluate(new PermitFacts(permit, "370602", all, List.of(), batch, commitment), now);
    }

    private static ComplianceFlag flag(List<ComplianceFlag> flags, Code code) {
        return flags.stream().filter(f -> f.code() == code).findFirst().orElseThrow();
    }

    @Test
    void aPermitDoneByTheBookPassesEverything() {
        approve(APPLIED.plus(Duration.ofMinutes(20)));
        gasTest(APPLIED.plus(Duration.ofMinutes(25)), APPLIED.plus(Duration.ofMinutes(26)));
        act("START", APPLIED.plus(Duration.ofMinutes(40)), "{}");
        act("COMPLETE", APPLIED.plus(Duration.ofHours(6)), "{\"acceptedBy\":\"u-lead\"}");
        commitment = Optional.of(true);
        List<ComplianceFlag> flags = flags(APPLIED.plus(Duration.ofHours(7)));
        assertThat(flags).extracting(ComplianceFlag::status).containsOnly(Status.PASS);
        assertThat(flags).allSatisfy(f -> assertThat(f.rule()).isNotBlank());
    }

    @Test
    void startWithoutApprovalAndWithAStaleGasTestFail() {
        gasTest(APPLIED.plus(Duration.ofMinutes(1)), APPLIED.plus(Duration.ofMinutes(2)));
        act("START", APPLIED.plus(Duration.ofMinutes(45)), "{}");
        List<ComplianceFlag> flags = flags(APPLIED.plus(Duration.ofHours(1)));
        assertThat(flag(flags, Code.APPROVAL_BEFORE_START).status()).isEqualTo(Status.FAIL);
        ComplianceFlag gas = flag(flags, Code.GAS_TEST_FRESH_AT_START);
        assertThat(gas.status()).isEqualTo(Status.FAIL);
        assertThat(gas.detail()).contains("44 min");
        assertThat(gas.rule()).contains("§5.3.1c");
        assertThat(flag(flags, Code.IN_DAILY_COMMITMENT).status()).isEqualTo(Status.NOT_EVALUATED);
    }

    @Test
    void approvalsSecondsAfterApplyingOrStampedInABatchAreImplausible() {
        approve(APPLIED.plusSeconds(8));
        assertThat(flag(flags(APPLIED.plusSeconds(60)), Code.APPROVAL_TIME_PLAUSIBLE).status()).isEqualTo(Status.FAIL);

        approvals.clear();
        actions.clear();
        approve(APPLIED.plus(Duration.ofMinutes(30)));
        batch = 12;
        ComplianceFlag stamped = flag(flags(APPLIED.plus(Duration.ofHours(1))), Code.APPROVAL_TIME_PLAUSIBLE);
        assertThat(stamped.status()).isEqualTo(Status.FAIL);
        assertThat(stamped.detail()).contains("12 permits in the same second");
    }

    @Test
    void noSignOffADayAfterTheValidityEndedFails() {
        approve(APPLIED.plus(Duration.ofMinutes(20)));
        gasTest(APPLIED.plus(Duration.ofMinutes(25)), APPLIED.plus(Duration.ofMinutes(26)));
        act("START", APPLIED.plus(Duration.ofMinutes(40)), "{}");
        assertThat(flag(flags(APPLIED.plus(Duration.ofHours(9))), Code.SIGN_OFF_ON_TIME).status())
                .isEqualTo(Status.NOT_APPLICABLE);
        assertThat(flag(flags(APPLIED.plus(Duration.ofHours(40))), Code.SIGN_OFF_ON_TIME).status())
                .isEqualTo(Status.FAIL);
        commitment = Optional.of(false);
        assertThat(flag(flags(APPLIED.plus(Duration.ofHours(1))), Code.IN_DAILY_COMMITMENT).status())
                .isEqualTo(Status.FAIL);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
