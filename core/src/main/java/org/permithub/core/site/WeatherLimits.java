package org.permithub.core.site;

import java.time.Duration;

/**
 * Wind limits.
 *
 * @param hotWorkEscalationForce outdoor hot work at this Beaufort force or more is raised one grade (§5.2.15)
 * @param heightStopForce no work at height at this force or more (§8.2.6)
 * @param liftingStopForce no open-air lifting at this force or more (§9.2.4)
 * @param readingMaxAge a wind reading older than this counts as unknown (hub default, not a GB number)
 */
public record WeatherLimits(int hotWorkEscalationForce, int heightStopForce, int liftingStopForce, Duration readingMaxAge) {

    public static WeatherLimits gb30871() {
        return new WeatherLimits(5, 5, 6, Duration.ofHours(1));
    }
}
