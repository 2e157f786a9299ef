package id.lumbung.core.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * An access to a regency's personal data opened with a reason (break-glass): who, why, until when.
 *
 * @param closedAt when its opener ended it early, or {@code null}
 */
@MappedEntity("break_glass")
public record BreakGlassRow(
        @Id UUID id,
        @TenantId String tenantId,
        String username,
        String reason,
        Instant openedAt,
        Instant expiresAt,
        @Nullable Instant closedAt) {

    /** Whether the access runs at this instant. */
    public boolean runsAt(Instant now) {
        return closedAt == null && expiresAt.isAfter(now);
    }
}
