package org.permithub.hub.regulator;

import java.util.Optional;
import org.permithub.api.regulator.ContractorRoster;
import org.permithub.api.regulator.DailyCommitments;
import org.permithub.api.regulator.PeopleDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stand-ins until the data arrives from other parts of the hub: the contractor API (issue 5)
 * knows workers' names, ID numbers and contractors, the government-platform connector the daily
 * commitments. Until then names and ID numbers are absent (never unmasked), the contractor filter
 * finds no permit, and the commitment flag says NOT_EVALUATED.
 * Either replaces its stand-in by declaring a {@code @Primary} bean of the interface.
 */
@Configuration
class Defaults {

    @Bean
    PeopleDirectory unknownPeople() {
        return personId -> Optional.empty();
    }

    @Bean
    ContractorRoster noRoster() {
        return contractorId -> java.util.List.of();
    }

    @Bean
    DailyCommitments noCommitmentData() {
        return new DailyCommitments() {
            @Override
            public Optional<Boolean> covers(String enterpriseCode, java.time.LocalDate day, String workType, String grade) {
                return Optional.empty();
            }

            @Override
            public Optional<Integer> committedCount(String jurisdiction, java.time.Instant from, java.time.Instant to,
                    String enterpriseCode) {
                return Optional.empty();
            }
        };
    }
}
