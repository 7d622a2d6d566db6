package org.permithub.core.site;

import java.util.List;

/**
 * The area of one zone of a site (a unit, a tank farm, a pipe rack …). An approver's GPS fix must
 * fall inside the permit's zone: approval happens on site (GB 30871-2022 §4.11a).
 */
public sealed interface SiteZone {

    boolean contains(GeoPoint point);

    /** A zone given as a centre and a radius in metres; the rim counts as inside. */
    record Circle(GeoPoint centre, double radiusM) implements SiteZone {
        public Circle {
            if (centre == null) {
                throw new IllegalArgumentException("a circular zone needs a centre");
            }
            if (!Double.isFinite(radiusM) || radiusM <= 0) {
                throw new IllegalArgumentException("a circular zone needs a positive radius, got " + radiusM);
            }
        }

        @Override
        public boolean contains(GeoPoint point) {
            return centre.distanceMetresTo(point) <= radiusM;
        }
    }

    /**
     * A zone given as a simple polygon (vertices in order, not closed: the last vertex joins the
     * first). Meant for zones up to a few kilometres across, where lat/lon can be treated as planar.
     */
    record Polygon(List<GeoPoint> vertices) implements SiteZone {
        public Polygon {
            if (vertices == null || vertices.size() < 3) {
                throw new IllegalArgumentException("a polygon zone needs at least 3 vertices");
            }
            vertices = List.copyOf(vertices);
        }

        @Override
        public boolean contains(GeoPoint point) {
            boolean inside = false;
            int n = vertices.size();
            for (int i = 0, j = n - 1; i < n; j = i++) {
                GeoPoint a = vertices.get(i);
                GeoPoint b = vertices.get(j);
                if (onSegment(a, b, point)) {
                    return true;
                }
                boolean crosses = (a.lat() > point.lat()) != (b.lat() > point.lat());
                if (crosses) {
                    double lonAtLat = (b.lon() - a.lon()) * (point.lat() - a.lat()) / (b.lat() - a.lat()) + a.lon();
                    if (point.lon() < lonAtLat) {
                        inside = !inside;
                    }
                }
            }
            return inside;
        }

        private static boolean onSegment(GeoPoint a, GeoPoint b, GeoPoint p) {
            double cross = (b.lon() - a.lon()) * (p.lat() - a.lat()) - (b.lat() - a.lat()) * (p.lon() - a.lon());
            if (Math.abs(cross) > 1e-12) {
                return false;
            }
            return p.lat() >= Math.min(a.lat(), b.lat()) && p.lat() <= Math.max(a.lat(), b.lat())
                    && p.lon() >= Math.min(a.lon(), b.lon()) && p.lon() <= Math.max(a.lon(), b.lon());
        }
    }
}
