package org.permithub.core.access;

import java.util.Set;
import org.permithub.core.enterprise.CreditCode;

/**
 * The authenticated caller of an API, taken from its token.
 *
 * @param subject the token's {@code sub}
 * @param jurisdiction for regulators: an administrative-division code prefix such as {@code 3706}
 * @param enterpriseCode for enterprises: their 统一社会信用代码
 * @param contractorId for contractors: their id
 */
public record Caller(
        String subject, Role role, Set<String> scopes, String jurisdiction, String enterpriseCode, String contractorId) {

    public Caller {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        jurisdiction = normalizeJurisdiction(jurisdiction);
    }

    /**
     * GB/T 2260 codes pad higher levels with zeros: 370600 is the city 3706 and 370000 the province
     * 37, so trailing "00" pairs are dropped to get the prefix a jurisdiction covers.
     */
    static String normalizeJurisdiction(String jurisdiction) {
        if (jurisdiction == null) {
            return null;
        }
        String code = jurisdiction.trim();
        while (code.length() > 2 && code.endsWith("00")) {
            code = code.substring(0, code.length() - 2);
        }
        return code;
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * Whether a regulator may see an enterprise whose registry division is {@code divisionCode}: the
     * jurisdiction is a prefix of the six-digit division code (e.g. 3706 covers 370602).
     */
    public boolean coversDivision(String divisionCode) {
        return role == Role.ADMIN
                || (role == Role.REGULATOR && jurisdiction != null && !jurisdiction.isBlank()
                        && divisionCode != null && divisionCode.startsWith(jurisdiction));
    }

    /** Whether this caller may act for the enterprise with the given credit code. */
    public boolean actsFor(String creditCode) {
        return role == Role.ADMIN || (role == Role.ENTERPRISE && enterpriseCode != null
                && enterpriseCode.equals(creditCode));
    }

    /** The division an enterprise belongs to, from its credit code (GB 32100-2015 characters 3–8). */
    public static String divisionOf(String creditCode) {
        return CreditCode.divisionOf(creditCode).orElse("");
    }
}
