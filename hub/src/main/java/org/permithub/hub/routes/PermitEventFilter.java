package org.permithub.hub.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/** The filter of the {@code permit-event-source} Kamelet: does a permit event match site, work type and action? */
@Component("permitEventFilter")
public class PermitEventFilter {

    static final String ANY = "*";
    private final ObjectMapper mapper;

    public PermitEventFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param action one action or a comma-separated list; {@code *} = any */
    public boolean matches(String cloudEvent, String siteId, String workType, String action) throws JsonProcessingException {
        JsonNode data = mapper.readTree(cloudEvent).path("data");
        return matchesOne(siteId, data.path("siteId").asText())
                && matchesOne(workType, data.path("workType").asText())
                && (ANY.equals(action) || action.isBlank()
                        || Arrays.stream(action.split(",")).map(String::trim).anyMatch(data.path("action").asText()::equals));
    }

    private static boolean matchesOne(String wanted, String actual) {
        return ANY.equals(wanted) || wanted.isBlank() || wanted.equals(actual);
    }
}
