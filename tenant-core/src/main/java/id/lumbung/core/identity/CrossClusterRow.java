package id.lumbung.core.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A person found in two regencies (or more) by a province's search, as stored: its members as
 * {@code tenant/member} ids, the weakest pair's probability and reasons (JSON), and the decision.
 */
@MappedEntity("cross_duplicate_cluster")
record CrossClusterRow(
        @Id java.util.UUID id,
        String provinceId,
        java.util.UUID runId,
        String kind,
        String memberIds,
        double probability,
        String reasons,
        String state,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String effects,
        Instant createdAt) {

    static final String OPEN = "OPEN";
    static final String SAME = "SAME";
    static final String NOT_SAME = "NOT_SAME";

    List<String> members() {
        return Arrays.asList(memberIds.split(","));
    }

    /** The regencies of the members, in order, each once. */
    List<String> tenants() {
        return members().stream().map(CrossClusterRow::tenantOf).distinct().toList();
    }

    static String tenantOf(String member) {
        return member.substring(0, member.indexOf('/'));
    }

    static java.util.UUID memberOf(String member) {
        return java.util.UUID.fromString(member.substring(member.indexOf('/') + 1));
    }
}
