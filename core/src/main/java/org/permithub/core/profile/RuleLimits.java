package org.permithub.core.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.permithub.core.approval.ExtraApprovals;
import org.permithub.core.credential.CredentialLimits;
import org.permithub.core.gas.GasLimits;
import org.permithub.core.permit.ValidityLimits;
import org.permithub.core.permit.WorkTypeGrade;
import org.permithub.core.simops.SimopsOutcome;
import org.permithub.core.simops.SimopsRule;
import org.permithub.core.simops.SimopsRuleTable;
import org.permithub.core.site.WeatherLimits;

/** Every number and table the permit rules use. */
public record RuleLimits(
        ValidityLimits validity,
        GasLimits gas,
        CredentialLimits credentials,
        WeatherLimits weather,
        ExtraApprovals extraApprovals,
        SimopsRuleTable simops) {

    public RuleLimits {
        if (validity == null || gas == null || credentials == null || weather == null || extraApprovals == null
                || simops == null) {
            throw new IllegalArgumentException("every part of the rule limits is required");
        }
    }

    private static final RuleLimits GB30871 = new RuleLimits(ValidityLimits.gb30871(), GasLimits.gb30871(),
            CredentialLimits.order30(), WeatherLimits.gb30871(), ExtraApprovals.none(), SimopsRuleTable.gb30871());

    /** GB 30871-2022 (and Order 30 for certificates); one shared immutable instance. */
    public static RuleLimits gb30871() {
        return GB30871;
    }

    /**
     * Every way these limits are looser than {@code baseline}, each naming the profile key, the
     * value and the limit it would loosen. Empty when these limits only tighten.
     */
    public List<String> looseningsAgainst(RuleLimits baseline) {
        List<String> problems = new ArrayList<>();
        compareValidity(baseline.validity, problems);
        compareGas(baseline.gas, problems);
        compareCredentials(baseline.credentials, problems);
        compareWeather(baseline.weather, problems);
        compareSimops(baseline.simops, problems);
        return problems;
    }

    private void compareValidity(ValidityLimits base, List<String> problems) {
        for (Map.Entry<WorkTypeGrade, Duration> e : base.maxByWorkType().entrySet()) {
            Duration mine = validity.maxByWorkType().get(e.getKey());
            String key = "validity." + e.getKey();
            String clause = ValidityLimits.clauseFor(e.getKey().workType(), false);
            if (mine == null) {
                problems.add(key + " is missing: removing the " + clause + " limit " + e.getValue() + " would loosen it");
            } else if (mine.compareTo(e.getValue()) > 0) {
                problems.add(loosens(key, mine, clause, e.getValue()));
            }
        }
        for (Map.Entry<WorkTypeGrade, Duration> e : validity.maxByWorkType().entrySet()) {
            base.maxFor(e.getKey().workType(), e.getKey().grade(), false).ifPresent(limit -> {
                if (e.getValue().compareTo(limit) > 0 && !base.maxByWorkType().containsKey(e.getKey())) {
                    problems.add(loosens("validity." + e.getKey(), e.getValue(),
                            ValidityLimits.clauseFor(e.getKey().workType(), false), limit));
                }
            });
        }
        if (validity.temporaryPowerSpecialCase().compareTo(base.temporaryPowerSpecialCase()) > 0) {
            problems.add(loosens("validity.TEMPORARY_POWER.specialCase", validity.temporaryPowerSpecialCase(),
                    "GB30871-2022 §10.8", base.temporaryPowerSpecialCase()));
        }
    }

    private void compareGas(GasLimits base, List<String> problems) {
        longer("gas.maxAgeAtStart", gas.maxAgeAtStart(), base.maxAgeAtStart(), "GB30871-2022 §5.3.1c", problems);
        larger("gas.sampleMaxDistanceM", gas.sampleMaxDistanceM(), base.sampleMaxDistanceM(), "GB30871-2022 §5.3.1b", problems);
        larger("gas.combustible.limitWhereLelAtLeast4", gas.combustibleLimitWhereLelAtLeast4(),
                base.combustibleLimitWhereLelAtLeast4(), "GB30871-2022 §5.3.2a", problems);
        larger("gas.combustible.limitWhereLelBelow4", gas.combustibleLimitWhereLelBelow4(),
                base.combustibleLimitWhereLelBelow4(), "GB30871-2022 §5.3.2b", problems);
        if (gas.oxygenMinPercent().compareTo(base.oxygenMinPercent()) < 0) {
            problems.add("gas.oxygen.min = " + gas.oxygenMinPercent().toPlainString()
                    + " loosens the GB30871-2022 §6.4a limit " + base.oxygenMinPercent().toPlainString()
                    + " (a site profile may only tighten)");
        }
        larger("gas.oxygen.max", gas.oxygenMaxPercent(), base.oxygenMaxPercent(), "GB30871-2022 §6.4a", problems);
        larger("gas.oxygen.enrichedMax", gas.oxygenEnrichedMaxPercent(), base.oxygenEnrichedMaxPercent(),
                "GB30871-2022 §6.4a", problems);
        if (gas.oxygenMinPercent().compareTo(gas.oxygenMaxPercent()) > 0) {
            problems.add("gas.oxygen.min = " + gas.oxygenMinPercent().toPlainString() + " is above gas.oxygen.max = "
                    + gas.oxygenMaxPercent().toPlainString());
        }
        base.toxicLimitsMgM3().forEach((id, limit) -> {
            BigDecimal mine = gas.toxicLimitsMgM3().get(id);
            if (mine == null) {
                problems.add("gas.oel." + id + " is missing: removing the GBZ 2.1 limit " + limit.toPlainString()
                        + " mg/m3 (GB30871-2022 §6.4b) would loosen it");
            } else {
                larger("gas.oel." + id, mine, limit, "GB30871-2022 §6.4b (GBZ 2.1)", problems);
            }
        });
        longer("gas.resumeRetestAfter.hotWorkSpecialOrGrade1", gas.retestAfterPauseHotSpecialOrGrade1(),
                base.retestAfterPauseHotSpecialOrGrade1(), "GB30871-2022 §5.3.1d", problems);
        longer("gas.resumeRetestAfter.other", gas.retestAfterPauseOther(), base.retestAfterPauseOther(),
                "GB30871-2022 §5.3.1d, §6.3f", problems);
        longer("gas.monitoringInterval", gas.monitoringRecordInterval(), base.monitoringRecordInterval(),
                "GB30871-2022 §6.5", problems);
    }

    private void compareCredentials(CredentialLimits base, List<String> problems) {
        longerPeriod("credential.validity", credentials.validity(), base.validity(), "SAWS Order No.30 Art.19", problems);
        longerPeriod("credential.reviewInterval", credentials.reviewInterval(), base.reviewInterval(),
                "SAWS Order No.30 Art.21", problems);
        longerPeriod("credential.extendedReviewInterval", credentials.extendedReviewInterval(),
                base.extendedReviewInterval(), "SAWS Order No.30 Art.21", problems);
        if (credentials.reviewWarningDays() < base.reviewWarningDays()) {
            problems.add("credential.reviewWarningDays = " + credentials.reviewWarningDays()
                    + " shortens the SAWS Order No.30 Art.22 window of " + base.reviewWarningDays()
                    + " days (a site profile may only tighten)");
        }
        longerPeriod("credential.offJobLimit", credentials.offJobLimit(), base.offJobLimit(), "SAWS Order No.30 Art.32", problems);
    }

    private void compareWeather(WeatherLimits base, List<String> problems) {
        higherForce("weather.hotWorkEscalationForce", weather.hotWorkEscalationForce(), base.hotWorkEscalationForce(),
                "GB30871-2022 §5.2.15", problems);
        higherForce("weather.heightStopForce", weather.heightStopForce(), base.heightStopForce(), "GB30871-2022 §8.2.6", problems);
        higherForce("weather.liftingStopForce", weather.liftingStopForce(), base.liftingStopForce(), "GB30871-2022 §9.2.4", problems);
        longer("weather.readingMaxAge", weather.readingMaxAge(), base.readingMaxAge(), "hub default", problems);
    }

    private void compareSimops(SimopsRuleTable base, List<String> problems) {
        for (SimopsRule rule : base.rules()) {
            var mine = simops.rule(rule.id());
            String key = "simops.rule." + rule.id();
            if (mine.isEmpty()) {
                problems.add(key + " is missing: removing the " + rule.clause() + " rule would loosen it");
                continue;
            }
            SimopsRule m = mine.get();
            if (m.first() != rule.first() || m.second() != rule.second() || m.relation() != rule.relation()) {
                problems.add(key + " changes what the " + rule.clause() + " rule covers; add a new rule id instead");
            }
            if (m.distanceM() < rule.distanceM()) {
                problems.add(key + " distance " + m.distanceM() + " m loosens the " + rule.clause() + " limit "
                        + rule.distanceM() + " m (a site profile may only tighten)");
            }
            if (rule.outcome() == SimopsOutcome.REJECT && m.outcome() == SimopsOutcome.WARN) {
                problems.add(key + " turns the " + rule.clause() + " refusal into a warning (a site profile may only tighten)");
            }
        }
    }

    private static String loosens(String key, Object value, String clause, Object limit) {
        return key + " = " + value + " loosens the " + clause + " limit " + limit + " (a site profile may only tighten)";
    }

    private static void longer(String key, Duration mine, Duration limit, String clause, List<String> problems) {
        if (mine.compareTo(limit) > 0) {
            problems.add(loosens(key, mine, clause, limit));
        }
    }

    private static void larger(String key, BigDecimal mine, BigDecimal limit, String clause, List<String> problems) {
        if (mine.compareTo(limit) > 0) {
            problems.add(loosens(key, mine.toPlainString(), clause, limit.toPlainString()));
        }
    }

    private static void higherForce(String key, int mine, int limit, String clause, List<String> problems) {
        if (mine > limit) {
            problems.add(loosens(key, "force " + mine, clause, "force " + limit));
        }
    }

    private static void longerPeriod(String key, Period mine, Period limit, String clause, List<String> problems) {
        LocalDate reference = LocalDate.of(2000, 1, 1);
        if (reference.plus(mine).isAfter(reference.plus(limit))) {
            problems.add(loosens(key, mine, clause, limit));
        }
    }
}
