package id.lumbung.core.protection;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Keys protecting NIK and KK numbers ({@code lumbung.protection.*}); never in code, no defaults.
 *
 * @param keys data keys as {@code id:base64,id:base64} (each 32 bytes, AES-256), from {@code LUMBUNG_PROTECTION_KEYS}
 * @param activeKeyId the key new values are encrypted with; older keys still decrypt (rotation)
 * @param blindIndexKey base64 HMAC key of the blind index used for exact lookups and duplicate checks
 */
@ConfigurationProperties("lumbung.protection")
record ProtectionSettings(@Nullable String keys, @Nullable String activeKeyId, @Nullable String blindIndexKey) {}
