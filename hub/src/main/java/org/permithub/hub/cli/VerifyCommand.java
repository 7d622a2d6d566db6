package org.permithub.hub.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.permithub.hub.anchoring.FabricProperties;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.fabric.FabricLedgerBackend;
import org.permithub.ledger.evidence.AnchoredBatch;
import org.permithub.ledger.evidence.EvidenceAction;
import org.permithub.ledger.evidence.EvidenceBundle;
import org.permithub.ledger.evidence.PermitVerifier;
import org.permithub.ledger.evidence.VerificationStatus;

/**
 * {@code verify BUNDLE.json [--ledger-settings FILE]}: the auditor's offline check of an evidence
 * bundle, without the hub. Every action's hash is recomputed from its document and its inclusion
 * proof checked against the batch root in the bundle; with ledger settings the roots are also
 * read back from the ledger itself and must match. Exit 0 when nothing is TAMPERED or MISSING,
 * 1 otherwise, 2 on a usage error.
 */
public final class VerifyCommand {

    static final String USAGE = "usage: java -jar permit-hub.jar verify BUNDLE.json [--ledger-settings fabric.properties]";

    private VerifyCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, settings -> new FabricLedgerBackend(FabricProperties.read(settings).toSettings()));
    }

    /** @param ledgerFactory opens the ledger named by a settings file (the Fabric back-end) */
    public static int run(String[] args, PrintStream out, PrintStream err, Function<Path, LedgerBackend> ledgerFactory) {
        if (args.length != 1 && !(args.length == 3 && "--ledger-settings".equals(args[1]))) {
            err.println(USAGE);
            return 2;
        }
        EvidenceBundle bundle;
        try {
            bundle = mapper().readValue(Files.readString(Path.of(args[0])), EvidenceBundle.class);
        } catch (IOException e) {
            err.println("cannot read the bundle " + args[0] + ": " + e.getMessage());
            return 2;
        }
        if (!EvidenceBundle.FORMAT.equals(bundle.format())) {
            err.println("not a permit-hub evidence bundle (format " + bundle.format() + ")");
            return 2;
        }
        Optional<LedgerBackend> ledger = args.length == 3 ? Optional.of(ledgerFactory.apply(Path.of(args[2]))) : Optional.empty();
        try {
            return verify(bundle, ledger, out);
        } finally {
            // the Fabric back-end holds a gRPC channel
            ledger.filter(AutoCloseable.class::isInstance).ifPresent(VerifyCommand::closeQuietly);
        }
    }

    private static void closeQuietly(LedgerBackend ledger) {
        try {
            ((AutoCloseable) ledger).close();
        } catch (Exception e) {
            // the verdict is already printed; a failed close changes nothing about it
        }
    }

    private static int verify(EvidenceBundle bundle, Optional<LedgerBackend> ledger, PrintStream out) {
        Map<String, AnchoredBatch> batches = bundle.batches() == null ? Map.of() : bundle.batches();
        boolean rootsAgree = true;
        if (ledger.isPresent()) {
            for (AnchoredBatch batch : batches.values()) {
                var onLedger = ledger.get().batch(batch.batchId());
                boolean same = onLedger.isPresent() && onLedger.get().merkleRoot().equals(batch.merkleRoot());
                out.printf("batch %-24s root %s %s%n", batch.batchId(), batch.merkleRoot(),
                        same ? "matches the ledger" : "DOES NOT MATCH the ledger");
                rootsAgree &= same;
            }
        }
        List<EvidenceAction> checked = PermitVerifier.verify(bundle.permitVersion(),
                bundle.actions() == null ? List.of() : bundle.actions(),
                batches::get);
        out.printf("permit %s, %d actions, ledger %s%n", bundle.permitNo(), checked.size(), bundle.ledgerBackend());
        for (EvidenceAction action : checked) {
            out.printf("  v%-4d %-10s %-9s %s%n", action.version(), action.type() == null ? "?" : action.type(),
                    action.status(), action.batchId() == null ? "" : "batch " + action.batchId());
        }
        long bad = checked.stream().filter(a -> a.status() == VerificationStatus.TAMPERED
                || a.status() == VerificationStatus.MISSING).count();
        long pending = checked.stream().filter(a -> a.status() == VerificationStatus.PENDING).count();
        out.printf("%d verified, %d pending, %d tampered or missing%s%n", checked.size() - bad - pending, pending, bad,
                rootsAgree ? "" : "; batch roots differ from the ledger");
        return bad == 0 && rootsAgree ? 0 : 1;
    }

    static ObjectMapper mapper() {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }
}
