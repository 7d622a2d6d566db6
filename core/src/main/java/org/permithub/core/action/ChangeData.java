package org.permithub.core.action;

import java.util.Map;

/** CHANGE: {@code {"kind": "LOCATION", "description": "moved to flange F-12"}}. */
public record ChangeData(ChangeKind kind, String description) {

    public static ChangeData parse(Map<String, Object> data) {
        JsonFields fields = JsonFields.of(data);
        return new ChangeData(fields.requiredEnum("kind", ChangeKind.class), fields.requiredString("description"));
    }
}
