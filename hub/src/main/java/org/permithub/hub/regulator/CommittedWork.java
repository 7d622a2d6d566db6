package org.permithub.hub.regulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.permithub.api.regulator.DailyCommitments;
import org.permithub.connectors.govplatform.DailyCommitment;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.WorkType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the regulator's questions about the daily commitments (安全承诺) the enterprises
 * submitted (table {@code daily_commitments}, see the govplatform package). A day without any
 * commitment of the enterprise announces nothing: work carried out that day was not committed.
 */
@Component
class CommittedWork implements DailyCommitments {

    /** Commitment dates are the sites' local days; windows are cut in China Standard Time. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    CommittedWork(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @Override
    public Optional<Boolean> covers(String enterpriseCode, LocalDate day, String workType, String grade) {
        WorkType type = WorkType.valueOf(workType);
        Grade level = grade == null ? null : Grade.valueOf(grade);
        return Optional.of(commitments("enterprise_code = ? and commit_date = ?", enterpriseCode, day).stream()
                .anyMatch(commitment -> commitment.planned(type, level) > 0));
    }

    @Override
    public Optional<Integer> committedCount(String jurisdiction, Instant from, Instant to, String enterpriseCode) {
        // the enterprise's division: the enterprises table, else characters 3-8 of its credit code (GB 32100)
        return Optional.of(commitments("""
                commit_date >= ? and commit_date < ? and (?::text is null or enterprise_code = ?)
                and coalesce((select e.division_code from enterprises e where e.credit_code = d.enterprise_code),
                             substr(d.enterprise_code, 3, 6)) like ?""",
                from.atZone(CHINA).toLocalDate(), to.atZone(CHINA).toLocalDate().plusDays(1), enterpriseCode,
                enterpriseCode, jurisdiction.replaceAll("[^0-9]", "") + "%").stream()
                .mapToInt(commitment -> commitment.planned().stream().mapToInt(DailyCommitment.PlannedWork::count).sum())
                .sum());
    }

    private List<DailyCommitment> commitments(String where, Object... args) {
        return jdbc.queryForList("select commitment::text from daily_commitments d where " + where, String.class, args)
                .stream().map(this::read).toList();
    }

    private DailyCommitment read(String json) {
        try {
            return mapper.readValue(json, DailyCommitment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored daily commitment", e);
        }
    }
}
