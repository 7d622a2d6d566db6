package org.permithub.core.gas;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One gas or vapour the rules know.
 *
 * @param id canonical id, e.g. {@code CH4}
 * @param aliases other names detectors and forms use (English, Chinese)
 * @param roles which limits apply
 * @param lelPercentVv lower explosive limit in % v/v; required for {@link GasRole#COMBUSTIBLE}
 * @param molarMassGPerMol for ppm ↔ mg/m³ conversion
 */
public record Gas(String id, List<String> aliases, Set<GasRole> roles, BigDecimal lelPercentVv, BigDecimal molarMassGPerMol) {

    public Gas {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a gas needs an id");
        }
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("gas " + id + " needs at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        if (roles.contains(GasRole.COMBUSTIBLE) && (lelPercentVv == null || lelPercentVv.signum() <= 0)) {
            throw new IllegalArgumentException("combustible gas " + id + " needs a positive LEL");
        }
        if (molarMassGPerMol == null || molarMassGPerMol.signum() <= 0) {
            throw new IllegalArgumentException("gas " + id + " needs a positive molar mass");
        }
    }

    public boolean is(GasRole role) {
        return roles.contains(role);
    }
}
