package org.permithub.hub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The standalone hub's own token-signing key: an RSA 2048 key pair kept as a PKCS#8 PEM file
 * under {@code <data-dir>/keys}, made on first use, so tokens stay valid across restarts.
 */
public final class SigningKeys {

    static final String KEY_FILE = "jwt-signing-key.pem";
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private SigningKeys() {}

    /** Loads the key pair from the data folder, creating it the first time. */
    public static synchronized KeyPair loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("keys").resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return read(Files.readString(file));
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(file.getParent());
            String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n" + END + "\n";
            Path tmp = file.resolveSibling(KEY_FILE + ".tmp");
            Files.writeString(tmp, pem, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            restrictToOwner(tmp);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing key " + file, e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("signing key " + file + " is unusable", e);
        }
    }

    private static KeyPair read(String pem) throws NoSuchAlgorithmException, InvalidKeySpecException {
        String base64 = pem.replace(BEGIN, "").replace(END, "").replaceAll("\\s", "");
        KeyFactory factory = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        var publicKey = (RSAPublicKey) factory.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the folder's own permissions have to do
        }
    }
}
