package org.permithub.connectors.govplatform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The optional AES encryption of the platform's {@code datas} field. The Yantai platform shape
 * uses {@code AES/CBC/PKCS5Padding} (domain-rules.md §2.2), so CBC is the default; GCM is offered
 * for platforms that accept authenticated encryption. Output is Base64 of IV (16 bytes for CBC,
 * 12 for GCM) followed by the ciphertext; a fresh random IV per message, unless the platform
 * dictates a fixed IV (CBC only, {@code fixedIv}), which some park platforms do.
 */
public final class PayloadCipher {

    public enum Mode { NONE, CBC, GCM }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mode mode;
    private final SecretKeySpec key;
    private final byte[] fixedIv;

    /**
     * @param keyBase64 a 16, 24 or 32 byte AES key in Base64 (ignored for NONE)
     * @param fixedIvBase64 CBC only: the platform's fixed 16-byte IV in Base64; blank = random IV sent first
     */
    public PayloadCipher(Mode mode, String keyBase64, String fixedIvBase64) {
        this.mode = mode;
        if (mode == Mode.NONE) {
            this.key = null;
            this.fixedIv = null;
            return;
        }
        if (keyBase64 == null || keyBase64.isBlank()) {
            throw new IllegalArgumentException("AES payload encryption " + mode + " needs a key");
        }
        byte[] raw = Base64.getDecoder().decode(keyBase64.trim());
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        if (fixedIvBase64 != null && !fixedIvBase64.isBlank()) {
            if (mode != Mode.CBC) {
                throw new IllegalArgumentException("a fixed IV is only allowed with CBC (GCM must never reuse one)");
            }
            this.fixedIv = Base64.getDecoder().decode(fixedIvBase64.trim());
            if (fixedIv.length != 16) {
                throw new IllegalArgumentException("the CBC IV has 16 bytes, not " + fixedIv.length);
            }
        } else {
            this.fixedIv = null;
        }
    }

    public static PayloadCipher none() {
        return new PayloadCipher(Mode.NONE, null, null);
    }

    public Mode mode() {
        return mode;
    }

    /** The value of {@code datas}: the JSON array itself (NONE) or its encryption in Base64. */
    public String seal(String json) {
        if (mode == Mode.NONE) {
            return json;
        }
        try {
            byte[] plain = json.getBytes(StandardCharsets.UTF_8);
            if (mode == Mode.CBC) {
                byte[] iv = fixedIv != null ? fixedIv : random(16);
                Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
                return encode(fixedIv != null ? new byte[0] : iv, cipher.doFinal(plain));
            }
            byte[] nonce = random(12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            return encode(nonce, cipher.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES " + mode + " encryption failed", e);
        }
    }

    /** The inverse of {@link #seal}, for tests and the simulator side. */
    public String open(String datas) {
        if (mode == Mode.NONE) {
            return datas;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(datas));
            if (mode == Mode.CBC) {
                byte[] iv = fixedIv;
                if (iv == null) {
                    iv = new byte[16];
                    in.get(iv);
                }
                byte[] body = new byte[in.remaining()];
                in.get(body);
                Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
                return new String(cipher.doFinal(body), StandardCharsets.UTF_8);
            }
            byte[] nonce = new byte[12];
            in.get(nonce);
            byte[] body = new byte[in.remaining()];
            in.get(body);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            return new String(cipher.doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES " + mode + " decryption failed", e);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String encode(byte[] iv, byte[] body) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + body.length).put(iv).put(body).array());
    }
}
