package org.permithub.api.regulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.permithub.ledger.evidence.VerificationStatus;

/** A stored random inspection draw and where its hash stands on the ledger. */
public record Inspection(String inspectionId, String jurisdiction, String target, long seed, int sampleSize,
        int populationSize, String populationHash, JsonNode criteria, List<String> selected, String drawnBy,
        Instant drawnAt, String hash, Anchoring anchoring) {

    public record Anchoring(VerificationStatus status, String batchId, Long leafIndex, Long treeSize, List<String> proof,
            String ledgerRoot) {}

    /** What a supervisor asks for (operation {@code createRandomInspection}). */
    public record Request(String target, int sampleSize, Long seed, Instant from, Instant to, String workType) {}
}
