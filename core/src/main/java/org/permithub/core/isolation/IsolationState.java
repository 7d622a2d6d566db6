package org.permithub.core.isolation;

/**
 * The live state of one isolation point as an outside system (MES, LOTO boxes) reports it.
 * {@link #UNKNOWN} means "no outside report": the permit's own CONFIRM_ISOLATION actions decide.
 * {@link #NOT_ISOLATED} overrides a confirmation on the permit: the live state wins.
 */
public enum IsolationState {
    CONFIRMED,
    NOT_ISOLATED,
    UNKNOWN
}
