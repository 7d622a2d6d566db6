package org.permithub.hub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permithub.connectors.IdNumbers;

/** What an audit row may hold of a path or query: never an ID number. */
class AuditFilterTest {

    private static final String ID = IdNumbers.withCheckCharacter("37060219900101123");

    @Test
    void idNumbersAndCertificateNumbersAreMaskedWhereverTheyStand() {
        assertThat(AuditFilter.masked("/partner/v1/workers/" + ID)).isEqualTo("/partner/v1/workers/" + IdNumbers.mask(ID));
        assertThat(AuditFilter.masked("/partner/v1/workers/" + ID + "/verification"))
                .isEqualTo("/partner/v1/workers/" + IdNumbers.mask(ID) + "/verification");
        assertThat(AuditFilter.masked("q=T" + ID + "&x=" + ID.toLowerCase()))
                .isEqualTo("q=" + IdNumbers.mask("T" + ID) + "&x=" + IdNumbers.mask(ID.toLowerCase()));
        assertThat(AuditFilter.masked(null)).isNull();
    }

    @Test
    void otherIdentifiersStayReadable() {
        String creditCode = "91370602MA3C000017";
        String wrongCheck = ID.substring(0, 17) + (ID.charAt(17) == '0' ? '1' : '0');
        for (String text : new String[] {"/regulator/v1/permits?enterprise=" + creditCode, "/partner/v1/workers/cw-1",
                "/x/" + wrongCheck, "/x/1" + ID, "limit=2"}) {
            assertThat(AuditFilter.masked(text)).isEqualTo(text);
        }
    }

    @Test
    void theApiIsThePathsFirstSegment() {
        assertThat(AuditFilter.api("/partner/v1/workers")).isEqualTo("partner");
        assertThat(AuditFilter.api("/regulator/v1/permits/P-1")).isEqualTo("regulator");
        assertThat(AuditFilter.api("/x")).isEqualTo("x");
    }
}
