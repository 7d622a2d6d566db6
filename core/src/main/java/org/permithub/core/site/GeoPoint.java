package org.permithub.core.site;

/** A WGS-84 position in decimal degrees. */
public record GeoPoint(double lat, double lon) {

    /** Mean Earth radius (IUGG), metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    public GeoPoint {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("latitude must be within -90..90, got " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("longitude must be within -180..180, got " + lon);
        }
    }

    /** Great-circle (haversine) distance in metres. */
    public double distanceMetresTo(GeoPoint other) {
        double phi1 = Math.toRadians(lat);
        double phi2 = Math.toRadians(other.lat);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.lon - lon);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** The point {@code metres} north and {@code metresEast} east of this one (small offsets, test data). */
    public GeoPoint offsetMetres(double metresNorth, double metresEast) {
        double dLat = Math.toDegrees(metresNorth / EARTH_RADIUS_M);
        double dLon = Math.toDegrees(metresEast / (EARTH_RADIUS_M * Math.cos(Math.toRadians(lat))));
        return new GeoPoint(lat + dLat, lon + dLon);
    }
}
