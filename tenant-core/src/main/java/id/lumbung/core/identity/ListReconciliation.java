package id.lumbung.core.identity;

import id.lumbung.core.registry.TabularFile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Another list set beside the registry: how many of its persons are in both (and how many of
 * those with another desil), only there, to be looked at, and how many living members only here;
 * the rows refused, each with its line and reason.
 */
@Serdeable
public record ListReconciliation(
        UUID id,
        String name,
        @Nullable String fileName,
        String status,
        String stage,
        int rows,
        int rejected,
        int theirRecords,
        int ourRecords,
        int both,
        int onlyHere,
        int onlyThere,
        int review,
        int desilConflicts,
        List<TabularFile.Issue> issues,
        @Nullable String error,
        String requestedBy,
        Instant createdAt,
        @Nullable Instant finishedAt) {

    /**
     * One person of the comparison: the list's row (line, name, masked NIK, birth date, village,
     * desil) and the registry's member it is (member, household, desil), with how sure and why.
     */
    @Serdeable
    public record Item(
            UUID id,
            String outcome,
            boolean desilConflict,
            @Nullable Long line,
            @Nullable String theirName,
            @Nullable String theirNikMasked,
            @Nullable LocalDate theirBirthDate,
            @Nullable String theirVillage,
            @Nullable Integer theirDesil,
            @Nullable UUID memberId,
            @Nullable UUID householdId,
            @Nullable String ourName,
            @Nullable String ourNikMasked,
            @Nullable Integer ourDesil,
            @Nullable Double probability,
            List<DuplicateRun.Reason> reasons) {}
}
