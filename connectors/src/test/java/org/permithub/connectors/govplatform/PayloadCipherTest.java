package org.permithub.connectors.govplatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PayloadCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    static final String IV = Base64.getEncoder().encodeToString("fedcba9876543210".getBytes(StandardCharsets.UTF_8));
    static final String JSON = "[{\"id\":\"1\",\"ticketNo\":\"DH-1\",\"ticketContent\":\"更换法兰垫片\"}]";

    @Test
    void cbcWithARandomIvRoundTripsAndNeverRepeatsACiphertext() {
        var cipher = new PayloadCipher(PayloadCipher.Mode.CBC, KEY, null);
        String first = cipher.seal(JSON);
        assertThat(first).isNotEqualTo(cipher.seal(JSON)).doesNotContain("DH-1");
        assertThat(cipher.open(first)).isEqualTo(JSON);
    }

    @Test
    void cbcWithThePlatformsFixedIvIsPlainAesCbcPkcs5() throws Exception {
        String sealed = new PayloadCipher(PayloadCipher.Mode.CBC, KEY, IV).seal(JSON);
        // what the platform does on its side: AES/CBC/PKCS5Padding with the shared key and IV
        Cipher platform = Cipher.getInstance("AES/CBC/PKCS5Padding");
        platform.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(KEY), "AES"),
                new IvParameterSpec(Base64.getDecoder().decode(IV)));
        assertThat(new String(platform.doFinal(Base64.getDecoder().decode(sealed)), StandardCharsets.UTF_8))
                .isEqualTo(JSON);
    }

    @Test
    void gcmRoundTripsAndDetectsTampering() {
        var cipher = new PayloadCipher(PayloadCipher.Mode.GCM, KEY, null);
        String sealed = cipher.seal(JSON);
        assertThat(cipher.open(sealed)).isEqualTo(JSON);
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noneSendsTheJsonAndBadSettingsAreRefused() {
        assertThat(PayloadCipher.none().seal(JSON)).isEqualTo(JSON);
        assertThatThrownBy(() -> new PayloadCipher(PayloadCipher.Mode.CBC, null, null))
                .hasMessageContaining("needs a key");
        assertThatThrownBy(() -> new PayloadCipher(PayloadCipher.Mode.CBC, Base64.getEncoder().encodeToString(new byte[10]), null))
                .hasMessageContaining("16, 24 or 32");
        assertThatThrownBy(() -> new PayloadCipher(PayloadCipher.Mode.GCM, KEY, IV))
                .hasMessageContaining("only allowed with CBC");
    }
}
