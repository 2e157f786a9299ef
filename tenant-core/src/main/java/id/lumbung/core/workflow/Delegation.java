package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** An official away: {@code toUser} decides in {@code fromUser}'s place from {@code startsAt} until {@code endsAt}. */
@Serdeable
public record Delegation(
        UUID id,
        String fromUser,
        String toUser,
        Instant startsAt,
        Instant endsAt,
        String reason,
        String createdBy,
        Instant createdAt,
        @Nullable Instant revokedAt) {

    static Delegation of(DelegationRow row) {
        return new Delegation(
                row.id(),
                row.fromUser(),
                row.toUser(),
                row.startsAt(),
                row.endsAt(),
                row.reason(),
                row.createdBy(),
                row.createdAt(),
                row.revokedAt());
    }
}
