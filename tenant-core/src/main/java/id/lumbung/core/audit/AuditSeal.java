package id.lumbung.core.audit;

import id.lumbung.core.protection.KeyRing;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals audit entries and checkpoints with HMAC-SHA256 under a key from a secret: whoever can
 * write the database but does not hold the key cannot recompute a chain after changing it.
 * Entries name their key, so keys rotate (decision 0010).
 */
@Singleton
final class AuditSeal {
    private final KeyRing keys;

    AuditSeal(AuditSettings settings) {
        this.keys = KeyRing.parse(
                settings.keys(), settings.activeKeyId(), "LUMBUNG_AUDIT_KEYS", "LUMBUNG_AUDIT_ACTIVE_KEY_ID");
    }

    String activeKeyId() {
        return keys.activeKeyId();
    }

    /** The hex HMAC of the text under the named key, or {@code null} if no such key is configured. */
    String seal(String keyId, String text) {
        byte[] key = keys.keys().get(keyId);
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code expected} is the seal of the text under the key, compared in constant time. */
    boolean verifies(String keyId, String text, String expected) {
        String actual = seal(keyId, text);
        return actual != null
                && expected != null
                && MessageDigest.isEqual(
                        actual.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }

    /** Plain SHA-256: how entries were sealed before keys (they still verify so, before the first keyed one). */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
