package org.permithub.ledger.fabric.testpeer;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.contract.ContractInterface;
import org.permithub.contracts.PermitAnchorContract;

/**
 * A Fabric peer reduced to what a Gateway client sees: the Gateway gRPC service (Evaluate, Endorse, Submit,
 * CommitStatus, ChaincodeEvents) on a real TCP port on the loopback interface, with one channel, one
 * organisation, and the contracts module's chaincode running against an in-memory {@link TestLedger}.
 *
 * <p>It checks what a peer checks: channel and chaincode names, the transaction id, the creator's membership
 * and ECDSA signatures on proposals, envelopes, commit-status and event requests; it simulates proposals with
 * read/write sets, orders each submitted transaction into its own block, validates endorsements and MVCC
 * versions, and serves chaincode events from committed blocks. It does not do endorsement policies across
 * organisations, private data, or block delivery (the Deliver service).
 *
 * <p>{@link #stop()} takes the listener down and keeps the ledger; {@link #start()} brings it back on the
 * same port, which is how tests play a peer outage.
 *
 * <pre>{@code
 * TestIdentity org1 = TestIdentity.generate("Org1MSP", "ca.org1");
 * try (FabricTestPeer peer = FabricTestPeer.start(FabricTestPeer.config(org1))) {
 *     TestIdentity.Pems client = org1.issue("client").writePems(dir);
 *     ... connect a Gateway client to peer.endpoint() on channel peer.channel() ...
 * }
 * }</pre>
 */
public final class FabricTestPeer implements AutoCloseable {

    public static final String DEFAULT_CHANNEL = "mychannel";
    public static final String DEFAULT_CHAINCODE = "permitanchor";

    /**
     * @param chaincodeName the name the chaincode is installed under; proposals for other names are refused
     * @param contracts the contract classes that chaincode consists of
     * @param organisation the channel's one organisation: its CA certificate is the MSP root every client and
     *     the peer itself must chain to
     * @param tls when non-null, the peer serves TLS with this identity's certificate (issued by organisation)
     */
    public record Config(
            String channel,
            String chaincodeName,
            List<Class<? extends ContractInterface>> contracts,
            TestIdentity organisation,
            TestIdentity tls) {
        public Config {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(chaincodeName, "chaincodeName");
            contracts = List.copyOf(contracts);
            Objects.requireNonNull(organisation, "organisation");
        }

        public Config withTls(TestIdentity tlsIdentity) {
            return new Config(channel, chaincodeName, contracts, organisation, tlsIdentity);
        }
    }

    /** Channel {@value #DEFAULT_CHANNEL}, the PermitAnchor chaincode as {@value #DEFAULT_CHAINCODE}, plaintext. */
    public static Config config(TestIdentity organisation) {
        return new Config(DEFAULT_CHANNEL, DEFAULT_CHAINCODE, List.of(PermitAnchorContract.class), organisation, null);
    }

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Config config;
    private final MspVerifier msp;
    private final PeerIdentity peerIdentity;
    private final TestLedger ledger;
    private final ChaincodeRunner chaincode;
    private final ExecutorService eventStreams;
    private Server server;
    private GatewayService service;
    private volatile int port;

    private FabricTestPeer(Config config) {
        this.config = config;
        this.msp = new MspVerifier(Map.of(config.organisation().mspId(), config.organisation().certificate()));
        this.peerIdentity = new PeerIdentity(config.organisation().issue("peer0"));
        this.ledger = new TestLedger(config.channel(), msp, msp);
        this.chaincode = new ChaincodeRunner(config.contracts());
        final int instance = INSTANCES.incrementAndGet();
        this.eventStreams = Executors.newCachedThreadPool(runnable -> {
            final Thread thread = new Thread(runnable, "test-peer-" + instance + "-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A started peer on a random loopback port. */
    public static FabricTestPeer start(Config config) {
        final FabricTestPeer peer = new FabricTestPeer(config);
        peer.start();
        return peer;
    }

    /** Starts listening: on a random port the first time, on the same port after {@link #stop()}. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        service = new GatewayService(
                config.channel(),
                config.chaincodeName(),
                msp,
                peerIdentity,
                ledger,
                chaincode,
                eventStreams,
                this::endpoint);
        try {
            final InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            server = NettyServerBuilder.forAddress(address, credentials())
                    .addService(service)
                    .build()
                    .start();
        } catch (IOException e) {
            service = null;
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        port = server.getPort();
    }

    /** Stops listening and drops open calls, as a crashed peer would; the ledger is kept. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        service.shutdown();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
        eventStreams.shutdownNow();
    }

    /** The TCP port; 0 before the first {@link #start()}. */
    public int getPort() {
        return port;
    }

    /** {@code 127.0.0.1:port}, the Gateway client's endpoint. */
    public String endpoint() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + getPort();
    }

    public String channel() {
        return config.channel();
    }

    public String chaincodeName() {
        return config.chaincodeName();
    }

    public TestLedger ledger() {
        return ledger;
    }

    /** Proposals endorsed since the current {@link #start()}. */
    public synchronized int endorsements() {
        return service == null ? 0 : service.endorsements();
    }

    /** Transactions submitted to the orderer since the current {@link #start()}. */
    public synchronized int submissions() {
        return service == null ? 0 : service.submissions();
    }

    private ServerCredentials credentials() {
        if (config.tls() == null) {
            return InsecureServerCredentials.create();
        }
        try {
            return TlsServerCredentials.create(
                    new ByteArrayInputStream(config.tls().certificatePem().getBytes(StandardCharsets.US_ASCII)),
                    new ByteArrayInputStream(config.tls().privateKeyPem().getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
