package org.permithub.core.profile;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.permithub.core.approval.ApproverRole;
import org.permithub.core.approval.ExtraApprovals;
import org.permithub.core.credential.CredentialLimits;
import org.permithub.core.gas.Gas;
import org.permithub.core.gas.GasLimits;
import org.permithub.core.gas.GasRole;
import org.permithub.core.permit.Grade;
import org.permithub.core.permit.ValidityLimits;
import org.permithub.core.permit.WorkType;
import org.permithub.core.permit.WorkTypeGrade;
import org.permithub.core.simops.SimopsRule;
import org.permithub.core.simops.SimopsRuleTable;
import org.permithub.core.site.WeatherLimits;

/**
 * Reads a site rule profile from flat key/value pairs (a .properties file, or a YAML map the hub
 * flattens). Every key overrides one GB 30871 default; keys not given keep the national value.
 * Unknown keys and unreadable values are refused, and so is any value that loosens a limit.
 * The keys are listed in core/README.md.
 */
public final class SiteRuleProfileLoader {

    private SiteRuleProfileLoader() {}

    public static SiteRuleProfile fromPropertiesText(String siteId, String name, String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new LooseningProfileException(siteId, List.of("profile text cannot be read: " + e.getMessage()));
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return fromMap(siteId, name, map);
    }

