package org.permithub.contracts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Deterministic JSON for the flat records this contract stores: one object whose values are strings,
 * integers or null.
 *
 * <p>Every endorsing peer must produce byte-identical write sets and responses, so keys are written in
 * sorted order without whitespace, and strings are escaped as RFC 8785 (JCS) does. A general JSON library
 * gives no ordering guarantee, and this subset is small enough to write and parse here.
 */
final class CanonicalJson {

    private CanonicalJson() {}

    /** Writes the object with keys in ascending (UTF-16 code unit) order. Values: String, Long, Integer or null. */
    static String write(final Map<String, ?> fields) {
        final SortedMap<String, ?> sorted = new TreeMap<>(fields);
        final StringBuilder out = new StringBuilder(128).append('{');
        boolean first = true;
        for (final Map.Entry<String, ?> field : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, field.getKey());
            out.append(':');
            final Object value = field.getValue();
            if (value == null) {
                out.append("null");
            } else if (value instanceof String text) {
                writeString(out, text);
            } else if (value instanceof Long || value instanceof Integer) {
                out.append(value);
            } else {
                throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
            }
        }
        return out.append('}').toString();
    }

    /** Parses a flat object written by {@link #write}; throws IllegalArgumentException on anything else. */
    static Map<String, Object> parse(final String json) {
        return new Parser(json).object();
    }

    private static void writeString(final StringBuilder out, final String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A strict recursive-descent parser for the subset above. */
    private static final class Parser {
        private final String in;
        private int pos;

        Parser(final String in) {
            this.in = in;
        }

        Map<String, Object> object() {
            final Map<String, Object> result = new LinkedHashMap<>();
            skipWhitespace();
            expect('{');
            skipWhitespace();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    skipWhitespace();
                    final String key = string();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    if (result.put(key, value()) != null) {
                        throw error("duplicate key " + key);
                    }
                    skipWhitespace();
                    final char next = next();
                    if (next == '}') {
                        break;
                    }
                    if (next != ',') {
                        throw error("expected ',' or '}'");
                    }
                }
            }
            skipWhitespace();
            if (pos != in.length()) {
                throw error("trailing characters");
            }
            return Collections.unmodifiableMap(result);
        }

        private Object value() {
            final char c = peek();
            if (c == '"') {
                return string();
            }
            if (c == 'n' && in.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                final int start = pos;
                if (c == '-') {
                    pos++;
                }
                while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
                    pos++;
                }
                try {
                    return Long.parseLong(in.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw error("bad integer");
                }
            }
            throw error("unsupported value");
        }

        private String string() {
            expect('"');
            final StringBuilder out = new StringBuilder();
            while (true) {
                final char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                final char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > in.length()) {
                            throw error("short unicode escape");
                        }
                        out.append((char) Integer.parseInt(in.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
        }

        private void skipWhitespace() {
            while (pos < in.length() && " \t\r\n".indexOf(in.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= in.length()) {
                throw error("unexpected end");
            }
            return in.charAt(pos);
        }

        private char next() {
            final char c = peek();
            pos++;
            return c;
        }

        private void expect(final char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(final String what) {
            return new IllegalArgumentException("invalid JSON at " + pos + ": " + what);
        }
    }
}
