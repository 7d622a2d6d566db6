package org.permithub.core.site;

import java.time.Instant;

/**
 * The newest wind measurement for a site.
 *
 * @param speedMps wind speed (gusts, where the station reports them) in metres per second
 * @param measuredAt when it was measured
 */
public record WindReading(double speedMps, Instant measuredAt) {

    /** Lower bound (m/s) of Beaufort force 0..12, as used by China's meteorological service. */
    private static final double[] BEAUFORT_LOWER_BOUNDS_MPS =
            {0.0, 0.3, 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2, 20.8, 24.5, 28.5, 32.7};

    public WindReading {
        if (!Double.isFinite(speedMps) || speedMps < 0) {
            throw new IllegalArgumentException("wind speed must be a non-negative number, got " + speedMps);
        }
        if (measuredAt == null) {
            throw new IllegalArgumentException("a wind reading needs its measurement time");
        }
    }

    /** Beaufort force; force 5 starts at 8.0 m/s (GB 30871-2022 §8.1.2a), force 6 at 10.8 m/s. */
    public int beaufortForce() {
        int force = 0;
        for (int f = 0; f < BEAUFORT_LOWER_BOUNDS_MPS.length; f++) {
            if (speedMps >= BEAUFORT_LOWER_BOUNDS_MPS[f]) {
                force = f;
            }
        }
        return force;
    }

    /** The lowest speed (m/s) that counts as the given Beaufort force. */
    public static double lowerBoundMps(int force) {
        return BEAUFORT_LOWER_BOUNDS_MPS[force];
    }
}
