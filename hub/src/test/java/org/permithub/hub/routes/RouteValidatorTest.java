package org.permithub.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permithub.hub.cli.RoutesCommand;

/**
 * Every rejection case of a route file, with the line, column and message a team sees (no Spring,
 * no servers). {@link #check} applies the rules of the hub's own files ({@link RouteOrigin#HUB}),
 * {@link #team} those of an IT team's file ({@link RouteOrigin#TEAM}), whose id is "t".
 */
class RouteValidatorTest {

    private static final Set<String> KNOWN = Set.of("kafka-intake-errors", "inbound-errors", "api-errors");
    private static DefaultCamelContext camel;
    private static RouteValidator validator;

    @BeforeAll
    static void validator() {
        camel = new DefaultCamelContext();
        validator = RoutesCommand.validator(camel);
    }

    @AfterAll
    static void close() throws Exception {
        camel.close();
    }

    private static RouteValidator.Report check(String yaml) {
        return validator.validate("t.camel.yaml", yaml, KNOWN, RouteOrigin.HUB);
    }

    private static RouteValidator.Report team(String yaml) {
        return validator.validate("t.camel.yaml", yaml, KNOWN, RouteOrigin.TEAM);
    }

    /** A route around the given steps (lines 6+). */
    private static String route(String from, String steps) {
        return """
                - route:
                    id: r1
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "%s"
                      steps:
                %s""".formatted(from, steps.indent(8));
    }

    private static void assertProblem(RouteValidator.Report report, int line, String text) {
        assertThat(report.valid()).as("valid").isFalse();
        assertThat(report.problems()).as(report.problems().toString())
                .anySatisfy(p -> {
                    assertThat(p.message()).contains(text);
                    assertThat(p.line()).isEqualTo(line);
                    assertThat(p.column()).isPositive();
                    assertThat(p.file()).isEqualTo("t.camel.yaml");
                });
    }

    @Test
    void theShippedRouteFilesAndTheGuideExamplesAreValid() throws Exception {
        for (String file : new String[] {"../routes/error-handling.camel.yaml", "../routes/permit-commands.camel.yaml"}) {
            var report = validator.validate(file, Files.readString(Path.of(file)), KNOWN, RouteOrigin.HUB);
            assertThat(report.problems()).as(file).isEmpty();
        }
        // the guide's examples are what an IT team writes: valid under the team rules
        for (String file : new String[] {"../routes/examples/fire-alarm-panel.camel.yaml",
                "../routes/examples/contractor-workers-csv.camel.yaml"}) {
            var report = validator.validate(file, Files.readString(Path.of(file)), KNOWN, RouteOrigin.TEAM);
            assertThat(report.problems()).as(file).isEmpty();
        }
    }

    @Test
    void aValidKameletRouteNamesItsRoutes() {
        var report = check(route("kamelet:permit-event-source?groupId=erp-status&workType=HOT_WORK", """
                - log: "${body}"
                """));
        assertThat(report.problems()).isEmpty();
        assertThat(report.routeIds()).containsExactly("r1");
        assertThat(report.sha256()).hasSize(64);
    }

    @Test
    void notYaml() {
        assertProblem(check("- route:\n    id: [unclosed\n"), 3, "not valid YAML");
    }

    @Test
    void schemaViolationIsReportedAtItsLine() {
        assertProblem(check(route("timer:tick?period=1000", """
                - tooo:
                    uri: log:x
                """)), 7, "YAML DSL schema");
    }

    @Test
    void everyRouteNeedsAnIdAndAnExistingRouteConfiguration() {
        assertProblem(check("""
                - route:
                    from:
                      uri: timer:tick
                      steps:
                        - log: hi
                """), 1, "every route needs an id");
        assertProblem(check("""
                - route:
                    id: r1
                    from:
                      uri: timer:tick
                      steps:
                        - log: hi
                """), 1, "needs a routeConfigurationId");
        assertProblem(check("""
                - route:
                    id: r1
                    routeConfigurationId: no-such-errors
                    from:
                      uri: timer:tick
                      steps:
                        - log: hi
                """), 3, "routeConfigurationId 'no-such-errors' does not exist");
    }

    @Test
    void aRouteWithoutTheRouteWrapperIsRefused() {
        assertProblem(check("""
                - from:
                    uri: timer:tick
                    steps:
                      - log: hi
                """), 1, "'from' is not allowed at the top");
    }

