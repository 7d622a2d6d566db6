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

/** Every rejection case of a route file, with the line, column and message a team sees (no Spring, no servers). */
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
        return validator.validate("t.camel.yaml", yaml, KNOWN);
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
        for (String file : new String[] {"../routes/error-handling.camel.yaml", "../routes/permit-commands.camel.yaml",
                "../routes/examples/fire-alarm-panel.camel.yaml", "../routes/examples/contractor-workers-csv.camel.yaml"}) {
            var report = validator.validate(file, Files.readString(Path.of(file)), KNOWN);
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
}
