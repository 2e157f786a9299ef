package id.lumbung.core.student;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A pull of one school's students as Micronaut Data maps it, in the tenant of the transaction. */
@MappedEntity("student_pull")
record StudentPullRow(
        @Id UUID id,
        @TenantId String tenantId,
        String npsn,
        @Nullable String schoolName,
        String status,
        @Nullable Integer students,
        @Nullable Integer changed,
        @Nullable Integer rejected,
        @Nullable @TypeDef(type = DataType.STRING_ARRAY) String[] issues,
        int attempts,
        @Nullable String lastError,
        String requestedBy,
        Instant createdAt,
        @Nullable Instant completedAt) {

    /** A pull asked for at {@code at} (the pulls asked together share it, as a transaction's now() would). */
    static StudentPullRow queued(String tenantId, StudentPulls.School school, String by, Instant at) {
        return new StudentPullRow(
                UUID.randomUUID(),
                tenantId,
                school.npsn(),
                school.name(),
                "QUEUED",
                null,
                null,
                null,
                null,
                0,
                null,
                by,
                at,
                null);
    }

    StudentPulls.Pull toPull() {
        return new StudentPulls.Pull(
                id,
                npsn,
                schoolName,
                status,
                students,
                changed,
                rejected,
                issues == null ? List.of() : List.of(issues),
                attempts,
                lastError,
                requestedBy,
                createdAt,
                completedAt);
    }
}
