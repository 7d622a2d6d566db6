package org.permithub.hub.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.springframework.stereotype.Component;

/** The route operations of {@code openapi/admin.yaml} (bound there by {@code AdminSiteRoutes}). */
@Component
class AdminRouteRoutes extends RouteBuilder {

    private static final int MAX_FILE_BYTES = 256 * 1024;
    private final RouteDeployments deployments;
    private final RouteValidator validator;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;

    AdminRouteRoutes(RouteDeployments deployments, RouteValidator validator, ObjectMapper mapper, MeterRegistry meters) {
        this.deployments = deployments;
        this.validator = validator;
        this.mapper = mapper;
        this.meters = meters;
    }

    @Override
    public void configure() {
        from("direct:listRoutes").routeId("listRoutes").routeConfigurationId(ApiErrorHandling.ID).process(this::listRoutes);
        from("direct:validateRoutes").routeId("validateRoutes").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::validateRoutes);
        from("direct:putRoute").routeId("putRoute").routeConfigurationId(ApiErrorHandling.ID).process(this::putRoute);
        from("direct:deleteRoute").routeId("deleteRoute").routeConfigurationId(ApiErrorHandling.ID).process(this::deleteRoute);
        from("direct:listKamelets").routeId("listKamelets").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::listKamelets);
    }

    private void listRoutes(Exchange exchange) throws Exception {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode files = body.putArray("files");
        deployments.all().forEach(deployment -> files.add(fileJson(deployment)));
        JsonResponses.write(exchange, mapper, 200, body);
    }

    private void validateRoutes(Exchange exchange) throws Exception {
        String id = exchange.getIn().getHeader("id", "route", String.class);
        RouteValidator.Report report = deployments.validate(id, yaml(exchange));
        ObjectNode body = mapper.createObjectNode();
        body.put("file", report.file());
        body.put("valid", report.valid());
        body.put("sha256", report.sha256());
        body.set("routeIds", mapper.valueToTree(report.routeIds()));
        body.set("problems", mapper.valueToTree(report.problems()));
        JsonResponses.write(exchange, mapper, 200, body);
    }

    private void putRoute(Exchange exchange) throws Exception {
        String actor = CallerAttribute.require(exchange).subject();
        String id = exchange.getIn().getHeader("id", String.class);
        RouteDeployments.Deployment deployment = deployments.deploy(id, yaml(exchange), actor);
        JsonResponses.write(exchange, mapper, 200, fileJson(deployment));
    }

    private void deleteRoute(Exchange exchange) {
        String actor = CallerAttribute.require(exchange).subject();
        deployments.remove(exchange.getIn().getHeader("id", String.class), actor);
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    }

    private void listKamelets(Exchange exchange) throws Exception {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode list = body.putArray("kamelets");
        for (KameletCatalog.Kamelet kamelet : validator.kamelets().all()) {
            ObjectNode item = list.addObject();
            item.put("name", kamelet.name());
            item.put("type", kamelet.type());
            item.put("title", kamelet.title());
            item.put("description", kamelet.description());
            item.set("definition", kamelet.definition());
            if (kamelet.types() != null) {
                item.set("types", kamelet.types());
            }
        }
        JsonResponses.write(exchange, mapper, 200, body);
    }

    private ObjectNode fileJson(RouteDeployments.Deployment deployment) {
        ObjectNode file = mapper.createObjectNode();
        file.put("id", deployment.id());
        file.put("source", deployment.source());
        file.put("status", deployment.status().name());
        file.put("sha256", deployment.sha256());
        file.put("updatedBy", deployment.updatedBy());
        file.put("updatedAt", deployment.updatedAt().toString());
        file.set("problems", mapper.valueToTree(deployment.problems()));
        ArrayNode routes = file.putArray("routes");
        for (String routeId : deployment.routeIds()) {
            ObjectNode route = routes.addObject();
            route.put("routeId", routeId);
            Route running = getContext().getRoute(routeId);
            ServiceStatus status = getContext().getRouteController().getRouteStatus(routeId);
            route.put("status", status == null ? "Removed" : status.name());
            if (running != null) {
                route.put("uptimeMillis", running.getUptimeMillis());
            }
            // the per-route meters of camel-micrometer's route policy, also at /actuator/prometheus
            route.put("exchangesTotal", count(MicrometerConstants.DEFAULT_CAMEL_ROUTE_POLICY_EXCHANGES_TOTAL_METER_NAME, routeId));
            route.put("exchangesFailed", count(MicrometerConstants.DEFAULT_CAMEL_ROUTE_POLICY_EXCHANGES_FAILED_METER_NAME, routeId));
            Timer timer = meters.find(MicrometerConstants.DEFAULT_CAMEL_ROUTE_POLICY_METER_NAME)
                    .tag(MicrometerConstants.ROUTE_ID_TAG, routeId).timer();
            route.put("meanProcessingMillis", timer == null ? 0.0 : timer.mean(TimeUnit.MILLISECONDS));
        }
        return file;
    }

    private long count(String name, String routeId) {
        var counter = meters.find(name).tag(MicrometerConstants.ROUTE_ID_TAG, routeId).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private static String yaml(Exchange exchange) {
        String yaml = exchange.getIn().getBody(String.class);
        if (yaml == null || yaml.isBlank()) {
            throw ApiProblem.invalidField("body", "is the route file (YAML)");
        }
        if (yaml.length() > MAX_FILE_BYTES) {
            throw ApiProblem.invalidField("body", "a route file may have at most " + MAX_FILE_BYTES + " characters");
        }
        return yaml;
    }
}
