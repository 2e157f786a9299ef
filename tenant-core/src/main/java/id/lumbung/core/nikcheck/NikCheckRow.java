package id.lumbung.core.nikcheck;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A NIK check as Micronaut Data maps it: {@code tenantId} is the discriminator, filled and
 * filtered from the enclosing tenant transaction. The NIK itself is here only encrypted and as
 * its blind index.
 */
@MappedEntity("nik_check")
record NikCheckRow(
        @Id UUID id,
        @TenantId String tenantId,
        String nikMasked,
        @Nullable String nikEncrypted,
        @Nullable String nikIndex,
        String status,
        @Nullable String result,
        int attempts,
        @Nullable String lastError,
        String requestedBy,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt) {

    static NikCheckRow queued(UUID id, String tenantId, String masked, String encrypted, String index, String by) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        return new NikCheckRow(
                id,
                tenantId,
                masked,
                encrypted,
                index,
                NikCheckStatus.QUEUED.name(),
                null,
                0,
                null,
                by,
                now,
                now,
                null);
    }

    NikCheck toCheck() {
        return new NikCheck(
                tenantId,
                id,
                nikMasked,
                NikCheckStatus.valueOf(status),
                result == null ? null : NikCheckResult.valueOf(result),
                attempts,
                lastError,
                createdAt,
                completedAt);
    }
}
