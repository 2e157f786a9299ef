package id.lumbung.core.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The audit log's keys and checkpoints ({@code lumbung.audit.*}); keys only from a secret, no
 * default.
 *
 * @param keys HMAC keys as {@code id:base64,id:base64} (each 32 random bytes), from {@code LUMBUNG_AUDIT_KEYS}
 * @param activeKeyId the key new entries are sealed with ({@code LUMBUNG_AUDIT_ACTIVE_KEY_ID}); older keys still verify
 * @param checkpointInterval how often each tenant's chain head is signed into {@code audit_checkpoint}
 */
@ConfigurationProperties("lumbung.audit")
record AuditSettings(
        @Nullable String keys,
        @Nullable String activeKeyId,
        @Bindable(defaultValue = "30s") Duration checkpointInterval) {}
