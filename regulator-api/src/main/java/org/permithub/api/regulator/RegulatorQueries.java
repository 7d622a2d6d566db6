package org.permithub.api.regulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.permithub.api.problem.ApiProblem;
import org.permithub.api.regulator.compliance.ComplianceFlag;
import org.permithub.api.regulator.compliance.ComplianceRules;
import org.permithub.core.access.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The query logic of the regulator operations, over the {@link RegulatorStore} the hub provides.
 * Everything is limited to the caller's jurisdiction; a permit elsewhere is "not found".
 */
@Component
public class RegulatorQueries {

    /** At most this long a statistics window (the violation rate evaluates every permit in it). */
    static final Duration MAX_STATISTICS_WINDOW = Duration.ofDays(31);

    private final RegulatorStore store;
    private final PeopleDirectory people;
    private final Clock clock;
    private final ZoneId zone;
    private final int statisticsMaxPermits;
    private final DailyCommitments commitments;

    public RegulatorQueries(RegulatorStore store, PeopleDirectory people, DailyCommitments commitments, Clock clock,
            @Value("${permit-hub.regulator.time-zone:Asia/Shanghai}") String zone,
            @Value("${permit-hub.regulator.statistics-max-permits:20000}") int statisticsMaxPermits) {
        this.store = store;
        this.people = people;
        this.commitments = commitments;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.statisticsMaxPermits = statisticsMaxPermits;
    }

    public PermitSummary.Page search(Caller caller, PermitSearch search) {
        PermitSearch scoped = new PermitSearch(jurisdictionOf(caller), search.enterpriseCode(), search.parkId(),
                search.workType(), search.grade(), search.state(), search.contractorId(), search.from(), search.to(),
                search.limit(), search.after());
        List<PermitSummary> rows = store.search(scoped);
        if (rows.size() <= search.limit()) {
            return new PermitSummary.Page(rows, null);
        }
        List<PermitSummary> page = rows.subList(0, search.limit());
        PermitSummary last = page.get(page.size() - 1);
        return new PermitSummary.Page(List.copyOf(page), new PageCursor(last.appliedAt(), last.permitNo()).encode());
    }

    /** The permit's facts if the caller's jurisdiction covers it; 404 otherwise, exactly like a missing one. */
    public PermitFacts visible(Caller caller, String permitNo) {
        return store.facts(permitNo)
                .filter(facts -> caller.coversDivision(facts.divisionCode()))
                .orElseThrow(() -> notFound(permitNo));
    }

    public PermitDetail detail(Caller caller, String permitNo, List<String> childPermitNos) {
        PermitFacts facts = visible(caller, permitNo);
        return PermitDetail.of(facts, childPermitNos, people, ComplianceRules.evaluate(facts, clock.instant()));
    }

    public List<ComplianceFlag> compliance(Caller caller, String permitNo) {
        return ComplianceRules.evaluate(visible(caller, permitNo), clock.instant());
    }

    public Statistics statistics(Caller caller, Instant from, Instant to, String enterpriseCode) {
        if (!from.isBefore(to)) {
            throw ApiProblem.invalidField("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_STATISTICS_WINDOW) > 0) {
            throw new ApiProblem(422, "WINDOW_TOO_LARGE", "Window too large",
                    "a statistics window is at most " + MAX_STATISTICS_WINDOW.toDays() + " days");
        }
        String jurisdiction = jurisdictionOf(caller);
        Map<String, Integer> byWorkType = store.countBy("work_type", jurisdiction, from, to, enterpriseCode);
        int total = byWorkType.values().stream().mapToInt(Integer::intValue).sum();
        if (total > statisticsMaxPermits) {
            throw new ApiProblem(422, "WINDOW_TOO_LARGE", "Window too large", total + " permits in the window; at most "
                    + statisticsMaxPermits + " are evaluated per query: narrow the window or filter by enterprise");
        }
        Instant now = clock.instant();
        List<ComplianceFlag> failed = new ArrayList<>();
        int withViolations = 0;
        int started = 0;
        for (PermitFacts facts : store.factsApplied(jurisdiction, from, to, enterpriseCode, statisticsMaxPermits)) {
            started += facts.actions().stream().anyMatch(a -> "START".equals(a.type())) ? 1 : 0;
            List<ComplianceFlag> flags = ComplianceRules.evaluate(facts, now).stream().filter(ComplianceFlag::failed).toList();
            failed.addAll(flags);
            withViolations += flags.isEmpty() ? 0 : 1;
        }
        Optional<Integer> committed = commitments.committedCount(jurisdiction, from, to, enterpriseCode);
        int actual = started;
        Statistics.Commitment commitment = committed
                .map(c -> new Statistics.Commitment("EVALUATED", c, actual, null))
                .orElse(new Statistics.Commitment("NOT_EVALUATED", null, actual, "no daily commitment data"));
        return new Statistics(from, to, total, byWorkType,
                store.countBy("grade", jurisdiction, from, to, enterpriseCode),
                store.countBy("state", jurisdiction, from, to, enterpriseCode),
                store.countBy("enterprise_code", jurisdiction, from, to, enterpriseCode),
                withViolations, total == 0 ? 0.0 : (double) withViolations / total,
                Statistics.HeatMap.of(zone, store.alarmTimes(jurisdiction, from, to, enterpriseCode), failed),
                commitment);
    }

    /** The division prefix a caller sees: its jurisdiction; admins see everything. */
    public static String jurisdictionOf(Caller caller) {
        if (caller.role() == org.permithub.core.access.Role.ADMIN) {
            return "";
        }
        if (caller.jurisdiction() == null || caller.jurisdiction().isBlank()) {
            throw new ApiProblem(403, "NO_JURISDICTION", "Forbidden", "your token names no jurisdiction");
        }
        return caller.jurisdiction();
    }

    static ApiProblem notFound(String permitNo) {
        return ApiProblem.notFound("PERMIT_NOT_FOUND", "no permit " + permitNo + " in your jurisdiction");
    }
}
