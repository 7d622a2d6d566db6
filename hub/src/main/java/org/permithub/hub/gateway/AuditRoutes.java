package org.permithub.hub.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code listRegulatorQueries} of {@code openapi/admin.yaml}: the audit log, for admins. */
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
                .process(this::list);
    }

    private void list(Exchange exchange) throws Exception {
        String subject = exchange.getIn().getHeader("subject", String.class);
        Instant from = instant(exchange, "from");
        Instant to = instant(exchange, "to");
        String limitText = exchange.getIn().getHeader("limit", String.class);
        int limit = 100;
        try {
            limit = limitText == null ? 100 : Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("limit", "must be an integer");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalidField("limit", "must be between 1 and 1000");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        jdbc.query("""
                select at, subject, role, jurisdiction, method, path, query, status, record_count, duration_ms
                  from regulator_audit
                 where (?::text is null or subject = ?) and (?::timestamptz is null or at >= ?)
                   and (?::timestamptz is null or at < ?)
                 order by at desc, id desc limit ?""", rs -> {
                    var item = new java.util.LinkedHashMap<String, Object>();
                    item.put("at", rs.getTimestamp("at").toInstant());
                    item.put("subject", rs.getString("subject"));
                    item.put("role", rs.getString("role"));
                    item.put("jurisdiction", rs.getString("jurisdiction"));
                    item.put("method", rs.getString("method"));
                    item.put("path", rs.getString("path"));
                    item.put("query", rs.getString("query"));
                    item.put("status", rs.getInt("status"));
                    item.put("recordCount", rs.getObject("record_count"));
                    item.put("durationMs", rs.getInt("duration_ms"));
                    items.add(item);
                }, subject, subject, ts(from), ts(from), ts(to), ts(to), limit);
        JsonResponses.write(exchange, mapper, 200, Map.of("items", items));
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
