package org.permithub.connectors.erp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One ERP master-data record as the hub keeps it: its key, display name and the normalised fields
 * (ID-card numbers already masked and hashed). The change detection hashes {@code fields}.
 *
 * @param kind EMPLOYEE, CONTRACTOR or COST_CENTRE
 */
public record ErpRecord(Kind kind, String key, String name, ObjectNode fields) {

    public enum Kind { EMPLOYEE, CONTRACTOR, COST_CENTRE }
}
