package org.permithub.hub.permit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permithub.core.permit.Warning;

/**
 * The warnings of one accepted action, one per code and clause: a permit in a busy zone can be in
 * cross work (GB 30871-2022 §4.7) with dozens of others, which is one alert naming them, not
 * dozens of alerts.
 *
 * @param relatedPermitNos the permits concerned, at most {@value #MAX_RELATED}
 * @param occurrences how many warnings of this kind the action raised
 */
public record AlertSummary(String code, String clause, String detail, List<String> relatedPermitNos, int occurrences) {

    static final int MAX_RELATED = 50;

    public static List<AlertSummary> of(List<Warning> warnings) {
        Map<String, List<Warning>> byKind = new LinkedHashMap<>();
        warnings.forEach(w -> byKind.computeIfAbsent(w.code() + "|" + w.clause(), k -> new ArrayList<>()).add(w));
        List<AlertSummary> summaries = new ArrayList<>();
        byKind.values().forEach(kind -> {
            List<String> related = kind.stream().map(Warning::relatedPermitNo).filter(no -> no != null)
                    .distinct().limit(MAX_RELATED).toList();
            Warning first = kind.get(0);
            String detail = kind.size() == 1 ? first.detail()
                    : first.detail() + " (and " + (kind.size() - 1) + " more of this kind)";
            summaries.add(new AlertSummary(first.code(), first.clause(), detail, related, kind.size()));
        });
        return summaries;
    }
}
