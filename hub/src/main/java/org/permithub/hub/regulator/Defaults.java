package org.permithub.hub.regulator;

import java.util.Optional;
import org.permithub.api.regulator.DailyCommitments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stand-in until the daily commitments (govplatform) answer the regulator's questions: the
 * commitment flag says NOT_EVALUATED. People and contractors come from the credential registry
 * ({@link CredentialPeople}). Replace it by declaring a {@code @Primary} bean of the interface.
 */
@Configuration
class Defaults {

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
