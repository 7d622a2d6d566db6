package org.permithub.hub.site;

import java.util.List;
import org.permithub.core.site.GeoPoint;
import org.permithub.core.site.SiteZone;

/**
 * A work zone as the admin API and the database hold it: a circle ({@code lat}, {@code lon},
 * {@code radiusM}) or a polygon ({@code vertices}). On-site approval evidence must lie inside it
 * (GB 30871-2022 §4.11).
 */
public record ZoneGeometry(String zoneId, Double lat, Double lon, Double radiusM, List<GeoPoint> vertices) {

    public SiteZone toZone() {
        if (vertices != null && !vertices.isEmpty()) {
            return new SiteZone.Polygon(vertices);
        }
        return new SiteZone.Circle(new GeoPoint(lat, lon), radiusM);
    }

    /** The problem with this geometry, or null when it is usable. */
    public String problem() {
        if (zoneId == null || zoneId.isBlank()) {
            return "zoneId is required";
        }
        if (vertices != null && !vertices.isEmpty()) {
            return vertices.size() < 3 ? "a polygon needs at least 3 vertices" : null;
        }
        if (lat == null || lon == null || radiusM == null || radiusM <= 0) {
            return "give lat, lon and a positive radiusM, or at least 3 vertices";
        }
        return null;
    }
}
