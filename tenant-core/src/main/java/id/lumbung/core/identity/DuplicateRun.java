package id.lumbung.core.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A search for the same person listed more than once in a tenant's registry: its progress
 * ({@code stage}: reading, blocking, comparing, estimating, clustering, done), what it compared
 * and found, and how many of the persons found are still open or decided.
 */
@Serdeable
public record DuplicateRun(
        UUID id,
        String status,
        String stage,
        int records,
        long compared,
        int clusters,
        int review,
        long open,
        long kept,
        long merged,
        long notSame,
        double matchThreshold,
        double reviewThreshold,
        @Nullable String error,
        String requestedBy,
        Instant createdAt,
        @Nullable Instant finishedAt) {

    /**
     * A person found more than once ({@code MATCH}), or a pair to look at ({@code REVIEW}), with
     * why: field by field, each level and its weight (positive: says "the same", negative: "two
     * people"), and what a person decided ({@code OPEN}, {@code KEPT}, {@code MERGED}, {@code
     * NOT_SAME}).
     */
    @Serdeable
    public record Cluster(
            UUID id,
            String kind,
            double probability,
            String state,
            @Nullable UUID keptMember,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            List<Member> members,
            List<Reason> reasons,
            Instant createdAt) {}

    /**
     * A member of a cluster, NIK masked. Across regencies, {@code tenantId} and {@code regency}
     * say where it is registered; a regency whose households the caller may not read shows its
     * village only (no name, NIK, birth date or sex).
     */
    @Serdeable
    public record Member(
            UUID id,
            @Nullable UUID householdId,
            @Nullable String fullName,
            @Nullable String nikMasked,
            @Nullable LocalDate birthDate,
            @Nullable String sex,
            String villageCode,
            @Nullable String relationship,
            @Nullable UUID duplicateOf,
            @Nullable String tenantId,
            @Nullable String regency) {}

    /** One field's part: {@code field} (Indonesian), its {@code level}, its weight in bits. */
    @Serdeable
    public record Reason(String field, String level, double weight) {}
}
