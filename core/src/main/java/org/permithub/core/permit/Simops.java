package org.permithub.core.permit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.permithub.core.profile.RuleLimits;
import org.permithub.core.simops.SimopsChecker;
import org.permithub.core.simops.SimopsFinding;
import org.permithub.core.simops.SimopsOperation;
import org.permithub.core.simops.SimopsOutcome;
import org.permithub.core.simops.SimopsPhase;
import org.permithub.core.simops.SiteOperationsIndex;

/** Runs the SIMOPS check for the lifecycle and turns findings into violations and warnings. */
final class Simops {

    /** At most this many findings per rule are listed; the rest are summed up in one line. */
    static final int MAX_FINDINGS_PER_RULE = 20;

    private Simops() {}

    static void check(SimopsOperation candidate, String siteId, DecisionContext context, RuleLimits limits,
                      SimopsPhase phase, Findings f) {
        Optional<SiteOperationsIndex> index = context.siteOperations(siteId);
        if (index.isEmpty()) {
            // GB 30871-2022 §4.7: cross-work must be controlled; without the site's open permits it cannot be
            f.reject("SIMOPS_STATE_UNKNOWN", "GB30871-2022 §4.7",
                    "the open permits of site " + siteId + " are not known; simultaneous operations cannot be checked");
            return;
        }
        List<SimopsFinding> findings = SimopsChecker.check(candidate, index.get(), limits.simops(), phase);
        Map<String, Integer> perRule = new HashMap<>();
        for (SimopsFinding finding : findings) {
            var rule = finding.rule();
            int n = perRule.merge(rule.id(), 1, Integer::sum);
            if (n > MAX_FINDINGS_PER_RULE) {
                continue;
            }
            String detail = "[" + rule.id() + "] " + rule.description() + ": permit " + finding.other().permitNo()
                    + " (" + finding.other().workType() + ", " + finding.other().state() + ") at "
                    + Math.round(finding.distanceM() * 10) / 10.0 + " m";
            if (rule.outcome() == SimopsOutcome.REJECT) {
                f.reject("SIMOPS_CONFLICT", rule.clause(), detail);
            } else {
                f.warnings.add(new Warning("SIMOPS_WARNING", rule.clause(), detail, finding.other().permitNo()));
            }
        }
        perRule.forEach((ruleId, count) -> {
            if (count > MAX_FINDINGS_PER_RULE) {
                var rule = limits.simops().rule(ruleId).orElseThrow();
                String detail = "[" + ruleId + "] and " + (count - MAX_FINDINGS_PER_RULE) + " more permits";
                if (rule.outcome() == SimopsOutcome.REJECT) {
                    f.reject("SIMOPS_CONFLICT", rule.clause(), detail);
                } else {
                    f.warn("SIMOPS_WARNING", rule.clause(), detail);
                }
            }
        });
    }
}
