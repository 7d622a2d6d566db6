package org.permithub.hub.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar's {@code routes validate}, as a team's CI runs it: no hub starts, the exit code is
 * the verdict; team rules unless {@code --hub}.
 */
class RoutesValidateJarIT {

    @TempDir
    Path dir;

    private record Result(int code, String output) {}

    private Result validate(String... files) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-jar", Path.of("target", "permit-hub.jar").toAbsolutePath().toString(), "routes", "validate"));
        command.addAll(List.of(files));
        command.addAll(List.of("--routes-dir", "../routes"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void exitCodesOfTheBuiltJar() throws Exception {
        Result hub = validate("../routes/permit-commands.camel.yaml", "--hub");
        assertThat(hub.code()).as(hub.output()).isZero();
        assertThat(hub.output()).contains("all route files valid");
        Result team = validate("../routes/examples/contractor-workers-csv.camel.yaml", "../routes/examples/fire-alarm-panel.camel.yaml");
        assertThat(team.code()).as(team.output()).isZero();
        // a team's CI checks with the team rules: the hub's own intake route is not a team file
        Result hubFileAsTeam = validate("../routes/permit-commands.camel.yaml");
        assertThat(hubFileAsTeam.code()).as(hubFileAsTeam.output()).isEqualTo(1);
        assertThat(hubFileAsTeam.output()).contains("bean 'permitCommandIntake' is not on the allow-list of team route files");

        Path bad = dir.resolve("bad.camel.yaml");
        Files.writeString(bad, """
                - route:
                    id: wipe
                    routeConfigurationId: kafka-intake-errors
                    from:
                      uri: "timer:x"
                      steps:
                        - to: "sql:delete from permits"
                """);
        Result rejected = validate(bad.toString());
        assertThat(rejected.code()).as(rejected.output()).isEqualTo(1);
        assertThat(rejected.output()).contains(bad + ":7:15: component 'sql' is not allowed: raw SQL");
    }
}
