package org.permithub.core.action;

import java.util.Map;

/**
 * ENTRY / EXIT: {@code {"subjectId": "w-001", "kind": "PERSON"}} or
 * {@code {"subjectId": "tool-grinder-7", "kind": "TOOL"}} (GB 30871-2022 §6.8c).
 */
public record HeadcountData(String subjectId, SubjectKind kind) {

    public static HeadcountData parse(Map<String, Object> data) {
        JsonFields fields = JsonFields.of(data);
        return new HeadcountData(fields.requiredString("subjectId"), fields.requiredEnum("kind", SubjectKind.class));
    }
}
