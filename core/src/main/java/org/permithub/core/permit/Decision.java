package org.permithub.core.permit;

import java.util.List;

/** The outcome of checking one action against a permit. */
public sealed interface Decision {

    /**
     * The action is allowed; {@code permit} is the state after it. {@code warnings} are things to
     * alert on (SIMOPS rules set to WARN, certificate reviews due, a gas alarm …), possibly empty.
     */
    record Accepted(Permit permit, List<Warning> warnings) implements Decision {
        public Accepted {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        public Accepted(Permit permit) {
            this(permit, List.of());
        }
    }

    /** The action is refused for every listed reason (at least one). */
    record Rejected(List<Violation> violations) implements Decision {
        public Rejected {
            if (violations == null || violations.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one violation");
            }
            violations = List.copyOf(violations);
        }
    }
}
