package org.permithub.core.action;

/**
 * How an isolation point was isolated. Water seals and closed valves do not count as isolation
 * (GB 30871-2022 §5.2.2, §6.1a); they are listed so that a report of one is refused by name.
 */
public enum IsolationMethod {
    /** 加盲板. */
    BLIND_PLATE,
    /** 拆除一段管道. */
    PIPE_SPOOL_REMOVED,
    /** Power cut, switch locked and tagged (§6.1c). */
    ELECTRICAL_LOCKOUT,
    /** Opening sealed (§6.1b). */
    OPENING_SEALED,
    /** Not accepted: 水封. */
    WATER_SEAL,
    /** Not accepted: 仅关闭阀门. */
    VALVE_CLOSED;

    public boolean accepted() {
        return this != WATER_SEAL && this != VALVE_CLOSED;
    }
}
