package org.permithub.core.gas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.permithub.core.action.ActionDataException;
import org.permithub.core.permit.Violation;
import org.permithub.core.site.GeoPoint;

/** GB 30871-2022 §5.3.1b, §5.3.2, §5.2.7, §6.4: each limit at, just under and just over. */
class GasEvaluatorTest {

    private static final Instant NOW = Instant.parse("2025-03-04T01:00:00Z");
    private static final GeoPoint WORK_POINT = new GeoPoint(38.05, 114.5);
    private static final GasLimits GB = GasLimits.gb30871();

    /** Hot work outdoors: combustible required, O₂ only capped at 23.5 %. */
    private static final GasRequirements HOT_WORK = new GasRequirements(true, false, false, false, Set.of(), WORK_POINT, "c");
    /** Confined space: combustible and O₂ 19.5–21 % required. */
    private static final GasRequirements CONFINED = new GasRequirements(true, true, true, false, Set.of(), WORK_POINT, "c");
    private static final GasRequirements CONFINED_ENRICHED = new GasRequirements(true, true, true, true, Set.of(), WORK_POINT, "c");
    /** Nothing required: only the submitted readings are judged. */
    private static final GasRequirements NONE = new GasRequirements(false, false, false, false, Set.of(), WORK_POINT, "c");

