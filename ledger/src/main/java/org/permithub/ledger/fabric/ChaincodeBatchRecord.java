package org.permithub.ledger.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.permithub.ledger.AnchorReceipt;
import org.permithub.ledger.BatchAnchor;
import org.permithub.ledger.LedgerException;

/**
 * The batch record as the chaincode stores it and emits it in the BatchAnchored event: the batch plus the
 * id and timestamp of the transaction that wrote it.
 */
record ChaincodeBatchRecord(BatchAnchor batch, String transactionId, Instant anchoredAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ChaincodeBatchRecord parse(byte[] json) {
        try {
            final JsonNode node = JSON.readTree(json);
            final JsonNode previous = node.path("previousBatchId");
            final BatchAnchor batch = new BatchAnchor(
                    text(node, "batchId"),
                    text(node, "merkleRoot"),
                    number(node, "size"),
                    number(node, "firstSequence"),
                    number(node, "lastSequence"),
                    previous.isTextual() && !previous.asText().isEmpty() ? previous.asText() : null);
            return new ChaincodeBatchRecord(batch, text(node, "txId"), Instant.parse(text(node, "anchoredAt")));
        } catch (IOException | IllegalStateException | DateTimeParseException e) {
            throw new LedgerException(
                    LedgerException.Code.REJECTED,
                    "unreadable batch record from chaincode: " + new String(json, StandardCharsets.UTF_8),
                    e);
        }
    }

    AnchorReceipt receipt(long blockNumber) {
        return new AnchorReceipt(batch.batchId(), transactionId, blockNumber, anchoredAt);
    }

    private static String text(JsonNode node, String field) {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("missing text field " + field);
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) {
        final JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalStateException("missing integer field " + field);
        }
        return value.asLong();
    }
}
