package org.permithub.ledger.hash;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over the RFC 8785 (JCS) canonical form of a JSON document. The same action always gives
 * the same hash, whatever the key order or number formatting of the JSON it was read from.
 *
 * <p>Canonicalisation is {@link CanonicalJson}: Jackson's streaming parser plus the number
 * formatter of {@code io.github.erdtman:java-json-canonicalization}. The library's own
 * canonicaliser let unpaired UTF-16 surrogates through (UTF-8 encoding then turned them into '?',
 * so different documents hashed alike) and was the slowest step of hashing; see CanonicalJson.
 *
 * <p>Numbers are IEEE-754 doubles in JCS: integers beyond 2^53 and decimals with more than ~15
 * significant digits are rounded. Keep such values (ids, amounts) as JSON strings.
 */
public final class ActionHash {

    // Instants as ISO-8601 text: as epoch-second decimals they would be rounded to a double and
    // lose sub-microsecond digits. NaN/Infinity unquoted, so canonicalisation refuses them instead
    // of hashing them as the strings "NaN"/"Infinity".
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private ActionHash() {}

    /** The canonical JSON text of {@code json} (RFC 8785). */
    public static String canonicalize(String json) {
        return CanonicalJson.canonicalize(json);
    }

    /** The UTF-8 bytes of the canonical form: exactly what {@link #ofJson} hashes. */
    public static byte[] canonicalUtf8(String json) {
        return CanonicalJson.canonicalUtf8(json);
    }

    /** Lowercase hex SHA-256 of the canonical form of {@code json}. */
    public static String ofJson(String json) {
        return sha256Hex(CanonicalJson.canonicalUtf8(json));
    }

    /** Hashes any Jackson-serialisable value through its canonical JSON. */
    public static String ofValue(Object value) {
        return ofJson(toJson(value));
    }

    /** The (not yet canonical) JSON that {@link #ofValue} hashes. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256Hex(byte[] bytes) {
        return Hex.encode(sha256(bytes));
    }

    public static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes); // digest() also resets it for the next use
    }

    // one digest per thread: the provider lookup of getInstance cost as much as hashing an action
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });
}
