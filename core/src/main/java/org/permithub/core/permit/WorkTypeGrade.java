package org.permithub.core.permit;

/**
 * A key for limits and approvals: a work type and, optionally, one grade of it.
 *
 * @param grade null means every grade of the work type
 */
public record WorkTypeGrade(WorkType workType, Grade grade) {

    public WorkTypeGrade {
        if (workType == null) {
            throw new IllegalArgumentException("a work type is required");
        }
    }

    public static WorkTypeGrade of(WorkType workType) {
        return new WorkTypeGrade(workType, null);
    }

    public boolean matches(WorkType type, Grade g) {
        return workType == type && (grade == null || grade == g);
    }

    @Override
    public String toString() {
        return grade == null ? workType.name() : workType.name() + "." + grade.name();
    }
}
