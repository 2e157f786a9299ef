package id.lumbung.core.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A person found more than once by a run, as stored: its members (ids, comma-separated), the
 * weakest pair's probability and reasons (JSON), and what a person decided.
 */
@MappedEntity("duplicate_cluster")
record DuplicateClusterRow(
        @Id UUID id,
        @TenantId String tenantId,
        UUID runId,
        String kind,
        String memberIds,
        double probability,
        String reasons,
        String state,
        @Nullable UUID keptMember,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String effects,
        Instant createdAt) {

    static final String OPEN = "OPEN";
    static final String KEPT = "KEPT";
    static final String MERGED = "MERGED";
    static final String NOT_SAME = "NOT_SAME";

    java.util.List<UUID> members() {
        return java.util.Arrays.stream(memberIds.split(","))
                .map(UUID::fromString)
                .toList();
    }
}
