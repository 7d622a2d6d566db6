package org.permithub.ledger.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ActionHash against the test vectors printed in RFC 8785 (kept in src/test/resources/jcs). */
class ActionHashTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String resource(String name) {
        try (InputStream in = ActionHashTest.class.getResourceAsStream("/jcs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource jcs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> dataLines(String name) {
        return resource(name).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static byte[] hexResource(String name) {
        return HEX.parseHex(String.join("", dataLines(name)).replace(" ", ""));
    }

    // ---- RFC 8785 Appendix B: number serialisation ----

    static Stream<Arguments> numberSamples() {
        return dataLines("numbers.txt").stream().map(l -> {
            String[] f = l.trim().split("\\s+");
            return Arguments.of(f[0], f[1]);
        });
    }

    /**
     * The sample's binary64 value is written into JSON as its exact decimal expansion (no rounding
     * left to the parser's discretion), and must come out as the RFC's shortest ECMAScript form.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("numberSamples")
    void numberSerialisationSamples(String ieeeHex, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
        if (expected.equals("-")) {
            assertThat(Double.isFinite(d)).isFalse();
            // NaN/Infinity cannot be written as JSON numbers; a Java value holding one must be refused
            assertThatThrownBy(() -> ActionHash.ofValue(Map.of("n", d))).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        String exact = (d == 0 && 1 / d < 0) ? "-0.0" : new BigDecimal(d).toString();
        assertThat(ActionHash.canonicalize("[" + exact + "]")).isEqualTo("[" + expected + "]");
        // and the canonical form is a fixed point
        assertThat(ActionHash.canonicalize("[" + expected + "]")).isEqualTo("[" + expected + "]");
    }

    @Test
    void numberTableIsComplete() {
        // guards against a truncated resource silently shrinking the parameterised test
        assertThat(dataLines("numbers.txt")).hasSize(26);
    }

    @Test
    void randomDoublesRoundTripThroughCanonicalForm() {
        SplittableRandom rnd = new SplittableRandom(8785);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String c = ActionHash.canonicalize("[" + new BigDecimal(d).toString() + "]");
            double back = Double.parseDouble(c.substring(1, c.length() - 1));
            assertThat(back).as("0x%016x -> %s", Double.doubleToRawLongBits(d), c).isEqualTo(d == 0 ? 0.0 : d);
        }
    }

    // ---- RFC 8785 section 3.2.2 / 3.2.4: primitives and their UTF-8 bytes ----

    @Test
    void primitivesExampleProducesTheRfcBytes() {
        String canonical = ActionHash.canonicalize(resource("primitives.input.json"));
        assertThat(canonical.getBytes(StandardCharsets.UTF_8)).isEqualTo(hexResource("primitives.expected.hex"));
        assertThat(ActionHash.ofJson(resource("primitives.input.json")))
                .isEqualTo(ActionHash.sha256Hex(hexResource("primitives.expected.hex")));
    }

    // ---- RFC 8785 section 3.2.3: property sorting by UTF-16 code units ----

    @Test
    void sortingExampleOrdersPropertiesByUtf16CodeUnits() throws IOException {
        String canonical = ActionHash.canonicalize(resource("sorting.input.json"));
        JsonNode tree = new ObjectMapper().readTree(canonical);
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> it = tree.elements(); it.hasNext(); ) {
            values.add(it.next().asText());
        }
        assertThat(values).containsExactlyElementsOf(dataLines("sorting.expected-order.txt"));
        // only the control character is escaped; everything else is raw UTF-8
        assertThat(canonical).startsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"");
        assertThat(canonical).contains("\"\uD83D\uDE00\":\"Emoji: Grinning Face\"");
    }

    @Test
    void unicodeIsNotNormalised() {
        String canonical = ActionHash.canonicalize(resource("unnormalized.input.json"));
        assertThat(canonical.getBytes(StandardCharsets.UTF_8)).isEqualTo(hexResource("unnormalized.expected.hex"));
        // the precomposed U+00C5 is a different string, so a different hash
        assertThat(ActionHash.ofJson("{\"Unnormalized Unicode\":\"\u00c5\"}"))
                .isNotEqualTo(ActionHash.ofJson(resource("unnormalized.input.json")));
    }

    // ---- I-JSON input rules that JCS relies on ----

    @Test
    void duplicatePropertyNamesAreRefused() {
        assertThatThrownBy(() -> ActionHash.canonicalize("{\"a\":1,\"a\":2}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The library passes a lone surrogate through; UTF-8 encoding would then turn it into '?', so
     * two different documents would hash alike. ActionHash refuses such strings (I-JSON, RFC 7493 §2.1).
     */
    @Test
    void loneSurrogatesAreRefused() {
        for (String json : List.of(
                "{\"s\":\"\\ud800\"}", "{\"s\":\"\\udc00x\"}", "{\"\\ud83d\":1}", "[\"a\uD800\"]", "[\"\uDE00\"]")) {
            assertThatThrownBy(() -> ActionHash.ofJson(json))
                    .as(json)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("surrogate");
        }
        // a proper pair is fine
        assertThat(ActionHash.canonicalize("[\"\\ud83d\\ude00\"]")).isEqualTo("[\"\uD83D\uDE00\"]");
    }

    @Test
    void malformedJsonIsRefused() {
        for (String json : List.of("{", "{\"a\":1} x", "[1.]", "[NaN]", "[1e400]", "")) {
            assertThatThrownBy(() -> ActionHash.ofJson(json)).as(json).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---- hashing of our own values ----

    @Test
    void keyOrderAndWhitespaceDoNotChangeTheHash() {
        String a = ActionHash.ofJson("{\"permitNo\":\"P-1\",\"seq\":7,\"data\":{\"o2\":20.9,\"lel\":0}}");
        String b = ActionHash.ofJson("{ \"data\" : { \"lel\" : 0.0 , \"o2\" : 2.09e1 },\n \"seq\":7.0, \"permitNo\":\"P-1\" }");
        assertThat(a).isEqualTo(b).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(ActionHash.ofJson("{\"permitNo\":\"P-2\",\"seq\":7,\"data\":{\"o2\":20.9,\"lel\":0}}"))
                .isNotEqualTo(a);
    }

    @Test
    void sha256HexOfEmptyInput() {
        assertThat(ActionHash.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    /** Instants are hashed as ISO-8601 text: as JSON numbers they would be rounded to a double. */
    @Test
    void instantsKeepFullPrecision() {
        Instant t = Instant.parse("2026-03-01T08:15:30.123456789Z");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("at", t);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("at", t.plusNanos(1000)); // one microsecond later
        assertThat(ActionHash.ofValue(a)).isNotEqualTo(ActionHash.ofValue(b));
        assertThat(ActionHash.ofValue(a)).isEqualTo(ActionHash.ofJson("{\"at\":\"2026-03-01T08:15:30.123456789Z\"}"));
    }

    @Test
    void valueAndItsJsonHashAlike() {
        record Reading(String gas, double value, boolean alarm) {}
        assertThat(ActionHash.ofValue(new Reading("O2", 20.9, false)))
                .isEqualTo(ActionHash.ofJson("{\"value\":20.9,\"gas\":\"O2\",\"alarm\":false}"));
    }
}
