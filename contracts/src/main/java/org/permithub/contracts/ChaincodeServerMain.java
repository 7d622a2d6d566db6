package org.permithub.contracts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServer;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Runs the contract as chaincode-as-a-service: the peer dials this process at the address in its
 * {@code connection.json}, instead of building and launching a container itself.
 *
 * <p>Environment: {@code CHAINCODE_SERVER_ADDRESS} (host:port to listen on, e.g. {@code 0.0.0.0:9999}) and
 * {@code CORE_CHAINCODE_ID_NAME} (the package id the peer printed at install, {@code label:hash}). TLS between
 * peer and chaincode is off, matching {@code "tls_required": false} in connection.json.
 */
public final class ChaincodeServerMain {

    static final String SERVER_ADDRESS_ENV = "CHAINCODE_SERVER_ADDRESS";
    static final String CHAINCODE_ID_ENV = "CORE_CHAINCODE_ID_NAME";

    private static final System.Logger LOG = System.getLogger(ChaincodeServerMain.class.getName());

    private ChaincodeServerMain() {}

    public static void main(final String[] args) throws IOException, InterruptedException {
        final Server server = create(System.getenv());
        LOG.log(System.Logger.Level.INFO, "Starting permit anchor chaincode server on {0}", server.address());
        server.router().startRouterWithChaincodeServer(server.chaincodeServer());
    }

    /** A router bound to a chaincode server that is not yet started; {@code startRouter...} blocks until stop. */
    record Server(ContractRouter router, ChaincodeServer chaincodeServer, InetSocketAddress address) {}

    /** Builds the server from the given environment; fails fast with a message naming the missing variable. */
    static Server create(final Map<String, String> env) throws IOException {
        final String id = require(env, CHAINCODE_ID_ENV);
        final InetSocketAddress address = parseAddress(require(env, SERVER_ADDRESS_ENV));
        // Passing the id as an argument makes the router independent of the process environment.
        final ContractRouter router = new ContractRouter(new String[] {"--id", id});
        final ChaincodeServerProperties properties = new ChaincodeServerProperties();
        properties.setServerAddress(address);
        properties.validate();
        return new Server(router, new NettyChaincodeServer(router, properties), address);
    }

    /** Parses {@code host:port}; an IPv6 host needs brackets, as in a URI. */
    static InetSocketAddress parseAddress(final String hostPort) {
        try {
            final URI uri = new URI("tcp://" + hostPort.trim());
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException(SERVER_ADDRESS_ENV + " must be host:port, was " + hostPort);
            }
            return new InetSocketAddress(uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(SERVER_ADDRESS_ENV + " must be host:port, was " + hostPort, e);
        }
    }

    private static String require(final Map<String, String> env, final String name) {
        final String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value.trim();
    }
}
