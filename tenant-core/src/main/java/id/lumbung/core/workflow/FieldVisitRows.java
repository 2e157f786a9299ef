package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Field visits through Micronaut Data (tenant transactions only): written once per idempotency key. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FieldVisitRows extends GenericRepository<FieldVisitRow, UUID> {
    Optional<FieldVisitRow> findByIdempotencyKey(UUID idempotencyKey);

    List<FieldVisitRow> findByProposalIdOrderByReceivedAt(UUID proposalId);

    long countByProposalId(UUID proposalId);

    /** The visit, unless its key arrived first (a resend, or two at once): then nothing. */
    @Query("INSERT INTO field_visit (tenant_id, id, proposal_id, idempotency_key, visited_by, visited_at, answers,"
            + " members_present, latitude, longitude, photo_sha256, score, desil, weights_version, note)"
            + " VALUES (:tenantId, :id, :proposalId, :idempotencyKey, :visitedBy, :visitedAt, :answers,"
            + " :membersPresent, :latitude, :longitude, :photoSha256, :score, :desil, :weightsVersion, :note)"
            + " ON CONFLICT (tenant_id, idempotency_key) DO NOTHING")
    long insertOnce(
            String tenantId,
            UUID id,
            UUID proposalId,
            UUID idempotencyKey,
            String visitedBy,
            Instant visitedAt,
            String answers,
            int membersPresent,
            @Nullable Double latitude,
            @Nullable Double longitude,
            @Nullable String photoSha256,
            int score,
            int desil,
            String weightsVersion,
            @Nullable String note);

    /** The proposal's desil estimate from its latest visit. */
    @Query("UPDATE proposal SET desil_estimate = :desil, version = version + 1 WHERE tenant_id = :tenantId"
            + " AND id = :proposalId")
    long estimate(String tenantId, UUID proposalId, int desil);
}
