package org.permithub.core.gas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.permithub.core.action.JsonFields;

/**
 * GAS_TEST action data:
 * <pre>{@code
 * {"analystId": "u-an-1", "instrumentId": "PGD-778",
 *  "readings": [{"gas": "CH4", "value": 4, "unit": "%LEL", "sampledAt": "2025-03-03T09:50:00+08:00",
 *                "distanceToWorkPointM": 3, "samplePoint": "middle"}]}
 * }</pre>
 */
public record GasTestData(List<GasReading> readings, String analystId, Optional<String> instrumentId) {

    public GasTestData {
        readings = List.copyOf(readings);
    }

    public static GasTestData parse(Map<String, Object> data) {
        JsonFields fields = JsonFields.of(data);
        List<JsonFields> items = fields.requiredObjectList("readings");
        List<GasReading> readings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            readings.add(GasReading.parse(items.get(i), "readings[" + i + "]"));
        }
        return new GasTestData(readings, fields.requiredString("analystId"), fields.optionalString("instrumentId"));
    }
}
