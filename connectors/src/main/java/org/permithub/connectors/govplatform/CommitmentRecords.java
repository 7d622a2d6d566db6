package org.permithub.connectors.govplatform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.WorkType;

/** The daily commitment in the platform's {@code sec_production_promise} shape (domain-rules.md §2.2). */
public final class CommitmentRecords {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final ObjectMapper mapper;
    private final ParkPlatformMapper platform;

    public CommitmentRecords(ObjectMapper mapper, ParkPlatformMapper platform) {
        this.mapper = mapper;
        this.platform = platform;
    }

    /** One commitment per enterprise, site and day: its id stays the same across corrections. */
    public static String promiseId(String enterpriseCode, String siteId, java.time.LocalDate date) {
        return ParkPlatformMapper.stableId("promise/" + enterpriseCode + "/" + siteId + "/" + date);
    }

    public PlatformRecord promise(DailyCommitment c) {
        String id = promiseId(c.enterpriseCode(), c.siteId(), c.commitDate());
        ObjectNode r = mapper.createObjectNode();
        r.put("id", id);
        r.put("companyCode", c.enterpriseCode());
        r.put("unitsNumber", c.unitsNumber());
        r.put("runNumber", c.runNumber());
        r.put("parkNumber", c.parkNumber());
        // firesNumber = 特级动火, fire1Number = 一级, fire2Number = 二级 (our reading of the field names)
        r.put("firesNumber", c.planned(WorkType.HOT_WORK, Grade.SPECIAL));
        r.put("fire1Number", c.planned(WorkType.HOT_WORK, Grade.GRADE_1));
        r.put("fire2Number", c.planned(WorkType.HOT_WORK, Grade.GRADE_2));
        r.put("spaceworkNumber", c.planned(WorkType.CONFINED_SPACE, null));
        r.put("blindplateNumber", c.planned(WorkType.BLIND_PLATE, null));
        r.put("highworkNumber", c.planned(WorkType.WORK_AT_HEIGHT, null));
        r.put("liftingworkNumber", c.planned(WorkType.LIFTING, null));
        r.put("electricityworkNumber", c.planned(WorkType.TEMPORARY_POWER, null));
        r.put("soilworkNumber", c.planned(WorkType.EXCAVATION, null));
        r.put("roadworkNumber", c.planned(WorkType.ROAD_CLOSURE, null));
        r.put("workNumber", c.planned().stream().mapToInt(DailyCommitment.PlannedWork::count).sum());
        r.put("contractorNumber", c.contractorNumber());
        r.put("contractor", c.contractorNumber() > 0 ? 1 : 0);
        r.put("riskGrade", c.riskGrade());
        r.put("commitDate", DATE.format(c.commitDate()));
        r.put("commitment", c.principal());
        r.put("commitContent", c.commitment());
        r.put("deleted", 0);
        r.put("createDate", platform.timestamp(c.submittedAt()));
        r.put("updateDate", platform.timestamp(c.submittedAt()));
        r.put("dataVersion", c.version());
        return new PlatformRecord(ParkPlatformTables.PROMISE, id, r);
    }

    /** The links of the commitment to the permits actually carried out that day. */
    public List<PlatformRecord> promiseTickets(DailyCommitment c, List<String> permitNos) {
        String promiseId = promiseId(c.enterpriseCode(), c.siteId(), c.commitDate());
        return permitNos.stream().map(no -> {
            String ticketId = ParkPlatformMapper.ticketId(no);
            String id = ParkPlatformMapper.stableId("promise-ticket/" + promiseId + "/" + ticketId);
            ObjectNode r = mapper.createObjectNode();
            r.put("id", id);
            r.put("promiseId", promiseId);
            r.put("ticketId", ticketId);
            r.put("deleted", 0);
            return new PlatformRecord(ParkPlatformTables.PROMISE_TICKET, id, r);
        }).toList();
    }
}