    public static SiteRuleProfile fromMap(String siteId, String name, Map<String, String> entries) {
        RuleLimits base = RuleLimits.gb30871();
        List<String> problems = new ArrayList<>();

        Map<WorkTypeGrade, Duration> validity = new HashMap<>(base.validity().maxByWorkType());
        Duration tempPowerSpecial = base.validity().temporaryPowerSpecialCase();
        GasLimits g = base.gas();
        Duration maxAge = g.maxAgeAtStart();
        BigDecimal sampleDistance = g.sampleMaxDistanceM();
        BigDecimal combustibleHigh = g.combustibleLimitWhereLelAtLeast4();
        BigDecimal combustibleLow = g.combustibleLimitWhereLelBelow4();
        BigDecimal o2Min = g.oxygenMinPercent();
        BigDecimal o2Max = g.oxygenMaxPercent();
        BigDecimal o2EnrichedMax = g.oxygenEnrichedMaxPercent();
        Map<String, BigDecimal> oel = new HashMap<>(g.toxicLimitsMgM3());
        Duration retestHigh = g.retestAfterPauseHotSpecialOrGrade1();
        Duration retestOther = g.retestAfterPauseOther();
        Duration monitoring = g.monitoringRecordInterval();
        Map<String, Gas> extraGases = new HashMap<>();
        CredentialLimits c = base.credentials();
        Period certValidity = c.validity();
        Period reviewInterval = c.reviewInterval();
        Period extendedReview = c.extendedReviewInterval();
        int reviewWarningDays = c.reviewWarningDays();
        Period offJob = c.offJobLimit();
        WeatherLimits w = base.weather();
        int hotForce = w.hotWorkEscalationForce();
        int heightForce = w.heightStopForce();
        int liftingForce = w.liftingStopForce();
        Duration windAge = w.readingMaxAge();
        Map<WorkTypeGrade, Set<ApproverRole>> approvals = new HashMap<>();
        List<SimopsRule> simopsChanges = new ArrayList<>();

        for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
            String key = entry.getKey().strip();
            String value = entry.getValue() == null ? "" : entry.getValue().strip();
            try {
                if (key.equals("validity.TEMPORARY_POWER.specialCase")) {
                    tempPowerSpecial = duration(value);
                } else if (key.startsWith("validity.")) {
                    validity.put(workTypeGrade(key.substring("validity.".length())), duration(value));
                } else if (key.startsWith("approval.extra.")) {
                    approvals.put(workTypeGrade(key.substring("approval.extra.".length())), roles(value));
                } else if (key.startsWith("gas.oel.")) {
                    oel.put(key.substring("gas.oel.".length()).toUpperCase(Locale.ROOT), positive(value));
                } else if (key.startsWith("gas.catalog.")) {
                    String id = key.substring("gas.catalog.".length()).toUpperCase(Locale.ROOT);
                    extraGases.put(id, gas(id, value));
                } else if (key.startsWith("simops.rule.")) {
                    simopsChanges.add(SimopsRuleTable.parseRule(key.substring("simops.rule.".length()), value));
                } else {
                    switch (key) {
                        case "gas.maxAgeAtStart" -> maxAge = duration(value);
                        case "gas.sampleMaxDistanceM" -> sampleDistance = positive(value);
                        case "gas.combustible.limitWhereLelAtLeast4" -> combustibleHigh = positive(value);
                        case "gas.combustible.limitWhereLelBelow4" -> combustibleLow = positive(value);
                        case "gas.oxygen.min" -> o2Min = positive(value);
                        case "gas.oxygen.max" -> o2Max = positive(value);
                        case "gas.oxygen.enrichedMax" -> o2EnrichedMax = positive(value);
                        case "gas.resumeRetestAfter.hotWorkSpecialOrGrade1" -> retestHigh = duration(value);
                        case "gas.resumeRetestAfter.other" -> retestOther = duration(value);
                        case "gas.monitoringInterval" -> monitoring = duration(value);
                        case "credential.validity" -> certValidity = Period.parse(value);
                        case "credential.reviewInterval" -> reviewInterval = Period.parse(value);
                        case "credential.extendedReviewInterval" -> extendedReview = Period.parse(value);
                        case "credential.reviewWarningDays" -> reviewWarningDays = Integer.parseInt(value);
                        case "credential.offJobLimit" -> offJob = Period.parse(value);
                        case "weather.hotWorkEscalationForce" -> hotForce = force(value);
                        case "weather.heightStopForce" -> heightForce = force(value);
                        case "weather.liftingStopForce" -> liftingForce = force(value);
                        case "weather.readingMaxAge" -> windAge = duration(value);
                        default -> problems.add("unknown key " + key);
                    }
                }
            } catch (RuntimeException e) {
                problems.add(key + " = '" + value + "' cannot be read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new LooseningProfileException(siteId, problems);
        }
        RuleLimits limits;
        try {
            limits = new RuleLimits(
                    new ValidityLimits(validity, tempPowerSpecial),
                    new GasLimits(maxAge, sampleDistance, combustibleHigh, combustibleLow, o2Min, o2Max, o2EnrichedMax,
                            oel, retestHigh, retestOther, monitoring, extraGases),
                    new CredentialLimits(certValidity, reviewInterval, extendedReview, reviewWarningDays, offJob),
                    new WeatherLimits(hotForce, heightForce, liftingForce, windAge),
                    new ExtraApprovals(approvals),
                    base.simops().with(simopsChanges));
        } catch (IllegalArgumentException e) {
            throw new LooseningProfileException(siteId, List.of(e.getMessage()));
        }
        return new SiteRuleProfile(siteId, name, limits);
    }

    private static WorkTypeGrade workTypeGrade(String text) {
        String[] parts = text.split("\\.");
        if (parts.length > 2) {
            throw new IllegalArgumentException("expected WORK_TYPE or WORK_TYPE.GRADE");
        }
        WorkType type = WorkType.valueOf(parts[0].toUpperCase(Locale.ROOT));
        Grade grade = parts.length == 2 ? Grade.valueOf(parts[1].toUpperCase(Locale.ROOT)) : null;
        return new WorkTypeGrade(type, grade);
    }

    private static Set<ApproverRole> roles(String text) {
        Set<ApproverRole> result = EnumSet.noneOf(ApproverRole.class);
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                result.add(ApproverRole.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            }
        }
        return result;
    }

    /** {@code kind,lel,molarMass}, e.g. {@code COMBUSTIBLE+TOXIC,3.6,62.5} for vinyl chloride. */
    private static Gas gas(String id, String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected ROLE[+ROLE],lelPercentVv,molarMass");
        }
        Set<GasRole> roles = EnumSet.noneOf(GasRole.class);
        for (String role : parts[0].split("\\+")) {
            roles.add(GasRole.valueOf(role.strip().toUpperCase(Locale.ROOT)));
        }
        BigDecimal lel = parts[1].isBlank() ? null : positive(parts[1].strip());
        return new Gas(id, List.of(), roles, lel, positive(parts[2].strip()));
    }

    private static Duration duration(String text) {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected an ISO-8601 duration such as PT8H or P7D");
        }
    }

    private static BigDecimal positive(String text) {
        BigDecimal value = new BigDecimal(text);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return value;
    }

    private static int force(String text) {
        int force = Integer.parseInt(text);
        if (force < 0 || force > 12) {
            throw new IllegalArgumentException("a Beaufort force is 0..12");
        }
        return force;
    }
}
