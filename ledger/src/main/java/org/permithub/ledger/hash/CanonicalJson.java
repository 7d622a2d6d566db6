package org.permithub.ledger.hash;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JCS) canonical JSON, on Jackson's streaming parser.
 *
 * <p>Why not {@code JsonCanonicalizer} of java-json-canonicalization alone: it lets unpaired
 * surrogates through (and UTF-8 encoding then turns them into '?', so different documents would
 * hash alike), and on a typical permit action it is slower than this. The library still formats
 * the numbers that need the full ECMAScript shortest-round-trip algorithm ({@link NumberToJSON};
 * JDK 17's {@code Double.toString} is not always shortest), and the tests check this class
 * against the RFC's vectors and against the library on random documents.
 *
 * <p>Input rules: strict RFC 8259 JSON (no comments, NaN, leading zeros or raw control
 * characters), one value with nothing after it, no duplicate property names, no unpaired
 * surrogates (I-JSON, RFC 7493).
 */
final class CanonicalJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    /** Integers up to 2^53 are exact doubles whose shortest form is their plain digits. */
    private static final long MAX_EXACT = 1L << 53;
    /** Any decimal of at most 15 significant digits survives decimal → double → decimal (DBL_DIG). */
    private static final int DBL_DIG = 15;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private CanonicalJson() {}

    /** The canonical form as text. */
    static String canonicalize(String json) {
        return new String(canonicalUtf8(json), StandardCharsets.UTF_8);
    }

    /** The canonical form as the UTF-8 bytes that get hashed (RFC 8785 §3.2.4). */
    static byte[] canonicalUtf8(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("not valid JSON: no value");
            }
            Utf8 out = new Utf8(json.length() + 16);
            writeValue(p, t, out);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("not valid JSON: content after the value");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    private static void writeValue(JsonParser p, JsonToken t, Utf8 out) throws IOException {
        switch (t) {
            case START_OBJECT -> writeObject(p, out);
            case START_ARRAY -> {
                out.ascii('[');
                boolean first = true;
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (!first) {
                        out.ascii(',');
                    }
                    first = false;
                    writeValue(p, e, out);
                }
                out.ascii(']');
            }
            case VALUE_STRING -> writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), out);
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType nt = p.getNumberType();
                if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
                    long v = p.getLongValue();
                    if (v >= -MAX_EXACT && v <= MAX_EXACT) {
                        out.ascii(Long.toString(v));
                    } else {
                        writeDouble((double) v, out); // rounds to nearest, ties to even, as JSON.parse does
                    }
                } else {
                    writeDouble(p.getBigIntegerValue().doubleValue(), out);
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                if (!writeShortDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), out)) {
                    writeDouble(p.getDoubleValue(), out);
                }
            }
            case VALUE_TRUE -> out.ascii("true");
            case VALUE_FALSE -> out.ascii("false");
            case VALUE_NULL -> out.ascii("null");
            default -> throw new IllegalArgumentException("not valid JSON: unexpected " + t);
        }
    }

    /**
     * Members are written into {@code out} as they are parsed, their names and end offsets noted,
     * then the region is re-emitted in sorted order: no buffer per member.
     */
    private static void writeObject(JsonParser p, Utf8 out) throws IOException {
        int base = out.len;
        String[] names = new String[8];
        int[] ends = new int[8];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            writeValue(p, p.nextToken(), out);
            if (n == names.length) {
                names = Arrays.copyOf(names, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            names[n] = name;
            ends[n] = out.len;
            n++;
        }
        byte[] values = Arrays.copyOfRange(out.buf, base, out.len);
        out.len = base;

        int[] order = sortedOrder(names, n);
        out.ascii('{');
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (k > 0) {
                if (names[i].equals(names[order[k - 1]])) {
                    throw new IllegalArgumentException("not valid I-JSON: duplicate property " + names[i]);
                }
                out.ascii(',');
            }
            writeName(names[i], out);
            out.ascii(':');
            int start = i == 0 ? 0 : ends[i - 1] - base;
            out.bytes(values, start, ends[i] - base - start);
        }
        out.ascii('}');
    }

    /** Indices of {@code names[0..n)} in UTF-16 code-unit order (String.compareTo, RFC 8785 §3.2.3). */
    private static int[] sortedOrder(String[] names, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n <= 32) {
            for (int i = 1; i < n; i++) {
                int x = order[i];
                int j = i - 1;
                while (j >= 0 && names[order[j]].compareTo(names[x]) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = x;
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparing((Integer i) -> names[i]));
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /** Property names are nearly always plain ASCII: copy those directly, escape the rest. */
    private static void writeName(String name, Utf8 out) {
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                writeString(name.toCharArray(), 0, n, out);
                return;
            }
        }
        out.ensure(n + 2);
        byte[] b = out.buf;
        int o = out.len;
        b[o++] = '"';
        for (int i = 0; i < n; i++) {
            b[o++] = (byte) name.charAt(i);
        }
        b[o++] = '"';
        out.len = o;
    }

    /**
     * RFC 8785 §3.2.2.2: short escapes where JSON has them, backslash-u-00xx for other controls, everything
     * else as raw UTF-8; a surrogate must be half of a pair.
     */
    private static void writeString(char[] s, int off, int len, Utf8 out) {
        out.ensure(len * 3 + 2);
        byte[] b = out.buf;
        int o = out.len;
        b[o++] = '"';
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = s[i];
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[o++] = (byte) c;
                    continue;
                }
                // an escape takes up to 6 bytes for 1 char: grow ahead for the rest of the string
                out.len = o;
                out.ensure(6 + (end - i) * 3 + 1);
                b = out.buf;
                b[o++] = '\\';
                switch (c) {
                    case '"' -> b[o++] = '"';
                    case '\\' -> b[o++] = '\\';
                    case '\b' -> b[o++] = 'b';
                    case '\f' -> b[o++] = 'f';
                    case '\n' -> b[o++] = 'n';
                    case '\r' -> b[o++] = 'r';
                    case '\t' -> b[o++] = 't';
                    default -> {
                        b[o++] = 'u';
                        b[o++] = '0';
                        b[o++] = '0';
                        b[o++] = HEX[c >> 4];
                        b[o++] = HEX[c & 0xf];
                    }
                }
            } else if (c < 0x800) {
                b[o++] = (byte) (0xc0 | (c >> 6));
                b[o++] = (byte) (0x80 | (c & 0x3f));
            } else if (!Character.isSurrogate(c)) {
                b[o++] = (byte) (0xe0 | (c >> 12));
                b[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[o++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s[i + 1])) {
                int cp = Character.toCodePoint(c, s[++i]);
                b[o++] = (byte) (0xf0 | (cp >> 18));
                b[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[o++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                throw new IllegalArgumentException("not valid I-JSON: unpaired surrogate U+"
                        + Integer.toHexString(c).toUpperCase() + " at char " + (i - off));
            }
        }
        b[o++] = '"';
        out.len = o;
    }

    /**
     * Fast path for the common plain decimal ({@code 20.90}, {@code -0.5}): with at most 15
     * significant digits and 1e-6 &lt;= |x| &lt; 1e21, the ECMAScript form of the nearest double
     * is the same decimal with trailing fraction zeros removed. (Two such decimals rounding to one
     * double would print alike at 15 digits, so no shorter one exists.) Returns false to defer.
     */
    private static boolean writeShortDecimal(char[] s, int off, int len, Utf8 out) {
        int end = off + len;
        int i = off;
        boolean negative = s[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        int intEnd = i;
        if (i >= end || s[i] != '.') {
            return false; // exponent form
        }
        int fracStart = ++i;
        while (i < end && s[i] >= '0' && s[i] <= '9') {
            i++;
        }
        if (i != end) {
            return false; // exponent after the fraction
        }
        int fracEnd = end;
        while (fracEnd > fracStart && s[fracEnd - 1] == '0') {
            fracEnd--;
        }
        boolean intIsZero = intEnd - intStart == 1 && s[intStart] == '0';
        if (intIsZero) {
            int firstDigit = fracStart;
            while (firstDigit < fracEnd && s[firstDigit] == '0') {
                firstDigit++;
            }
            if (firstDigit == fracEnd) {
                out.ascii('0'); // zero, also -0.0
                return true;
            }
            int leadingZeros = firstDigit - fracStart;
            if (leadingZeros > 5 || fracEnd - firstDigit > DBL_DIG) {
                return false; // below 1e-6 ECMAScript switches to exponent form
            }
            if (negative) {
                out.ascii('-');
            }
            out.ascii('0');
            out.ascii('.');
            out.asciiChars(s, fracStart, fracEnd - fracStart);
            return true;
        }
        int intLen = intEnd - intStart;
        if (intLen > 21) {
            return false;
        }
        // significant digits: the integer part (no leading zeros in JSON) plus the kept fraction,
        // or, without a fraction, the integer part less its trailing zeros
        int significant = intLen + (fracEnd - fracStart);
        if (fracEnd == fracStart) {
            int z = intEnd;
            while (z > intStart + 1 && s[z - 1] == '0') {
                z--;
            }
            significant = z - intStart;
        }
        if (significant > DBL_DIG) {
            return false;
        }
        if (negative) {
            out.ascii('-');
        }
        out.asciiChars(s, intStart, intLen);
        if (fracEnd > fracStart) {
            out.ascii('.');
            out.asciiChars(s, fracStart, fracEnd - fracStart);
        }
        return true;
    }

    /** RFC 8785 §3.2.2.3: the ECMAScript Number-to-String form. */
    private static void writeDouble(double d, Utf8 out) throws IOException {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not valid I-JSON: number out of range");
        }
        if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT) {
            out.ascii(Long.toString((long) d)); // also turns -0 into 0
        } else {
            out.ascii(NumberToJSON.serializeNumber(d));
        }
    }

    /** A growable UTF-8 byte buffer. */
    private static final class Utf8 {
        byte[] buf;
        int len;

        Utf8(int capacity) {
            buf = new byte[Math.max(capacity, 16)];
        }

        void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        void ascii(char c) {
            ensure(1);
            buf[len++] = (byte) c;
        }

        void ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        void asciiChars(char[] s, int off, int n) {
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s[off + i];
            }
        }

        void bytes(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
