package org.permithub.core.permit;

import java.time.Instant;

/**
 * Why and since when a permit is suspended.
 *
 * @param at decision time of the suspension
 * @param gasAlarm suspended by a failing gas test: resuming always needs a fresh passing test
 */
public record Suspension(Instant at, String reason, boolean gasAlarm) {}
