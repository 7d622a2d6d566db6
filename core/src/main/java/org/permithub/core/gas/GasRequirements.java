package org.permithub.core.gas;

import java.util.Set;
import org.permithub.core.site.GeoPoint;

/**
 * What a gas test of one permit must show.
 *
 * @param combustibleRequired at least one reading of a combustible gas (§5.3.2, §6.4c, §10.1)
 * @param oxygenRequired an O₂ reading (confined-space rules, oxygen-enriched equipment)
 * @param oxygenRangeApplies O₂ must also be ≥ the minimum: confined-space rules (§6.4a)
 * @param oxygenEnriched the space or equipment is oxygen-enriched: upper bound 23.5 % (§6.4a, §5.2.7)
 * @param toxicGasesRequired ids of toxic gases that must each be measured (declared by the applicant)
 * @param workPoint where the work happens, for the sampling distance
 * @param stalenessClause the clause cited when the test is too old
 */
public record GasRequirements(
        boolean combustibleRequired,
        boolean oxygenRequired,
        boolean oxygenRangeApplies,
        boolean oxygenEnriched,
        Set<String> toxicGasesRequired,
        GeoPoint workPoint,
        String stalenessClause) {

    public GasRequirements {
        toxicGasesRequired = Set.copyOf(toxicGasesRequired);
    }
}
