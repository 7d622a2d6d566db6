package org.permithub.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Per-device keys of door controllers: {@code <deviceId>.<secret>}, 256 random bits. The hub keeps
 * only the SHA-256 of the whole key, so a database dump does not open doors.
 */
public final class DeviceKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceKeys() {}

    public static String newKey(String deviceId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return deviceId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The device id a presented key claims to belong to. */
    public static Optional<String> deviceIdOf(String key) {
        int dot = key == null ? -1 : key.lastIndexOf('.');
        return dot <= 0 ? Optional.empty() : Optional.of(key.substring(0, dot));
    }

    /** Constant-time comparison of the presented key's hash with the stored one. */
    public static boolean matches(String key, String storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash(key).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
