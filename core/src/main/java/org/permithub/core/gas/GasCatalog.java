package org.permithub.core.gas;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gases the rules can judge. A reading of a gas not in the catalog fails (never passes), because
 * its limit is unknown. The built-in entries are fixed; a site profile may add gases, not change
 * these.
 *
 * <p>LEL values (% v/v, about 20 °C, 1 atm) are the commonly published ones; methane's 5 % is the
 * value GB 30871 practice uses (0.5 % v/v = 10 %LEL).
 */
public final class GasCatalog {

    public static final String OXYGEN = "O2";

    private static final Map<String, Gas> BUILT_IN = new HashMap<>();
    private static final Map<String, String> BUILT_IN_NAMES = new HashMap<>();

    static {
        combustible("CH4", "5.0", "16.04", "METHANE", "甲烷", "NATURAL_GAS", "天然气");
        combustible("C2H6", "3.0", "30.07", "ETHANE", "乙烷");
        combustible("C3H8", "2.1", "44.10", "PROPANE", "丙烷");
        combustible("C4H10", "1.8", "58.12", "BUTANE", "N_BUTANE", "丁烷");
        combustible("H2", "4.0", "2.016", "HYDROGEN", "氢气", "氢");
        combustible("C2H4", "2.7", "28.05", "ETHYLENE", "乙烯");
        combustible("C3H6", "2.0", "42.08", "PROPYLENE", "丙烯");
        combustible("C2H2", "2.5", "26.04", "ACETYLENE", "乙炔");
        combustibleAndToxic("CO", "12.5", "28.01", "CARBON_MONOXIDE", "一氧化碳");
        combustibleAndToxic("H2S", "4.0", "34.08", "HYDROGEN_SULFIDE", "HYDROGEN_SULPHIDE", "硫化氢");
        combustibleAndToxic("NH3", "15.0", "17.03", "AMMONIA", "氨", "氨气");
        combustibleAndToxic("C6H6", "1.2", "78.11", "BENZENE", "苯");
        combustibleAndToxic("C7H8", "1.1", "92.14", "TOLUENE", "甲苯");
        combustibleAndToxic("CH3OH", "6.0", "32.04", "METHANOL", "甲醇");
        combustibleAndToxic("HCN", "5.6", "27.03", "HYDROGEN_CYANIDE", "氰化氢");
        toxic("CL2", "70.90", "CHLORINE", "氯气", "氯");
        toxic("SO2", "64.07", "SULFUR_DIOXIDE", "SULPHUR_DIOXIDE", "二氧化硫");
        toxic("NO2", "46.01", "NITROGEN_DIOXIDE", "二氧化氮");
        put(new Gas(OXYGEN, List.of("OXYGEN", "氧气", "氧"), EnumSet.of(GasRole.OXYGEN), null, new BigDecimal("32.00")));
    }

    private final Map<String, Gas> extraById;
    private final Map<String, String> extraNames;

    private GasCatalog(Map<String, Gas> extras) {
        this.extraById = new HashMap<>();
        this.extraNames = new HashMap<>();
        for (Gas gas : extras.values()) {
            if (isBuiltIn(gas.id()) || gas.aliases().stream().anyMatch(GasCatalog::isBuiltIn)) {
                throw new IllegalArgumentException("gas " + gas.id() + " is built in and cannot be redefined");
            }
            extraById.put(gas.id(), gas);
            extraNames.put(normalise(gas.id()), gas.id());
            gas.aliases().forEach(alias -> extraNames.put(normalise(alias), gas.id()));
        }
    }

    public static GasCatalog standard() {
        return new GasCatalog(Map.of());
    }

    /** The built-in gases plus site-specific ones (which may not reuse a built-in id or name). */
    public static GasCatalog withExtras(Map<String, Gas> extras) {
        return new GasCatalog(extras);
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN_NAMES.containsKey(normalise(name));
    }

    /** Finds a gas by id or alias, ignoring case, spaces, '-' and subscript digits. */
    public Optional<Gas> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = normalise(name);
        String id = BUILT_IN_NAMES.get(key);
        if (id != null) {
            return Optional.of(BUILT_IN.get(id));
        }
        id = extraNames.get(key);
        return id == null ? Optional.empty() : Optional.of(extraById.get(id));
    }

    static String normalise(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.strip().toCharArray()) {
            if (c >= '₀' && c <= '₉') {
                sb.append((char) ('0' + (c - '₀')));
            } else if (c == ' ' || c == '-') {
                sb.append('_');
            } else {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    private static void combustible(String id, String lel, String molarMass, String... aliases) {
        put(new Gas(id, List.of(aliases), EnumSet.of(GasRole.COMBUSTIBLE), new BigDecimal(lel), new BigDecimal(molarMass)));
    }

    private static void combustibleAndToxic(String id, String lel, String molarMass, String... aliases) {
        put(new Gas(id, List.of(aliases), EnumSet.of(GasRole.COMBUSTIBLE, GasRole.TOXIC),
                new BigDecimal(lel), new BigDecimal(molarMass)));
    }

    private static void toxic(String id, String molarMass, String... aliases) {
        put(new Gas(id, List.of(aliases), EnumSet.of(GasRole.TOXIC), null, new BigDecimal(molarMass)));
    }

    private static void put(Gas gas) {
        BUILT_IN.put(gas.id(), gas);
        BUILT_IN_NAMES.put(normalise(gas.id()), gas.id());
        gas.aliases().forEach(alias -> BUILT_IN_NAMES.put(normalise(alias), gas.id()));
    }
}
