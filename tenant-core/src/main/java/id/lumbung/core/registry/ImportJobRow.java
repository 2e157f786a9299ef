package id.lumbung.core.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An import job as Micronaut Data maps it, in the tenant of the transaction. Its progress and
 * end are written by the runner's own statements ({@link ImportRepository}), some from a
 * transaction of their own while the import's runs.
 */
@MappedEntity("import_job")
record ImportJobRow(
        @Id UUID id,
        @TenantId String tenantId,
        String fileName,
        @Nullable String filePath,
        String format,
        String mode,
        String status,
        String phase,
        long rowsTotal,
        long rowsProcessed,
        long rowsAccepted,
        long rowsRejected,
        long warnings,
        long householdsCreated,
        long householdsUpdated,
        long membersCreated,
        long membersUpdated,
        @Nullable String message,
        String requestedBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    /** A file received and waiting for its run; nothing counted yet. */
    static ImportJobRow queued(
            String tenantId, UUID id, String fileName, String filePath, String format, String mode, String by) {
        return new ImportJobRow(
                id,
                tenantId,
                fileName,
                filePath,
                format,
                mode,
                "QUEUED",
                "QUEUED",
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                by,
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                null,
                null);
    }

    ImportJob toJob() {
        return new ImportJob(
                tenantId,
                id,
                fileName,
                format,
                mode,
                status,
                phase,
                rowsTotal,
                rowsProcessed,
                rowsAccepted,
                rowsRejected,
                warnings,
                householdsCreated,
                householdsUpdated,
                membersCreated,
                membersUpdated,
                message,
                requestedBy,
                createdAt,
                finishedAt);
    }
}
