package org.permithub.ledger.embedded;

/**
 * Result of recomputing the embedded ledger's hash chain.
 *
 * @param blocksChecked rows read (up to and including the first broken one)
 * @param headEntryHash entry hash of the last block when the chain is intact, null when empty or
 *     broken; publish or witness it elsewhere, because truncating the newest blocks leaves a
 *     shorter chain that is still intact
 * @param firstBreak the first broken block, null when the chain is intact
 */
public record ChainVerification(long blocksChecked, String headEntryHash, ChainBreak firstBreak) {

    /** Where and why the chain broke. */
    public record ChainBreak(long blockNumber, String reason) {}

    public boolean intact() {
        return firstBreak == null;
    }
}
