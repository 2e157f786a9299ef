package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A field visit as Micronaut Data maps it; {@code answers} is the checklist's JSON. */
@MappedEntity("field_visit")
record FieldVisitRow(
        @Id UUID id,
        @TenantId String tenantId,
        UUID proposalId,
        UUID idempotencyKey,
        String visitedBy,
        Instant visitedAt,
        Instant receivedAt,
        String answers,
        int membersPresent,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable String photoSha256,
        int score,
        int desil,
        String weightsVersion,
        @Nullable String note) {}
