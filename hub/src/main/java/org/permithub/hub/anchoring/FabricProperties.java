package org.permithub.hub.anchoring;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.permithub.ledger.fabric.FabricLedgerSettings;

/**
 * The Fabric back-end's settings, as Spring properties {@code permit-hub.ledger.fabric.*} or as a
 * plain properties file with the same keys (for {@code verify --ledger-settings}).
 *
 * <pre>
 * endpoint=peer0.org1.example.com:7051      channel=permits        chaincode=permit-anchor
 * msp-id=Org1MSP   certificate=/etc/hub/cert.pem   private-key=/etc/hub/key.pem
 * tls-ca-certificate=/etc/hub/tls-ca.pem   (optional; plaintext without it)
 * tls-authority-override=peer0.org1.example.com   (optional)
 * evaluate-timeout=5s endorse-timeout=15s submit-timeout=5s commit-status-timeout=1m
 * </pre>
 */
public record FabricProperties(
        String endpoint, String channel, String chaincode, String mspId, Path certificate, Path privateKey,
        Path tlsCaCertificate, String tlsAuthorityOverride, Duration evaluateTimeout, Duration endorseTimeout,
        Duration submitTimeout, Duration commitStatusTimeout) {

    public FabricLedgerSettings toSettings() {
        var defaults = FabricLedgerSettings.Deadlines.DEFAULT;
        var settings = FabricLedgerSettings.of(endpoint, channel, chaincode, mspId, certificate, privateKey)
                .withDeadlines(new FabricLedgerSettings.Deadlines(
                        orDefault(evaluateTimeout, defaults.evaluate()), orDefault(endorseTimeout, defaults.endorse()),
                        orDefault(submitTimeout, defaults.submit()),
                        orDefault(commitStatusTimeout, defaults.commitStatus())));
        return tlsCaCertificate == null ? settings : settings.withTls(tlsCaCertificate, tlsAuthorityOverride);
    }

    /** Reads the keys above from a properties file. */
    public static FabricProperties read(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ledger settings " + file + ": " + e.getMessage(), e);
        }
        return new FabricProperties(p.getProperty("endpoint"), p.getProperty("channel"), p.getProperty("chaincode"),
                p.getProperty("msp-id"), path(p, "certificate"), path(p, "private-key"), path(p, "tls-ca-certificate"),
                p.getProperty("tls-authority-override"), duration(p, "evaluate-timeout"), duration(p, "endorse-timeout"),
                duration(p, "submit-timeout"), duration(p, "commit-status-timeout"));
    }

    private static Path path(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    private static Duration duration(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null || value.isBlank() ? null
                : org.springframework.boot.convert.DurationStyle.detectAndParse(value.trim());
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
