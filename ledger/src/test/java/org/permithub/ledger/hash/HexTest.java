package org.permithub.ledger.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void agreesWithHexFormatBothWays() {
        SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[r.nextInt(70)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) r.nextInt(256);
            }
            String hex = HexFormat.of().formatHex(b);
            assertThat(Hex.encode(b)).isEqualTo(hex);
            assertThat(Hex.decode(hex)).isEqualTo(b);
            assertThat(Hex.decode(hex.toUpperCase())).isEqualTo(b);
        }
    }

    @Test
    void refusesMalformedHex() {
        for (String bad : new String[] {"0", "abc", "0g", "zz", " 0", "0x00", "é0"}) {
            assertThatThrownBy(() -> Hex.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Hex.decode("")).isEmpty();
    }

    @Test
    void recognisesLowercaseSha256Hex() {
        String h = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(Hex.isSha256Hex(h)).isTrue();
        assertThat(Hex.isSha256Hex(h.toUpperCase())).isFalse();
        assertThat(Hex.isSha256Hex(h.substring(1))).isFalse();
        assertThat(Hex.isSha256Hex(h + "0")).isFalse();
        assertThat(Hex.isSha256Hex(h.replace('e', 'g'))).isFalse();
        assertThat(Hex.isSha256Hex(null)).isFalse();
    }
}
