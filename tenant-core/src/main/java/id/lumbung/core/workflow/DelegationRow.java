package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/** An official away: {@code toUser} decides in {@code fromUser}'s place between two times. */
@MappedEntity("delegation")
record DelegationRow(
        @Id UUID id,
        @TenantId String tenantId,
        String fromUser,
        String toUser,
        Instant startsAt,
        Instant endsAt,
        String reason,
        String createdBy,
        Instant createdAt,
        @Nullable Instant revokedAt) {}
