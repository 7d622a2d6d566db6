package org.permithub.connectors.govplatform;

import org.permithub.core.permit.WorkType;

/**
 * Table names and type codes of the park platform (domain-rules.md §2.2, Yantai 2024 shape).
 * No national field-level specification was found; these follow the one public implementation.
 */
public final class ParkPlatformTables {

    public static final String GAS_ANALYSIS = "sec_special_job_ticket_gas_analysis";
    public static final String SAFETY_MEASURES = "sec_special_job_ticket_safety_measures";
    public static final String APPROVAL = "sec_special_job_ticket_approval";
    public static final String PROMISE = "sec_production_promise";
    public static final String PROMISE_TICKET = "sec_production_promise_ticket";
    public static final String DEVICE_RUN_STATUS = "sec_device_run_status";

    private ParkPlatformTables() {}

    /** The ticket table of a work type. */
    public static String ticketTable(WorkType type) {
        return "sec_special_job_ticket_" + switch (type) {
            case HOT_WORK -> "fire";
            case CONFINED_SPACE -> "space";
            case BLIND_PLATE -> "blindplate";
            case WORK_AT_HEIGHT -> "high";
            case LIFTING -> "hoising"; // sic: the platform's spelling
            case TEMPORARY_POWER -> "power";
            case EXCAVATION -> "soil";
            case ROAD_CLOSURE -> "break";
        };
    }

    /** The platform's two-digit ticket type code ({@code TicketFileTypeEnum}). */
    public static String ticketType(WorkType type) {
        return switch (type) {
            case HOT_WORK -> "01";
            case CONFINED_SPACE -> "02";
            case BLIND_PLATE -> "03";
            case WORK_AT_HEIGHT -> "04";
            case LIFTING -> "05";
            case TEMPORARY_POWER -> "06";
            case EXCAVATION -> "07";
            case ROAD_CLOSURE -> "08";
        };
    }
}
