package org.permithub.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.permithub.core.permit.Scenario.codes;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Decision;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.Scenario;
import org.permithub.core.permit.WorkDetails;
import org.permithub.core.permit.WorkType;
import org.permithub.core.simops.SimopsOutcome;

/** A site may tighten GB 30871 limits; a profile that loosens one is refused at load, naming the limit. */
class SiteRuleProfileTest {

    private static SiteRuleProfile load(String key, String value) {
        return SiteRuleProfileLoader.fromMap("plant-07", "test", Map.of(key, value));
    }

    @ParameterizedTest(name = "{0} = {1} loosens {2}")
    @CsvSource(delimiter = '|', value = {
            "validity.HOT_WORK.GRADE_2 | PT73H | GB30871-2022 §5.1.5",
            "validity.HOT_WORK.SPECIAL | PT8H1M | GB30871-2022 §5.1.5",
            "validity.CONFINED_SPACE | PT25H | GB30871-2022 §6.10",
            "validity.WORK_AT_HEIGHT | P8D | GB30871-2022 §8.2.11",
            "validity.WORK_AT_HEIGHT.CLASS_IV | P8D | GB30871-2022 §8.2.11",
            "validity.TEMPORARY_POWER | P16D | GB30871-2022 §10.8",
            "validity.TEMPORARY_POWER.specialCase | P31D | GB30871-2022 §10.8",
            "gas.maxAgeAtStart | PT31M | GB30871-2022 §5.3.1c",
            "gas.sampleMaxDistanceM | 10.5 | GB30871-2022 §5.3.1b",
            "gas.combustible.limitWhereLelAtLeast4 | 0.6 | GB30871-2022 §5.3.2a",
            "gas.combustible.limitWhereLelBelow4 | 0.25 | GB30871-2022 §5.3.2b",
            "gas.oxygen.min | 19 | GB30871-2022 §6.4a",
            "gas.oxygen.max | 21.5 | GB30871-2022 §6.4a",
            "gas.oxygen.enrichedMax | 24 | GB30871-2022 §6.4a",
            "gas.oel.H2S | 15 | GB30871-2022 §6.4b",
            "gas.resumeRetestAfter.hotWorkSpecialOrGrade1 | PT45M | GB30871-2022 §5.3.1d",
            "gas.resumeRetestAfter.other | PT90M | GB30871-2022 §5.3.1d, §6.3f",
            "gas.monitoringInterval | PT3H | GB30871-2022 §6.5",
            "credential.validity | P7Y | SAWS Order No.30 Art.19",
            "credential.reviewInterval | P4Y | SAWS Order No.30 Art.21",
            "credential.reviewWarningDays | 30 | SAWS Order No.30 Art.22",
            "credential.offJobLimit | P7M | SAWS Order No.30 Art.32",
            "weather.hotWorkEscalationForce | 6 | GB30871-2022 §5.2.15",
            "weather.heightStopForce | 6 | GB30871-2022 §8.2.6",
            "weather.liftingStopForce | 7 | GB30871-2022 §9.2.4",
            "simops.rule.HOT_WORK_GAS_VENTING_30M | HOT_WORK;COMBUSTIBLE_GAS_VENTING;WITHIN_DISTANCE;25;REJECT | GB30871-2022 §5.2.9",
            "simops.rule.BLIND_PLATE_SAME_PIPE | BLIND_PLATE_WORK;BLIND_PLATE_WORK;SAME_PIPE;;WARN | GB30871-2022 §7.10",
    })
    void loosening_any_limit_is_refused_with_the_key_and_the_clause(String key, String value, String clause) {
        assertThatThrownBy(() -> load(key, value))
                .isInstanceOf(LooseningProfileException.class)
                .hasMessageContaining("plant-07")
                .hasMessageContaining(key)
                .hasMessageContaining(clause);
    }

    @ParameterizedTest(name = "{0} = {1} tightens")
    @CsvSource(delimiter = '|', value = {
            "validity.HOT_WORK.GRADE_2 | PT72H",
            "validity.HOT_WORK.GRADE_2 | PT48H",
            "validity.LIFTING | PT12H",
            "gas.maxAgeAtStart | PT20M",
            "gas.combustible.limitWhereLelAtLeast4 | 0.3",
            "gas.oxygen.min | 19.8",
            "gas.oel.H2S | 5",
            "gas.oel.C2H3CL | 2.6",
            "credential.reviewWarningDays | 90",
            "weather.liftingStopForce | 5",
            "simops.rule.HOT_WORK_GAS_VENTING_30M | HOT_WORK;COMBUSTIBLE_GAS_VENTING;WITHIN_DISTANCE;50;REJECT",
            "simops.rule.CROSS_WORK_SAME_ZONE | ANY_WORK;ANY_WORK;SAME_ZONE;;REJECT",
            "simops.rule.SITE_HOT_LIFTING | HOT_WORK;LIFTING;WITHIN_DISTANCE;20;WARN;site rule 4",
            "approval.extra.HOT_WORK.GRADE_1 | SHIFT_LEADER,SENIOR_LEADER",
            "gas.catalog.C2H3CL | COMBUSTIBLE+TOXIC,3.6,62.5",
    })
    void tightening_is_accepted(String key, String value) {
        SiteRuleProfile profile = load(key, value);
        assertThat(profile.siteId()).isEqualTo("plant-07");
        assertThat(profile.limits().looseningsAgainst(RuleLimits.gb30871())).isEmpty();
    }

