package org.permithub.core.permit;

/** The eight special-work types of GB 30871-2022 (§5–§12). */
public enum WorkType {
    /** 动火作业, §5. */
    HOT_WORK,
    /** 受限空间作业, §6. */
    CONFINED_SPACE,
    /** 高处作业, §8. */
    WORK_AT_HEIGHT,
    /** 盲板抽堵作业, §7. */
    BLIND_PLATE,
    /** 吊装作业, §9. */
    LIFTING,
    /** 临时用电作业, §10. */
    TEMPORARY_POWER,
    /** 动土作业, §11. */
    EXCAVATION,
    /** 断路作业, §12. */
    ROAD_CLOSURE
}
