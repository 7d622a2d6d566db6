package org.permithub.ledger.fabric.testpeer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The membership checks a peer makes on every signed message: the creator is a known MSP's member (its
 * certificate is current and issued by that MSP's root), and the signature is that certificate's key over the
 * exact bytes sent.
 *
 * <p>Like Fabric's MSP, ECDSA signatures must be low-S: (r, n−s) verifies mathematically as well as (r, s),
 * and Fabric refuses the high form so that one signed message has one signature.
 */
final class MspVerifier {

    private final Map<String, X509Certificate> rootsByMspId;

    MspVerifier(Map<String, X509Certificate> rootsByMspId) {
        this.rootsByMspId = Map.copyOf(rootsByMspId);
    }

    /** A verified signer: MSP id and certificate. */
    record Member(String mspId, X509Certificate certificate) {}

    /** Thrown when a creator or signature fails a check; the message says which. */
    static final class AccessDenied extends Exception {
        AccessDenied(String message) {
            super(message);
        }
    }

    /** Checks that {@code creator} (a serialized msp.SerializedIdentity) signed {@code message}. */
    Member verify(ByteString creator, ByteString message, ByteString signature) throws AccessDenied {
        final Member member = member(creator);
        if (signature.isEmpty()) {
            throw new AccessDenied("the message is not signed");
        }
        final boolean valid;
        try {
            final Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(member.certificate().getPublicKey());
            verifier.update(message.toByteArray());
            valid = verifier.verify(signature.toByteArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AccessDenied("signature is malformed: " + e.getMessage());
        }
        if (!valid) {
            throw new AccessDenied("signature of " + member.mspId() + " member "
                    + member.certificate().getSubjectX500Principal().getName() + " does not verify");
        }
        requireLowS(signature, member.certificate());
        return member;
    }

    /** Parses the creator and checks its membership, without a signature (endorsers are checked this way too). */
    Member member(ByteString creator) throws AccessDenied {
        final SerializedIdentity identity;
        try {
            identity = SerializedIdentity.parseFrom(creator);
        } catch (InvalidProtocolBufferException e) {
            throw new AccessDenied("creator is malformed: " + e.getMessage());
        }
        final X509Certificate root = rootsByMspId.get(identity.getMspid());
        if (root == null) {
            throw new AccessDenied("creator org unknown: MSP " + identity.getMspid() + " is not a member of the channel");
        }
        final X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(identity.getIdBytes().toByteArray()));
            certificate.checkValidity();
            certificate.verify(root.getPublicKey());
        } catch (CertificateException e) {
            throw new AccessDenied("creator certificate is invalid: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new AccessDenied("creator certificate is not issued by " + identity.getMspid() + ": " + e.getMessage());
        }
        return new Member(identity.getMspid(), certificate);
    }

    private static void requireLowS(ByteString signature, X509Certificate certificate) throws AccessDenied {
        final BigInteger s;
        try {
            final ASN1Sequence sequence = ASN1Sequence.getInstance(signature.toByteArray());
            s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue();
        } catch (IllegalArgumentException e) {
            throw new AccessDenied("signature is not DER encoded");
        }
        final BigInteger order = ((ECPublicKey) certificate.getPublicKey()).getParams().getOrder();
        if (s.compareTo(order.shiftRight(1)) > 0) {
            throw new AccessDenied("signature has a high S value");
        }
    }
}
