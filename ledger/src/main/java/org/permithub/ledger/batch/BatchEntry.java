package org.permithub.ledger.batch;

import java.util.Objects;
import org.permithub.ledger.hash.Hex;

/**
 * One stored permit action waiting to be batched.
 *
 * @param sequence the action's global sequence number (strictly increasing across offers)
 * @param actionId the action's id in the hub
 * @param actionHash lowercase hex SHA-256 of the action's canonical JSON (the Merkle leaf)
 */
public record BatchEntry(long sequence, String actionId, String actionHash) {

    public BatchEntry {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(actionHash, "actionHash");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        if (actionId.isBlank()) {
            throw new IllegalArgumentException("actionId must not be blank");
        }
        if (!Hex.isSha256Hex(actionHash)) {
            throw new IllegalArgumentException("actionHash must be 64 lowercase hex digits: " + actionHash);
        }
    }
}
