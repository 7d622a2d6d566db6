package org.permithub.core.simops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;
import org.permithub.core.site.GeoPoint;

/** The grid index returns exactly what a scan of every operation returns. */
class SiteOperationsIndexPropertiesTest {

    private static final GeoPoint ORIGIN = new GeoPoint(38.05, 114.5);
    private static final Instant T = Instant.parse("2025-03-04T01:00:00Z");

    record Placed(String permitNo, double north, double east, String pipe) {}

    @Provide
    Arbitrary<List<Placed>> operations() {
        Arbitrary<Placed> placed = Combinators.combine(
                Arbitraries.integers().between(0, 60).map(i -> "P-" + i),
                Arbitraries.doubles().between(-400, 400),
                Arbitraries.doubles().between(-400, 400),
                Arbitraries.of("PIPE-1", "PIPE-2", null))
                .as(Placed::new);
        return placed.list().ofMaxSize(120);
    }

    @Property(tries = 200)
    void within_matches_a_full_scan(@ForAll("operations") List<Placed> ops,
                                    @ForAll @DoubleRange(min = -400, max = 400) double qNorth,
                                    @ForAll @DoubleRange(min = -400, max = 400) double qEast,
                                    @ForAll @DoubleRange(min = 0.5, max = 150) double radius,
                                    @ForAll @Size(max = 20) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 60) Integer> removals) {
        SiteOperationsIndex index = new SiteOperationsIndex();
        Map<String, SimopsOperation> truth = new HashMap<>();
        for (Placed p : ops) {
            SimopsOperation op = new SimopsOperation(p.permitNo(), WorkType.HOT_WORK, Set.of(),
                    ORIGIN.offsetMetres(p.north(), p.east()), "zone", null, p.pipe(), null, T, T.plusSeconds(60),
                    PermitState.ACTIVE);
            index.upsert(op);
            truth.put(p.permitNo(), op);
        }
        for (Integer r : removals) {
            index.remove("P-" + r);
            truth.remove("P-" + r);
        }
        GeoPoint query = ORIGIN.offsetMetres(qNorth, qEast);

        List<String> expected = new ArrayList<>();
        truth.values().forEach(op -> {
            if (op.point().distanceMetresTo(query) <= radius) {
                expected.add(op.permitNo());
            }
        });

        assertThat(index.size()).isEqualTo(truth.size());
        assertThat(index.within(query, radius)).extracting(SimopsOperation::permitNo).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(index.onPipe("PIPE-1")).extracting(SimopsOperation::permitNo)
                .containsExactlyInAnyOrderElementsOf(truth.values().stream()
                        .filter(o -> "PIPE-1".equals(o.pipeId())).map(SimopsOperation::permitNo).toList());
    }
}
