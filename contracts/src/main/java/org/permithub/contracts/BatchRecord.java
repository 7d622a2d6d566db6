package org.permithub.contracts;

import java.util.HashMap;
import java.util.Map;

/**
 * What the ledger holds for one anchored batch: ids, sequence numbers, the Merkle root and where it was
 * written (transaction id and the transaction's own timestamp). Never personal data.
 *
 * @param previousBatchId null for the first batch of the chain
 * @param anchoredAt ISO-8601 instant taken from the transaction header, identical on every endorser
 */
public record BatchRecord(
        String batchId,
        String merkleRoot,
        long size,
        long firstSequence,
        long lastSequence,
        String previousBatchId,
        String txId,
        String anchoredAt) {

    /** Sorted-key JSON; the exact bytes stored on the ledger and sent in the BatchAnchored event. */
    public String toJson() {
        final Map<String, Object> fields = new HashMap<>();
        fields.put("batchId", batchId);
        fields.put("merkleRoot", merkleRoot);
        fields.put("size", size);
        fields.put("firstSequence", firstSequence);
        fields.put("lastSequence", lastSequence);
        fields.put("previousBatchId", previousBatchId);
        fields.put("txId", txId);
        fields.put("anchoredAt", anchoredAt);
        return CanonicalJson.write(fields);
    }

    /** Reads a record written by {@link #toJson()}. */
    public static BatchRecord fromJson(final String json) {
        final Map<String, Object> fields = CanonicalJson.parse(json);
        return new BatchRecord(
                (String) fields.get("batchId"),
                (String) fields.get("merkleRoot"),
                (Long) fields.get("size"),
                (Long) fields.get("firstSequence"),
                (Long) fields.get("lastSequence"),
                (String) fields.get("previousBatchId"),
                (String) fields.get("txId"),
                (String) fields.get("anchoredAt"));
    }
}
