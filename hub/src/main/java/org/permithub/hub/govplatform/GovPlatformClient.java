package org.permithub.hub.govplatform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.permithub.connectors.govplatform.PayloadCipher;
import org.permithub.connectors.govplatform.PlatformReply;

/**
 * Sends one batch of records of one table to the platform: {@code {"datas": <records>}}, the records
 * optionally AES-encrypted, through route {@code gov-platform-push} (routes/gov-platform.camel.yaml,
 * Kamelet {@code gov-platform-sink}, which holds the connector guard: rate limit, the registry's
 * {@code gov-platform} circuit breaker, time limit, bulkhead). Returns only when
 * the platform answered {@code code 200}; anything else throws and the batch stays queued.
 */
public class GovPlatformClient {

    public static final String PUSH_ENDPOINT = "direct:gov-platform-push";
    public static final String TABLE_HEADER = "PlatformTable";

    private final ProducerTemplate producer;
    private final PayloadCipher cipher;
    private final ObjectMapper mapper;

    public GovPlatformClient(ProducerTemplate producer, PayloadCipher cipher, ObjectMapper mapper) {
        this.producer = producer;
        this.cipher = cipher;
        this.mapper = mapper;
    }

    public void deliver(String table, ArrayNode records) {
        ObjectNode body = mapper.createObjectNode();
        body.put("datas", cipher.seal(records.toString()));
        String json = body.toString();
        post(table, json);
    }

    private void post(String table, String json) {
        Exchange answer = producer.request(PUSH_ENDPOINT, exchange -> {
            exchange.getIn().setHeader(TABLE_HEADER, table);
            exchange.getIn().setBody(json);
        });
        if (answer.getException() != null) {
            throw new IllegalStateException("gov-platform push failed: " + answer.getException(), answer.getException());
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        PlatformReply.requireAccepted(mapper, status == null ? 0 : status, answer.getMessage().getBody(String.class));
    }
}
