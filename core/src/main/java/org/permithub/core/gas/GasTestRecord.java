package org.permithub.core.gas;

import java.time.Instant;
import java.time.Duration;
import java.util.List;
import org.permithub.core.permit.Violation;

/**
 * The outcome of one GAS_TEST as stored on the permit.
 *
 * @param recordedAt decision time
 * @param oldestSampleAt the earliest sample; freshness is measured from it (conservative)
 * @param newestSampleAt the latest sample; monitoring intervals are measured from it
 * @param failures why it failed (empty when passed)
 */
public record GasTestRecord(
        Instant recordedAt,
        Instant oldestSampleAt,
        Instant newestSampleAt,
        boolean passed,
        List<Violation> failures,
        String analystId,
        String instrumentId,
        List<EvaluatedReading> readings) {

    public GasTestRecord {
        failures = List.copyOf(failures);
        readings = List.copyOf(readings);
    }

    /** Age of the oldest sample at {@code now}. */
    public Duration ageAt(Instant now) {
        return Duration.between(oldestSampleAt, now);
    }
}
