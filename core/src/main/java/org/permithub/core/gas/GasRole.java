package org.permithub.core.gas;

/** Which limit a measured gas is held to; one gas may have several (CO is combustible and toxic). */
public enum GasRole {
    /** Held to the §5.3.2 limits through its lower explosive limit. */
    COMBUSTIBLE,
    /** Held to an occupational exposure limit (GBZ 2.1), GB 30871-2022 §6.4b. */
    TOXIC,
    /** Oxygen, GB 30871-2022 §5.2.7, §6.4a. */
    OXYGEN
}
