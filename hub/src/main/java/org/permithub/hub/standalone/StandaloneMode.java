package org.permithub.hub.standalone;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Decides whether the hub runs standalone (embedded servers) or against external ones.
 *
 * <p>{@code permit-hub.mode} = {@code standalone} | {@code production} | {@code auto} (default): auto means
 * standalone unless {@code spring.datasource.url} is set. The resolved value (never {@code auto}) is
 * published back as {@code permit-hub.mode}, so other code can simply read that property.
 *
 * <p>Command-line sub-commands ({@code token}, {@code verify}, {@code routes}) run briefly in standalone
 * mode but need no servers; they are recognised from the program arguments, or the CLI calls
 * {@link #disable()} before {@code SpringApplication.run}.
 */
public final class StandaloneMode {

    public static final String MODE_PROPERTY = "permit-hub.mode";
    /** Published with the resolved mode: whether this context's embedded servers were started. */
    public static final String SERVERS_STARTED_PROPERTY = "permit-hub.standalone.servers-started";
    /** The first program argument (not starting with '-') that marks a CLI run. */
    public static final Set<String> CLI_COMMANDS = Set.of("token", "verify", "routes");

    private static volatile boolean disabled;

    public enum Mode {
        STANDALONE, PRODUCTION, AUTO;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private StandaloneMode() {
    }

    /**
     * Starts no embedded servers in this JVM from now on (the mode itself stays standalone). For a CLI
     * entry point that cannot pass its sub-command as the first program argument.
     */
    public static void disable() {
        disabled = true;
    }

    /** Undoes {@link #disable()}. */
    public static void enable() {
        disabled = false;
    }

    public static boolean isDisabled() {
        return disabled;
    }

    /** The mode for this environment, with {@code auto} resolved. */
    public static Mode resolve(Environment environment) {
        String configured = environment.getProperty(MODE_PROPERTY, Mode.AUTO.value()).trim();
        Mode mode;
        try {
            mode = Mode.valueOf(configured.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MODE_PROPERTY + " must be standalone, production or auto, not '"
                    + configured + "'", e);
        }
        if (mode != Mode.AUTO) {
            return mode;
        }
        return StringUtils.hasText(environment.getProperty("spring.datasource.url")) ? Mode.PRODUCTION : Mode.STANDALONE;
    }

    /** The CLI sub-command among the program arguments, if the first non-option argument is one. */
    public static boolean isCliCommand(List<String> args) {
        return args.stream()
                .filter(arg -> !arg.startsWith("-"))
                .findFirst()
                .map(CLI_COMMANDS::contains)
                .orElse(false);
    }
}
