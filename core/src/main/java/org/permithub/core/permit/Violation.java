package org.permithub.core.permit;

/**
 * Why an action was refused: a stable machine-readable code, the clause it comes from, and a
 * human-readable detail.
 *
 * @param code stable, e.g. {@code GAS_TEST_STALE}
 * @param clause e.g. {@code GB30871-2022 §5.3.1c}; null when the refusal is not a GB 30871 rule
 */
public record Violation(String code, String clause, String detail) {}
