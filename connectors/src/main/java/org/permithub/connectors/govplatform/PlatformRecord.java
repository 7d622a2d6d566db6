package org.permithub.connectors.govplatform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One row for the park platform's {@code POST /api/sync/data/{table}}.
 *
 * @param table the platform table, e.g. {@code sec_special_job_ticket_fire}
 * @param id the record's stable id: the platform upserts by it, so a resend is harmless
 * @param data the record's fields as the platform names them (id included)
 */
public record PlatformRecord(String table, String id, ObjectNode data) {}
