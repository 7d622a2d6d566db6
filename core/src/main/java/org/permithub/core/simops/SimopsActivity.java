package org.permithub.core.simops;

import org.permithub.core.permit.WorkType;

/**
 * What is going on at a place, for the simultaneous-operations rules. Every permit has the activity
 * of its work type; an applicant declares the others (venting, painting …) in the permit details.
 */
public enum SimopsActivity {
    HOT_WORK,
    CONFINED_SPACE_ENTRY,
    BLIND_PLATE_WORK,
    WORK_AT_HEIGHT,
    LIFTING,
    TEMPORARY_POWER,
    EXCAVATION,
    ROAD_CLOSURE,
    /** 排放可燃气体 (§5.2.9). */
    COMBUSTIBLE_GAS_VENTING,
    /** 排放可燃液体 (§5.2.9). */
    FLAMMABLE_LIQUID_DISCHARGE,
    /** 可燃溶剂清洗 (§5.2.9). */
    SOLVENT_CLEANING,
    /** 喷漆, 涂刷油漆/涂料 (§5.2.9, §6.7). */
    PAINTING,
    /** 可燃性粉尘清扫 (§5.2.9). */
    COMBUSTIBLE_DUST_SWEEPING,
    /** 切水、取样 in a tank-farm dike (§5.2.8). */
    TANK_DRAINING_OR_SAMPLING,
    /** Wildcard in rules: any permitted work. Never declared. */
    ANY_WORK;

    public static SimopsActivity of(WorkType workType) {
        return switch (workType) {
            case HOT_WORK -> HOT_WORK;
            case CONFINED_SPACE -> CONFINED_SPACE_ENTRY;
            case BLIND_PLATE -> BLIND_PLATE_WORK;
            case WORK_AT_HEIGHT -> WORK_AT_HEIGHT;
            case LIFTING -> LIFTING;
            case TEMPORARY_POWER -> TEMPORARY_POWER;
            case EXCAVATION -> EXCAVATION;
            case ROAD_CLOSURE -> ROAD_CLOSURE;
        };
    }
}
