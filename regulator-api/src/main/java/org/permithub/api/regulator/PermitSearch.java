package org.permithub.api.regulator;

import java.time.Instant;

/**
 * The filters of {@code searchPermits}; null means "any".
 *
 * @param jurisdiction the caller's division prefix (empty = everything, admins only)
 * @param after the keyset position of the previous page's last permit
 */
public record PermitSearch(String jurisdiction, String enterpriseCode, String parkId, String workType, String grade,
        String state, String contractorId, Instant from, Instant to, int limit, PageCursor after) {}
