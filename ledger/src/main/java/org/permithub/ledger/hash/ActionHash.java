package org.permithub.ledger.hash;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * SHA-256 over the RFC 8785 (JCS) canonical form of a JSON document. The same action always gives
 * the same hash, whatever the key order or number formatting of the JSON it was read from.
 */
public final class ActionHash {

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private ActionHash() {}

    /** The canonical JSON text of {@code json} (RFC 8785). */
    public static String canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Lowercase hex SHA-256 of the canonical form of {@code json}. */
    public static String ofJson(String json) {
        return sha256Hex(canonicalize(json).getBytes(StandardCharsets.UTF_8));
    }

    /** Hashes any Jackson-serialisable value through its canonical JSON. */
    public static String ofValue(Object value) {
        try {
            return ofJson(MAPPER.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
