package org.permithub.ledger.fabric;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Fabric network: one peer's Gateway endpoint, the channel and chaincode, and the client
 * identity as PEM files.
 *
 * @param endpoint peer Gateway address, {@code host:port}
 * @param channel channel name, e.g. {@code mychannel}
 * @param chaincodeName name the chaincode was committed under, e.g. {@code permitanchor}
 * @param mspId the client's MSP id, e.g. {@code Org1MSP}
 * @param certificatePath the client's X.509 certificate (PEM)
 * @param privateKeyPath the client's EC private key (PEM, PKCS#8 or SEC1)
 * @param tlsCaCertificatePath CA certificate (PEM) that signed the peer's TLS certificate; null for plaintext
 * @param tlsAuthorityOverride host name to expect in the peer's TLS certificate when it differs from the
 *     endpoint host (a peer reached through a tunnel or by IP); null to check the endpoint host
 * @param deadlines per-stage gRPC deadlines
 * @param retry how often and how patiently to retry UNAVAILABLE and MVCC_READ_CONFLICT
 */
public record FabricLedgerSettings(
        String endpoint,
        String channel,
        String chaincodeName,
        String mspId,
        Path certificatePath,
        Path privateKeyPath,
        Path tlsCaCertificatePath,
        String tlsAuthorityOverride,
        Deadlines deadlines,
        RetryPolicy retry) {

    public FabricLedgerSettings {
        requireText(endpoint, "endpoint");
        requireText(channel, "channel");
        requireText(chaincodeName, "chaincodeName");
        requireText(mspId, "mspId");
        Objects.requireNonNull(certificatePath, "certificatePath");
        Objects.requireNonNull(privateKeyPath, "privateKeyPath");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(retry, "retry");
        if (tlsAuthorityOverride != null && tlsCaCertificatePath == null) {
            throw new IllegalArgumentException("tlsAuthorityOverride needs TLS (tlsCaCertificatePath)");
        }
    }

    /** Plaintext settings with the default deadlines and retry policy. */
    public static FabricLedgerSettings of(
            String endpoint,
            String channel,
            String chaincodeName,
            String mspId,
            Path certificatePath,
            Path privateKeyPath) {
        return new FabricLedgerSettings(
                endpoint,
                channel,
                chaincodeName,
                mspId,
                certificatePath,
                privateKeyPath,
                null,
                null,
                Deadlines.DEFAULT,
                RetryPolicy.DEFAULT);
    }

    public boolean tls() {
        return tlsCaCertificatePath != null;
    }

    public FabricLedgerSettings withTls(Path caCertificatePath, String authorityOverride) {
        return new FabricLedgerSettings(
                endpoint,
                channel,
                chaincodeName,
                mspId,
                certificatePath,
                privateKeyPath,
                caCertificatePath,
                authorityOverride,
                deadlines,
                retry);
    }

    public FabricLedgerSettings withDeadlines(Deadlines newDeadlines) {
        return new FabricLedgerSettings(
                endpoint,
                channel,
                chaincodeName,
                mspId,
                certificatePath,
                privateKeyPath,
                tlsCaCertificatePath,
                tlsAuthorityOverride,
                newDeadlines,
                retry);
    }

    public FabricLedgerSettings withRetry(RetryPolicy newRetry) {
        return new FabricLedgerSettings(
                endpoint,
                channel,
                chaincodeName,
                mspId,
                certificatePath,
                privateKeyPath,
                tlsCaCertificatePath,
                tlsAuthorityOverride,
                deadlines,
                newRetry);
    }

    public FabricLedgerSettings withChannel(String newChannel) {
        return new FabricLedgerSettings(
                endpoint,
                newChannel,
                chaincodeName,
                mspId,
                certificatePath,
                privateKeyPath,
                tlsCaCertificatePath,
                tlsAuthorityOverride,
                deadlines,
                retry);
    }

    public FabricLedgerSettings withChaincodeName(String newChaincodeName) {
        return new FabricLedgerSettings(
                endpoint,
                channel,
                newChaincodeName,
                mspId,
                certificatePath,
                privateKeyPath,
                tlsCaCertificatePath,
                tlsAuthorityOverride,
                deadlines,
                retry);
    }

    public FabricLedgerSettings withIdentity(String newMspId, Path newCertificatePath, Path newPrivateKeyPath) {
        return new FabricLedgerSettings(
                endpoint,
                channel,
                chaincodeName,
                newMspId,
                newCertificatePath,
                newPrivateKeyPath,
                tlsCaCertificatePath,
                tlsAuthorityOverride,
                deadlines,
                retry);
    }

    /**
     * One deadline per Gateway stage. Commit status waits for the block, so it needs far more than the
     * orderer's batch timeout; the others bound a single round trip.
     */
    public record Deadlines(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {
        public static final Deadlines DEFAULT =
                new Deadlines(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMinutes(1));

        public Deadlines {
            requirePositive(evaluate, "evaluate");
            requirePositive(endorse, "endorse");
            requirePositive(submit, "submit");
            requirePositive(commitStatus, "commitStatus");
        }
    }

    /**
     * Retries inside one {@code anchor}/read call, with exponential backoff. Longer outages are the
     * outbox's business: after the last attempt the call fails with a retryable {@code LedgerException}.
     *
     * @param maxAttempts total attempts, at least 1
     * @param initialBackoff pause before the second attempt; doubled each time up to maxBackoff
     */
    public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(4));

        public RetryPolicy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
            }
        }

        /** Pause after the given failed attempt (1-based), before the next one. */
        Duration backoffAfter(int attempt) {
            final int doublings = Math.min(attempt - 1, 30);
            final Duration pause = initialBackoff.multipliedBy(1L << doublings);
            return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " deadline must be positive");
        }
    }
}
