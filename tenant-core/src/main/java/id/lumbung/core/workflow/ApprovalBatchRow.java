package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/** An approval list (a batch of verified proposals) as Micronaut Data maps it. */
@MappedEntity("approval_batch")
record ApprovalBatchRow(
        @Id UUID id,
        @TenantId String tenantId,
        String title,
        String state,
        int nextPosition,
        int proposals,
        String listSha256,
        String createdBy,
        Instant createdAt,
        Instant stepSince,
        @Nullable UUID exchangeId,
        @Nullable String sentBy,
        @Nullable Instant sentAt,
        int version) {}
