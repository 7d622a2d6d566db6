package org.permithub.core.permit;

import java.util.EnumSet;
import java.util.Set;
import org.permithub.core.approval.ApprovalMatrix;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.grading.EscalationReason;

/**
 * What APPLY fixed for the permit's life.
 *
 * @param effectiveGrade the grade the rules use: the applicant's hot-work grade raised for night,
 *        rest day, holiday or wind; the height class from height and hazards; the lifting grade
 *        from the load; null for types without grades
 * @param escalations why the grade is above the applicant's
 * @param requiredApprovals Table B.1 approver plus the site's extra steps
 */
public record PermitTerms(Grade effectiveGrade, Set<EscalationReason> escalations, Set<ApproverRole> requiredApprovals) {

    public PermitTerms {
        escalations = escalations == null || escalations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(escalations));
        requiredApprovals = requiredApprovals == null || requiredApprovals.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredApprovals));
    }

    /** Terms taken as declared, for a permit rebuilt without the APPLY decision. */
    static PermitTerms asDeclared(PermitApplication application) {
        Grade grade = application.grade();
        Set<ApproverRole> roles = EnumSet.noneOf(ApproverRole.class);
        boolean gradeKnownIfNeeded = grade != null || !gradedType(application.workType());
        if (application.workType() != null && gradeKnownIfNeeded) {
            roles.add(ApprovalMatrix.approverFor(application.workType(), grade));
        }
        return new PermitTerms(grade, Set.of(), roles);
    }

    private static boolean gradedType(WorkType type) {
        return type == WorkType.HOT_WORK || type == WorkType.WORK_AT_HEIGHT || type == WorkType.LIFTING;
    }
}
