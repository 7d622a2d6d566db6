package org.permithub.contracts;

import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Stable error codes of the anchor contract.
 *
 * <p>The Fabric Gateway forwards only the error <em>message</em> of a failed proposal to the client
 * ({@code "chaincode response 500, <message>"}), not its payload, so every message starts with the code
 * followed by a colon. The code is also set as the exception payload for clients that talk to a peer
 * directly.
 */
public enum AnchorErrorCode {
    /** An argument is malformed (charset, hex, number format, sequence arithmetic). */
    INVALID_ARGUMENT,
    /** The transaction was called with the wrong number of arguments. */
    WRONG_ARGUMENT_COUNT,
    /** The transaction name is not one of this contract's. */
    UNKNOWN_TRANSACTION,
    /** A batch with this id is already on the ledger; batches are write-once. */
    BATCH_ALREADY_ANCHORED,
    /** No batch with this id (or no batch at all) is on the ledger. */
    BATCH_NOT_FOUND,
    /** The batch does not continue the chain: its previous batch id is not the latest batch, or its sequences overlap. */
    BATCH_OUT_OF_ORDER,
    /** A critical action with this id is already recorded; actions are write-once. */
    ACTION_ALREADY_RECORDED,
    /** No critical action with this id is on the ledger. */
    ACTION_NOT_FOUND;

    /** Builds the exception the contract throws; the message is {@code CODE: detail}. */
    public ChaincodeException exception(final String detail) {
        return new ChaincodeException(name() + ": " + detail, name());
    }
}
