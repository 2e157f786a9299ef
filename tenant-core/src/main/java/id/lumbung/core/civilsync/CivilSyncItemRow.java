package id.lumbung.core.civilsync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/** One item of a synchronisation, as Micronaut Data maps it; {@code differences} is JSON. */
@MappedEntity("civil_sync_item")
record CivilSyncItemRow(
        @Id UUID id,
        @TenantId String tenantId,
        UUID syncId,
        @Nullable UUID memberId,
        @Nullable UUID householdId,
        @Nullable String villageCode,
        @Nullable Long importLine,
        @Nullable String fullName,
        @Nullable String nikMasked,
        String reason,
        String state,
        @Nullable String outcome,
        int pending,
        String differences,
        @Nullable UUID proposalId,
        Instant createdAt,
        Instant updatedAt) {

    static final String ASKING = "ASKING";
    static final String RESOLVED = "RESOLVED";
    static final String WAITING = "WAITING";

    /** An item settled on the spot (no call can help, or none is needed). */
    static CivilSyncItemRow settled(
            String tenantId,
            UUID syncId,
            @Nullable UUID memberId,
            @Nullable UUID householdId,
            @Nullable String villageCode,
            @Nullable Long importLine,
            @Nullable String fullName,
            @Nullable String nikMasked,
            String reason,
            String state,
            String outcome,
            String differences,
            @Nullable UUID proposalId) {
        Instant now = Instant.now();
        return new CivilSyncItemRow(
                UUID.randomUUID(),
                tenantId,
                syncId,
                memberId,
                householdId,
                villageCode,
                importLine,
                fullName,
                nikMasked,
                reason,
                state,
                outcome,
                0,
                differences,
                proposalId,
                now,
                now);
    }

    /** An item waiting for Dukcapil's answers to {@code calls} questions. */
    CivilSyncItemRow asking(int calls) {
        return new CivilSyncItemRow(
                id,
                tenantId,
                syncId,
                memberId,
                householdId,
                villageCode,
                importLine,
                fullName,
                nikMasked,
                reason,
                ASKING,
                null,
                calls,
                differences,
                proposalId,
                createdAt,
                updatedAt);
    }
}
