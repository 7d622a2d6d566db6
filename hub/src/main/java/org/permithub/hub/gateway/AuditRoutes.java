package org.permithub.hub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code listRegulatorQueries} and {@code listPartnerRequests} of {@code openapi/admin.yaml}: the
 * audit log ({@code api_audit}), for admins.
 */
@Component
class AuditRoutes extends RouteBuilder {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    AuditRoutes(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        from("direct:listRegulatorQueries")
                .routeId("listRegulatorQueries")
                .routeConfigurationId(ApiErrorHandling.ID)
                .process(this::listRegulatorQueries);
        from("direct:listPartnerRequests")
                .routeId("listPartnerRequests")
                .routeConfigurationId(ApiErrorHandling.ID)
                .process(this::listPartnerRequests);
    }

    private void listRegulatorQueries(Exchange exchange) throws Exception {
        String subject = exchange.getIn().getHeader("subject", String.class);
        Instant from = instant(exchange, "from");
        Instant to = instant(exchange, "to");
        int limit = limit(exchange);
        List<Map<String, Object>> items = new ArrayList<>();
        jdbc.query("""
                select at, subject, role, jurisdiction, method, path, query, status, record_count, duration_ms
                  from api_audit
                 where api = 'regulator' and (?::text is null or subject = ?) and (?::timestamptz is null or at >= ?)
                   and (?::timestamptz is null or at < ?)
                 order by at desc, id desc limit ?""", rs -> {
                    var item = common(rs);
                    item.put("role", rs.getString("role"));
                    item.put("jurisdiction", rs.getString("jurisdiction"));
                    items.add(finish(item, rs));
                }, subject, subject, ts(from), ts(from), ts(to), ts(to), limit);
        JsonResponses.write(exchange, mapper, 200, Map.of("items", items));
    }

    /** Contractors' calls: who read or changed which worker, when, with what answer. */
    private void listPartnerRequests(Exchange exchange) throws Exception {
        String subject = exchange.getIn().getHeader("subject", String.class);
        String contractor = exchange.getIn().getHeader("contractor", String.class);
        // rows hold a worker id that is an ID number masked: look it up the same way
        String worker = AuditFilter.masked(exchange.getIn().getHeader("worker", String.class));
        Instant from = instant(exchange, "from");
        Instant to = instant(exchange, "to");
        int limit = limit(exchange);
        List<Map<String, Object>> items = new ArrayList<>();
        jdbc.query("""
                select at, subject, contractor_id, method, path, query, status, record_count, record_ids, duration_ms
                  from api_audit
                 where api = 'partner' and (?::text is null or subject = ?)
                   and (?::text is null or contractor_id = ?)
                   and (?::text is null or record_ids @> array[?::text])
                   and (?::timestamptz is null or at >= ?) and (?::timestamptz is null or at < ?)
                 order by at desc, id desc limit ?""", rs -> {
                    var item = common(rs);
                    item.put("contractorId", rs.getString("contractor_id"));
                    Array ids = rs.getArray("record_ids");
                    item.put("workerIds", ids == null ? null : List.of((String[]) ids.getArray()));
                    items.add(finish(item, rs));
                }, subject, subject, contractor, contractor, worker, worker, ts(from), ts(from), ts(to), ts(to), limit);
        JsonResponses.write(exchange, mapper, 200, Map.of("items", items));
    }

    private static LinkedHashMap<String, Object> common(ResultSet rs) throws SQLException {
        var item = new LinkedHashMap<String, Object>();
        item.put("at", rs.getTimestamp("at").toInstant());
        item.put("subject", rs.getString("subject"));
        return item;
    }

    private static Map<String, Object> finish(LinkedHashMap<String, Object> item, ResultSet rs) throws SQLException {
        item.put("method", rs.getString("method"));
        item.put("path", rs.getString("path"));
        item.put("query", rs.getString("query"));
        item.put("status", rs.getInt("status"));
        item.put("recordCount", rs.getObject("record_count"));
        item.put("durationMs", rs.getInt("duration_ms"));
        return item;
    }

    private static int limit(Exchange exchange) {
        String limitText = exchange.getIn().getHeader("limit", String.class);
        int limit;
        try {
            limit = limitText == null ? 100 : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("limit", "must be an integer");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalidField("limit", "must be between 1 and 1000");
        }
        return limit;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Exchange exchange, String name) {
        String value = exchange.getIn().getHeader(name, String.class);
        try {
            return value == null || value.isEmpty() ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(name, "is not an RFC 3339 date-time");
        }
    }
}
