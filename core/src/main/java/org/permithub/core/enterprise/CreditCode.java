package org.permithub.core.enterprise;

import java.util.Optional;

/**
 * 统一社会信用代码 (unified social credit code) as GB 32100-2015 defines it: 18 characters, where
 * characters 3–8 are the registering authority's administrative-division code (GB/T 2260) and the
 * last one is a check character.
 */
public final class CreditCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {}

    /** True when the code has the right length, alphabet and check character. */
    public static boolean isValid(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(code.charAt(i));
            if (value < 0) {
                return false;
            }
            sum += value * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return code.charAt(17) == ALPHABET.charAt(check);
    }

    /** The six-digit division code (characters 3–8), or empty for a code that is not well formed. */
    public static Optional<String> divisionOf(String code) {
        if (code == null || code.length() != 18) {
            return Optional.empty();
        }
        String division = code.substring(2, 8);
        return division.chars().allMatch(Character::isDigit) ? Optional.of(division) : Optional.empty();
    }

    /** Appends the check character to a 17-character prefix (used to build test data). */
    public static String withCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return first17 + ALPHABET.charAt((31 - sum % 31) % 31);
    }
}