    @Test
    void beansCannotBeDeclared() {
        assertProblem(check("""
                - beans:
                    - name: evil
                      type: java.lang.ProcessBuilder
                """), 1, "beans create arbitrary Java objects");
    }

    @Test
    void execIsDenied() {
        assertProblem(check(route("timer:tick", """
                - to: "exec:rm?args=-rf /"
                """)), 7, "component 'exec' is not allowed: it runs operating-system commands");
    }

    @Test
    void rawSqlAgainstTheHubDatabaseIsDenied() {
        assertProblem(check(route("timer:tick", """
                - to:
                    uri: "sql:delete from permits"
                """)), 8, "raw SQL against the hub's database is not allowed");
        assertProblem(check(route("timer:tick", """
                - to: "jdbc:dataSource"
                """)), 7, "raw SQL");
    }

    @Test
    void sendingIntoHubInternalRoutesIsDeniedButADirectEntryPointIsFine() {
        assertProblem(check(route("timer:tick", """
                - to: "direct:putSite"
                """)), 7, "sending to 'direct:putSite' is not allowed: the hub's internal routes are reached through Kamelets");
        assertThat(check(route("direct:notify-managers", """
                - log: "${body}"
                """)).problems()).isEmpty();
    }

    @Test
    void deadLetterEndpointsAreCheckedLikeAnyOther() {
        assertProblem(check("""
                - routeConfiguration:
                    id: sneaky-errors
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: "exec:rm"
                """), 5, "component 'exec' is not allowed");
    }

    @Test
    void placeholdersMayStandWhereTheSchemaWantsANumber() {
        assertThat(check("""
                - routeConfiguration:
                    id: tuned-errors
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: "log:dead"
                        redeliveryPolicy:
                          maximumRedeliveries: "{{permit-hub.outbox.batch-size}}"
                          useCollisionAvoidance: true
                """).problems()).isEmpty();
    }

    @Test
    void aComponentOffTheAllowListIsRefused() {
        assertProblem(check(route("timer:tick", """
                - to: "ftp:host/dir"
                """)), 7, "component 'ftp' is not allowed: it is not on the allow-list");
    }

    @Test
    void fileOutsideTheAllowedFoldersIsDenied() {
        assertProblem(check(route("file:/etc?noop=true", """
                - log: "${body}"
                """)), 5, "is outside the allowed folders");
        assertProblem(check(route("file:data/inbox/../../secrets", """
                - log: "${body}"
                """)), 5, "is outside the allowed folders");
        assertThat(check(route("file:data/inbox/contractors?noop=true", """
                - log: "${body}"
                """)).problems()).isEmpty();
    }

    @Test
    void arbitraryBeansProcessorsAndClassesAreDenied() {
        assertProblem(check(route("timer:tick", """
                - bean:
                    ref: jdbcTemplate
                    method: execute
                """)), 8, "bean 'jdbcTemplate' is not on the allow-list");
        assertProblem(check(route("timer:tick", """
                - bean:
                    beanType: java.lang.Runtime
                """)), 8, "with a Java class is not allowed");
        assertProblem(check(route("timer:tick", """
                - process:
                    ref: routeDeployments
                """)), 8, "bean 'routeDeployments' is not on the allow-list");
        assertProblem(check(route("timer:tick", """
                - setBody:
                    method:
                      ref: dataSource
                      method: getConnection
                """)), 9, "bean 'dataSource' is not on the allow-list");
        assertProblem(check(route("timer:tick", """
                - to: "class:java.lang.Runtime"
                """)), 7, "component 'class' is not allowed");
        assertThat(check(route("timer:tick", """
                - bean:
                    ref: permitCommandIntake
                    method: handle
                """)).problems()).isEmpty();
    }

    @Test
    void scriptingLanguagesAndBeanCallsInSimpleAreDenied() {
        assertProblem(check(route("timer:tick", """
                - setBody:
                    groovy: "'rm -rf /'.execute()"
                """)), 8, "expression language 'groovy' is not allowed");
        assertProblem(check(route("timer:tick", """
                - setBody:
                    simple: "${bean:dataSource.getConnection}"
                """)), 8, "is not allowed (matches");
        assertProblem(check(route("timer:tick", """
                - setBody:
                    simple: "${camelContext.stop()}"
                """)), 8, "reaches beans, the Camel context");
        assertProblem(check(route("timer:tick", """
                - log: "{{spring.datasource.password}}"
                """)), 7, "is not allowed (matches");
    }

