package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A field visit as recorded: the answers, the proxy-means score and desil estimate with the
 * version of the weights, and whether this answer is a resend of a visit recorded before.
 */
@Serdeable
public record FieldVisit(
        UUID id,
        UUID proposalId,
        UUID idempotencyKey,
        String visitedBy,
        Instant visitedAt,
        Instant receivedAt,
        Map<String, String> answers,
        int membersPresent,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable String photoSha256,
        int score,
        int desil,
        String weightsVersion,
        @Nullable String note,
        boolean resent) {}
