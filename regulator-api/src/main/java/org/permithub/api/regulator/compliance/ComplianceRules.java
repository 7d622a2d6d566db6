package org.permithub.api.regulator.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.permithub.api.regulator.ActionFact;
import org.permithub.api.regulator.AlertFact;
import org.permithub.api.regulator.PermitFacts;
import org.permithub.api.regulator.compliance.ComplianceFlag.Code;
import org.permithub.api.regulator.compliance.ComplianceFlag.Status;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.WorkType;

/**
 * The compliance flags supervisors score permits by (domain-rules.md §2.3, park scoring items
 * 3.13–3.16, and the daily commitment of §2.1), computed from the stored actions. The core's rules
 * refuse most of these at intake; the flags show what a regulator can check afterwards, from the
 * record alone.
 */
public final class ComplianceRules {

    /** Park scoring 3.14: an approval this soon after the application was not a real review. */
    public static final Duration MIN_REVIEW_TIME = Duration.ofSeconds(60);
    /** Park scoring 3.14: this many permits signed by one approver in the same second is a batch stamp. */
    public static final int BATCH_SIGNATURES = 3;
    /** GB 30871-2022 §5.3.1c, §6.3a: sampling at most 30 min before work starts. */
    public static final Duration GAS_FRESHNESS = Duration.ofMinutes(30);
    /** GB 30871-2022 §5.3.1d: re-analysis after a stop longer than 30 min (特级/一级) or 60 min (二级, confined space). */
    public static final Duration STOP_SHORT = Duration.ofMinutes(30);
    public static final Duration STOP_LONG = Duration.ofMinutes(60);
    /** Park scoring 3.15: completion sign-off (完工验收) at most this long after the permit's validity ended. */
    public static final Duration SIGN_OFF_GRACE = Duration.ofHours(24);

    private ComplianceRules() {}

    public static List<ComplianceFlag> evaluate(PermitFacts facts, Instant now) {
        List<ComplianceFlag> flags = new ArrayList<>();
        flags.add(approvalBeforeStart(facts));
        flags.add(approvalTimePlausible(facts));
        flags.add(gasTestFreshAtStart(facts));
        flags.add(signOffOnTime(facts, now));
        flags.add(simops(facts));
        flags.add(commitment(facts));
        return flags;
    }

    /** GB 30871-2022 §4.11 (park scoring 3.13): every signature before the work starts. */
    static ComplianceFlag approvalBeforeStart(PermitFacts facts) {
        String rule = "GB 30871-2022 §4.11; park scoring 3.13";
        Optional<ActionFact> start = first(facts, "START");
        if (start.isEmpty()) {
            return ComplianceFlag.of(Code.APPROVAL_BEFORE_START, rule, Status.NOT_APPLICABLE, "not started", null);
        }
        Instant startedAt = start.get().occurredAt();
        List<ActionFact> approvals = all(facts, "APPROVE");
        if (approvals.isEmpty() || approvals.stream().noneMatch(a -> a.version() < start.get().version())) {
            return ComplianceFlag.of(Code.APPROVAL_BEFORE_START, rule, Status.FAIL,
                    "started without any approval", startedAt);
        }
        Optional<Instant> lateSignature = facts.permit().approvals().stream()
                .map(a -> a.signedAt()).filter(signed -> signed != null && signed.isAfter(startedAt)).findFirst();
        if (lateSignature.isPresent()) {
            return ComplianceFlag.of(Code.APPROVAL_BEFORE_START, rule, Status.FAIL,
                    "a signature is dated " + lateSignature.get() + ", after the start at " + startedAt, startedAt);
        }
        return ComplianceFlag.of(Code.APPROVAL_BEFORE_START, rule, Status.PASS, "all signatures before the start",
                startedAt);
    }

