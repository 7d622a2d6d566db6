package org.permithub.ledger.fabric.testpeer;

import com.google.protobuf.ByteString;
import java.security.GeneralSecurityException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.protos.peer.Endorsement;

/** The test peer's own signing identity, used to endorse. */
final class PeerIdentity {

    private final TestIdentity identity;
    private final ByteString serialized;
    // The Gateway client's signer: ECDSA over a SHA-256 digest, normalised to low-S as Fabric requires.
    private final Signer signer;

    PeerIdentity(TestIdentity identity) {
        this.identity = identity;
        this.serialized = identity.serialized().toByteString();
        this.signer = Signers.newPrivateKeySigner(identity.privateKey());
    }

    String mspId() {
        return identity.mspId();
    }

    /** An endorsement signs the proposal response payload followed by the endorser's identity. */
    Endorsement endorse(ByteString proposalResponsePayload) {
        final byte[] message = proposalResponsePayload.concat(serialized).toByteArray();
        try {
            return Endorsement.newBuilder()
                    .setEndorser(serialized)
                    .setSignature(ByteString.copyFrom(signer.sign(Hash.sha256(message))))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("peer cannot sign", e);
        }
    }
}