    @Test
    void dynamicEndpointsAreDenied() {
        assertProblem(check(route("timer:tick", """
                - toD: "${header.target}"
                """)), 7, "is computed per message");
        assertProblem(check(route("timer:tick", """
                - recipientList:
                    simple: "${header.targets}"
                """)), 7, "recipientList computes its endpoints per message");
    }

    @Test
    void endpointOptionsAreCheckedAgainstTheComponent() {
        assertProblem(check(route("kafka:orders?groupIdd=x", """
                - log: hi
                """)), 5, "unknown option 'groupIdd' of kafka");
        assertProblem(check("""
                - route:
                    id: r1
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "timer:tick"
                      parameters:
                        period: soon
                      steps:
                        - log: hi
                """), 7, "option 'period' must be");
    }

    @Test
    void kameletsAreCheckedAgainstTheCatalogAndTheirSchema() {
        assertProblem(check(route("kamelet:no-such-source", """
                - log: hi
                """)), 5, "unknown Kamelet 'no-such-source' (catalog: ");
        assertProblem(check(route("kamelet:permit-event-source", """
                - log: hi
                """)), 5, "Kamelet 'permit-event-source' needs parameter 'groupId' (Consumer group)");
        assertProblem(check(route("kamelet:permit-event-source?groupId=g&workType=KNITTING", """
                - log: hi
                """)), 5, "parameter 'workType'");
        assertProblem(check("""
                - route:
                    id: r1
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "kamelet:permit-event-source"
                      parameters:
                        groupId: g
                        sitee: yt-plant-1
                      steps:
                        - log: hi
                """), 8, "has no parameter 'sitee'");
        assertProblem(check(route("timer:tick", """
                - to: "kamelet:permit-event-source?groupId=g"
                """)), 7, "is a source: use it in 'from'");
        assertProblem(check(route("kamelet:alarm-sink", """
                - log: hi
                """)), 5, "it cannot start a route");
    }

    @Test
    void kafkaConsumersMustCommitOnlyWhatTheyProcessed() {
        assertProblem(check(route("kafka:orders?groupId=g", """
                - log: hi
                """)), 5, "autoCommitEnable");
    }

    // ---- TEAM files (permit-hub.routes.team.*) ----

    @Test
    void aTeamFileWithItsOwnNamesTopicsAndGroupsIsValid() {
        var report = team("""
                - routeConfiguration:
                    id: t.errors
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: "seda:t.dead-letters"
                - route:
                    id: t-erp-status
                    routeConfigurationId: t.errors
                    from:
                      uri: "kamelet:permit-event-source?groupId=erp-permit-status&workType=HOT_WORK"
                      steps:
                        - to: "direct:t.hand-over"
                - route:
                    id: t-hand-over
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "direct:t.hand-over"
                      steps:
                        - to:
                            uri: "kafka:erp.permit-status"
                        - to:
                            uri: "paho-mqtt5:site/yt-plant-1/board/b1/permit"
                            parameters:
                              clientId: erp-board-publisher
                - route:
                    id: t-erp-orders
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "kafka:erp.orders"
                      parameters:
                        groupId: erp-orders
                        autoCommitEnable: false
                        allowManualCommit: true
                      steps:
                        - to: "kamelet:permit-action-sink"
                - route:
                    id: t-door-watch
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "paho-mqtt5:$share/erp-doors/site/+/door/+/event"
                      steps:
                        - to: "seda:t.door-events"
                """);
        assertThat(report.problems()).isEmpty();
        assertThat(report.routeIds()).containsExactly("t-erp-status", "t-hand-over", "t-erp-orders", "t-door-watch");
        assertThat(report.routeConfigurationIds()).containsExactly("t.errors");
    }

