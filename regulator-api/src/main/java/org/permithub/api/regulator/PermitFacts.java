package org.permithub.api.regulator;

import java.util.List;
import java.util.Optional;
import org.permithub.core.permit.Permit;

/**
 * What the regulator operations know about one permit.
 *
 * @param divisionCode the enterprise's administrative division (jurisdiction checks)
 * @param actions every stored action, oldest first
 * @param alerts the warnings its actions raised
 * @param approverSameSecondMax the most permits any of its approvers signed within the same second
 * @param inDailyCommitment whether that day's commitment (安全风险研判与承诺公告) covers it; empty
 *        when there is no commitment data
 */
public record PermitFacts(Permit permit, String divisionCode, List<ActionFact> actions, List<AlertFact> alerts,
        int approverSameSecondMax, Optional<Boolean> inDailyCommitment) {}
