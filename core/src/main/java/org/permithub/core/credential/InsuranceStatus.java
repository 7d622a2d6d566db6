package org.permithub.core.credential;

/** Outcome of a social-insurance check (社保参保核验). */
public enum InsuranceStatus {
    /** 参保缴费: insured, paying in. */
    INSURED,
    /** 未参保 / 暂停缴费 / 终止: no cover. */
    NOT_INSURED,
    /** The check has not answered yet. */
    UNVERIFIED
}