    @Test
    void theHubsBeansAreForTheHubsOwnFilesOnly() {
        String yaml = route("timer:tick", """
                - bean:
                    ref: permitCommandIntake
                    method: handle
                """);
        assertThat(check(yaml).problems()).isEmpty();
        assertProblem(team(yaml), 8, "bean 'permitCommandIntake' is not on the allow-list of team route files (the hub's beans"
                + " are reached through its Kamelets; permit-hub.routes.team.allowed-beans: none)");
        assertProblem(team(route("timer:tick", """
                - to: "bean:doorCommands"
                """)), 7, "bean 'doorCommands' is not on the allow-list of team route files");
    }

    @Test
    void theHubsInternalRoutesAreForTheHubsOwnFilesOnly() {
        String yaml = route("timer:tick", """
                - to: "direct:contractor-worker"
                """);
        assertThat(check(yaml).problems()).isEmpty();
        assertProblem(team(yaml), 7, "'direct:' name 'contractor-worker' is not allowed in a team route file: a team file's own"
                + " names start with its file id and a dot ('t....')");
        assertProblem(team(yaml), 7, "(rule: team own names)");
        // nor may a team file take over one of the hub's entry points or queues
        assertProblem(team(route("direct:notify-managers", """
                - log: "${body}"
                """)), 5, "'direct:' name 'notify-managers' is not allowed in a team route file");
        assertProblem(team(route("seda:site-alarms", """
                - log: "${body}"
                """)), 5, "'seda:' name 'site-alarms' is not allowed in a team route file");
        assertProblem(team(route("timer:tick", """
                - to: "seda:site-alarms"
                """)), 7, "'seda:' name 'site-alarms' is not allowed");
        assertThat(team(route("timer:tick", """
                - to: "seda:t.buffer"
                """)).problems()).isEmpty();
    }

    @Test
    void aTeamRouteConfigurationCarriesTheFileId() {
        assertProblem(team("""
                - routeConfiguration:
                    id: inbound-errors
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: "log:dead"
                """), 2, "routeConfiguration id 'inbound-errors' is not allowed in a team route file");
    }

    @Test
    void aTeamFileNeitherProducesToNorConsumesTheHubsKafkaTopics() {
        assertProblem(team(route("timer:tick", """
                - to: "kafka:permit.events"
                """)), 7, "producing to kafka topic 'permit.events' is not allowed in a team route file: it is the hub's"
                + " (permit-hub.routes.team.reserved-kafka-topics: permit.commands, permit.command-results, permit.events");
        assertProblem(team(route("timer:tick", """
                - to: "kafka:{{permit-hub.kafka.topics.commands}}"
                """)), 7, "producing to kafka topic 'permit.commands' is not allowed");
        assertProblem(team(route("timer:tick", """
                - to: "kafka:permit.audit"
                """)), 7, "prefix 'permit.', permit-hub.routes.team.reserved-kafka-topic-prefixes");
        assertProblem(team(route("kafka:credential.events?groupId=erp-credentials&autoCommitEnable=false&allowManualCommit=true", """
                - log: "${body}"
                """)), 5, "consuming from kafka topic 'credential.events' is not allowed in a team route file");
        assertProblem(team(route("kafka:erp.orders,__consumer_offsets?groupId=erp-orders&autoCommitEnable=false&allowManualCommit=true", """
                - log: "${body}"
                """)), 5, "consuming from kafka topic '__consumer_offsets' is not allowed");
        assertProblem(team(route("kafka:erp[.].*?topicIsPattern=true&groupId=erp-orders&autoCommitEnable=false&allowManualCommit=true", """
                - log: "${body}"
                """)), 5, "option 'topicIsPattern' is not allowed in a team route file");
        // the hub's own files do produce to its topics
        assertThat(check(route("timer:tick", """
                - to: "kafka:permit.events"
                """)).problems()).isEmpty();
    }

    @Test
    void aTeamFileMayNotJoinTheHubsConsumerGroups() {
        assertProblem(team(route("kafka:erp.orders?groupId=permit-hub-intake&autoCommitEnable=false&allowManualCommit=true", """
                - log: "${body}"
                """)), 5, "kafka consumer group 'permit-hub-intake' is not allowed in a team route file: group ids starting with"
                + " 'permit-hub' are the hub's, and a member of its group takes records from it"
                + " (permit-hub.routes.team.reserved-kafka-group-prefixes: permit-hub)");
        // through the permit-event-source Kamelet it would take the door commands' events
        assertProblem(team(route("kamelet:permit-event-source?groupId=permit-hub-door-commands", """
                - log: "${body}"
                """)), 5, "kafka consumer group 'permit-hub-door-commands' is not allowed");
    }

