package org.permithub.api.regulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The data the regulator operations read; the hub implements it over PostgreSQL. */
public interface RegulatorStore {

    /** One page, newest application first, after {@code search.after()}; at most limit + 1 rows. */
    List<PermitSummary> search(PermitSearch search);

    Optional<PermitFacts> facts(String permitNo);

    /** Permits that name this one as their parent (temporary power serving it, GB 30871-2022 §10.8). */
    List<String> childPermits(String permitNo);

    /** Facts of the permits applied in [from, to) in the jurisdiction, at most {@code max}. */
    List<PermitFacts> factsApplied(String jurisdiction, Instant from, Instant to, String enterpriseCode, int max);

    /** Number of permits applied in [from, to) in the jurisdiction, grouped by the column given. */
    Map<String, Integer> countBy(String column, String jurisdiction, Instant from, Instant to, String enterpriseCode);

    /** When each alert of the jurisdiction's permits was raised in [from, to). */
    List<Instant> alarmTimes(String jurisdiction, Instant from, Instant to, String enterpriseCode);
}
