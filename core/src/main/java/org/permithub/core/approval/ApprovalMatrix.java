package org.permithub.core.approval;

import org.permithub.core.permit.Grade;
import org.permithub.core.permit.WorkType;

/** GB 30871-2022 Table B.1: the approving role for each work type and grade. */
public final class ApprovalMatrix {

    private ApprovalMatrix() {}

    /**
     * The Table B.1 approver. {@code grade} is the permit's effective grade (after escalation);
     * null for work types without grades.
     */
    public static ApproverRole approverFor(WorkType workType, Grade grade) {
        return switch (workType) {
            case HOT_WORK -> switch (grade) {
                case SPECIAL -> ApproverRole.SENIOR_LEADER;
                case GRADE_1 -> ApproverRole.SAFETY_DEPARTMENT;
                default -> ApproverRole.LOCAL_UNIT;
            };
            case CONFINED_SPACE, BLIND_PLATE -> ApproverRole.LOCAL_UNIT;
            case WORK_AT_HEIGHT -> switch (grade) {
                case CLASS_I -> ApproverRole.LOCAL_UNIT;
                case CLASS_IV -> ApproverRole.PLANT_MANAGER_OR_CHIEF_ENGINEER;
                default -> ApproverRole.SPECIALIST_DEPARTMENT;
            };
            case LIFTING -> grade == Grade.GRADE_1
                    ? ApproverRole.PLANT_MANAGER_OR_CHIEF_ENGINEER
                    : ApproverRole.SPECIALIST_DEPARTMENT;
            case TEMPORARY_POWER -> ApproverRole.POWER_SUPPLY_UNIT;
            case EXCAVATION, ROAD_CLOSURE -> ApproverRole.SPECIALIST_DEPARTMENT;
        };
    }
}
