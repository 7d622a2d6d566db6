package org.permithub.bench.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;
import org.permithub.core.simops.SimopsActivity;
import org.permithub.core.simops.SimopsChecker;
import org.permithub.core.simops.SimopsFinding;
import org.permithub.core.simops.SimopsOperation;
import org.permithub.core.simops.SimopsPhase;
import org.permithub.core.simops.SimopsRule;
import org.permithub.core.simops.SimopsRuleTable;
import org.permithub.core.simops.SiteOperationsIndex;

/**
 * The SIMOPS check of one new hot-work operation against 10,000 active permits on one plant
 * (GB 30871 rule table: 30/15/10 m exclusion distances, blind plates, confined spaces, same-zone
 * cross-work warnings), through the grid index, and the same check by scanning every permit as the
 * baseline. The 1,024 candidates sit at random places on the plant and are taken in turn.
 * Goal (issue 3): one check ≤ 1 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SimopsCheckBenchmark {

    private static final int CANDIDATES = 1024;

    @Param({"10000"})
    public int activePermits;

    private final SimopsRuleTable rules = SimopsRuleTable.gb30871();
    private SiteOperationsIndex index;
    private List<SimopsOperation> all;
    private SimopsOperation[] candidates;
    private int next;

    @Setup
    public void setUp() {
        all = SiteFixture.activeOperations(activePermits, 11);
        index = new SiteOperationsIndex();
        all.forEach(index::upsert);
        Random random = new Random(13);
        candidates = new SimopsOperation[CANDIDATES];
        for (int i = 0; i < CANDIDATES; i++) {
            double north = (random.nextDouble() * 2 - 1) * SiteFixture.SITE_HALF_WIDTH_M;
            double east = (random.nextDouble() * 2 - 1) * SiteFixture.SITE_HALF_WIDTH_M;
            candidates[i] = new SimopsOperation("C-" + i, WorkType.HOT_WORK, EnumSet.noneOf(SimopsActivity.class),
                    SiteFixture.CENTRE.offsetMetres(north, east), SiteFixture.zoneOf(north, east), null, null, null,
                    SiteFixture.TUESDAY_9AM, SiteFixture.TUESDAY_9AM.plus(Duration.ofHours(4)), PermitState.GAS_TESTED);
        }
        for (SimopsOperation candidate : candidates) {
            int indexed = SimopsChecker.check(candidate, index, rules, SimopsPhase.START).size();
            int scanned = scanEveryPermit(candidate).size();
            if (indexed != scanned) {
                throw new IllegalStateException("index and scan disagree for " + candidate.permitNo() + ": "
                        + indexed + " vs " + scanned);
            }
        }
    }

    @Benchmark
    public List<SimopsFinding> indexedCheck() {
        SimopsOperation candidate = candidates[next++ & (CANDIDATES - 1)];
        return SimopsChecker.check(candidate, index, rules, SimopsPhase.START);
    }

    @Benchmark
    public List<SimopsFinding> scanEveryPermitBaseline() {
        return scanEveryPermit(candidates[next++ & (CANDIDATES - 1)]);
    }

    /** Re-tracking one permit in the index (remove + insert), what the hub pays per accepted decision. */
    @Benchmark
    public int retrackOnePermit() {
        SimopsOperation moved = all.get(next++ % all.size());
        index.upsert(moved);
        return index.size();
    }

    private List<SimopsFinding> scanEveryPermit(SimopsOperation candidate) {
        List<SimopsRule> concerning = rules.concerning(candidate.activities());
        List<SimopsFinding> findings = new ArrayList<>();
        for (SimopsOperation other : all) {
            if (other.state() != PermitState.ACTIVE || other.permitNo().equals(candidate.permitNo())) {
                continue;
            }
            double distance = candidate.point().distanceMetresTo(other.point());
            for (SimopsRule rule : concerning) {
                if (!rule.pairs(candidate.activities(), other.activities())) {
                    continue;
                }
                boolean related = switch (rule.relation()) {
                    case WITHIN_DISTANCE -> distance <= rule.distanceM();
                    case SAME_CONFINED_SPACE -> candidate.confinedSpaceId() != null
                            && candidate.confinedSpaceId().equals(other.confinedSpaceId());
                    case SAME_PIPE -> candidate.pipeId() != null && candidate.pipeId().equals(other.pipeId());
                    case SAME_DIKE -> candidate.dikeId() != null && candidate.dikeId().equals(other.dikeId());
                    case SAME_ZONE -> candidate.zoneId() != null && candidate.zoneId().equals(other.zoneId());
                };
                if (related) {
                    findings.add(new SimopsFinding(rule, other, distance));
                }
            }
        }
        return findings;
    }
}
