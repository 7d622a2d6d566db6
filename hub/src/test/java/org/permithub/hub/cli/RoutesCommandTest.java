package org.permithub.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code routes validate FILE...}: the exit code a team's CI reads, and the messages it prints. */
class RoutesCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RoutesCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void validFilesExitZero() {
        int code = run("validate", "../routes/examples/fire-alarm-panel.camel.yaml",
                "../routes/examples/contractor-workers-csv.camel.yaml", "--routes-dir", "../routes");
        assertThat(code).as(out + "" + err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("rules of team route files (permit-hub.routes.* and permit-hub.routes.team.*)")
                .contains("fire-alarm-panel.camel.yaml: OK (routes fire-panel-alarms)")
                .contains("all route files valid");
    }

    @Test
    void filesAreCheckedAsTeamFilesUnlessHubIsGiven() {
        // the hub's own intake calls its bean and consumes its topic with its group: fine for the hub, not for a team
        int asTeam = run("validate", "../routes/permit-commands.camel.yaml", "--routes-dir", "../routes");
        assertThat(asTeam).as(out + "" + err).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("permit-commands.camel.yaml:8:12: consuming from kafka topic 'permit.commands' is not allowed in a team route file")
                .contains("kafka consumer group 'permit-hub-intake' is not allowed in a team route file")
                .contains("bean 'permitCommandIntake' is not on the allow-list of team route files")
                .contains("route files have problems");
        out.reset();
        int asHub = run("validate", "../routes/permit-commands.camel.yaml", "--routes-dir", "../routes", "--hub");
        assertThat(asHub).as(out + "" + err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("rules of the hub's own route files (permit-hub.routes.*)")
                .contains("permit-commands.camel.yaml: OK (routes permit-commands-intake)");
    }

    @Test
    void everyShippedRouteFileIsValid() throws Exception {
        // the hub refuses an invalid file at start-up: every file it ships must pass
        // (the examples are what a team writes: checked with the team rules, the default)
        for (String folder : new String[] {"../routes", "../routes/examples"}) {
            List<String> args = new ArrayList<>(List.of("validate"));
            try (var listing = Files.list(Path.of(folder))) {
                listing.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted()
                        .forEach(f -> args.add(f.toString()));
            }
            args.addAll(List.of("--routes-dir", "../routes"));
            if ("../routes".equals(folder)) {
                args.add("--hub");
                assertThat(args).hasSizeGreaterThan(12);
            }
            int code = run(args.toArray(String[]::new));
            assertThat(code).as(folder + ": " + out + err).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("site-alarms.camel.yaml: OK", "fire-alarm-panel.camel.yaml: OK",
                "all route files valid");
    }

    @Test
    void aFileWithProblemsExitsOneWithFileLineColumnAndMessage() throws Exception {
        Path bad = dir.resolve("bad.camel.yaml");
        Files.writeString(bad, """
                - route:
                    id: wipe
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "timer:x"
                      steps:
                        - to: "exec:rm?args=-rf /"
                """);
        int code = run("validate", "../routes/permit-commands.camel.yaml", bad.toString(), "--routes-dir", "../routes");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(bad + ":7:15: component 'exec' is not allowed: it runs operating-system commands")
                .contains("route files have problems");
    }

    @Test
    void routeConfigurationsComeFromTheRoutesFolder() throws Exception {
        Path file = dir.resolve("alarms.camel.yaml");
        Files.writeString(file, """
                - route:
                    id: ticks
                    routeConfigurationId: inbound-errors
                    from:
                      uri: "timer:x"
                      steps:
                        - log: tick
                """);
        assertThat(run("validate", file.toString(), "--routes-dir", "../routes")).isZero();
        // without the folder that defines inbound-errors the reference is dangling
        assertThat(run("validate", file.toString(), "--routes-dir", dir.resolve("none").toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("routeConfigurationId 'inbound-errors' does not exist");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(run("check", "x.camel.yaml")).isEqualTo(2);
        assertThat(run("validate", dir.resolve("missing.camel.yaml").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar permit-hub.jar routes validate");
    }
}
