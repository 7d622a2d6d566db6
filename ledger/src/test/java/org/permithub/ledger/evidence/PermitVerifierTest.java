package org.permithub.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permithub.ledger.hash.ActionHash;
import org.permithub.ledger.merkle.MerkleTree;

class PermitVerifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Three actions of one permit, batched in one tree of four with another permit's action. */
    private final List<JsonNode> documents = new ArrayList<>();
    private final List<EvidenceAction> actions = new ArrayList<>();
    private AnchoredBatch batch;

    PermitVerifierTest() throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        for (int v = 1; v <= 4; v++) {
            JsonNode doc = JSON.readTree("{\"permitNo\":\"P-1\",\"version\":" + v + ",\"type\":\"T" + v + "\"}");
            documents.add(doc);
            leaves.add(HexFormat.of().parseHex(ActionHash.ofJson(doc.toString())));
        }
        MerkleTree tree = MerkleTree.build(leaves);
        batch = new AnchoredBatch("b-1-4", tree.rootHex(), 4, 1, 4, null, "tx", 7L, null);
        for (int v = 1; v <= 3; v++) {
            String hash = ActionHash.ofJson(documents.get(v - 1).toString());
            actions.add(new EvidenceAction(v, "a" + v, "T" + v, documents.get(v - 1), hash, hash, "b-1-4", (long) v,
                    (long) (v - 1), 4L, tree.inclusionProof(v - 1).pathHex(), null, null));
        }
    }

    private List<VerificationStatus> statuses(long permitVersion, List<EvidenceAction> given, AnchoredBatch onLedger) {
        return PermitVerifier.verify(permitVersion, given, id -> Map.of("b-1-4", onLedger).get(id)).stream()
                .map(EvidenceAction::status).toList();
    }

    @Test
    void untouched_actions_verify_against_the_ledger_root() {
        assertThat(statuses(3, actions, batch)).containsExactly(VerificationStatus.VERIFIED, VerificationStatus.VERIFIED,
                VerificationStatus.VERIFIED);
        assertThat(PermitVerifier.allVerified(PermitVerifier.verify(3, actions, id -> batch))).isTrue();
    }

    @Test
    void an_edited_document_is_tampered_and_only_that_one() throws Exception {
        var edited = new ArrayList<>(actions);
        var second = actions.get(1);
        edited.set(1, new EvidenceAction(2, "a2", "T2", JSON.readTree("{\"permitNo\":\"P-1\",\"version\":2,\"type\":\"X\"}"),
                null, second.anchoredHash(), "b-1-4", 2L, 1L, 4L, second.path(), null, null));
        assertThat(statuses(3, edited, batch)).containsExactly(VerificationStatus.VERIFIED, VerificationStatus.TAMPERED,
                VerificationStatus.VERIFIED);
    }

    @Test
    void a_root_that_differs_on_the_ledger_makes_every_action_tampered() {
        var other = new AnchoredBatch("b-1-4", "0".repeat(64), 4, 1, 4, null, "tx", 7L, null);
        assertThat(statuses(3, actions, other)).containsOnly(VerificationStatus.TAMPERED);
    }

    @Test
    void the_tree_size_comes_from_the_ledger_not_from_the_proof() {
        // leaf 0's path in a tree of 4 also fits "leaf 0 of 3" if the size were taken from the proof
        var wrongSize = new AnchoredBatch("b-1-4", batch.merkleRoot(), 3, 1, 3, null, "tx", 7L, null);
        assertThat(statuses(3, actions, wrongSize).get(2)).isEqualTo(VerificationStatus.TAMPERED);
    }

    @Test
    void a_removed_action_is_missing_and_a_batch_not_on_the_ledger_is_pending() {
        var withoutSecond = List.of(actions.get(0), actions.get(2));
        assertThat(statuses(3, withoutSecond, batch)).containsExactly(VerificationStatus.VERIFIED,
                VerificationStatus.MISSING, VerificationStatus.VERIFIED);
        // the permit says it has four actions: the newest one is gone too
        assertThat(statuses(4, actions, batch).get(3)).isEqualTo(VerificationStatus.MISSING);
        assertThat(PermitVerifier.verify(3, actions, id -> null)).extracting(EvidenceAction::status)
                .containsOnly(VerificationStatus.PENDING);
    }
}
