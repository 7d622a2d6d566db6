package org.permithub.contracts;

import java.util.HashMap;
import java.util.Map;

/**
 * One critical permit action anchored on its own: its id and the SHA-256 of its canonical JSON, plus
 * where it was written. The action itself stays in the hub's database.
 */
public record CriticalActionRecord(String actionId, String actionHash, String txId, String recordedAt) {

    /** Sorted-key JSON; the exact bytes stored on the ledger. */
    public String toJson() {
        final Map<String, Object> fields = new HashMap<>();
        fields.put("actionId", actionId);
        fields.put("actionHash", actionHash);
        fields.put("txId", txId);
        fields.put("recordedAt", recordedAt);
        return CanonicalJson.write(fields);
    }

    /** Reads a record written by {@link #toJson()}. */
    public static CriticalActionRecord fromJson(final String json) {
        final Map<String, Object> fields = CanonicalJson.parse(json);
        return new CriticalActionRecord(
                (String) fields.get("actionId"),
                (String) fields.get("actionHash"),
                (String) fields.get("txId"),
                (String) fields.get("recordedAt"));
    }
}
