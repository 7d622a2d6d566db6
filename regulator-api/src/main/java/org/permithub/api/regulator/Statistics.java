package org.permithub.api.regulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.permithub.api.regulator.compliance.ComplianceFlag;

/** The answer of {@code getStatistics}. */
public record Statistics(Instant from, Instant to, int total, Map<String, Integer> byWorkType,
        Map<String, Integer> byGrade, Map<String, Integer> byState, Map<String, Integer> byEnterprise,
        int permitsWithViolations, double violationRate, HeatMap heatMap, Commitment commitment) {

    /** Daily commitments vs permits actually carried out; NOT_EVALUATED without commitment data. */
    public record Commitment(String status, Integer committed, Integer actual, String detail) {}

    /** Monday-first 7 × 24 counts in the given zone. */
    public record HeatMap(String timeZone, int[][] alarms, int[][] violations, Peak peak) {

        public record Peak(String day, int hour, int count) {}

        public static HeatMap of(ZoneId zone, List<Instant> alarmTimes, List<ComplianceFlag> failedFlags) {
            int[][] alarms = new int[7][24];
            int[][] violations = new int[7][24];
            alarmTimes.forEach(t -> add(alarms, t, zone));
            failedFlags.stream().filter(f -> f.at() != null).forEach(f -> add(violations, f.at(), zone));
            Peak peak = null;
            for (int d = 0; d < 7; d++) {
                for (int h = 0; h < 24; h++) {
                    int count = alarms[d][h] + violations[d][h];
                    if (count > 0 && (peak == null || count > peak.count())) {
                        peak = new Peak(DayOfWeek.of(d + 1).name(), h, count);
                    }
                }
            }
            return new HeatMap(zone.getId(), alarms, violations, peak);
        }

        private static void add(int[][] grid, Instant at, ZoneId zone) {
            ZonedDateTime local = at.atZone(zone);
            grid[local.getDayOfWeek().getValue() - 1][local.getHour()]++;
        }
    }
}
