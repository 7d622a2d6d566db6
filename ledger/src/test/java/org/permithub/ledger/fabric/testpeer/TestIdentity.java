package org.permithub.ledger.fabric.testpeer;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * An EC P-256 key and an X.509 certificate made at test time, as a Fabric MSP member has them (Fabric CAs issue
 * ECDSA P-256 certificates): either self-signed, to act as an organisation's CA, or issued by such a CA.
 *
 * @param mspId the MSP the holder belongs to
 */
public record TestIdentity(String mspId, X509Certificate certificate, PrivateKey privateKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A self-signed identity: usable as an MSP's root CA (issue members with {@link #issue}) or on its own as a
     * client whose certificate is its own root.
     */
    public static TestIdentity generate(String mspId, String commonName) {
        final KeyPair keys = newKeyPair();
        final X500Name subject = name(mspId, commonName);
        final X509Certificate selfSigned = certificate(subject, keys, subject, keys.getPrivate(), true, List.of());
        return new TestIdentity(mspId, selfSigned, keys.getPrivate());
    }

    /** A member of this identity's MSP, its certificate signed by this identity. */
    public TestIdentity issue(String commonName) {
        return issue(commonName, List.of());
    }

    /**
     * A member whose certificate also serves TLS for the given DNS names or IP literals (subject
     * alternative names).
     */
    public TestIdentity issue(String commonName, List<String> subjectAltNames) {
        final KeyPair keys = newKeyPair();
        final X500Name issuer = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return new TestIdentity(
                mspId,
                certificate(name(mspId, commonName), keys, issuer, privateKey, false, subjectAltNames),
                keys.getPrivate());
    }

    private static KeyPair newKeyPair() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 support", e);
        }
    }

    private static X500Name name(String mspId, String commonName) {
        return new X500Name("CN=" + commonName + ",O=" + mspId + ",C=CN");
    }

    private static X509Certificate certificate(
            X500Name subject,
            KeyPair keys,
            X500Name issuer,
            PrivateKey issuerKey,
            boolean ca,
            List<String> subjectAltNames) {
        try {
            final Instant now = Instant.now();
            final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(ca ? KeyUsage.digitalSignature | KeyUsage.keyCertSign : KeyUsage.digitalSignature));
            if (!subjectAltNames.isEmpty()) {
                final List<GeneralName> names = new ArrayList<>();
                for (String name : subjectAltNames) {
                    final boolean ip = name.chars().allMatch(c -> Character.isDigit(c) || c == '.') || name.contains(":");
                    names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
                }
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /** The same certificate with another key: its signatures do not verify against the certificate. */
    public TestIdentity withKeyOf(TestIdentity other) {
        return new TestIdentity(mspId, certificate, other.privateKey);
    }

    /** The same key and certificate claimed under another MSP id. */
    public TestIdentity withMspId(String otherMspId) {
        return new TestIdentity(otherMspId, certificate, privateKey);
    }

    /** msp.SerializedIdentity, as Fabric puts it in signature headers: MSP id plus the PEM certificate. */
    public SerializedIdentity serialized() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFromUtf8(certificatePem()))
                .build();
    }

    public String certificatePem() {
        return Identities.toPemString(certificate);
    }

    public String privateKeyPem() {
        return Identities.toPemString(privateKey);
    }

    /** Writes {@code cert.pem} and {@code key.pem} (PKCS#8) into the directory, the way an MSP folder holds them. */
    public Pems writePems(Path directory) {
        try {
            Files.createDirectories(directory);
            final Path cert = Files.writeString(directory.resolve("cert.pem"), certificatePem(), StandardCharsets.US_ASCII);
            final Path key = Files.writeString(directory.resolve("key.pem"), privateKeyPem(), StandardCharsets.US_ASCII);
            return new Pems(cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Paths of the PEM files written by {@link #writePems}. */
    public record Pems(Path certificate, Path privateKey) {}
}
