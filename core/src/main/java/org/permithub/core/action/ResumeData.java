package org.permithub.core.action;

import java.util.Map;
import java.util.Optional;

/**
 * RESUME: {@code {}} or {@code {"conditionsConfirmedBy": "u-guard-1"}}; work at height needs the
 * re-confirmation of conditions after any interruption (GB 30871-2022 §8.2.11).
 */
public record ResumeData(Optional<String> conditionsConfirmedBy) {

    public static ResumeData parse(Map<String, Object> data) {
        return new ResumeData(JsonFields.of(data).optionalString("conditionsConfirmedBy"));
    }
}
