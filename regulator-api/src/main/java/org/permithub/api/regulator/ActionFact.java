package org.permithub.api.regulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** One stored action of a permit, as the regulator queries read it. */
public record ActionFact(UUID id, long version, String type, String actor, Instant occurredAt, JsonNode data) {}
