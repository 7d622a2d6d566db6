package org.permithub.bench.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.permithub.core.permit.ActionType;
import org.permithub.core.permit.Decision;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitAction;
import org.permithub.core.permit.PermitApplication;
import org.permithub.core.permit.WorkDetails;
import org.permithub.core.permit.WorkType;
import org.permithub.core.simops.SiteOperationsIndex;

/**
 * One action's full rule evaluation, single-threaded, against the in-memory context: START of a
 * hot-work permit (gas age and limits, guardian, two workers' certificates, isolation, wind, SIMOPS
 * against the plant's active permits), a GAS_TEST on an active confined-space permit (JSON map
 * parsing, three readings, monitoring), and APPLY of a hot-work permit (calendar escalation, zone,
 * validity, SIMOPS). Every measured decision is an acceptance, checked in setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleEvaluationBenchmark {

    @Param({"0", "10000"})
    public int activePermitsOnSite;

    private SiteFixture site;
    private Permit readyHotWork;
    private Permit activeConfinedSpace;
    private PermitApplication hotWorkApplication;
    private PermitAction start;
    private PermitAction gasTest;

    @Setup
    public void setUp() {
        site = new SiteFixture();
        SiteOperationsIndex index = site.context.siteOperations(SiteFixture.SITE).orElseThrow();
        SiteFixture.activeOperations(activePermitsOnSite, 7).forEach(index::upsert);

        WorkDetails hot = WorkDetails.builder().outdoor(true).isolationPoints(List.of("IP-1")).build();
        readyHotWork = site.ready(site.application(WorkType.HOT_WORK, Grade.GRADE_1, hot));
        WorkDetails confined = WorkDetails.builder().confinedSpaceId("V-bench").isolationPoints(List.of("IP-9"))
                .toxicGases(List.of("H2S")).build();
        activeConfinedSpace = site.act(site.ready(site.application(WorkType.CONFINED_SPACE, null, confined)),
                ActionType.START, Map.of());
        hotWorkApplication = site.application(WorkType.HOT_WORK, Grade.GRADE_2, hot);
        start = new PermitAction(ActionType.START, Map.of(), "bench", SiteFixture.TUESDAY_9AM);
        gasTest = new PermitAction(ActionType.GAS_TEST, SiteFixture.gasTest(SiteFixture.TUESDAY_9AM), "bench",
                SiteFixture.TUESDAY_9AM);

        requireAccepted(startHotWork());
        requireAccepted(gasTestOnActiveConfinedSpace());
        requireAccepted(applyHotWork());
    }

    private static void requireAccepted(Decision decision) {
        if (!(decision instanceof Decision.Accepted)) {
            throw new IllegalStateException("the benchmark must measure an accepted decision: " + decision);
        }
    }

    @Benchmark
    public Decision startHotWork() {
        return site.lifecycle.decide(readyHotWork, start, site.context);
    }

    @Benchmark
    public Decision gasTestOnActiveConfinedSpace() {
        return site.lifecycle.decide(activeConfinedSpace, gasTest, site.context);
    }

    @Benchmark
    public Decision applyHotWork() {
        return site.lifecycle.apply(hotWorkApplication, "bench", site.context);
    }
}
