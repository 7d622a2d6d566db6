package org.permithub.core.gas;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.permithub.core.action.ActionDataException;
import org.permithub.core.permit.Violation;

/** Judges a gas test against the limits. Unknown gases, units or distances fail; nothing is guessed. */
public final class GasEvaluator {

    /** How far a sample time may lie ahead of the decision time (detector clocks drift). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    private GasEvaluator() {}

    public static GasTestRecord evaluate(GasTestData test, GasRequirements requirements, GasLimits limits, Instant now) {
        GasCatalog catalog = limits.catalog();
        List<Violation> failures = new ArrayList<>();
        List<EvaluatedReading> evaluated = new ArrayList<>();
        boolean sawCombustible = false;
        boolean sawOxygen = false;
        Set<String> toxicSeen = new HashSet<>();
        Instant oldest = null;
        Instant newest = null;

        for (int i = 0; i < test.readings().size(); i++) {
            GasReading reading = test.readings().get(i);
            String label = "reading " + i + " (" + reading.gas() + " " + reading.value().toPlainString() + " " + reading.unit() + ")";
            if (reading.sampledAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
                throw new ActionDataException("readings[" + i + "].sampledAt", "lies in the future (" + reading.sampledAt() + ")");
            }
            oldest = oldest == null || reading.sampledAt().isBefore(oldest) ? reading.sampledAt() : oldest;
            newest = newest == null || reading.sampledAt().isAfter(newest) ? reading.sampledAt() : newest;
            int failuresBefore = failures.size();

            Optional<Gas> gas = catalog.find(reading.gas());
            Optional<GasUnit> unit = GasUnit.parse(reading.unit());
            BigDecimal distance = distanceOf(reading, requirements);

            // GB 30871-2022 §5.3.1b: sample within 10 m of the work point; an unknown distance fails
            if (distance == null) {
                failures.add(new Violation("GAS_SAMPLE_DISTANCE_UNKNOWN", "GB30871-2022 §5.3.1b",
                        label + ": neither distanceToWorkPointM nor lat/lon given"));
            } else if (distance.compareTo(limits.sampleMaxDistanceM()) > 0) {
                failures.add(new Violation("GAS_SAMPLE_TOO_FAR", "GB30871-2022 §5.3.1b",
                        label + ": sampled " + distance.toPlainString() + " m from the work point, limit "
                                + limits.sampleMaxDistanceM().toPlainString() + " m"));
            }
            if (reading.value().signum() < 0) {
                failures.add(new Violation("GAS_READING_INVALID", "GB30871-2022 §4.12",
                        label + ": a concentration cannot be negative"));
            }
            if (gas.isEmpty()) {
                failures.add(new Violation("GAS_UNKNOWN", "GB30871-2022 §5.3.2",
                        label + ": gas '" + reading.gas() + "' is not in the gas catalog, its limit is unknown"));
            }
            if (unit.isEmpty()) {
                failures.add(new Violation("GAS_UNIT_UNKNOWN", "GB30871-2022 §5.3.2",
                        label + ": unit '" + reading.unit() + "' is not one of %VOL, %LEL, PPM, MG_M3"));
            }
            if (gas.isPresent() && unit.isPresent() && reading.value().signum() >= 0) {
                Gas g = gas.get();
                GasUnit u = unit.get();
                if (g.is(GasRole.OXYGEN)) {
                    sawOxygen = true;
                    checkOxygen(label, g, u, reading.value(), requirements, limits, failures);
                }
                if (g.is(GasRole.COMBUSTIBLE)) {
                    sawCombustible = true;
                    checkCombustible(label, g, u, reading.value(), limits, failures);
                }
                if (g.is(GasRole.TOXIC)) {
                    toxicSeen.add(g.id());
                    checkToxic(label, g, u, reading.value(), limits, failures);
                }
            }
            evaluated.add(new EvaluatedReading(gas.map(Gas::id).orElse(reading.gas()), reading.value(),
                    unit.orElse(null), reading.sampledAt(), distance, failures.size() == failuresBefore));
        }

        if (requirements.combustibleRequired() && !sawCombustible) {
            // GB 30871-2022 §5.3.2, §6.4c, §10.1: the combustible gas must be measured
            failures.add(new Violation("GAS_READING_MISSING", "GB30871-2022 §5.3.2",
                    "no reading of a combustible gas"));
        }
        if (requirements.oxygenRequired() && !sawOxygen) {
            // GB 30871-2022 §6.4a
            failures.add(new Violation("GAS_READING_MISSING", "GB30871-2022 §6.4a", "no oxygen reading"));
        }
        for (String toxic : requirements.toxicGasesRequired()) {
            String id = catalog.find(toxic).map(Gas::id).orElse(toxic);
            if (!toxicSeen.contains(id)) {
                // GB 30871-2022 §6.4b
                failures.add(new Violation("GAS_READING_MISSING", "GB30871-2022 §6.4b",
                        "no reading of declared toxic gas " + toxic));
            }
        }
        return new GasTestRecord(now, oldest, newest, failures.isEmpty(), failures, test.analystId(),
                test.instrumentId().orElse(null), evaluated);
    }

    private static BigDecimal distanceOf(GasReading reading, GasRequirements requirements) {
        BigDecimal measured = reading.distanceToWorkPointM().orElse(null);
        BigDecimal fromGps = reading.position()
                .map(p -> BigDecimal.valueOf(p.distanceMetresTo(requirements.workPoint())))
                .orElse(null);
        if (measured == null) {
            return fromGps;
        }
        return fromGps == null ? measured : measured.max(fromGps);
    }

    private static void checkOxygen(String label, Gas gas, GasUnit unit, BigDecimal value,
                                    GasRequirements requirements, GasLimits limits, List<Violation> failures) {
        Optional<BigDecimal> percent = unit.toPercentVol(value, gas);
        if (percent.isEmpty()) {
            failures.add(new Violation("GAS_UNIT_NOT_APPLICABLE", "GB30871-2022 §6.4a",
                    label + ": oxygen cannot be given in " + unit));
            return;
        }
        BigDecimal o2 = percent.get();
        if (requirements.oxygenRangeApplies()) {
            // GB 30871-2022 §6.4a: 19.5 %–21 % v/v; oxygen-enriched space ≤ 23.5 %
            BigDecimal max = requirements.oxygenEnriched() ? limits.oxygenEnrichedMaxPercent() : limits.oxygenMaxPercent();
            if (o2.compareTo(limits.oxygenMinPercent()) < 0) {
                failures.add(new Violation("GAS_OXYGEN_TOO_LOW", "GB30871-2022 §6.4a",
                        label + ": O2 " + o2.toPlainString() + " % below " + limits.oxygenMinPercent().toPlainString() + " %"));
            }
            if (o2.compareTo(max) > 0) {
                failures.add(new Violation("GAS_OXYGEN_TOO_HIGH", "GB30871-2022 §6.4a",
                        label + ": O2 " + o2.toPlainString() + " % above " + max.toPlainString() + " %"));
            }
        } else if (o2.compareTo(limits.oxygenEnrichedMaxPercent()) > 0) {
            // GB 30871-2022 §5.2.7: oxygen inside ≤ 23.5 % for hot work
            failures.add(new Violation("GAS_OXYGEN_TOO_HIGH", "GB30871-2022 §5.2.7",
                    label + ": O2 " + o2.toPlainString() + " % above " + limits.oxygenEnrichedMaxPercent().toPlainString() + " %"));
        }
    }

    private static void checkCombustible(String label, Gas gas, GasUnit unit, BigDecimal value,
                                         GasLimits limits, List<Violation> failures) {
        // GB 30871-2022 §5.3.2: ≤ 0.5 % v/v where LEL ≥ 4 %, ≤ 0.2 % v/v where LEL < 4 %;
        // %LEL readings are converted with the measured gas's own LEL
        BigDecimal percent = unit.toPercentVol(value, gas).orElseThrow();
        BigDecimal limit = limits.combustibleLimitFor(gas.lelPercentVv());
        if (percent.compareTo(limit) > 0) {
            failures.add(new Violation("GAS_COMBUSTIBLE_OVER_LIMIT", "GB30871-2022 §5.3.2",
                    label + ": " + percent.stripTrailingZeros().toPlainString() + " % v/v above the "
                            + limit.toPlainString() + " % v/v limit for " + gas.id() + " (LEL "
                            + gas.lelPercentVv().toPlainString() + " %)"));
        }
    }

    private static void checkToxic(String label, Gas gas, GasUnit unit, BigDecimal value,
                                   GasLimits limits, List<Violation> failures) {
        // GB 30871-2022 §6.4b: toxic substances within the GBZ 2.1 limits (table configurable)
        Optional<BigDecimal> oel = limits.toxicLimitMgM3(gas.id());
        if (oel.isEmpty()) {
            failures.add(new Violation("GAS_OEL_UNKNOWN", "GB30871-2022 §6.4b",
                    label + ": no occupational exposure limit configured for " + gas.id()));
            return;
        }
        Optional<BigDecimal> mg = unit.toMgPerM3(value, gas);
        if (mg.isEmpty()) {
            failures.add(new Violation("GAS_UNIT_NOT_APPLICABLE", "GB30871-2022 §6.4b",
                    label + ": " + gas.id() + " cannot be converted from " + unit));
            return;
        }
        if (mg.get().compareTo(oel.get()) > 0) {
            failures.add(new Violation("GAS_TOXIC_OVER_LIMIT", "GB30871-2022 §6.4b",
                    label + ": " + gas.id() + " " + mg.get().stripTrailingZeros().toPlainString()
                            + " mg/m3 above the limit " + oel.get().toPlainString() + " mg/m3"));
        }
    }
}
