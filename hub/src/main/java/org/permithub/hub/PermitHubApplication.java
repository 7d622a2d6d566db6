package org.permithub.hub;

import java.time.Clock;
import java.util.Arrays;
import org.permithub.hub.cli.RoutesCommand;
import org.permithub.hub.cli.TokenCommand;
import org.permithub.hub.cli.VerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The hub's entry point. {@code java -jar permit-hub.jar} runs the server; a first argument that
 * names a sub-command (e.g. {@code token}) runs that command and exits without starting anything.
 */
@SpringBootApplication(scanBasePackages = "org.permithub")
public class PermitHubApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "token".equals(args[0])) {
            System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && "verify".equals(args[0])) {
            System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && "routes".equals(args[0])) {
            System.exit(RoutesCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        SpringApplication.run(PermitHubApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
