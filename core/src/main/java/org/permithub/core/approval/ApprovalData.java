package org.permithub.core.approval;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.permithub.core.action.ActionDataException;
import org.permithub.core.action.JsonFields;
import org.permithub.core.site.GeoPoint;

/**
 * APPROVE action data, the approver's signature with on-site evidence (GB 30871-2022 §4.11a):
 * {@code {"approverId": "u-safety-1", "approverRole": "SAFETY_DEPARTMENT", "lat": 38.05, "lon": 114.51,
 * "at": "2025-03-03T09:40:00+08:00"}}.
 *
 * @param at when the approver signed, from the signing device
 */
public record ApprovalData(String approverId, ApproverRole approverRole, GeoPoint position, Instant at,
                           Optional<String> comment) {

    public static ApprovalData parse(Map<String, Object> data) {
        JsonFields fields = JsonFields.of(data);
        String approverId = fields.requiredString("approverId");
        ApproverRole role = fields.requiredEnum("approverRole", ApproverRole.class);
        GeoPoint position;
        double lat = fields.requiredDouble("lat");
        double lon = fields.requiredDouble("lon");
        try {
            position = new GeoPoint(lat, lon);
        } catch (IllegalArgumentException e) {
            throw new ActionDataException("lat", e.getMessage());
        }
        return new ApprovalData(
                approverId,
                role,
                position,
                fields.requiredInstant("at"),
                fields.optionalString("comment"));
    }
}
