package org.permithub.core.gas;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One reading after evaluation, kept on the permit for reporting (gas analysis table).
 *
 * @param gas the catalog id, or the submitted name when the gas is unknown
 * @param unit the parsed unit, or null when unknown
 * @param distanceToWorkPointM null when unknown
 */
public record EvaluatedReading(String gas, BigDecimal value, GasUnit unit, Instant sampledAt,
                               BigDecimal distanceToWorkPointM, boolean passed) {}
