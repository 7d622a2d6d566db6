package org.permithub.hub.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.permithub.api.http.CallerAttribute;
import org.permithub.api.http.JsonResponses;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.api.problem.ApiProblem;
import org.springframework.stereotype.Component;

/**
 * The dead letter channel of every connector route ({@code direct:connector-dlq}, named by the
 * routeConfiguration {@code connector-errors}) and the admin operations on what it parked.
 */
@Component
class DeadLetterRoutes extends RouteBuilder {

    /** Set on a replayed message, so that a replay failing again names the letter it came from. */
    static final String REPLAY_OF = "PermitHubReplayOf";
    private static final int MAX_REASON = 2000;

    private final DeadLetterStore store;
    private final ObjectMapper mapper;

    DeadLetterRoutes(DeadLetterStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    @Override
    public void configure() {
        // no routeConfiguration: a failure to park propagates to the failed route's consumer
        // (deadLetterHandleNewException is off), which then keeps or re-reads its message
        from("direct:connector-dlq").routeId("connector-dead-letters")
                .process(exchange -> store.park(deadLetter(exchange)));

        from("direct:listDeadLetters").routeId("listDeadLetters").routeConfigurationId(ApiErrorHandling.ID)
                .process(exchange -> {
                    String connector = exchange.getIn().getHeader("connector", String.class);
                    boolean parkedOnly = !"all".equals(exchange.getIn().getHeader("status", "parked", String.class));
                    int limit = exchange.getIn().getHeader("limit", 100, Integer.class);
                    JsonResponses.write(exchange, mapper, 200,
                            Map.of("items", store.list(connector, parkedOnly, Math.min(Math.max(limit, 1), 1000))));
                });

        from("direct:replayDeadLetter").routeId("replayDeadLetter").routeConfigurationId(ApiErrorHandling.ID)
                .process(this::replay);
    }

    private void replay(Exchange exchange) throws Exception {
        UUID id = deadLetterId(exchange.getIn().getHeader("replayCommand", String.class));
        DeadLetter letter = store.find(id).orElseThrow(() -> notFound(id));
        String by = CallerAttribute.require(exchange).subject();
        if (!store.markReplayed(id, by)) {
            throw new ApiProblem(409, "DEAD_LETTER_ALREADY_REPLAYED", "Conflict",
                    "dead letter " + id + " was already replayed; a failed replay is parked as a new dead letter");
        }
        Map<String, Object> headers = new LinkedHashMap<>(letter.headers());
        headers.put(REPLAY_OF, id.toString());
        // the route's own retries run in the background; a failure parks a new dead letter
        ProducerTemplate producer = exchange.getContext().createProducerTemplate();
        producer.asyncRequestBodyAndHeaders(letter.replayUri(), letter.body(), headers)
                .whenComplete((result, error) -> stopQuietly(producer));
        JsonResponses.write(exchange, mapper, 202, Map.of("id", id, "replayUri", letter.replayUri(),
                "replayedBy", by));
    }

    private static void stopQuietly(ProducerTemplate producer) {
        try {
            producer.stop();
        } catch (RuntimeException ignored) {
            // nothing left to release
        }
    }

    /** The id out of {@code <id>:replay}, the only command a dead letter takes. */
    private static UUID deadLetterId(String command) {
        String suffix = ":replay";
        try {
            if (command == null || !command.endsWith(suffix)) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(command.substring(0, command.length() - suffix.length()));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("replayCommand", "must be <dead letter id>:replay");
        }
    }

    private static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("DEAD_LETTER_NOT_FOUND", "no dead letter " + id);
    }

    private static DeadLetter deadLetter(Exchange exchange) {
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, "unknown", String.class);
        Route route = exchange.getContext().getRoute(routeId);
        String replayUri = route == null ? "direct:" + routeId : route.getEndpoint().getEndpointUri();
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "failed without an exception"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String replayOf = exchange.getIn().getHeader(REPLAY_OF, String.class);
        return new DeadLetter(UUID.randomUUID(), routeId, routeId, replayUri,
                exchange.getIn().getBody(String.class), plainHeaders(exchange),
                reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason, Instant.now(),
                replayOf == null ? null : UUID.fromString(replayOf), null, null);
    }

    /** Headers a replay needs: the application's own plain values, not Camel's or HTTP's internals. */
    private static Map<String, Object> plainHeaders(Exchange exchange) {
        Map<String, Object> headers = new LinkedHashMap<>();
        exchange.getIn().getHeaders().forEach((name, value) -> {
            boolean plain = value instanceof String || value instanceof Number || value instanceof Boolean;
            if (plain && !name.startsWith("Camel") && !name.equalsIgnoreCase("Authorization")
                    && !name.equals(REPLAY_OF)) {
                headers.put(name, value);
            }
        });
        return headers;
    }
}
