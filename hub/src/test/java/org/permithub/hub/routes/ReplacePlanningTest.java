package org.permithub.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of a replace: which consumers two versions cannot share, and pinned Kamelet route ids. */
class ReplacePlanningTest {

    static String from(String uri, String parameters) {
        return """
                - route:
                    id: r1
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "%s"
                      parameters: {%s}
                      steps:
                        - to: "kamelet:alarm-sink"
                """.formatted(uri, parameters);
    }

    @Test
    void exclusiveConsumersAreDirectEndpointsMqttClientIdsAndNonSharedSubscriptions() {
        assertThat(ConsumerKeys.of(from("direct:panel.in", ""))).containsExactly("direct:panel.in");
        assertThat(ConsumerKeys.of(from("paho-mqtt5:site/a/fire/+/events", "clientId: c1")))
                .containsExactly("MQTT client id c1", "MQTT subscription site/a/fire/+/events");
        assertThat(ConsumerKeys.of(from("paho-mqtt5:site/a/x?clientId=c2", ""))).contains("MQTT client id c2");
        assertThat(ConsumerKeys.of(from("paho-mqtt5:$share/g/site/a/x", ""))).isEmpty();
        assertThat(ConsumerKeys.of(from("kafka:erp.orders", "groupId: g1"))).isEmpty();
        assertThat(ConsumerKeys.of(from("timer:t?period=5", ""))).isEmpty();
    }

    @Test
    void onlyWhatBothVersionsHoldForcesTheOldVersionToStopFirst() {
        assertThat(ConsumerKeys.shared(from("direct:a", ""), from("direct:a", ""))).containsExactly("direct:a");
        assertThat(ConsumerKeys.shared(from("direct:a", ""), from("direct:b", ""))).isEmpty();
        assertThat(ConsumerKeys.shared(from("timer:t", ""), from("paho-mqtt5:x/y", "clientId: c"))).isEmpty();
    }

    @Test
    void everyKameletUseGetsARouteIdOfItsOwn() {
        Map<String, Integer> uses = new HashMap<>();
        assertThat(KameletRouteIds.pinned("kamelet:alarm-sink", "r1", uses)).isEqualTo("kamelet:alarm-sink/r1.alarm-sink");
        assertThat(KameletRouteIds.pinned("kamelet:alarm-sink?x=1", "r1", uses)).isEqualTo("kamelet:alarm-sink/r1.alarm-sink-2?x=1");
        assertThat(KameletRouteIds.pinned("kamelet:alarm-sink/mine", "r1", uses)).isNull();
        assertThat(KameletRouteIds.pinned("kamelet:sink", "r1", uses)).isNull();
        assertThat(KameletRouteIds.pinned("kafka:t", "r1", uses)).isNull();

        String pinned = KameletRouteIds.pin(from("kamelet:permit-event-source", "groupId: g"));
        assertThat(YamlTree.parse(pinned).root().at("/0/route/from/uri").asText())
                .isEqualTo("kamelet:permit-event-source/r1.permit-event-source");
        assertThat(YamlTree.parse(pinned).root().at("/0/route/from/steps/0/to").asText()).isEqualTo("kamelet:alarm-sink/r1.alarm-sink");
        String plain = from("timer:t", "").replace("kamelet:alarm-sink", "log:x");
        assertThat(KameletRouteIds.pin(plain)).as("a file without Kamelets loads as written").isSameAs(plain);
    }

    @Test
    void standByIdsSuffixEveryRouteOfTheFile() {
        String standby = RouteDeployments.withRouteIds(from("timer:t", ""), RouteDeployments.STANDBY);
        assertThat(RouteDeployments.routeIdsOf(standby)).containsExactly("r1~next");
        assertThat(YamlTree.parse(standby).root().at("/0/route/from/uri").asText()).isEqualTo("timer:t");
    }
}
