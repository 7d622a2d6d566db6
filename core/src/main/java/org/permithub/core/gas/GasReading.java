package org.permithub.core.gas;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.permithub.core.action.ActionDataException;
import org.permithub.core.action.JsonFields;
import org.permithub.core.site.GeoPoint;

/**
 * One reading of a gas test as submitted. The gas and unit stay as text here: an unknown gas or
 * unit makes the reading fail when evaluated, it is not a data error.
 *
 * @param distanceToWorkPointM distance of the sampling point from the work point, as measured
 * @param position GPS fix of the sampling point, used when no distance is given
 * @param samplePoint free label, e.g. "top", "middle", "bottom"
 */
public record GasReading(
        String gas,
        BigDecimal value,
        String unit,
        Instant sampledAt,
        Optional<BigDecimal> distanceToWorkPointM,
        Optional<GeoPoint> position,
        Optional<String> samplePoint) {

    static GasReading parse(JsonFields fields, String path) {
        Optional<Double> lat = fields.optionalDouble("lat");
        Optional<Double> lon = fields.optionalDouble("lon");
        if (lat.isPresent() != lon.isPresent()) {
            throw new ActionDataException(path + (lat.isPresent() ? ".lon" : ".lat"),
                    "lat and lon must be given together");
        }
        Optional<GeoPoint> position;
        try {
            position = lat.map(la -> new GeoPoint(la, lon.get()));
        } catch (IllegalArgumentException e) {
            throw new ActionDataException(path + ".lat", e.getMessage());
        }
        Optional<BigDecimal> distance = fields.optionalDecimal("distanceToWorkPointM");
        if (distance.isPresent() && distance.get().signum() < 0) {
            throw new ActionDataException(path + ".distanceToWorkPointM", "must not be negative");
        }
        return new GasReading(
                fields.requiredString("gas"),
                fields.requiredDecimal("value"),
                fields.requiredString("unit"),
                fields.requiredInstant("sampledAt"),
                distance,
                position,
                fields.optionalString("samplePoint"));
    }
}
