package org.permithub.core.grading;

import org.permithub.core.permit.Grade;

/**
 * Situations that Table B.1 note 2 of GB 30871-2022 puts at a given height class at least.
 * Night work outdoors is detected from the site calendar and need not be declared.
 */
public enum HeightSituation {
    /** Near or above openings, pits, wells (note 2, Ⅱ/Ⅲ a). */
    NEAR_OPENING(Grade.CLASS_II),
    /** In flammable, explosive, toxic or burn-risk areas, or near rotating equipment (Ⅱ/Ⅲ b). */
    HAZARDOUS_AREA(Grade.CLASS_II),
    /** On towers, tanks, vessels or pipe racks without platform or railing (Ⅱ/Ⅲ c). */
    UNGUARDED_EQUIPMENT(Grade.CLASS_II),
    /** Inside towers, reactors, furnaces, tanks (Ⅱ/Ⅲ d). */
    INSIDE_EQUIPMENT(Grade.CLASS_II),
    /** Next to vents or stacks releasing toxic gas or dust (Ⅱ/Ⅲ e). */
    NEAR_TOXIC_VENT(Grade.CLASS_II),
    /** High or low temperature (Ⅳ a). */
    ABNORMAL_TEMPERATURE(Grade.CLASS_IV),
    /** While snowing (Ⅳ b). */
    SNOW(Grade.CLASS_IV),
    /** While raining (Ⅳ c). */
    RAIN(Grade.CLASS_IV),
    /** Outdoors at night under artificial light only (Ⅳ d). */
    NIGHT_ARTIFICIAL_LIGHT(Grade.CLASS_IV),
    /** Near or touching live conductors (Ⅳ e). */
    LIVE_WORK(Grade.CLASS_IV),
    /** Without any or without firm footing (Ⅳ f). */
    NO_FIRM_FOOTING(Grade.CLASS_IV);

    private final Grade minimumClass;

    HeightSituation(Grade minimumClass) {
        this.minimumClass = minimumClass;
    }

    public Grade minimumClass() {
        return minimumClass;
    }
}