    /** Park scoring 3.14: not seconds after applying, not a batch of identical timestamps. */
    static ComplianceFlag approvalTimePlausible(PermitFacts facts) {
        String rule = "park scoring 3.14 (approval-time plausibility)";
        var approvals = facts.permit().approvals();
        if (approvals.isEmpty()) {
            return ComplianceFlag.of(Code.APPROVAL_TIME_PLAUSIBLE, rule, Status.NOT_APPLICABLE, "no approval yet", null);
        }
        Instant applied = facts.permit().appliedAt();
        for (var approval : approvals) {
            if (approval.signedAt() != null && Duration.between(applied, approval.signedAt()).compareTo(MIN_REVIEW_TIME) < 0) {
                return ComplianceFlag.of(Code.APPROVAL_TIME_PLAUSIBLE, rule, Status.FAIL,
                        approval.approverId() + " signed " + Duration.between(applied, approval.signedAt()).toSeconds()
                                + " s after the application (less than " + MIN_REVIEW_TIME.toSeconds() + " s)",
                        approval.signedAt());
            }
        }
        long distinctSeconds = approvals.stream().map(a -> a.signedAt() == null ? null : a.signedAt().getEpochSecond())
                .distinct().count();
        if (approvals.size() > 1 && distinctSeconds == 1) {
            return ComplianceFlag.of(Code.APPROVAL_TIME_PLAUSIBLE, rule, Status.FAIL,
                    approvals.size() + " signatures carry the same second", approvals.get(0).signedAt());
        }
        if (facts.approverSameSecondMax() >= BATCH_SIGNATURES) {
            return ComplianceFlag.of(Code.APPROVAL_TIME_PLAUSIBLE, rule, Status.FAIL,
                    "an approver signed " + facts.approverSameSecondMax() + " permits in the same second",
                    approvals.get(0).signedAt());
        }
        return ComplianceFlag.of(Code.APPROVAL_TIME_PLAUSIBLE, rule, Status.PASS, "signature times plausible",
                approvals.get(approvals.size() - 1).signedAt());
    }

    /** GB 30871-2022 §5.3.1c/d, §6.3a/f: a gas analysis at most 30 min old when work starts or resumes after a long stop. */
    static ComplianceFlag gasTestFreshAtStart(PermitFacts facts) {
        String rule = "GB 30871-2022 §5.3.1c, §5.3.1d, §6.3";
        WorkType type = facts.permit().application().workType();
        boolean required = type == WorkType.HOT_WORK || type == WorkType.CONFINED_SPACE;
        List<ActionFact> starts = facts.actions().stream()
                .filter(a -> "START".equals(a.type()) || "RESUME".equals(a.type())).toList();
        if (starts.isEmpty()) {
            return ComplianceFlag.of(Code.GAS_TEST_FRESH_AT_START, rule, Status.NOT_APPLICABLE, "not started", null);
        }
        if (!required && all(facts, "GAS_TEST").isEmpty()) {
            return ComplianceFlag.of(Code.GAS_TEST_FRESH_AT_START, rule, Status.NOT_APPLICABLE,
                    type + " needs no gas analysis here", starts.get(0).occurredAt());
        }
        for (ActionFact start : starts) {
            if ("RESUME".equals(start.type()) && !longStopBefore(facts, start)) {
                continue; // a short stop keeps the earlier analysis valid (§5.3.1d)
            }
            Optional<Instant> sampled = lastGasSampleBefore(facts, start.version());
            if (sampled.isEmpty()) {
                return ComplianceFlag.of(Code.GAS_TEST_FRESH_AT_START, rule, Status.FAIL,
                        start.type() + " without a gas analysis before it", start.occurredAt());
            }
            Duration age = Duration.between(sampled.get(), start.occurredAt());
            if (age.compareTo(GAS_FRESHNESS) > 0) {
                return ComplianceFlag.of(Code.GAS_TEST_FRESH_AT_START, rule, Status.FAIL,
                        start.type() + " " + age.toMinutes() + " min after the gas sample (at most 30 min)",
                        start.occurredAt());
            }
        }
        return ComplianceFlag.of(Code.GAS_TEST_FRESH_AT_START, rule, Status.PASS,
                "gas analysis at most 30 min old at every start", starts.get(0).occurredAt());
    }

    /** GB 30871-2022 §4.15 (park scoring 3.15): completion sign-off (完工验收) on time. */
    static ComplianceFlag signOffOnTime(PermitFacts facts, Instant now) {
        String rule = "GB 30871-2022 §4.15; park scoring 3.15";
        if (first(facts, "START").isEmpty()) {
            return ComplianceFlag.of(Code.SIGN_OFF_ON_TIME, rule, Status.NOT_APPLICABLE, "work never started", null);
        }
        Instant end = Optional.ofNullable(facts.permit().validUntil()).orElse(facts.permit().application().plannedEnd());
        Instant deadline = end == null ? null : end.plus(SIGN_OFF_GRACE);
        Optional<ActionFact> complete = first(facts, "COMPLETE");
        if (complete.isPresent()) {
            Instant at = complete.get().occurredAt();
            boolean named = complete.get().data() != null && complete.get().data().hasNonNull("acceptedBy");
            if (!named) {
                return ComplianceFlag.of(Code.SIGN_OFF_ON_TIME, rule, Status.FAIL, "completion names no acceptor", at);
            }
            if (deadline != null && at.isAfter(deadline)) {
                return ComplianceFlag.of(Code.SIGN_OFF_ON_TIME, rule, Status.FAIL,
                        "signed off " + Duration.between(end, at).toHours() + " h after the validity ended", at);
            }
            return ComplianceFlag.of(Code.SIGN_OFF_ON_TIME, rule, Status.PASS,
                    "signed off by " + complete.get().data().get("acceptedBy").asText(), at);
        }
        if (deadline != null && now.isAfter(deadline)) {
            return ComplianceFlag.of(Code.SIGN_OFF_ON_TIME, rule, Status.FAIL,
                    "no completion sign-off " + SIGN_OFF_GRACE.toHours() + " h after the validity ended", deadline);
        }
        return ComplianceFlag.of(Code.SIGN_OFF_ON_TIME, rule, Status.NOT_APPLICABLE, "work not finished yet", null);
    }

