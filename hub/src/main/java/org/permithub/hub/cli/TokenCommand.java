package org.permithub.hub.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.permithub.core.access.Role;
import org.permithub.hub.security.SigningKeys;
import org.permithub.hub.security.TokenIssuer;

/**
 * {@code token --role <regulator|enterprise|contractor|admin> [--jurisdiction 370600]
 * [--enterprise CODE] [--contractor ID] [--subject NAME] [--scopes "a b"] [--ttl PT12H]
 * [--data-dir ./data] [--issuer NAME]}: prints a token signed with the standalone hub's key.
 */
public final class TokenCommand {

    static final String USAGE = """
            usage: java -jar permit-hub.jar token --role <regulator|enterprise|contractor|admin>
                     [--jurisdiction 370600] [--enterprise CREDIT_CODE] [--contractor ID]
                     [--subject NAME] [--scopes "scope1 scope2"] [--ttl PT12H]
                     [--data-dir ./data] [--issuer permit-hub-standalone]""";

    private TokenCommand() {}

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("unexpected argument " + args[i]);
                err.println(USAGE);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        var role = Role.fromClaim(options.get("role"));
        if (role.isEmpty()) {
            err.println("--role is required: one of " + Arrays.toString(Role.values()).toLowerCase());
            err.println(USAGE);
            return 2;
        }
        if (role.get() == Role.REGULATOR && !options.containsKey("jurisdiction")) {
            err.println("a regulator token needs --jurisdiction (an administrative-division code such as 370600)");
            return 2;
        }
        if (role.get() == Role.ENTERPRISE && !options.containsKey("enterprise")) {
            err.println("an enterprise token needs --enterprise (its 统一社会信用代码)");
            return 2;
        }
        if (role.get() == Role.CONTRACTOR && !options.containsKey("contractor")) {
            err.println("a contractor token needs --contractor (its id)");
            return 2;
        }
        Path dataDir = Path.of(options.getOrDefault("data-dir",
                System.getenv().getOrDefault("PERMIT_HUB_DATA_DIR", "./data")));
        String issuer = options.getOrDefault("issuer", "permit-hub-standalone");
        var grant = TokenIssuer.Grant.of(role.get(), options.getOrDefault("subject", role.get().claimValue() + "-cli"))
                .jurisdiction(options.get("jurisdiction"))
                .enterprise(options.get("enterprise"))
                .contractor(options.get("contractor"));
        if (options.containsKey("scopes")) {
            grant = grant.scopes(List.of(options.get("scopes").trim().split("\\s+")));
        }
        if (options.containsKey("ttl")) {
            grant = grant.ttl(Duration.parse(options.get("ttl")));
        }
        out.println(new TokenIssuer(SigningKeys.loadOrCreate(dataDir), issuer).issue(grant));
        return 0;
    }
}
