package org.permithub.core.permit;

/** Where the work happens: a zone of the site plus its WGS-84 point. */
public record Location(String zoneId, double lat, double lon) {}