    @Test
    void aTeamFileMayNotPublishToTheHubsCommandOrDeviceTopics() {
        assertProblem(team(route("timer:tick", """
                - to: "paho-mqtt5:site/x/door/d1/cmd"
                """)), 7, "publishing to MQTT topic 'site/x/door/d1/cmd' is not allowed in a team route file: it reaches the"
                + " hub's reserved topic 'site/+/door/#' (doors and site alarms are commanded only by the hub, after its"
                + " permit checks, and only devices publish the readings and events the hub acts on;"
                + " permit-hub.routes.team.reserved-mqtt-publish-topics: site/+/door/#, site/+/alarm/#, site/+/gas/#, site/+/ai/#)");
        // nor forge a device's reading or event: the hub would suspend permits on it
        assertProblem(team(route("timer:tick", """
                - to: "paho-mqtt5:site/x/gas/g1"
                """)), 7, "publishing to MQTT topic 'site/x/gas/g1' is not allowed in a team route file: it reaches the"
                + " hub's reserved topic 'site/+/gas/#'");
        assertProblem(team(route("timer:tick", """
                - to: "paho-mqtt5:site/x/door/d1/event"
                """)), 7, "reaches the hub's reserved topic 'site/+/door/#'");
        // a wildcard that covers a command topic is refused as well
        assertProblem(team(route("timer:tick", """
                - to:
                    uri: "paho-mqtt5:site/+/alarm/#"
                """)), 8, "reaches the hub's reserved topic 'site/+/alarm/#'");
        assertProblem(team(route("timer:tick", """
                - to: "paho-mqtt5:site/yt-plant-1/alarm/horn%2D1/cmd"
                """)), 7, "publishing to MQTT topic 'site/yt-plant-1/alarm/horn-1/cmd' is not allowed");
        // nor as the last will of any of its clients
        assertProblem(team(route("paho-mqtt5:site/x/fire-panel/+/events?willTopic=site/x/door/d1/cmd&willPayload=OPEN", """
                - log: "${body}"
                """)), 5, "a last-will message on MQTT topic 'site/x/door/d1/cmd' is not allowed");
        // nor by redirecting an innocent endpoint with the override header
        assertProblem(team(route("timer:tick", """
                - setHeader:
                    name: CamelPahoMqtt5OverrideTopic
                    constant: site/x/door/d1/cmd
                - to: "paho-mqtt5:erp/board"
                """)), 8, "setting header 'CamelPahoMqtt5OverrideTopic' is not allowed in a team route file: it"
                + " redirects an endpoint or a Kamelet's call past the checks of its uri"
                + " (permit-hub.routes.team.denied-headers: CamelPahoMqtt5OverrideTopic, kafka.OVERRIDE_TOPIC");
        assertProblem(team(route("timer:tick", """
                - setHeaders:
                    headers:
                      - name: kafka.override_topic
                        constant: permit.commands
                - to: "kafka:erp.orders"
                """)), 9, "setting header 'kafka.override_topic' is not allowed");
        // subscribing to them (not shared) only reads; the hub publishes them itself
        assertThat(check(route("timer:tick", """
                - to: "paho-mqtt5:site/x/door/d1/cmd"
                """)).problems()).isEmpty();
    }

    @Test
    void aTeamFileMayNotUseTheHubsSharedSubscriptionsOrClientIds() {
        assertProblem(team(route("paho-mqtt5:$share/permit-hub/site/+/gas/+", """
                - log: "${body}"
                """)), 5, "MQTT shared subscription '$share/permit-hub/' is not allowed in a team route file: it is the hub's"
                + " group, and the broker would hand the hub's messages to this route instead"
                + " (permit-hub.routes.team.reserved-mqtt-shared-groups: permit-hub)");
        assertProblem(team(route("paho-mqtt5:site/x/fire-panel/+/events?clientId=permit-hub-1-gas", """
                - log: "${body}"
                """)), 5, "MQTT client id 'permit-hub-1-gas' is not allowed in a team route file: ids starting with"
                + " 'permit-hub' are the hub's, and the broker disconnects a client when another connects with its id"
                + " (permit-hub.routes.team.reserved-mqtt-client-id-prefixes: permit-hub");
    }

