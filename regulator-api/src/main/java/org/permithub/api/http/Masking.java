package org.permithub.api.http;

/**
 * Masks personal data in API answers and logs: ID-card numbers keep their first 3 and last 4
 * characters (the region and the check digits a person recognises), names their first and last
 * character.
 */
public final class Masking {

    private Masking() {}

    public static String idNumber(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (value.length() <= 7) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
    }

    public static String name(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        int[] chars = value.codePoints().toArray();
        if (chars.length == 1) {
            return "*";
        }
        if (chars.length == 2) {
            return new String(chars, 0, 1) + "*";
        }
        return new String(chars, 0, 1) + "*".repeat(chars.length - 2) + new String(chars, chars.length - 1, 1);
    }
}
