package org.permithub.hub.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.credential.Certificate;
import org.permithub.core.credential.CertificateCategory;
import org.permithub.core.credential.GuardianTraining;
import org.permithub.core.profile.LooseningProfileException;
import org.permithub.core.profile.SiteRuleProfileLoader;
import org.permithub.core.site.SiteCalendar;
import org.permithub.core.site.WindReading;
import org.permithub.hub.permit.IntakeParser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Binds {@code openapi/admin.yaml}: the reference data the permit rules read. */
@Component
class AdminSiteRoutes extends RouteBuilder {

    record CalendarRequest(String zone, LocalTime nightStarts, LocalTime nightEnds, Set<DayOfWeek> restDays,
            Set<LocalDate> holidays, Set<LocalDate> workingDays) {}

    record SiteRequest(String name, CalendarRequest calendar, List<ZoneGeometry> zones,
            List<ReferenceDataStore.SiteApprover> approvers, Map<String, String> profile) {}

    record WindRequest(Double speedMps, Instant measuredAt) {}

    record CertificateRequest(String number, CertificateCategory category, LocalDate issuedOn, LocalDate expiresOn,
            LocalDate lastReviewedOn, Boolean reviewIntervalExtended, LocalDate lastWorkedOn,
            LocalDate practicalReexamPassedOn, Boolean revoked) {}

    record TrainingRequest(String certificateNo, LocalDate issuedOn, LocalDate validUntil) {}

    record CredentialsRequest(List<CertificateRequest> certificates, TrainingRequest guardianTraining) {}

    private final ReferenceDataStore store;
    private final IntakeParser parser;
    private final ObjectMapper mapper;
    private final TransactionTemplate tx;

    AdminSiteRoutes(ReferenceDataStore store, IntakeParser parser, ObjectMapper mapper, TransactionTemplate tx) {
        this.store = store;
        this.parser = parser;
        this.mapper = mapper;
        this.tx = tx;
    }

