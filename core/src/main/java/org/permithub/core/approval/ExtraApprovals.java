package org.permithub.core.approval;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.WorkType;
import org.permithub.core.permit.WorkTypeGrade;

/** Approval steps a site adds on top of Table B.1 (a site may add steps, never remove one). */
public record ExtraApprovals(Map<WorkTypeGrade, Set<ApproverRole>> roles) {

    public ExtraApprovals {
        roles = Map.copyOf(roles);
    }

    public static ExtraApprovals none() {
        return new ExtraApprovals(Map.of());
    }

    public Set<ApproverRole> rolesFor(WorkType workType, Grade grade) {
        Set<ApproverRole> result = EnumSet.noneOf(ApproverRole.class);
        roles.forEach((key, value) -> {
            if (key.matches(workType, grade)) {
                result.addAll(value);
            }
        });
        return result;
    }
}
