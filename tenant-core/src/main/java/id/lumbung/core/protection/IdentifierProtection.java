package id.lumbung.core.protection;

import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts NIK and KK numbers with AES-256-GCM (a random 96-bit IV per value, the tenant id as
 * associated data so a value cannot be moved to another tenant) and computes their keyed
 * HMAC-SHA256 blind index for exact lookups. A stored value reads {@code keyId$base64(iv‖ciphertext‖tag)},
 * so keys can rotate: new values use the active key, old ones decrypt with theirs.
 */
@Singleton
public final class IdentifierProtection {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String activeKeyId;
    private final SecretKeySpec blindIndexKey;
    private final SecureRandom random = new SecureRandom();
    // Looking a Mac or Cipher up costs more than using it: each thread keeps its own (bulk imports
    // protect millions of values). The Mac is initialised with the blind-index key once.
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(IdentifierProtection::newCipher);

    IdentifierProtection(ProtectionSettings settings) {
        if (settings.keys() == null
                || settings.keys().isBlank()
                || settings.blindIndexKey() == null
                || settings.blindIndexKey().isBlank()) {
            throw new ConfigurationException("NIK/KK protection keys are missing: set LUMBUNG_PROTECTION_KEYS"
                    + " (id:base64 of 32 random bytes, comma-separated), LUMBUNG_PROTECTION_ACTIVE_KEY_ID and"
                    + " LUMBUNG_PROTECTION_BLIND_INDEX_KEY (base64 of 32 random bytes)");
        }
        KeyRing ring = KeyRing.parse(
                settings.keys(), settings.activeKeyId(), "LUMBUNG_PROTECTION_KEYS", "LUMBUNG_PROTECTION_ACTIVE_KEY_ID");
        ring.keys().forEach((id, key) -> keys.put(id, new SecretKeySpec(key, "AES")));
        this.activeKeyId = ring.activeKeyId();
        this.blindIndexKey = new SecretKeySpec(
                KeyRing.decode(settings.blindIndexKey(), "LUMBUNG_PROTECTION_BLIND_INDEX_KEY"), "HmacSHA256");
    }

    /** The value encrypted for the tenant. */
    public String encrypt(String tenantId, String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return activeKeyId + "$"
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The plain value of a stored one; fails if it was changed or belongs to another tenant. */
    public String decrypt(String tenantId, String stored) {
        int separator = stored.indexOf('$');
        SecretKeySpec key = separator < 0 ? null : keys.get(stored.substring(0, separator));
        if (key == null) {
            throw new IllegalStateException("Encrypted value with an unknown key id");
        }
        try {
            byte[] data = Base64.getDecoder().decode(stored.substring(separator + 1));
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
            cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("An encrypted value does not authenticate (tampered or wrong tenant)", e);
        }
    }

    /** The keyed blind index of a value: equal values give equal indexes, nothing else can be read from it. */
    public String blindIndex(String value) {
        return HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(blindIndexKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** A fresh random key, base64: for setting up a deployment or a demo. */
    public static String newKey() {
        byte[] key = new byte[KeyRing.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
