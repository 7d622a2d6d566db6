package org.permithub.core.permit;

import java.time.Instant;
import org.permithub.core.action.ChangeKind;

/**
 * A permit voided by a change of content, scope, location (§4.16) or of process, conditions,
 * method or environment (§4.17): it ends CANCELLED with this record, and the work needs a new permit.
 */
public record Invalidation(ChangeKind kind, String description, String clause, Instant at) {}
