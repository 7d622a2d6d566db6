package org.permithub.core.grading;

import java.util.Optional;
import java.util.Set;
import org.permithub.core.permit.Grade;

/**
 * Grade arithmetic: GB 30871-2022 hot-work escalation (§5.1.1, §5.2.15), the height class table
 * (§8.1.1, §8.1.3 Table 2) and lifting grades by load (§9.1).
 */
public final class Grades {

    /** Lifting below this mass needs no permit, only a risk analysis (Table B.1 note 3). */
    public static final double LIFTING_PERMIT_THRESHOLD_T = 10;

    private Grades() {}

    public static boolean isHotWorkGrade(Grade grade) {
        return grade == Grade.SPECIAL || grade == Grade.GRADE_1 || grade == Grade.GRADE_2;
    }

    public static boolean isHeightClass(Grade grade) {
        return grade == Grade.CLASS_I || grade == Grade.CLASS_II || grade == Grade.CLASS_III || grade == Grade.CLASS_IV;
    }

    public static boolean isLiftingGrade(Grade grade) {
        return grade == Grade.GRADE_1 || grade == Grade.GRADE_2 || grade == Grade.GRADE_3;
    }

    /** Hot work raised by one grade: 二级 → 一级 → 特级; 特级 stays 特级 (§5.1.1 升级管理). */
    public static Grade raiseHotWork(Grade grade) {
        return switch (grade) {
            case GRADE_2 -> Grade.GRADE_1;
            case GRADE_1, SPECIAL -> Grade.SPECIAL;
            default -> throw new IllegalArgumentException(grade + " is not a hot-work grade");
        };
    }

    /**
     * Height class from GB 30871-2022 §8.1.3 Table 2: bands 2 ≤ h ≤ 5, 5 &lt; h ≤ 15, 15 &lt; h ≤ 30,
     * h &gt; 30 m; class A (no §8.1.2 hazard) Ⅰ/Ⅱ/Ⅲ/Ⅳ, class B Ⅱ/Ⅲ/Ⅳ/Ⅳ. Empty below 2 m, which is
     * not work at height (§3.8).
     */
    public static Optional<Grade> heightClass(double heightM, boolean classBHazardPresent) {
        if (heightM < 2) {
            return Optional.empty();
        }
        int band = heightM <= 5 ? 0 : heightM <= 15 ? 1 : heightM <= 30 ? 2 : 3;
        Grade[] classA = {Grade.CLASS_I, Grade.CLASS_II, Grade.CLASS_III, Grade.CLASS_IV};
        Grade[] classB = {Grade.CLASS_II, Grade.CLASS_III, Grade.CLASS_IV, Grade.CLASS_IV};
        return Optional.of(classBHazardPresent ? classB[band] : classA[band]);
    }

    /** The height class after the Table B.1 note 2 situations are applied. */
    public static Grade heightClassWithSituations(Grade tableClass, Set<HeightSituation> situations) {
        Grade result = tableClass;
        for (HeightSituation s : situations) {
            result = higherHeightClass(result, s.minimumClass());
        }
        return result;
    }

    public static Grade higherHeightClass(Grade a, Grade b) {
        return heightRank(a) >= heightRank(b) ? a : b;
    }

    public static int heightRank(Grade grade) {
        return switch (grade) {
            case CLASS_I -> 1;
            case CLASS_II -> 2;
            case CLASS_III -> 3;
            case CLASS_IV -> 4;
            default -> throw new IllegalArgumentException(grade + " is not a height class");
        };
    }

    /** Lifting grade by load (§9.1): 一级 m &gt; 100 t; 二级 40 t ≤ m ≤ 100 t; 三级 m &lt; 40 t. */
    public static Grade liftingGrade(double loadTonnes) {
        if (loadTonnes > 100) {
            return Grade.GRADE_1;
        }
        return loadTonnes >= 40 ? Grade.GRADE_2 : Grade.GRADE_3;
    }

    /** 1 = most severe. For hot work 特级 &lt; 一级 &lt; 二级; for lifting 一级 &lt; 二级 &lt; 三级. */
    public static int severityRank(Grade grade) {
        return switch (grade) {
            case SPECIAL -> 0;
            case GRADE_1 -> 1;
            case GRADE_2 -> 2;
            case GRADE_3 -> 3;
            default -> throw new IllegalArgumentException(grade + " is not a numbered grade");
        };
    }
}
