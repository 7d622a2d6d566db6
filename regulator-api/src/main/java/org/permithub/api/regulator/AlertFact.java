package org.permithub.api.regulator;

import java.time.Instant;
import java.util.List;

/** A warning raised by an accepted action of a permit (the rows behind {@code permit.alerts}). */
public record AlertFact(String code, String clause, String detail, List<String> relatedPermitNos, Instant occurredAt) {}
