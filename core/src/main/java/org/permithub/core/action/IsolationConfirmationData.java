package org.permithub.core.action;

import java.util.List;
import java.util.Map;

/**
 * CONFIRM_ISOLATION:
 * {@code {"pointIds": ["IP-1", "IP-2"], "method": "BLIND_PLATE", "confirmedBy": "u-op-7"}}.
 */
public record IsolationConfirmationData(List<String> pointIds, IsolationMethod method, String confirmedBy) {

    public IsolationConfirmationData {
        pointIds = List.copyOf(pointIds);
    }

    public static IsolationConfirmationData parse(Map<String, Object> data) {
        JsonFields fields = JsonFields.of(data);
        List<String> points = fields.stringList("pointIds");
        if (points.isEmpty()) {
            throw new ActionDataException("pointIds", "is required and must list at least one isolation point");
        }
        return new IsolationConfirmationData(points,
                fields.requiredEnum("method", IsolationMethod.class),
                fields.requiredString("confirmedBy"));
    }
}
