package org.permithub.hub.alarm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code permit-hub.alarms.*}: how far the three-level response goes for each gas and each camera
 * behaviour. Level 1 = on-site sound/light command; 2 = also the managers' notification and the
 * live feed; 3 = also SUSPEND of the zone's ACTIVE permits and their door grants revoked.
 *
 * @param gasLevels gas id (catalog id: CH4, O2, H2S, CO …) to level
 * @param defaultGasLevel level for a gas not listed
 * @param behaviourLevels AI camera behaviour to level; the keys are also the behaviours accepted
 * @param minConfidence camera alerts below this confidence are ignored
 * @param repeatAfter the same alarm (site, zone, source, kind) within this time raises levels 1–2 again only after it
 * @param silenceAlertAfter an MQTT feed route that is up but received nothing for this long raises an alert
 */
@ConfigurationProperties("permit-hub.alarms")
public record AlarmProperties(Map<String, Integer> gasLevels, Integer defaultGasLevel,
        Map<String, Integer> behaviourLevels, Double minConfidence, Integer externalLevel, Duration repeatAfter,
        Duration silenceAlertAfter, List<String> watchedRoutes) {

    public AlarmProperties {
        gasLevels = gasLevels == null ? Map.of() : Map.copyOf(gasLevels);
        behaviourLevels = behaviourLevels == null ? Map.of() : Map.copyOf(behaviourLevels);
        defaultGasLevel = defaultGasLevel == null ? 3 : defaultGasLevel;
        externalLevel = externalLevel == null ? 2 : externalLevel;
        minConfidence = minConfidence == null ? 0.6 : minConfidence;
        repeatAfter = repeatAfter == null ? Duration.ofSeconds(30) : repeatAfter;
        silenceAlertAfter = silenceAlertAfter == null ? Duration.ofMinutes(10) : silenceAlertAfter;
        watchedRoutes = watchedRoutes == null ? List.of() : List.copyOf(watchedRoutes);
    }

    public int levelForGas(String gasId) {
        return gasLevels.getOrDefault(gasId, defaultGasLevel);
    }
}
