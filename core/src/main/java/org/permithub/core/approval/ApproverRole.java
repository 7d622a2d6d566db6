package org.permithub.core.approval;

/** Who signs a permit (GB 30871-2022 Table B.1, Appendix A forms). */
public enum ApproverRole {
    /** 主管领导: 特级 hot work. */
    SENIOR_LEADER,
    /** 安全管理部门: 一级 hot work. */
    SAFETY_DEPARTMENT,
    /** 所在基层单位: 二级 hot work, confined space, blind plate, Ⅰ级 height. */
    LOCAL_UNIT,
    /** 所在单位专业部门: Ⅱ/Ⅲ级 height, 二/三级 lifting, excavation, road closure. */
    SPECIALIST_DEPARTMENT,
    /** 主管厂长或总工程师: Ⅳ级 height, 一级 lifting. */
    PLANT_MANAGER_OR_CHIEF_ENGINEER,
    /** 配送电单位: temporary power. */
    POWER_SUPPLY_UNIT,
    /** 岗位当班班长 (验票 before hot work, Table A.1); only required where a site profile adds it. */
    SHIFT_LEADER,
    /** 消防部门 (co-sign for road closure, Table B.1); only required where a site profile adds it. */
    FIRE_DEPARTMENT,
    /** 作业负责人 (Appendix A forms); only required where a site profile adds it. */
    WORK_LEADER
}
