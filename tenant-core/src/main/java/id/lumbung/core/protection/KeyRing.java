package id.lumbung.core.protection;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys named by id, as a secret gives them ({@code id:base64,id:base64}, each 32 random bytes),
 * and the one new values use. Older keys stay to read what they sealed, so keys rotate: add a
 * key, make it active, keep the old one.
 *
 * @param keys the keys by id
 * @param activeKeyId the key new values use
 */
public record KeyRing(Map<String, byte[]> keys, String activeKeyId) {
    /** Bytes of every key. */
    public static final int KEY_BYTES = 32;

    public KeyRing {
        keys = Map.copyOf(keys);
    }

    /**
     * Reads {@code id:base64[,id:base64…]}; the active id defaults to the first key's.
     *
     * @param setting the environment variable named in errors, e.g. {@code LUMBUNG_AUDIT_KEYS}
     */
    public static KeyRing parse(String text, String activeKeyId, String setting, String activeSetting) {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException(
                    setting + " is missing: id:base64 of 32 random bytes (openssl rand -base64 32), comma-separated");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String[] pair = entry.strip().split(":", 2);
            if (pair.length != 2 || !pair[0].matches("[A-Za-z0-9_-]{1,16}")) {
                throw new ConfigurationException(setting + " must read id:base64[,id:base64…]");
            }
            keys.put(pair[0], decode(pair[1], setting));
        }
        String active = activeKeyId == null || activeKeyId.isBlank()
                ? keys.keySet().iterator().next()
                : activeKeyId.strip();
        if (!keys.containsKey(active)) {
            throw new ConfigurationException(activeSetting + " names no key of " + setting);
        }
        return new KeyRing(keys, active);
    }

    /** One base64 key of {@value #KEY_BYTES} bytes. */
    public static byte[] decode(String base64, String setting) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting + " is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            throw new ConfigurationException(setting + " must decode to " + KEY_BYTES + " bytes");
        }
        return key;
    }

    /** The active key. */
    public byte[] active() {
        return keys.get(activeKeyId);
    }
}
