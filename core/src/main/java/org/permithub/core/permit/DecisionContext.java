package org.permithub.core.permit;

import java.time.Instant;

/** What the rules may know beyond the permit itself. The hub supplies the real one. */
public interface DecisionContext {

    /** The instant the decision is made at. */
    Instant now();
}
