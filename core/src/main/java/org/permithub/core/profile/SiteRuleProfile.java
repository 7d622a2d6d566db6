package org.permithub.core.profile;

import java.util.List;

/**
 * The rules one site works to: GB 30871-2022, tightened where the site chose to. Construction fails
 * with {@link LooseningProfileException} when any limit is looser than GB 30871.
 *
 * @param name where the profile came from, e.g. "plant-07 v3"
 */
public record SiteRuleProfile(String siteId, String name, RuleLimits limits) {

    public SiteRuleProfile {
        if (siteId == null || siteId.isBlank()) {
            throw new IllegalArgumentException("a rule profile needs a site id");
        }
        if (limits == null) {
            throw new IllegalArgumentException("a rule profile needs limits");
        }
        List<String> problems = limits == RuleLimits.gb30871() ? List.of() : limits.looseningsAgainst(RuleLimits.gb30871());
        if (!problems.isEmpty()) {
            throw new LooseningProfileException(siteId, problems);
        }
    }

    /** The national rules, unchanged. */
    public static SiteRuleProfile gb30871(String siteId) {
        return new SiteRuleProfile(siteId, "GB 30871-2022", RuleLimits.gb30871());
    }
}
