package id.lumbung.core.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A one-time invitation to an account of a tenant: only the SHA-256 of its token is kept. */
@MappedEntity("invitation")
record InvitationRow(
        @Id UUID id,
        @TenantId String tenantId,
        String username,
        String roles,
        String tokenHash,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant usedAt) {}
