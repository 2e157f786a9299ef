package id.lumbung.core.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.LocalDate;
import java.util.UUID;

/** One person of a comparison with another list, as stored ({@code reasons} JSON). */
@MappedEntity("list_reconciliation_item")
record ReconciliationItemRow(
        @Id UUID id,
        @TenantId String tenantId,
        UUID reconciliationId,
        String outcome,
        boolean desilConflict,
        String position,
        @Nullable Long line,
        @Nullable String theirName,
        @Nullable String theirNikMasked,
        @Nullable LocalDate theirBirthDate,
        @Nullable String theirVillage,
        @Nullable Short theirDesil,
        @Nullable UUID memberId,
        @Nullable UUID householdId,
        @Nullable Short ourDesil,
        @Nullable Double probability,
        @Nullable String reasons) {}