    private static Map<String, Object> reading(String gas, Object value, String unit) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("gas", gas);
        r.put("value", value);
        r.put("unit", unit);
        r.put("sampledAt", NOW.toString());
        r.put("distanceToWorkPointM", 3);
        return r;
    }

    private static GasTestRecord evaluate(GasRequirements requirements, List<Map<String, Object>> readings) {
        return evaluate(requirements, readings, GB);
    }

    private static GasTestRecord evaluate(GasRequirements requirements, List<Map<String, Object>> readings, GasLimits limits) {
        GasTestData data = GasTestData.parse(Map.of("analystId", "an-1", "readings", readings));
        return GasEvaluator.evaluate(data, requirements, limits, NOW);
    }

    private static List<String> failureCodes(GasTestRecord record) {
        return record.failures().stream().map(Violation::code).toList();
    }

    @ParameterizedTest(name = "{0} {1} {2}: passes={3}")
    @CsvSource({
            // methane LEL 5 % ≥ 4 % → 0.5 % v/v = 10 %LEL = 5000 ppm
            "CH4, 0.49, %VOL, true", "CH4, 0.5, %VOL, true", "CH4, 0.51, %VOL, false",
            "CH4, 9.9, %LEL, true", "CH4, 10, %LEL, true", "CH4, 10.1, %LEL, false",
            "methane, 4999, PPM, true", "甲烷, 5000, ppm, true", "CH₄, 5001, PPM, false",
            // hydrogen LEL exactly 4 % → still the 0.5 % limit
            "H2, 0.5, %VOL, true", "H2, 0.51, %VOL, false", "H2, 12.5, %LEL, true", "H2, 12.6, %LEL, false",
            // propane LEL 2.1 % < 4 % → 0.2 % v/v = 9.5238 %LEL
            "C3H8, 0.19, %VOL, true", "C3H8, 0.2, %VOL, true", "C3H8, 0.21, %VOL, false",
            "C3H8, 9.52, %LEL, true", "C3H8, 9.53, %LEL, false",
    })
    void combustible_limit_depends_on_the_gas_lel(String gas, String value, String unit, boolean passes) {
        GasTestRecord record = evaluate(NONE, List.of(reading(gas, new BigDecimal(value), unit)));

        assertThat(record.passed()).isEqualTo(passes);
        if (!passes) {
            assertThat(failureCodes(record)).containsExactly("GAS_COMBUSTIBLE_OVER_LIMIT");
            assertThat(record.failures().get(0).clause()).isEqualTo("GB30871-2022 §5.3.2");
        }
    }

    @ParameterizedTest(name = "O2 {0} %, enriched={1}, confined rules={2}: passes={3}")
    @CsvSource({
            "19.4, false, true, false", "19.5, false, true, true", "21, false, true, true", "21.1, false, true, false",
            "23.5, true, true, true", "23.6, true, true, false", "19.4, true, true, false",
            // hot work outside a confined space: only the §5.2.7 cap of 23.5 %
            "19.0, false, false, true", "23.5, false, false, true", "23.6, false, false, false",
    })
    void oxygen_range(String percent, boolean enriched, boolean confinedRules, boolean passes) {
        GasRequirements requirements = new GasRequirements(false, true, confinedRules, enriched, Set.of(), WORK_POINT, "c");
        GasTestRecord record = evaluate(requirements, List.of(reading("O2", new BigDecimal(percent), "%VOL")));

        assertThat(record.passed()).isEqualTo(passes);
        if (!passes) {
            assertThat(failureCodes(record)).singleElement().isIn("GAS_OXYGEN_TOO_LOW", "GAS_OXYGEN_TOO_HIGH");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}: passes={3}")
    @CsvSource({
            // H2S MAC 10 mg/m³ = 7.0569 ppm at 20 °C (M 34.08, 24.05 L/mol)
            "H2S, 9.9, MG_M3, true", "H2S, 10, mg/m3, true", "H2S, 10.1, MG_M3, false",
            "H2S, 7.05, PPM, true", "H2S, 7.06, PPM, false",
            // CO PC-TWA 20 mg/m³ = 17.17 ppm
            "CO, 17.17, PPM, true", "CO, 17.18, PPM, false",
            "CL2, 1, MG_M3, true", "CL2, 1.01, MG_M3, false",
    })
    void toxic_gases_are_held_to_the_configured_oel(String gas, String value, String unit, boolean passes) {
        GasTestRecord record = evaluate(NONE, List.of(reading(gas, new BigDecimal(value), unit)));

        assertThat(record.passed()).isEqualTo(passes);
        if (!passes) {
            assertThat(failureCodes(record)).contains("GAS_TOXIC_OVER_LIMIT");
        }
    }

    @ParameterizedTest(name = "{0} m: passes={1}")
    @CsvSource({"9.99, true", "10, true", "10.01, false"})
    void samples_are_taken_within_10_m_of_the_work_point(String metres, boolean passes) {
        Map<String, Object> r = reading("CH4", 0, "%LEL");
        r.put("distanceToWorkPointM", new BigDecimal(metres));

        GasTestRecord record = evaluate(NONE, List.of(r));

        assertThat(record.passed()).isEqualTo(passes);
        if (!passes) {
            assertThat(failureCodes(record)).containsExactly("GAS_SAMPLE_TOO_FAR");
        }
    }

    @ParameterizedTest(name = "GPS fix {0} m away: passes={1}")
    @CsvSource({"9.9, true", "10.1, false"})
    void the_sampling_distance_is_computed_from_gps_when_not_given(double metres, boolean passes) {
        Map<String, Object> r = reading("CH4", 0, "%LEL");
        r.remove("distanceToWorkPointM");
        GeoPoint at = WORK_POINT.offsetMetres(metres, 0);
        r.put("lat", at.lat());
        r.put("lon", at.lon());

        assertThat(evaluate(NONE, List.of(r)).passed()).isEqualTo(passes);
    }

    @Test
    void an_unknown_distance_fails() {
        Map<String, Object> r = reading("CH4", 0, "%LEL");
        r.remove("distanceToWorkPointM");

        assertThat(failureCodes(evaluate(NONE, List.of(r)))).containsExactly("GAS_SAMPLE_DISTANCE_UNKNOWN");
    }

    @ParameterizedTest(name = "gas {0} unit {1} → {2}")
    @CsvSource({
            "XYZ, %VOL, GAS_UNKNOWN",
            "COMBUSTIBLE, %LEL, GAS_UNKNOWN",
            "CH4, %, GAS_UNIT_UNKNOWN",
            "CH4, ppb, GAS_UNIT_UNKNOWN",
            "CL2, %LEL, GAS_UNIT_NOT_APPLICABLE",
            "O2, %LEL, GAS_UNIT_NOT_APPLICABLE",
    })
    void unknown_gases_and_units_fail_never_pass(String gas, String unit, String code) {
        GasTestRecord record = evaluate(NONE, List.of(reading(gas, 0, unit)));

        assertThat(record.passed()).isFalse();
        assertThat(failureCodes(record)).contains(code);
    }

    @Test
    void a_toxic_gas_without_a_configured_oel_fails() {
        Gas vinylChloride = new Gas("C2H3CL", List.of("VINYL_CHLORIDE"), EnumSet.of(GasRole.COMBUSTIBLE, GasRole.TOXIC),
                new BigDecimal("3.6"), new BigDecimal("62.5"));
        GasLimits limits = withExtraGas(vinylChloride);

        GasTestRecord record = evaluate(NONE, List.of(reading("vinyl chloride", 0, "PPM")), limits);

        assertThat(failureCodes(record)).containsExactly("GAS_OEL_UNKNOWN");
    }

    @Test
    void readings_required_by_the_work_type_must_be_present() {
        assertThat(failureCodes(evaluate(CONFINED, List.of(reading("O2", 20.9, "%VOL")))))
                .containsExactly("GAS_READING_MISSING");
        assertThat(failureCodes(evaluate(CONFINED, List.of(reading("CH4", 0, "%LEL")))))
                .containsExactly("GAS_READING_MISSING");
        assertThat(evaluate(CONFINED_ENRICHED, List.of(reading("CH4", 0, "%LEL"), reading("O2", 22, "%VOL"))).passed())
                .isTrue();
        assertThat(failureCodes(evaluate(HOT_WORK, List.of(reading("O2", 20.9, "%VOL")))))
                .containsExactly("GAS_READING_MISSING");
        GasRequirements withH2s = new GasRequirements(true, false, false, false, Set.of("H2S"), WORK_POINT, "c");
        assertThat(failureCodes(evaluate(withH2s, List.of(reading("CH4", 0, "%LEL")))))
                .containsExactly("GAS_READING_MISSING");
        assertThat(evaluate(withH2s, List.of(reading("CH4", 0, "%LEL"), reading("硫化氢", 0, "PPM"))).passed()).isTrue();
    }

    @Test
    void the_record_keeps_oldest_and_newest_sample_times() {
        Map<String, Object> early = reading("CH4", 0, "%LEL");
        early.put("sampledAt", NOW.minusSeconds(600).toString());
        GasTestRecord record = evaluate(NONE, List.of(early, reading("O2", 20.9, "%VOL")));

        assertThat(record.oldestSampleAt()).isEqualTo(NOW.minusSeconds(600));
        assertThat(record.newestSampleAt()).isEqualTo(NOW);
        assertThat(record.readings()).extracting(EvaluatedReading::gas).containsExactly("CH4", "O2");
    }

    @Test
    void negative_readings_fail_and_samples_from_the_future_are_refused_as_data() {
        assertThat(failureCodes(evaluate(NONE, List.of(reading("CH4", -1, "%LEL"))))).containsExactly("GAS_READING_INVALID");

        Map<String, Object> future = reading("CH4", 0, "%LEL");
        future.put("sampledAt", NOW.plusSeconds(61).toString());
        assertThatThrownBy(() -> evaluate(NONE, List.of(future)))
                .isInstanceOf(ActionDataException.class)
                .hasMessageContaining("readings[0].sampledAt");
        future.put("sampledAt", NOW.plusSeconds(60).toString());
        assertThat(evaluate(NONE, List.of(future)).passed()).isTrue();
    }

    @Test
    void built_in_gases_cannot_be_redefined() {
        Gas fakeMethane = new Gas("CH4", List.of(), EnumSet.of(GasRole.COMBUSTIBLE), new BigDecimal("4.4"), new BigDecimal("16"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withExtraGas(fakeMethane))
                .hasMessageContaining("built in");
    }

    private static GasLimits withExtraGas(Gas gas) {
        GasLimits g = GB;
        return new GasLimits(g.maxAgeAtStart(), g.sampleMaxDistanceM(), g.combustibleLimitWhereLelAtLeast4(),
                g.combustibleLimitWhereLelBelow4(), g.oxygenMinPercent(), g.oxygenMaxPercent(), g.oxygenEnrichedMaxPercent(),
                g.toxicLimitsMgM3(), g.retestAfterPauseHotSpecialOrGrade1(), g.retestAfterPauseOther(),
                g.monitoringRecordInterval(), Map.of(gas.id(), gas));
    }

    @Test
    void units_convert_exactly_where_the_arithmetic_allows() {
        Gas methane = GasCatalog.standard().find("CH4").orElseThrow();
        assertThat(GasUnit.PERCENT_LEL.toPercentVol(new BigDecimal("10"), methane)).hasValue(new BigDecimal("0.5"));
        assertThat(GasUnit.PPM.toPercentVol(new BigDecimal("5000"), methane).orElseThrow()).isEqualByComparingTo("0.5");
        assertThat(GasUnit.parse("%")).isEmpty();
        assertThat(new ArrayList<>(List.of(GasUnit.parse("%v/v"), GasUnit.parse("LEL%"), GasUnit.parse("mg/m³"))))
                .containsExactly(java.util.Optional.of(GasUnit.PERCENT_VOL), java.util.Optional.of(GasUnit.PERCENT_LEL),
                        java.util.Optional.of(GasUnit.MG_M3));
    }
}
