package org.permithub.hub.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.permithub.core.action.ActionDataException;
import org.permithub.core.gas.Gas;
import org.permithub.core.gas.GasEvaluator;
import org.permithub.core.gas.GasLimits;
import org.permithub.core.gas.GasReading;
import org.permithub.core.gas.GasRequirements;
import org.permithub.core.gas.GasTestData;
import org.permithub.core.gas.GasTestRecord;
import org.permithub.core.gas.GasUnit;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.Violation;
import org.permithub.hub.access.AccessIndex;
import org.springframework.stereotype.Component;

/**
 * Readings of fixed gas detectors ({@code site/{siteId}/gas/{detectorId}}), judged with the core's
 * GB 30871 gas rules against every ACTIVE permit of the detector's zone (its site profile's limits,
 * the O₂ range where confined-space rules apply). Payload:
 * <pre>{@code
 * {"at": "2026-11-29T10:00:00+08:00", "readings": [{"gas": "CH4", "value": 12, "unit": "%LEL"}, …]}
 * }</pre>
 * (a single reading {@code {"gas", "value", "unit", "at"}} is accepted too). Returns the alarm for
 * {@code direct:alarm-intake}, or null when every reading is within the limits.
 */
@Component("gasMonitor")
public class GasMonitor {

    /** A detector reading above this cannot be real: a fault, not gas. */
    private static final BigDecimal HUNDRED = new BigDecimal(100);
    private static final BigDecimal PPM_MAX = new BigDecimal(1_000_000);

    private final AccessIndex index;
    private final ObjectMapper mapper;

    public GasMonitor(AccessIndex index, ObjectMapper mapper) {
        this.index = index;
        this.mapper = mapper;
    }

    /** The route's entry: plain parameters bound once here rather than by an expression per message. */
    public String onReading(Exchange exchange) {
        return readingFrom(exchange.getIn().getHeader("CamelMqttTopic", String.class), exchange.getIn().getBody(String.class));
    }

    public String readingFrom(String topic, String body) {
        String[] parts = topic == null ? new String[0] : topic.split("/");
        if (parts.length != 4) {
            throw new SiteMessageRejected("TOPIC_UNKNOWN", "not a gas topic: " + topic);
        }
        String siteId = parts[1];
        String detectorId = parts[3];
        AccessIndex.Device detector = index.device(detectorId)
                .filter(d -> "GAS_DETECTOR".equals(d.kind()) && d.siteId().equals(siteId))
                .orElseThrow(() -> new SiteMessageRejected("DEVICE_UNKNOWN",
                        "no gas detector " + detectorId + " at site " + siteId));
        JsonNode json = SiteMessageRejected.json(mapper, body);
        List<JsonNode> items = new ArrayList<>();
        if (json.has("readings")) {
            json.get("readings").forEach(items::add);
        } else {
            items.add(json);
        }
        if (items.isEmpty()) {
            throw new SiteMessageRejected("FIELD_MISSING", "no readings");
        }
        Instant now = Instant.now();
        List<AccessIndex.PermitEntry> active = index.permitsIn(siteId, detector.zoneId()).stream()
                .filter(p -> p.state() == PermitState.ACTIVE).toList();
        GasLimits limits = active.isEmpty() ? GasLimits.gb30871() : active.get(0).gasLimits();
        List<GasReading> readings = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            readings.add(reading(item, json.path("at").asText(null), limits));
        }
        GasTestData test = new GasTestData(readings, "detector:" + detectorId, Optional.of(detectorId));
        Set<Violation> failures = new LinkedHashSet<>();
        Set<String> gases = new LinkedHashSet<>();
        try {
            if (active.isEmpty()) {
                // no work going on: still sound the alarm for combustible or toxic gas in the zone
                collect(GasEvaluator.evaluate(test, new GasRequirements(false, false, false, false, Set.of(),
                        new org.permithub.core.site.GeoPoint(0, 0), "GB30871-2022 §5.3.1d"), limits, now), failures, gases);
            }
            for (AccessIndex.PermitEntry permit : active) {
                collect(GasEvaluator.evaluate(test, permit.gasRequirements(), permit.gasLimits(), now), failures, gases);
            }
        } catch (ActionDataException e) {
            throw new SiteMessageRejected("FIELD_INVALID", e.getMessage());
        }
        if (failures.isEmpty()) {
            return null;
        }
        StringBuilder detail = new StringBuilder();
        for (Violation v : failures) {
            detail.append(detail.length() == 0 ? "" : "; ").append(v.code()).append(" ").append(v.detail());
        }
        var alarm = mapper.createObjectNode();
        alarm.put("siteId", siteId);
        alarm.put("zoneId", detector.zoneId());
        alarm.put("source", "GAS");
        alarm.put("kind", gases.iterator().next());
        alarm.put("deviceId", detectorId);
        alarm.put("at", readings.get(0).sampledAt().toString());
        alarm.put("detail", detail.toString());
        return alarm.toString();
    }

    private static void collect(GasTestRecord record, Set<Violation> failures, Set<String> gases) {
        if (record.passed()) {
            return;
        }
        failures.addAll(record.failures());
        record.readings().stream().filter(r -> !r.passed()).forEach(r -> gases.add(r.gas()));
    }

    private static GasReading reading(JsonNode item, String defaultAt, GasLimits limits) {
        String gasName = item.path("gas").asText(null);
        String unitText = item.path("unit").asText(null);
        JsonNode value = item.get("value");
        if (gasName == null || unitText == null || value == null || !value.isNumber()) {
            throw new SiteMessageRejected("FIELD_MISSING", "a reading needs gas, a numeric value and unit");
        }
        Optional<Gas> gas = limits.catalog().find(gasName);
        if (gas.isEmpty()) {
            throw new SiteMessageRejected("GAS_UNKNOWN", "gas " + gasName + " is not in the gas catalog");
        }
        Optional<GasUnit> unit = GasUnit.parse(unitText);
        if (unit.isEmpty()) {
            throw new SiteMessageRejected("UNIT_UNKNOWN", "unit " + unitText);
        }
        BigDecimal v = value.decimalValue();
        boolean percent = unit.get() == GasUnit.PERCENT_VOL || unit.get() == GasUnit.PERCENT_LEL;
        if (v.signum() < 0 || (percent && v.compareTo(HUNDRED) > 0) || v.compareTo(PPM_MAX) > 0) {
            throw new SiteMessageRejected("VALUE_OUT_OF_RANGE", gasName + " " + v.toPlainString() + " " + unitText);
        }
        String atText = item.path("at").asText(defaultAt);
        Instant at;
        try {
            at = atText == null ? Instant.now() : OffsetDateTime.parse(atText).toInstant();
        } catch (DateTimeParseException e) {
            throw new SiteMessageRejected("FIELD_INVALID", "at is not an RFC 3339 date-time: " + atText);
        }
        // a fixed detector is the zone's monitoring point: its distance to the work is taken as 0
        // (the 10 m sampling rule of §5.3.1b is for the pre-start test)
        return new GasReading(gas.get().id(), v, unitText, at, Optional.of(BigDecimal.ZERO), Optional.empty(),
                Optional.empty());
    }
}
