package org.permithub.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    @Test
    void writes_keys_sorted_without_whitespace_whatever_the_insertion_order() {
        final Map<String, Object> forward = new LinkedHashMap<>();
        forward.put("a", 1L);
        forward.put("b", "x");
        forward.put("c", null);
        final Map<String, Object> backward = new LinkedHashMap<>();
        backward.put("c", null);
        backward.put("b", "x");
        backward.put("a", 1L);

        assertThat(CanonicalJson.write(forward)).isEqualTo("{\"a\":1,\"b\":\"x\",\"c\":null}");
        assertThat(CanonicalJson.write(backward)).isEqualTo(CanonicalJson.write(forward));
    }

    @Test
    void escapes_strings_as_rfc_8785_does() {
        final Map<String, Object> fields = Map.of("s", "q\" b\\ n\n t\t u\u0001 é");

        assertThat(CanonicalJson.write(fields)).isEqualTo("{\"s\":\"q\\\" b\\\\ n\\n t\\t u\\u0001 é\"}");
    }

    @Test
    void parses_what_it_writes() {
        final Map<String, Object> fields = new HashMap<>();
        fields.put("id", "b-1");
        fields.put("n", -42L);
        fields.put("big", Long.MAX_VALUE);
        fields.put("none", null);
        fields.put("text", "line\nbreak \"quoted\" \u0002");

        assertThat(CanonicalJson.parse(CanonicalJson.write(fields))).isEqualTo(fields);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "[]", "{\"a\":1", "{\"a\":true}", "{\"a\":1.5}", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "{a:1}"})
    void rejects_anything_outside_the_flat_subset(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.parse(json));
    }

    @Test
    void batch_record_round_trips() {
        final BatchRecord record = new BatchRecord("b-2", "ab".repeat(32), 5, 11, 15, "b-1", "tx", "2026-01-01T00:00:00Z");

        assertThat(BatchRecord.fromJson(record.toJson())).isEqualTo(record);
    }
}
