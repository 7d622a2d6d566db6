package org.permithub.core.grading;

/** Why a permit's grade was raised above what the applicant stated. */
public enum EscalationReason {
    /** Hot work at night (§5.1.1). */
    NIGHT,
    /** Hot work on a rest day (公休日, §5.1.1). */
    REST_DAY,
    /** Hot work on a holiday (节假日, §5.1.1). */
    HOLIDAY,
    /** Outdoor hot work in wind ≥ force 5 (§5.2.15). */
    WIND,
    /** Work at height raised by a situation of Table B.1 note 2. */
    HEIGHT_SITUATION,
    /** Outdoor work at height at night, fully under artificial light (Table B.1 note 2: Ⅳ). */
    HEIGHT_NIGHT
}
