package org.permithub.connectors;

import java.util.regex.Pattern;

/**
 * 居民身份证号码 (GB 11643-1999): check and mask. An ID number, and a certificate number that
 * contains one ("T" + ID number), is never logged or answered in full: the first 3 and last 4
 * characters stay, the rest become {@code *}.
 */
public final class IdNumbers {

    private static final Pattern ID = Pattern.compile("\\d{17}[\\dXx]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    private IdNumbers() {}

    /** Whether {@code id} is an 18-character ID number with a correct check character. */
    public static boolean valid(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return Character.toUpperCase(id.charAt(17)) == CHECK[sum % 11];
    }

    /** The ID number of the first 17 digits given, with its check character. */
    public static String withCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK[sum % 11];
    }

    /** {@code 370602199001011234} → {@code 370***********1234}; {@code T370...} keeps its prefix too. */
    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        int keepStart = Math.min(3 + (value.startsWith("T") ? 1 : 0), value.length());
        int keepEnd = Math.min(4, Math.max(0, value.length() - keepStart));
        StringBuilder masked = new StringBuilder(value.length());
        masked.append(value, 0, keepStart);
        masked.append("*".repeat(value.length() - keepStart - keepEnd));
        masked.append(value, value.length() - keepEnd, value.length());
        return masked.toString();
    }

    /** The certificate number of a 特种作业操作证: "T" + the holder's ID number. */
    public static String certificateNumberOf(String idNumber) {
        return "T" + idNumber.toUpperCase(java.util.Locale.ROOT);
    }
}
