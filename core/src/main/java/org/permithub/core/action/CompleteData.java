package org.permithub.core.action;

import java.util.Map;

/** COMPLETE: {@code {"acceptedBy": "u-unit-lead"}}, the person who signs 完工验收 (GB 30871-2022 §4.15). */
public record CompleteData(String acceptedBy) {

    public static CompleteData parse(Map<String, Object> data) {
        return new CompleteData(JsonFields.of(data).requiredString("acceptedBy"));
    }
}
