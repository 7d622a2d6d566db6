package org.permithub.core.grading;

/**
 * The nine objective hazards that directly cause falls (GB 30871-2022 §8.1.2 a–i); any one of them
 * puts work at height into class B of Table 2.
 */
public enum HeightHazard {
    /** a) gusts of force 5 (8.0 m/s) or more. */
    GUST_FORCE_5_OR_MORE,
    /** b) average temperature ≤ 5 °C. */
    AMBIENT_AT_MOST_5C,
    /** c) contact with cold water ≤ 12 °C. */
    COLD_WATER_AT_MOST_12C,
    /** d) ice, snow, frost, oil or water on the footing. */
    SLIPPERY_FOOTING,
    /** e) poor light or visibility. */
    POOR_VISIBILITY,
    /** f) closer to live conductors than Table 1 allows. */
    LIVE_CONDUCTOR_TOO_CLOSE,
    /** g) swaying, or footing smaller than 500 mm. */
    UNSTABLE_OR_SMALL_FOOTING,
    /** h) toxic gas or O₂ below 19.5 %. */
    TOXIC_OR_OXYGEN_DEFICIENT,
    /** i) environments that may cause disasters, or rescue work. */
    DISASTER_OR_RESCUE
}
