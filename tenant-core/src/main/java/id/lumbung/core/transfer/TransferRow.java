package id.lumbung.core.transfer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A transfer as stored: it belongs to both regencies, each sees it (row-level security on either side). */
@MappedEntity("household_transfer")
record TransferRow(
        @Id UUID id,
        String originTenantId,
        UUID originHouseholdId,
        String destinationTenantId,
        UUID destinationHouseholdId,
        String destinationVillage,
        String headName,
        int members,
        String reason,
        String state,
        String requestedBy,
        Instant createdAt,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote) {
    static final String PENDING = "PENDING";
}