    /** GB 30871-2022 §4.7 (park scoring 3.16): cross work the SIMOPS rules warned about. */
    static ComplianceFlag simops(PermitFacts facts) {
        String rule = "GB 30871-2022 §4.7; park scoring 3.16";
        List<AlertFact> simops = facts.alerts().stream().filter(a -> a.code() != null && a.code().startsWith("SIMOPS"))
                .toList();
        if (simops.isEmpty()) {
            return ComplianceFlag.of(Code.SIMOPS_CONFLICT, rule, Status.PASS, "no cross-work conflict raised", null);
        }
        List<String> related = simops.stream().flatMap(a -> a.relatedPermitNos().stream()).distinct().sorted().toList();
        return new ComplianceFlag(Code.SIMOPS_CONFLICT, simops.get(0).clause() == null ? rule : simops.get(0).clause(),
                Status.FAIL, simops.get(0).detail(), simops.get(0).occurredAt(), related);
    }

    /** domain-rules.md §2.1, park scoring 3.10/3.11: work carried out that the day's commitment did not announce. */
    static ComplianceFlag commitment(PermitFacts facts) {
        String rule = "安全风险研判与承诺公告 (应急〔2018〕74号); park scoring 3.10, 3.11";
        Optional<ActionFact> start = first(facts, "START");
        if (start.isEmpty()) {
            return ComplianceFlag.of(Code.IN_DAILY_COMMITMENT, rule, Status.NOT_APPLICABLE, "not carried out", null);
        }
        if (facts.inDailyCommitment().isEmpty()) {
            return ComplianceFlag.of(Code.IN_DAILY_COMMITMENT, rule, Status.NOT_EVALUATED,
                    "no daily commitment data for that day", start.get().occurredAt());
        }
        return facts.inDailyCommitment().get()
                ? ComplianceFlag.of(Code.IN_DAILY_COMMITMENT, rule, Status.PASS, "announced in the day's commitment",
                        start.get().occurredAt())
                : ComplianceFlag.of(Code.IN_DAILY_COMMITMENT, rule, Status.FAIL,
                        "carried out although the day's commitment did not announce it", start.get().occurredAt());
    }

    private static boolean longStopBefore(PermitFacts facts, ActionFact resume) {
        Optional<ActionFact> suspend = facts.actions().stream()
                .filter(a -> "SUSPEND".equals(a.type()) && a.version() < resume.version())
                .reduce((a, b) -> b);
        if (suspend.isEmpty()) {
            return false;
        }
        Grade grade = facts.permit().effectiveGrade();
        boolean strict = grade == Grade.SPECIAL || grade == Grade.GRADE_1;
        Duration limit = facts.permit().application().workType() == WorkType.HOT_WORK && strict ? STOP_SHORT : STOP_LONG;
        return Duration.between(suspend.get().occurredAt(), resume.occurredAt()).compareTo(limit) > 0;
    }

    /** The oldest sample of the newest gas analysis before the given version (freshness counts from it). */
    private static Optional<Instant> lastGasSampleBefore(PermitFacts facts, long version) {
        return facts.actions().stream()
                .filter(a -> "GAS_TEST".equals(a.type()) && a.version() < version)
                .reduce((a, b) -> b)
                .map(test -> oldestSample(test).orElse(test.occurredAt()));
    }

    private static Optional<Instant> oldestSample(ActionFact test) {
        JsonNode readings = test.data() == null ? null : test.data().get("readings");
        if (readings == null || !readings.isArray()) {
            return Optional.empty();
        }
        Instant oldest = null;
        for (JsonNode reading : readings) {
            if (reading.hasNonNull("sampledAt")) {
                Instant at = Instant.parse(reading.get("sampledAt").asText());
                oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
            }
        }
        return Optional.ofNullable(oldest);
    }

    private static Optional<ActionFact> first(PermitFacts facts, String type) {
        return facts.actions().stream().filter(a -> type.equals(a.type())).findFirst();
    }

    private static List<ActionFact> all(PermitFacts facts, String type) {
        return facts.actions().stream().filter(a -> type.equals(a.type())).toList();
    }
}