    @Override
    public void configure() {
        rest().openApi().specification("openapi/admin.yaml").missingOperation("fail");

        from("direct:putSite").routeId("putSite").routeConfigurationId(ApiErrorHandling.ID).process(this::putSite);
        from("direct:getSite").routeId("getSite").routeConfigurationId(ApiErrorHandling.ID).process(this::getSite);
        from("direct:putSiteWind").routeId("putSiteWind").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::putSiteWind);
        from("direct:putPersonCredentials").routeId("putPersonCredentials").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::putPersonCredentials);
    }

    private void putSite(Exchange exchange) throws Exception {
        String siteId = exchange.getIn().getHeader("siteId", String.class);
        SiteRequest request = body(exchange, SiteRequest.class);
        if (request.calendar() == null || request.calendar().zone() == null || request.calendar().nightStarts() == null
                || request.calendar().nightEnds() == null) {
            throw ApiProblem.invalidField("calendar", "needs zone, nightStarts and nightEnds");
        }
        SiteCalendar calendar;
        try {
            var c = request.calendar();
            calendar = new SiteCalendar(ZoneId.of(c.zone()), c.nightStarts(), c.nightEnds(),
                    c.restDays() == null ? Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY) : c.restDays(),
                    c.holidays() == null ? Set.of() : c.holidays(), c.workingDays() == null ? Set.of() : c.workingDays());
        } catch (RuntimeException e) {
            throw ApiProblem.invalidField("calendar", e.getMessage());
        }
        List<ZoneGeometry> zones = request.zones() == null ? List.of() : request.zones();
        for (int i = 0; i < zones.size(); i++) {
            if (zones.get(i).problem() != null) {
                throw ApiProblem.invalidField("zones[" + i + "]", zones.get(i).problem());
            }
        }
        String profileText = null;
        if (request.profile() != null && !request.profile().isEmpty()) {
            try {
                // GB 30871 is the floor: a profile may tighten it, never loosen it
                SiteRuleProfileLoader.fromMap(siteId, request.name(), request.profile());
            } catch (LooseningProfileException e) {
                throw new ApiProblem(422, "PROFILE_LOOSENS_LIMITS", "Profile refused",
                        String.join("; ", e.problems()), Map.of("problems", e.problems()));
            }
            profileText = propertiesText(request.profile());
        }
        String profile = profileText;
        tx.executeWithoutResult(status -> store.putSite(siteId, request.name(), calendar, profile, zones,
                request.approvers() == null ? List.of() : request.approvers()));
        JsonResponses.write(exchange, mapper, 200, Map.of("siteId", siteId, "zones", zones.size()));
    }

    private void getSite(Exchange exchange) throws Exception {
        String siteId = exchange.getIn().getHeader("siteId", String.class);
        SiteCalendar calendar = store.calendar(siteId)
                .orElseThrow(() -> ApiProblem.notFound("SITE_NOT_FOUND", "no site " + siteId));
        ObjectNode body = mapper.createObjectNode();
        body.put("siteId", siteId);
        body.set("calendar", mapper.valueToTree(calendar));
        store.wind(siteId).ifPresent(wind -> body.set("wind", mapper.valueToTree(wind)));
        JsonResponses.write(exchange, mapper, 200, body);
    }

    private void putSiteWind(Exchange exchange) throws Exception {
        String siteId = exchange.getIn().getHeader("siteId", String.class);
        WindRequest request = body(exchange, WindRequest.class);
        if (request.speedMps() == null || request.speedMps() < 0) {
            throw ApiProblem.invalidField("speedMps", "is required and must not be negative");
        }
        if (request.measuredAt() == null) {
            throw ApiProblem.invalidField("measuredAt", "is required");
        }
        if (!store.siteExists(siteId)) {
            throw ApiProblem.notFound("SITE_NOT_FOUND", "no site " + siteId);
        }
        store.putWind(siteId, new WindReading(request.speedMps(), request.measuredAt()));
        JsonResponses.write(exchange, mapper, 200, Map.of("siteId", siteId));
    }

    private void putPersonCredentials(Exchange exchange) throws Exception {
        String personId = exchange.getIn().getHeader("personId", String.class);
        CredentialsRequest request = body(exchange, CredentialsRequest.class);
        List<CertificateRequest> requested = request.certificates() == null ? List.of() : request.certificates();
        List<Certificate> certificates = new java.util.ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            var c = requested.get(i);
            if (c.number() == null || c.category() == null || c.issuedOn() == null) {
                throw ApiProblem.invalidField("certificates[" + i + "]", "needs number, category and issuedOn");
            }
            certificates.add(new Certificate(c.number(), personId, c.category(), c.issuedOn(), c.expiresOn(),
                    c.lastReviewedOn(), Boolean.TRUE.equals(c.reviewIntervalExtended()), c.lastWorkedOn(),
                    c.practicalReexamPassedOn(), Boolean.TRUE.equals(c.revoked())));
        }
        var t = request.guardianTraining();
        GuardianTraining training = null;
        if (t != null) {
            if (t.certificateNo() == null || t.issuedOn() == null || t.validUntil() == null) {
                throw ApiProblem.invalidField("guardianTraining", "needs certificateNo, issuedOn and validUntil");
            }
            training = new GuardianTraining(personId, t.certificateNo(), t.issuedOn(), t.validUntil());
        }
        GuardianTraining guardian = training;
        tx.executeWithoutResult(status -> store.putCredentials(personId, certificates, guardian));
        JsonResponses.write(exchange, mapper, 200, Map.of("personId", personId, "certificates", certificates.size()));
    }

    private <T> T body(Exchange exchange, Class<T> type) {
        JsonNode json = parser.readJson(exchange.getIn().getBody(String.class));
        try {
            return mapper.treeToValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the shared error handling names the field of a wrong type or format
            throw new IllegalArgumentException(e);
        }
    }

    private static String propertiesText(Map<String, String> profile) {
        Properties properties = new Properties();
        properties.putAll(profile);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
