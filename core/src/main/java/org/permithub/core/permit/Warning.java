package org.permithub.core.permit;

/**
 * Something the caller should know although the action was accepted (a SIMOPS rule set to WARN,
 * a certificate review falling due, a gas alarm …). The hub publishes these as alerts.
 *
 * @param code stable, e.g. {@code SIMOPS_WARNING}
 * @param clause e.g. {@code GB30871-2022 §4.7}
 * @param relatedPermitNo the other permit involved, or null
 */
public record Warning(String code, String clause, String detail, String relatedPermitNo) {}
