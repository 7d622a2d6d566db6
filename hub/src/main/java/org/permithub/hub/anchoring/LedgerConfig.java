package org.permithub.hub.anchoring;

import javax.sql.DataSource;
import org.permithub.ledger.LedgerBackend;
import org.permithub.ledger.embedded.EmbeddedLedgerBackend;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the ledger back-end: {@code permit-hub.ledger.backend=embedded} (default) or {@code fabric}. */
@Configuration
class LedgerConfig {

    /** The standalone default: the same write-once, hash-chained semantics, kept in PostgreSQL (schema ledger). */
    @Bean(destroyMethod = "")
    @ConditionalOnProperty(name = "permit-hub.ledger.backend", havingValue = "embedded", matchIfMissing = true)
    LedgerBackend embeddedLedger(DataSource dataSource) {
        return new EmbeddedLedgerBackend(dataSource);
    }
}
