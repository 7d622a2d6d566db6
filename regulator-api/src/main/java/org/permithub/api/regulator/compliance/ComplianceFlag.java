package org.permithub.api.regulator.compliance;

import java.time.Instant;
import java.util.List;

/**
 * One computed compliance flag of a permit.
 *
 * @param rule the clause or park-scoring item it comes from
 * @param at the time of the action the flag is about (null when none)
 */
public record ComplianceFlag(Code code, String rule, Status status, String detail, Instant at,
        List<String> relatedPermitNos) {

    public enum Code {
        APPROVAL_BEFORE_START,
        APPROVAL_TIME_PLAUSIBLE,
        GAS_TEST_FRESH_AT_START,
        SIGN_OFF_ON_TIME,
        SIMOPS_CONFLICT,
        IN_DAILY_COMMITMENT
    }

    public enum Status {
        PASS,
        FAIL,
        /** Nothing to judge yet (e.g. no START so far). */
        NOT_APPLICABLE,
        /** The data the flag needs is not available (e.g. no daily commitment received). */
        NOT_EVALUATED
    }

    static ComplianceFlag of(Code code, String rule, Status status, String detail, Instant at) {
        return new ComplianceFlag(code, rule, status, detail, at, null);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
