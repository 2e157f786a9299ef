package id.lumbung.core.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A province's search for the same person registered in two regencies: {@code scope} PROVINCE
 * (its regencies with each other) or NATIONAL (every regency, keeping the persons with a member
 * in the province); its progress, what it compared and found, and the decisions so far.
 */
@Serdeable
public record CrossDuplicateRun(
        UUID id,
        String provinceId,
        String scope,
        String status,
        String stage,
        int tenants,
        int records,
        long compared,
        int clusters,
        int review,
        long open,
        long same,
        long notSame,
        double matchThreshold,
        double reviewThreshold,
        @Nullable String error,
        String requestedBy,
        Instant createdAt,
        @Nullable Instant finishedAt) {}
