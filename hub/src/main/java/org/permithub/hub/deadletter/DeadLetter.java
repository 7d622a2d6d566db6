package org.permithub.hub.deadletter;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A call to an external system that failed after every retry, as parked for replay.
 *
 * @param connector the route whose call failed (the route id names the connector)
 * @param replayUri where a replay sends the original message: that route's own endpoint
 * @param replayOf  the dead letter whose replay failed again, if this is one
 */
public record DeadLetter(UUID id, String connector, String routeId, String replayUri, String body,
        Map<String, Object> headers, String reason, Instant failedAt, UUID replayOf, Instant replayedAt,
        String replayedBy) {}
