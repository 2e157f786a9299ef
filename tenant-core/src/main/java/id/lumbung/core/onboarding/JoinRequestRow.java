package id.lumbung.core.onboarding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A regency's request to join, and its province's decision. */
@MappedEntity("join_request")
@io.micronaut.serde.annotation.Serdeable
public record JoinRequestRow(
        @Id UUID id,
        String regionCode,
        String provinceId,
        String contactName,
        String contactPosition,
        String adminUsername,
        @Nullable String note,
        String state,
        @Nullable String decidedBy,
        @Nullable Instant decidedAt,
        @Nullable String decisionNote,
        Instant createdAt) {}
