package org.permithub.ledger.hash;

/**
 * Hex encoding for hashes. JDK 17's {@code HexFormat} showed up as a hot spot when hashing and
 * batching (it goes through its delimiter-aware path even without delimiters); this is the plain
 * table version.
 */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** Lowercase hex of {@code bytes}. */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0, o = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            out[o++] = DIGITS[b >>> 4];
            out[o++] = DIGITS[b & 0xf];
        }
        return new String(out);
    }

    /**
     * The bytes of an even-length hex string (either case).
     *
     * @throws IllegalArgumentException on odd length or a non-hex character
     */
    public static byte[] decode(CharSequence hex) {
        int n = hex.length();
        if ((n & 1) != 0) {
            throw new IllegalArgumentException("hex string of odd length " + n);
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int hi = digit(hex.charAt(i));
            int lo = digit(hex.charAt(i + 1));
            if ((hi | lo) < 0) {
                throw new IllegalArgumentException("not a hex string at " + i);
            }
            out[i / 2] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** True when {@code s} is 64 lowercase hex digits: the form of every hash in permit-hub. */
    public static boolean isSha256Hex(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
