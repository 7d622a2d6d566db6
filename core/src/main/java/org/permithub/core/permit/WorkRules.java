package org.permithub.core.permit;

import java.time.Duration;
import org.permithub.core.gas.GasLimits;
import org.permithub.core.gas.GasRequirements;
import org.permithub.core.site.GeoPoint;

/** Which rule sets apply to a permit, derived from its work type, details and effective grade. */
final class WorkRules {

    /** GB 30871-2022 §11.10: excavation deeper than this in a hazardous area follows confined-space rules. */
    static final double EXCAVATION_CONFINED_DEPTH_M = 1.2;
    /** GB 30871-2022 §3.11: excavation means deeper than 0.5 m. */
    static final double EXCAVATION_MIN_DEPTH_M = 0.5;

    private WorkRules() {}

    /** Confined-space rules: gas with O₂ range, headcount, monitoring, 60-min re-test (§6; §11.10). */
    static boolean confinedSpaceRules(PermitApplication a) {
        WorkDetails d = a.details();
        return a.workType() == WorkType.CONFINED_SPACE
                || (a.workType() == WorkType.EXCAVATION && d.inHazardousArea()
                        && d.excavationDepthM() != null && d.excavationDepthM() > EXCAVATION_CONFINED_DEPTH_M);
    }

    /** A passing gas test ≤ 30 min old gates START (§5.3.1c, §6.3a, §10.1, §11.10). */
    static boolean gasTestRequired(PermitApplication a) {
        return a.workType() == WorkType.HOT_WORK
                || confinedSpaceRules(a)
                || (a.workType() == WorkType.TEMPORARY_POWER && a.details().inHazardousArea());
    }

    /** Continuous monitoring recorded at least every 2 h: 特级 hot work (§5.3.1d), confined space (§6.5). */
    static boolean continuousMonitoring(Permit p) {
        return (p.application().workType() == WorkType.HOT_WORK && p.effectiveGrade() == Grade.SPECIAL)
                || confinedSpaceRules(p.application());
    }

    static GasRequirements gasRequirements(PermitApplication a) {
        WorkDetails d = a.details();
        boolean confined = confinedSpaceRules(a);
        boolean hotWorkInConfinedSpace = a.workType() == WorkType.HOT_WORK && d.confinedSpaceId() != null;
        boolean oxygenRange = confined || hotWorkInConfinedSpace;
        return new GasRequirements(
                gasTestRequired(a),
                oxygenRange || d.oxygenEnriched(),
                oxygenRange,
                d.oxygenEnriched(),
                java.util.Set.copyOf(d.toxicGases()),
                new GeoPoint(a.location().lat(), a.location().lon()),
                stalenessClause(a));
    }

    static String stalenessClause(PermitApplication a) {
        if (a.workType() == WorkType.HOT_WORK) {
            return "GB30871-2022 §5.3.1c";
        }
        if (confinedSpaceRules(a)) {
            return "GB30871-2022 §6.3a";
        }
        return "GB30871-2022 §10.1";
    }

    /** Pause after which RESUME needs a fresh gas test: 30 min 特级/一级 hot work, else 60 min (§5.3.1d, §6.3f). */
    static Duration retestAfterPause(Permit p, GasLimits limits) {
        boolean highGradeHotWork = p.application().workType() == WorkType.HOT_WORK
                && (p.effectiveGrade() == Grade.SPECIAL || p.effectiveGrade() == Grade.GRADE_1);
        return highGradeHotWork ? limits.retestAfterPauseHotSpecialOrGrade1() : limits.retestAfterPauseOther();
    }

    static String retestClause(Permit p) {
        return p.application().workType() == WorkType.HOT_WORK ? "GB30871-2022 §5.3.1d" : "GB30871-2022 §6.3f";
    }
}
