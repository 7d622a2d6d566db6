package org.permithub.core.permit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The longest planned window (plannedStart → plannedEnd) a permit may have.
 *
 * @param maxByWorkType by work type, or by work type and grade; when several entries match, the
 *        shortest applies
 * @param temporaryPowerSpecialCase temporary power in the special case (§10.8: ≤ 30 days)
 */
public record ValidityLimits(Map<WorkTypeGrade, Duration> maxByWorkType, Duration temporaryPowerSpecialCase) {

    public ValidityLimits {
        maxByWorkType = Map.copyOf(maxByWorkType);
    }

    public static ValidityLimits gb30871() {
        Map<WorkTypeGrade, Duration> max = new HashMap<>();
        // GB 30871-2022 §5.1.5: 特级, 一级 hot work ≤ 8 h; 二级 ≤ 72 h
        max.put(new WorkTypeGrade(WorkType.HOT_WORK, Grade.SPECIAL), Duration.ofHours(8));
        max.put(new WorkTypeGrade(WorkType.HOT_WORK, Grade.GRADE_1), Duration.ofHours(8));
        max.put(new WorkTypeGrade(WorkType.HOT_WORK, Grade.GRADE_2), Duration.ofHours(72));
        // GB 30871-2022 §6.10: confined space ≤ 24 h
        max.put(WorkTypeGrade.of(WorkType.CONFINED_SPACE), Duration.ofHours(24));
        // GB 30871-2022 §8.2.11: work at height ≤ 7 days
        max.put(WorkTypeGrade.of(WorkType.WORK_AT_HEIGHT), Duration.ofDays(7));
        // GB 30871-2022 §10.8: temporary power ≤ 15 days (30 days in the special case)
        max.put(WorkTypeGrade.of(WorkType.TEMPORARY_POWER), Duration.ofDays(15));
        return new ValidityLimits(max, Duration.ofDays(30));
    }

    /** The limit for a permit, or empty where neither GB 30871 nor the site sets one. */
    public Optional<Duration> maxFor(WorkType workType, Grade grade, boolean temporaryPowerSpecialCase) {
        if (workType == WorkType.TEMPORARY_POWER && temporaryPowerSpecialCase) {
            return Optional.of(this.temporaryPowerSpecialCase);
        }
        Duration result = null;
        for (Map.Entry<WorkTypeGrade, Duration> e : maxByWorkType.entrySet()) {
            if (e.getKey().matches(workType, grade) && (result == null || e.getValue().compareTo(result) < 0)) {
                result = e.getValue();
            }
        }
        return Optional.ofNullable(result);
    }

    /** The clause behind the GB limit of a work type. */
    public static String clauseFor(WorkType workType, boolean temporaryPowerSpecialCase) {
        return switch (workType) {
            case HOT_WORK -> "GB30871-2022 §5.1.5";
            case CONFINED_SPACE -> "GB30871-2022 §6.10";
            case WORK_AT_HEIGHT -> "GB30871-2022 §8.2.11";
            case TEMPORARY_POWER -> "GB30871-2022 §10.8";
            default -> "site rule profile";
        };
    }
}
