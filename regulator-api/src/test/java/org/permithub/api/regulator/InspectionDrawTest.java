package org.permithub.api.regulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InspectionDrawTest {

    private final List<String> population = IntStream.range(0, 40).mapToObj(i -> "E-" + i).toList();

    @Test
    void theSameSeedDrawsTheSameSampleWhateverTheOrderOfThePopulation() {
        List<String> shuffled = new ArrayList<>(population);
        Collections.shuffle(shuffled);
        assertThat(InspectionDraw.draw(shuffled, 42, 5)).isEqualTo(InspectionDraw.draw(population, 42, 5))
                .hasSize(5).doesNotHaveDuplicates();
        assertThat(InspectionDraw.populationHash(shuffled)).isEqualTo(InspectionDraw.populationHash(population));
        assertThat(InspectionDraw.draw(population, 43, 5)).isNotEqualTo(InspectionDraw.draw(population, 42, 5));
    }

    @Test
    void aSampleLargerThanThePopulationTakesEveryone() {
        assertThat(InspectionDraw.draw(population, 1, 100)).containsExactlyInAnyOrderElementsOf(population);
        assertThat(InspectionDraw.draw(List.of(), 1, 3)).isEmpty();
    }

    @Test
    void everyMemberIsAboutEquallyLikely() {
        Map<String, Integer> hits = new HashMap<>();
        for (long seed = 0; seed < 4000; seed++) {
            InspectionDraw.draw(population, seed, 1).forEach(m -> hits.merge(m, 1, Integer::sum));
        }
        // 100 expected per member; a fair draw stays well inside 50..150
        assertThat(hits).hasSize(40);
        assertThat(hits.values()).allSatisfy(n -> assertThat(n).isBetween(50, 150));
    }
}
