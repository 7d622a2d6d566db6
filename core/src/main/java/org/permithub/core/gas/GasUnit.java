package org.permithub.core.gas;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Units a detector reports in. A bare "%" is ambiguous (% v/v or %LEL) and is not accepted: such a
 * reading fails rather than being guessed.
 */
public enum GasUnit {
    /** % v/v (体积分数). */
    PERCENT_VOL,
    /** % of the gas's lower explosive limit. */
    PERCENT_LEL,
    /** parts per million by volume. */
    PPM,
    /** mg/m³. */
    MG_M3;

    /**
     * Molar volume (L/mol) at 20 °C and 101.325 kPa, the reference conditions of Chinese workplace
     * sampling; the smaller 20 °C volume gives the larger (stricter) mg/m³ figure than 25 °C.
     */
    public static final BigDecimal MOLAR_VOLUME_L = new BigDecimal("24.05");

    private static final BigDecimal HUNDRED = new BigDecimal(100);
    private static final BigDecimal TEN_THOUSAND = new BigDecimal(10_000);
    private static final MathContext MC = MathContext.DECIMAL64;

    /** Parses {@code %VOL}, {@code %V/V}, {@code VOL%}, {@code %LEL}, {@code LEL%}, {@code PPM}, {@code MG/M3}, {@code MG_M3}. */
    public static Optional<GasUnit> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace('³', '3');
        return switch (t) {
            case "%VOL", "%V/V", "VOL%", "%VV", "PERCENT_VOL", "VOL_PERCENT" -> Optional.of(PERCENT_VOL);
            case "%LEL", "LEL%", "PERCENT_LEL", "LEL" -> Optional.of(PERCENT_LEL);
            case "PPM" -> Optional.of(PPM);
            case "MG/M3", "MG_M3", "MGM3", "MG/M^3" -> Optional.of(MG_M3);
            default -> Optional.empty();
        };
    }

    /** The reading in % v/v, or empty when this unit cannot be converted for this gas (%LEL of a gas with no LEL). */
    public Optional<BigDecimal> toPercentVol(BigDecimal value, Gas gas) {
        return switch (this) {
            case PERCENT_VOL -> Optional.of(value);
            case PERCENT_LEL -> gas.lelPercentVv() == null
                    ? Optional.empty()
                    : Optional.of(value.multiply(gas.lelPercentVv()).divide(HUNDRED, MC));
            case PPM -> Optional.of(value.divide(TEN_THOUSAND, MC));
            case MG_M3 -> Optional.of(value.multiply(MOLAR_VOLUME_L).divide(gas.molarMassGPerMol(), MC)
                    .divide(TEN_THOUSAND, MC));
        };
    }

    /** The reading in mg/m³, or empty when it cannot be converted. */
    public Optional<BigDecimal> toMgPerM3(BigDecimal value, Gas gas) {
        if (this == MG_M3) {
            return Optional.of(value);
        }
        return toPercentVol(value, gas).map(percent -> percent.multiply(TEN_THOUSAND)
                .multiply(gas.molarMassGPerMol()).divide(MOLAR_VOLUME_L, MC));
    }
}
