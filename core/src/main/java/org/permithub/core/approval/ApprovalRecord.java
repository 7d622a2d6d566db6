package org.permithub.core.approval;

import java.time.Instant;
import org.permithub.core.site.GeoPoint;

/** One accepted signature on a permit. */
public record ApprovalRecord(String approverId, ApproverRole role, GeoPoint position, Instant signedAt, Instant recordedAt) {}
