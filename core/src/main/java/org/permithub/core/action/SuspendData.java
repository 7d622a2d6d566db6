package org.permithub.core.action;

import java.util.Map;

/** SUSPEND: {@code {"reason": "shift change"}}. */
public record SuspendData(String reason) {

    public static SuspendData parse(Map<String, Object> data) {
        return new SuspendData(JsonFields.of(data).requiredString("reason"));
    }
}
