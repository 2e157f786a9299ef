package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/** An entry of the corrections ledger: a correction or removal sent upstream, and whether it came back. */
@MappedEntity("correction_ledger")
record CorrectionRow(
        @Id UUID proposalId,
        @TenantId String tenantId,
        String kind,
        String reason,
        @Nullable UUID householdId,
        @Nullable String nikIndex,
        @Nullable String evidenceSha256,
        String period,
        Instant sentAt,
        @Nullable String cameBackPeriod,
        @Nullable Instant cameBackAt,
        @Nullable String cameBackAs,
        @Nullable UUID resubmissionId) {}
