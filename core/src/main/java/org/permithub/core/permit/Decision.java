package org.permithub.core.permit;

import java.util.List;

/** The outcome of checking one action against a permit. */
public sealed interface Decision {

    /** The action is allowed; {@code permit} is the state after it. */
    record Accepted(Permit permit) implements Decision {}

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
