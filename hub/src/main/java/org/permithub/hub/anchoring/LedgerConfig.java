package org.permithub.hub.anchoring;

import javax.sql.DataSource;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.embedded.EmbeddedLedgerBackend;
import org.permithub.ledger.fabric.FabricLedgerBackend;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Chooses the ledger back-end: {@code permit-hub.ledger.backend=embedded} (default) or {@code fabric}. */
@Configuration
class LedgerConfig {

    /** The standalone default: the same write-once, hash-chained semantics, kept in PostgreSQL (schema ledger). */
    @Bean(destroyMethod = "")
    @ConditionalOnProperty(name = "permit-hub.ledger.backend", havingValue = "embedded", matchIfMissing = true)
    LedgerBackend embeddedLedger(DataSource dataSource) {
        return new EmbeddedLedgerBackend(dataSource);
    }

    /** Hyperledger Fabric through the Gateway client: one shared gRPC channel, closed with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "permit-hub.ledger.backend", havingValue = "fabric")
    FabricLedgerBackend fabricLedger(Environment environment) {
        FabricProperties properties = Binder.get(environment)
                .bind("permit-hub.ledger.fabric", FabricProperties.class)
                .orElseThrow(() -> new IllegalStateException("permit-hub.ledger.backend=fabric needs permit-hub.ledger.fabric.*"));
        return new FabricLedgerBackend(properties.toSettings());
    }
}
