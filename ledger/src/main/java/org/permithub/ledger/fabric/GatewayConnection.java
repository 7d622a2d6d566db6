package org.permithub.ledger.fabric;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gRPC channel to the peer and the Gateway on top of it. The channel is the expensive part (TCP, TLS,
 * HTTP/2) and is shared by every call and by the event listener; the Gateway only holds identity and
 * defaults.
 */
final class GatewayConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);

    /** Blocks returned by qscc can be large; Fabric's own limit is 100 MiB. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final ManagedChannel channel;
    private final Gateway gateway;
    private final Network network;
    private final Contract contract;

    private GatewayConnection(ManagedChannel channel, Gateway gateway, Network network, Contract contract) {
        this.channel = channel;
        this.gateway = gateway;
        this.network = network;
        this.contract = contract;
    }

    static GatewayConnection open(FabricLedgerSettings settings) {
        final X509Certificate certificate;
        final PrivateKey privateKey;
        try {
            certificate = readCertificate(settings.certificatePath());
            privateKey = readPrivateKey(settings.privateKeyPath());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the Fabric client identity: " + e.getMessage(), e);
        }
        final ManagedChannel channel = newChannel(settings);
        try {
            final FabricLedgerSettings.Deadlines deadlines = settings.deadlines();
            final Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(settings.mspId(), certificate))
                    .signer(Signers.newPrivateKeySigner(privateKey))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(deadline(deadlines.evaluate()))
                    .endorseOptions(deadline(deadlines.endorse()))
                    .submitOptions(deadline(deadlines.submit()))
                    .commitStatusOptions(deadline(deadlines.commitStatus()))
                    .connect();
            final Network network = gateway.getNetwork(settings.channel());
            LOG.info(
                    "Fabric Gateway client for {} on channel {}, chaincode {}, as {} ({})",
                    settings.endpoint(),
                    settings.channel(),
                    settings.chaincodeName(),
                    settings.mspId(),
                    settings.tls() ? "TLS" : "plaintext");
            return new GatewayConnection(channel, gateway, network, network.getContract(settings.chaincodeName()));
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    Gateway gateway() {
        return gateway;
    }

    Network network() {
        return network;
    }

    Contract contract() {
        return contract;
    }

    /** Shuts the channel down; calls still running fail with UNAVAILABLE or CANCELLED. */
    @Override
    public void close() {
        gateway.close();
        channel.shutdownNow();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("gRPC channel to the Fabric peer did not terminate within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ManagedChannel newChannel(FabricLedgerSettings settings) {
        final ChannelCredentials credentials;
        if (settings.tls()) {
            try {
                credentials = TlsChannelCredentials.newBuilder()
                        .trustManager(settings.tlsCaCertificatePath().toFile())
                        .build();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read the TLS CA certificate " + settings.tlsCaCertificatePath(), e);
            }
        } else {
            credentials = InsecureChannelCredentials.create();
        }
        final ManagedChannelBuilder<?> builder =
                Grpc.newChannelBuilder(settings.endpoint(), credentials).maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
        if (settings.tlsAuthorityOverride() != null) {
            builder.overrideAuthority(settings.tlsAuthorityOverride());
        }
        return builder.build();
    }

    private static UnaryOperator<CallOptions> deadline(Duration timeout) {
        return options -> options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static X509Certificate readCertificate(Path path) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(singleFile(path))) {
            return Identities.readX509Certificate(reader);
        }
    }

    private static PrivateKey readPrivateKey(Path path) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(singleFile(path))) {
            return Identities.readPrivateKey(reader);
        }
    }

    /**
     * A file, or a directory holding exactly one file: Fabric MSP folders keep the certificate in
     * {@code signcerts/} and the key in {@code keystore/} under generated names.
     */
    static Path singleFile(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return path;
        }
        try (Stream<Path> entries = Files.list(path)) {
            final List<Path> files = entries.filter(Files::isRegularFile).toList();
            if (files.size() != 1) {
                throw new IOException(path + " must hold exactly one file, holds " + files.size());
            }
            return files.get(0);
        }
    }
}
