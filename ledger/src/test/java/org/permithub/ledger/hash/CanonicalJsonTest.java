package org.permithub.ledger.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * CanonicalJson against the reference canonicaliser of java-json-canonicalization on random
 * documents (the RFC's own vectors are in {@link ActionHashTest}).
 */
class CanonicalJsonTest {

    /** The library's canonical form, or null when it refuses the input. */
    private static String library(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            return null;
        }
    }

    /** Both produce the same canonical form, or both refuse the input. */
    private static void assertSameAsLibrary(String json) {
        String expected = library(json);
        if (expected == null) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(json)).as(json).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(CanonicalJson.canonicalize(json)).as(json).isEqualTo(expected);
            assertThat(CanonicalJson.canonicalUtf8(json)).as(json).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- a generator of valid I-JSON text, written in deliberately non-canonical ways ----

    private static final String ALPHABET = "aZ09 _-.\"\\/\b\f\n\r\t\u0000\u001f\u007f\u0080\u00e9\u00f6"
            + "\u03a9\u20ac\u2028\ufb33\uffff焦化车间";

    private static String randomString(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) {
                sb.appendCodePoint(0x1F600 + r.nextInt(80)); // a surrogate pair
            } else {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    private static void writeJsonString(String s, SplittableRandom r, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || r.nextInt(6) == 0) {
                String hex = String.format("%04x", (int) c);
                out.append("\\u").append(r.nextBoolean() ? hex : hex.toUpperCase());
            } else if (c == '/' && r.nextBoolean()) {
                out.append("\\/");
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    static String randomNumber(SplittableRandom r) {
        switch (r.nextInt(7)) {
            case 0:
                return Integer.toString(r.nextInt(2001) - 1000);
            case 1:
                return Long.toString(r.nextLong());
            case 2: { // any finite double, written exactly
                double d;
                do {
                    d = Double.longBitsToDouble(r.nextLong());
                } while (!Double.isFinite(d));
                return new BigDecimal(d).toString();
            }
            case 3:
                return randomDecimal(r);
            case 4: // exponent forms
                return (r.nextBoolean() ? "-" : "") + (1 + r.nextInt(9)) + "." + r.nextInt(1000) + (r.nextBoolean() ? "e" : "E")
                        + (r.nextBoolean() ? "+" : "-") + r.nextInt(330);
            case 5: // big integers
                return "1" + "0".repeat(r.nextInt(40)) + r.nextInt(10);
            default: // doubles through Java's own printing
                return Double.toString((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20));
        }
    }

    /** A plain decimal with 1..18 significant digits, the point anywhere, leading or trailing zeros. */
    static String randomDecimal(SplittableRandom r) {
        StringBuilder digits = new StringBuilder();
        int sig = 1 + r.nextInt(18);
        digits.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < sig; i++) {
            digits.append((char) ('0' + r.nextInt(10)));
        }
        String ds = "0".repeat(r.nextInt(8)) + digits + "0".repeat(r.nextInt(4));
        int point = r.nextInt(ds.length() + 1);
        String intPart = ds.substring(0, point).replaceFirst("^0+", "");
        String frac = ds.substring(point);
        if (intPart.isEmpty()) {
            intPart = "0";
        }
        if (intPart.length() > 22) {
            intPart = intPart.substring(0, 22);
        }
        return (r.nextInt(4) == 0 ? "-" : "") + intPart + "." + (frac.isEmpty() ? "0" : frac);
    }

    private static void randomValue(SplittableRandom r, int depth, StringBuilder out) {
        int kind = depth >= 4 ? 2 + r.nextInt(4) : r.nextInt(6);
        String ws = r.nextInt(4) == 0 ? " \n\t" : "";
        switch (kind) {
            case 0 -> {
                out.append('{').append(ws);
                Set<String> keys = new HashSet<>();
                int n = r.nextInt(7);
                boolean first = true;
                for (int i = 0; i < n; i++) {
                    String k = randomString(r);
                    if (!keys.add(k)) {
                        continue;
                    }
                    if (!first) {
                        out.append(',').append(ws);
                    }
                    first = false;
                    writeJsonString(k, r, out);
                    out.append(ws).append(':').append(ws);
                    randomValue(r, depth + 1, out);
                }
                out.append(ws).append('}');
            }
            case 1 -> {
                out.append('[').append(ws);
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',').append(ws);
                    }
                    randomValue(r, depth + 1, out);
                }
                out.append(ws).append(']');
            }
            case 2 -> writeJsonString(randomString(r), r, out);
            case 3 -> out.append(randomNumber(r));
            case 4 -> out.append(r.nextBoolean() ? "true" : "false");
            default -> out.append("null");
        }
    }

    @Test
    void agreesWithTheReferenceLibraryOnRandomDocuments() {
        SplittableRandom r = new SplittableRandom(20260301);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            // the library only takes an object or an array at the top
            StringBuilder sb = new StringBuilder("[");
            randomValue(r, 0, sb);
            String json = sb.append(']').toString();
            assertSameAsLibrary(json);
            refused += library(json) == null ? 1 : 0;
        }
        assertThat(refused).as("documents both refused (numbers out of range)").isLessThan(2_000);
    }

    @Test
    void agreesWithTheReferenceLibraryOnNumbers() {
        SplittableRandom r = new SplittableRandom(8785);
        for (int i = 0; i < 200_000; i++) {
            String n = i % 2 == 0 ? randomDecimal(r) : randomNumber(r);
            assertSameAsLibrary("[" + n + "]");
        }
    }

    @Test
    void plainDecimalsAroundTheFastPathLimits() {
        String[] samples = {
            "0.0", "-0.0", "0.000001", "0.0000010", "0.0000001", "-0.00000999999999999999", "123456789012345.0",
            "123456789012345.6", "1234567890123456.0", "999999999999999.9", "100000000000000000000.0",
            "999999999999999900000.0", "1000000000000000000000.0", "0.1", "0.30000000000000004", "20.90",
            "9007199254740993.0", "1.000000000000001", "1.0000000000000001", "4.50", "333333333.33333329"
        };
        for (String n : samples) {
            assertThat(library("[" + n + "]")).isNotNull();
            assertSameAsLibrary("[" + n + "]");
        }
    }

    @Test
    void isStricterThanTheLibraryAboutJsonSyntax() {
        // the library accepts these; RFC 8259 does not
        for (String json : new String[] {"[01]", "[\"a\u0001\"]", "[1,]", "{\"a\":1,}"}) {
            assertThatThrownBy(() -> CanonicalJson.canonicalize(json)).as(json).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesDuplicatesAtAnyDepth() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"x\":[{\"b\":1,\"a\":2,\"b\":3}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");
        // same name in different objects is fine
        assertThat(CanonicalJson.canonicalize("{\"a\":{\"a\":{\"a\":1}}}")).isEqualTo("{\"a\":{\"a\":{\"a\":1}}}");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(deep)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeObjectsSortCorrectly() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 999; i >= 0; i--) {
            sb.append("\"k").append(i).append("\":").append(i).append(i > 0 ? "," : "");
        }
        String json = sb.append('}').toString();
        assertThat(library(json)).isNotNull();
        assertSameAsLibrary(json);
    }
}
