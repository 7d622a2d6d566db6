package org.permithub.hub.permit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.permithub.api.problem.ProblemTypes;
import org.permithub.core.access.Caller;
import org.springframework.stereotype.Component;

/** Binds {@code openapi/intake.yaml}: each operation id is a {@code direct:} route of the same name. */
@Component
public class IntakeRoutes extends RouteBuilder {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 128;

    private final PermitCommandService commands;
    private final PermitStore store;
    private final IntakeParser parser;
    private final ObjectMapper mapper;

    public IntakeRoutes(PermitCommandService commands, PermitStore store, IntakeParser parser, ObjectMapper mapper) {
        this.commands = commands;
        this.store = store;
        this.parser = parser;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        rest().openApi().specification("openapi/intake.yaml").missingOperation("fail");

        from("direct:applyForPermit").routeId("applyForPermit").routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> answer(exchange,
                        parser.application(parser.readJson(exchange.getIn().getBody(String.class)))));

        from("direct:takePermitAction").routeId("takePermitAction").routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> answer(exchange, parser.action(
                        exchange.getIn().getHeader("permitNo", String.class),
                        parser.readJson(exchange.getIn().getBody(String.class)))));

        from("direct:getPermit").routeId("getPermit").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::getPermit);
    }

    private void answer(Exchange exchange, IntakeCommand command) {
        Caller caller = CallerAttribute.require(exchange);
        CommandAnswer answer = commands.handle(caller, command, idempotencyKey(exchange), "REST");
        JsonResponses.writeRaw(exchange, answer.status(),
                answer.accepted() ? "application/json" : ProblemTypes.MEDIA_TYPE, answer.body());
        if (answer.status() == 201) {
            exchange.getMessage().setHeader("Location", "/api/v1/permits/" + command.permitNo());
        }
    }

    private void getPermit(Exchange exchange) throws Exception {
        Caller caller = CallerAttribute.require(exchange);
        String permitNo = exchange.getIn().getHeader("permitNo", String.class);
        var stored = store.find(permitNo)
                .filter(found -> caller.actsFor(found.permit().application().enterpriseCode()))
                .orElseThrow(() -> ApiProblem.notFound("PERMIT_NOT_FOUND", "no permit " + permitNo));
        ObjectNode view = mapper.createObjectNode();
        view.set("permit", mapper.valueToTree(stored.permit()));
        view.set("actions", mapper.valueToTree(store.actions(permitNo)));
        JsonResponses.write(exchange, mapper, 200, view);
    }

    private static Optional<String> idempotencyKey(Exchange exchange) {
        String key = exchange.getIn().getHeader(IDEMPOTENCY_KEY, String.class);
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiProblem.invalidField(IDEMPOTENCY_KEY, "must be at most " + MAX_KEY_LENGTH + " characters");
        }
        return Optional.of(key);
    }
}
