package org.permithub.core.action;

import java.util.Map;
import java.util.Optional;

/** CANCEL: {@code {}} or {@code {"reason": "job postponed"}}. */
public record CancelData(Optional<String> reason) {

    public static CancelData parse(Map<String, Object> data) {
        return new CancelData(JsonFields.of(data).optionalString("reason"));
    }
}
