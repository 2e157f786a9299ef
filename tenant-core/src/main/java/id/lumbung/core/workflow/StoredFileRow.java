package id.lumbung.core.workflow;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;

/** A file kept for the cycle (minutes, evidence, a house photo): its hash, type and size; the bytes are on disk. */
@MappedEntity("stored_file")
record StoredFileRow(
        @Id String sha256,
        @TenantId String tenantId,
        String contentType,
        long sizeBytes,
        String storedBy,
        Instant storedAt) {}
