package org.permithub.core.permit;

/**
 * Grades and classes across work types. Which values a work type accepts is a rule of
 * {@link PermitLifecycle}: hot work 特级/一级/二级 (GB 30871-2022 §5.1), work at height Ⅰ–Ⅳ (§8.1),
 * lifting 一/二/三级 (§9.1); the other types have none.
 */
public enum Grade {
    /** 特级. */
    SPECIAL,
    /** 一级. */
    GRADE_1,
    /** 二级. */
    GRADE_2,
    /** 三级 (lifting). */
    GRADE_3,
    /** 高处 Ⅰ级. */
    CLASS_I,
    /** 高处 Ⅱ级. */
    CLASS_II,
    /** 高处 Ⅲ级. */
    CLASS_III,
    /** 高处 Ⅳ级. */
    CLASS_IV
}