    @Test
    void aTeamFileReachesExternalSystemsThroughConnectorKamelets() {
        String yaml = route("timer:tick", """
                - to: "https://erp.example.com/api/permits"
                """);
        assertProblem(team(yaml), 7, "component 'https' is not allowed in a team route file: external systems are reached"
                + " through the connector Kamelets (timeouts, circuit breaker, bulkhead, credentials from the hub's"
                + " configuration); a plain HTTP call has none of them and can reach the hub's management port and"
                + " internal network (permit-hub.routes.team.allowed-components: kamelet, kafka, paho-mqtt5");
        assertThat(check(yaml).problems()).isEmpty();
    }

    @Test
    void aTeamFileRefersToNoBeanOfTheHub() {
        assertProblem(team(route("timer:tick", """
                - to:
                    uri: "kafka:erp.orders"
                    parameters:
                      headerFilterStrategy: "#kafkaHeaderFilterStrategy"
                """)), 10, "option 'headerFilterStrategy' refers to '#kafkaHeaderFilterStrategy': a team route file may refer"
                + " only to its own beans (permit-hub.routes.team.allowed-beans: none)");
    }

    @Test
    void aTeamFileUsesOnlyTheTeamFolders() {
        String yaml = route("file:{{permit-hub.credentials.contractor-drop-dir}}", """
                - log: "${body}"
                """);
        assertThat(check(yaml).problems()).isEmpty();
        assertProblem(team(yaml), 5, "is outside the allowed folders of team route files (permit-hub.routes.team.allowed-file-dirs: ");
        assertProblem(team(route("timer:tick", """
                - to: "file:data/outbox-files/erp?jailStartingDirectory=false"
                """)), 7, "file option 'jailStartingDirectory' must stay true in a team route file");
        assertThat(team(route("file:data/inbox/erp?noop=true", """
                - to: "file:data/outbox-files/erp"
                """)).problems()).isEmpty();
    }

    @Test
    void aTeamFileReadsOnlyTheSettingsMeantForIt() {
        String yaml = route("timer:tick", """
                - setBody:
                    constant: "{{permit-hub.connectors.notification.token}}"
                - log: "${body}"
                """);
        assertThat(check(yaml).problems()).isEmpty();
        assertProblem(team(yaml), 8, "placeholder '{{permit-hub.connectors.notification.token}}' is not allowed in a team"
                + " route file: the hub's settings hold secrets; a team file reads only"
                + " (permit-hub.routes.team.allowed-placeholders: permit-hub.data-dir, permit-hub.mqtt.broker-url");
        assertProblem(team(route("timer:tick", """
                - kamelet:
                    name: notification-sink
                    parameters:
                      token: "{{?permit-hub.gov-platform.app-secret}}"
                """)), 10, "placeholder '{{permit-hub.gov-platform.app-secret}}' is not allowed");
        assertThat(team(route("timer:tick?period={{team.erp.poll-period:60000}}", """
                - log: "{{permit-hub.data-dir}}"
                """)).problems()).isEmpty();
    }

    @Test
    void mqttTopicFiltersOverlapWhenOneTopicMatchesBoth() {
        assertThat(RouteValidator.mqttOverlap("site/x/door/d1/cmd", "site/+/door/+/cmd")).isTrue();
        assertThat(RouteValidator.mqttOverlap("site/#", "site/+/door/+/cmd")).isTrue();
        assertThat(RouteValidator.mqttOverlap("#", "site/+/door/+/cmd")).isTrue();
        assertThat(RouteValidator.mqttOverlap("+/+/+/+/+", "site/+/door/+/cmd")).isTrue();
        assertThat(RouteValidator.mqttOverlap("site/x/door/d1/cmd/#", "site/+/door/+/cmd")).isTrue(); // '#' covers its parent
        assertThat(RouteValidator.mqttOverlap("site/x/door/d1/event", "site/+/door/+/cmd")).isFalse();
        assertThat(RouteValidator.mqttOverlap("site/x/door/d1/cmd/ack", "site/+/door/+/cmd")).isFalse();
        assertThat(RouteValidator.mqttOverlap("site/x/door/cmd", "site/+/door/+/cmd")).isFalse();
    }
}
