package org.permithub.core.profile;

import java.util.List;

/** A site rule profile that would loosen a GB 30871 (or Order 30) limit, or that cannot be read. */
public final class LooseningProfileException extends IllegalArgumentException {

    private final String siteId;
    private final List<String> problems;

    public LooseningProfileException(String siteId, List<String> problems) {
        super("rule profile for site " + siteId + " rejected: " + String.join("; ", problems));
        this.siteId = siteId;
        this.problems = List.copyOf(problems);
    }

    public String siteId() {
        return siteId;
    }

    /** One entry per offending key, each naming the key, its value and the limit it breaks. */
    public List<String> problems() {
        return problems;
    }
}
