package org.permithub.core.permit;

import java.util.ArrayList;
import java.util.List;

/** Violations and warnings gathered while one action is checked. */
final class Findings {

    final List<Violation> violations = new ArrayList<>();
    final List<Warning> warnings = new ArrayList<>();

    void reject(String code, String clause, String detail) {
        violations.add(new Violation(code, clause, detail));
    }

    void warn(String code, String clause, String detail) {
        warnings.add(new Warning(code, clause, detail, null));
    }

    boolean passed() {
        return violations.isEmpty();
    }

    Decision decide(Permit next) {
        return passed() ? new Decision.Accepted(next, warnings) : new Decision.Rejected(violations);
    }
}