    @Test
    void a_tightened_value_replaces_the_national_one() {
        assertThat(load("validity.HOT_WORK.GRADE_2", "PT48H").limits().validity()
                .maxFor(WorkType.HOT_WORK, Grade.GRADE_2, false)).hasValue(Duration.ofHours(48));
        assertThat(load("gas.oel.H2S", "5").limits().gas().toxicLimitMgM3("H2S")).hasValue(new java.math.BigDecimal("5"));
        assertThat(load("approval.extra.HOT_WORK.GRADE_1", "SHIFT_LEADER").limits().extraApprovals()
                .rolesFor(WorkType.HOT_WORK, Grade.GRADE_1)).containsExactly(org.permithub.core.approval.ApproverRole.SHIFT_LEADER);
    }

    @Test
    void unknown_keys_unreadable_values_and_redefined_gases_are_refused() {
        assertThatThrownBy(() -> load("gas.maxAge", "PT10M")).hasMessageContaining("unknown key gas.maxAge");
        assertThatThrownBy(() -> load("gas.maxAgeAtStart", "30 minutes")).hasMessageContaining("gas.maxAgeAtStart");
        assertThatThrownBy(() -> load("gas.catalog.CH4", "COMBUSTIBLE,4.4,16.04")).hasMessageContaining("built in");
        assertThatThrownBy(() -> load("validity.HOT_WRK", "PT1H")).hasMessageContaining("validity.HOT_WRK");
    }

    @Test
    void the_properties_text_form_reports_every_problem_at_once() {
        String text = "# plant 7\nvalidity.CONFINED_SPACE = PT12H\ngas.oxygen.max = 22\nweather.heightStopForce = 7\n";

        assertThatThrownBy(() -> SiteRuleProfileLoader.fromPropertiesText("plant-07", "v1", text))
                .isInstanceOfSatisfying(LooseningProfileException.class, e -> assertThat(e.problems()).hasSize(2));
        assertThat(SiteRuleProfileLoader.fromPropertiesText("plant-07", "v1", "validity.CONFINED_SPACE = PT12H\n")
                .limits().validity().maxFor(WorkType.CONFINED_SPACE, null, false)).hasValue(Duration.ofHours(12));
    }

    @Test
    void a_tightened_validity_is_enforced_on_apply() {
        Scenario s = new Scenario();
        s.context.putProfile(SiteRuleProfileLoader.fromMap(Scenario.SITE, "t", Map.of("validity.HOT_WORK", "PT2H")));

        Decision d = s.apply(s.application(WorkType.HOT_WORK, s.now(), s.now().plus(Duration.ofMinutes(121)), Grade.GRADE_2,
                WorkDetails.builder().outdoor(true).build()));

        assertThat(codes(d)).containsExactly("VALIDITY_TOO_LONG");
    }

    @Test
    void a_tightened_gas_age_is_enforced_on_start() {
        Scenario s = new Scenario();
        s.context.putProfile(SiteRuleProfileLoader.fromMap(Scenario.SITE, "t", Map.of("gas.maxAgeAtStart", "PT20M")));
        Permit ready = s.ready(s.application(WorkType.HOT_WORK));
        s.advance(Duration.ofMinutes(21));

        assertThat(codes(s.act(ready, ActionType.START, Map.of()))).containsExactly("GAS_TEST_STALE");
    }

    @Test
    void a_site_rule_added_as_reject_is_enforced() {
        Scenario s = new Scenario();
        s.context.putProfile(SiteRuleProfileLoader.fromMap(Scenario.SITE, "t",
                Map.of("simops.rule.SITE_HOT_LIFTING", "HOT_WORK;LIFTING;WITHIN_DISTANCE;20;REJECT;site rule 4")));
        s.applied(s.application(WorkType.LIFTING));

        Decision d = s.apply(s.application(WorkType.HOT_WORK));

        assertThat(Scenario.violation(d, "SIMOPS_CONFLICT").clause()).isEqualTo("site rule 4");
        assertThat(s.context.ruleProfile(Scenario.SITE).limits().simops().rule("SITE_HOT_LIFTING").orElseThrow().outcome())
                .isEqualTo(SimopsOutcome.REJECT);
    }

    @Test
    void a_profile_built_in_code_is_checked_too() {
        RuleLimits gb = RuleLimits.gb30871();
        var looser = new org.permithub.core.site.WeatherLimits(6, 5, 6, Duration.ofHours(1));
        RuleLimits limits = new RuleLimits(gb.validity(), gb.gas(), gb.credentials(), looser, gb.extraApprovals(), gb.simops());

        assertThatThrownBy(() -> new SiteRuleProfile("plant-07", "code", limits))
                .hasMessageContaining("weather.hotWorkEscalationForce");
    }
}
