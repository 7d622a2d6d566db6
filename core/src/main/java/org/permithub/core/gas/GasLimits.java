package org.permithub.core.gas;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every number the gas rules use. {@link #gb30871()} holds the national limits; a site profile may
 * only make them stricter.
 *
 * @param maxAgeAtStart sampling → start of work (§5.3.1c, §6.3a)
 * @param sampleMaxDistanceM sampling point → work point (§5.3.1b)
 * @param combustibleLimitWhereLelAtLeast4 % v/v where the gas's LEL ≥ 4 % (§5.3.2a)
 * @param combustibleLimitWhereLelBelow4 % v/v where the gas's LEL &lt; 4 % (§5.3.2b)
 * @param oxygenMinPercent §6.4a
 * @param oxygenMaxPercent §6.4a
 * @param oxygenEnrichedMaxPercent §6.4a, §5.2.7
 * @param toxicLimitsMgM3 occupational exposure limits by gas id (GBZ 2.1, §6.4b); configurable
 * @param retestAfterPauseHotSpecialOrGrade1 §5.3.1d
 * @param retestAfterPauseOther 二级 hot work (§5.3.1d), confined space (§6.3f)
 * @param monitoringRecordInterval §6.5 (and 特级 continuous monitoring, §5.3.1d)
 * @param extraGases site-specific gases added to the built-in catalog
 */
public record GasLimits(
        Duration maxAgeAtStart,
        BigDecimal sampleMaxDistanceM,
        BigDecimal combustibleLimitWhereLelAtLeast4,
        BigDecimal combustibleLimitWhereLelBelow4,
        BigDecimal oxygenMinPercent,
        BigDecimal oxygenMaxPercent,
        BigDecimal oxygenEnrichedMaxPercent,
        Map<String, BigDecimal> toxicLimitsMgM3,
        Duration retestAfterPauseHotSpecialOrGrade1,
        Duration retestAfterPauseOther,
        Duration monitoringRecordInterval,
        Map<String, Gas> extraGases) {

    /** The LEL (% v/v) that splits the two combustible limits of §5.3.2; not configurable. */
    public static final BigDecimal LEL_THRESHOLD_PERCENT = new BigDecimal("4");

    public GasLimits {
        toxicLimitsMgM3 = Map.copyOf(toxicLimitsMgM3);
        extraGases = Map.copyOf(extraGases);
        GasCatalog.withExtras(extraGases); // validates: no built-in gas redefined
    }

    /**
     * GB 30871-2022 numbers. The OEL defaults are GBZ 2.1-2019 values in mg/m³, taking MAC where the
     * standard sets one and PC-TWA otherwise (the stricter figure for a spot reading): H₂S MAC 10,
     * Cl₂ MAC 1, HCN MAC 1, CO 20, NH₃ 20, benzene 6, toluene 50, methanol 25, SO₂ 5, NO₂ 5.
     */
    public static GasLimits gb30871() {
        Map<String, BigDecimal> oel = new HashMap<>();
        oel.put("H2S", new BigDecimal("10"));
        oel.put("CL2", new BigDecimal("1"));
        oel.put("HCN", new BigDecimal("1"));
        oel.put("CO", new BigDecimal("20"));
        oel.put("NH3", new BigDecimal("20"));
        oel.put("C6H6", new BigDecimal("6"));
        oel.put("C7H8", new BigDecimal("50"));
        oel.put("CH3OH", new BigDecimal("25"));
        oel.put("SO2", new BigDecimal("5"));
        oel.put("NO2", new BigDecimal("5"));
        return new GasLimits(
                Duration.ofMinutes(30),
                new BigDecimal("10"),
                new BigDecimal("0.5"),
                new BigDecimal("0.2"),
                new BigDecimal("19.5"),
                new BigDecimal("21"),
                new BigDecimal("23.5"),
                oel,
                Duration.ofMinutes(30),
                Duration.ofMinutes(60),
                Duration.ofHours(2),
                Map.of());
    }

    public GasCatalog catalog() {
        return GasCatalog.withExtras(extraGases);
    }

    public Optional<BigDecimal> toxicLimitMgM3(String gasId) {
        return Optional.ofNullable(toxicLimitsMgM3.get(gasId.toUpperCase(Locale.ROOT)));
    }

    /** The combustible limit (% v/v) for a gas with the given LEL (§5.3.2). */
    public BigDecimal combustibleLimitFor(BigDecimal lelPercentVv) {
        return lelPercentVv.compareTo(LEL_THRESHOLD_PERCENT) >= 0
                ? combustibleLimitWhereLelAtLeast4
                : combustibleLimitWhereLelBelow4;
    }
}
