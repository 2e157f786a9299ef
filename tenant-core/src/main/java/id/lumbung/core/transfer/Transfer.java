package id.lumbung.core.transfer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A family's move between two regencies, as one of them sees it.
 *
 * @param direction {@code OUT} for the regency it leaves, {@code IN} for the one it moves to
 * @param state {@code PENDING} (the destination verifies), {@code ACCEPTED}, {@code REFUSED} (the
 *     family is registered at its origin again) or {@code WITHDRAWN} (by the origin, while pending)
 * @param originHouseholdId the household at the origin (closed while pending, shown to the origin only)
 * @param destinationHouseholdId the destination's copy (pending, then active; shown to the destination only)
 */
@Serdeable
public record Transfer(
        UUID id,
        String direction,
        String state,
        String originTenantId,
        String originName,
        @Nullable UUID originHouseholdId,
        String destinationTenantId,
        String destinationName,
        @Nullable UUID destinationHouseholdId,
        String destinationVillage,
        String headName,
        int members,
        String reason,
        String requestedBy,
        Instant createdAt,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote) {}
