package org.permithub.hub.permit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.permithub.api.problem.ApiProblem;
import org.permithub.core.access.Caller;
import org.permithub.core.access.Role;
import org.springframework.stereotype.Component;

/**
 * Handles one message of {@code permit.commands} (used by {@code routes/permit-commands.camel.yaml})
 * and turns the answer into a message for {@code permit.command-results}.
 *
 * <p>Message: {@code {"commandId", "type", "permitNo", "actor", "application" | "data"}}, key =
 * permit number. {@code commandId} is the idempotency key. The topic is a trusted internal channel
 * (protected by the broker's ACLs), so its messages act with the hub's own authority; a bad
 * message gets a problem answer and never blocks the topic. A store outage throws, so the route
 * retries the same message later.
 */
@Component("permitCommandIntake")
public class KafkaCommandIntake {

    static final String DEFAULT_ACTOR = "kafka:permit.commands";
    private final PermitCommandService commands;
    private final IntakeParser parser;
    private final ObjectMapper mapper;

    public KafkaCommandIntake(PermitCommandService commands, IntakeParser parser, ObjectMapper mapper) {
        this.commands = commands;
        this.parser = parser;
        this.mapper = mapper;
    }

    public void handle(Exchange exchange) {
        String body = exchange.getIn().getBody(String.class);
        String key = exchange.getIn().getHeader(KafkaConstants.KEY, String.class);
        ObjectNode result = mapper.createObjectNode();
        String permitNo = key;
        try {
            JsonNode message = parser.readJson(body);
            result.put("commandId", message.path("commandId").asText(null));
            IntakeCommand command = toCommand(message, key);
            permitNo = command.permitNo();
            String actor = message.path("actor").asText(DEFAULT_ACTOR);
            Caller caller = new Caller(actor, Role.ADMIN, Set.of(), null, null, null);
            Optional<String> commandId = Optional.ofNullable(message.path("commandId").asText(null))
                    .filter(id -> !id.isBlank());
            CommandAnswer answer = commands.handle(caller, command, commandId, "KAFKA");
            result.put("status", answer.status());
            result.put("accepted", answer.accepted());
            result.set(answer.accepted() ? "result" : "problem", mapper.readTree(answer.body()));
        } catch (ApiProblem problem) {
            result.put("status", problem.status());
            result.put("accepted", false);
            result.set("problem", mapper.valueToTree(problem.toBody(null)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored answer is not JSON", e);
        }
        result.put("permitNo", permitNo);
        exchange.getMessage().setHeader(KafkaConstants.KEY, permitNo);
        exchange.getMessage().setBody(result.toString());
    }

    private IntakeCommand toCommand(JsonNode message, String key) {
        String type = message.path("type").asText("");
        if ("APPLY".equals(type)) {
            JsonNode application = message.get("application");
            if (application == null || !application.isObject()) {
                throw ApiProblem.invalidField("application", "is required for APPLY");
            }
            return parser.application(application);
        }
        String permitNo = message.path("permitNo").asText(key);
        if (permitNo == null || permitNo.isBlank()) {
            throw ApiProblem.invalidField("permitNo", "is required (or as the message key)");
        }
        return parser.action(permitNo, message);
    }
}
