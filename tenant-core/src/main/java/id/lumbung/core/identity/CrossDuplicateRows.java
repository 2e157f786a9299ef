package id.lumbung.core.identity;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A province's searches across regencies: reads and writes (tables of a province, no tenant rows). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CrossDuplicateRows extends GenericRepository<CrossClusterRow, UUID> {

    <S extends CrossClusterRow> List<S> saveAll(Iterable<S> rows);

    List<CrossClusterRow> findByIdIn(Collection<UUID> ids);

    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('cross_duplicate_run:' || :provinceId))) held")
    int lockProvince(String provinceId);

    @Query("SELECT id FROM cross_duplicate_run WHERE province_id = :provinceId AND status = 'RUNNING'")
    List<UUID> runningIds(String provinceId);

    @Query("UPDATE cross_duplicate_run SET status = 'FAILED', error = 'Proses terhenti sebelum selesai',"
            + " finished_at = now() WHERE province_id = :provinceId AND id = :id AND status = 'RUNNING'"
            + " AND created_at <= now() - interval '3 hours'")
    int abandon(String provinceId, UUID id);

    @Query("INSERT INTO cross_duplicate_run (province_id, id, scope, status, tenants, match_threshold,"
            + " review_threshold, requested_by) VALUES (:provinceId, :id, :scope, 'RUNNING', :tenants, :match, :review,"
            + " :requestedBy)")
    void open(String provinceId, UUID id, String scope, int tenants, double match, double review, String requestedBy);

    @Query("UPDATE cross_duplicate_run SET stage = :stage, records = :records WHERE province_id = :provinceId"
            + " AND id = :id")
    void stage(String provinceId, UUID id, String stage, int records);

    @Query("UPDATE cross_duplicate_run SET status = 'DONE', stage = 'done', compared = :compared,"
            + " clusters = :clusters, review = :review, model = :model, finished_at = now()"
            + " WHERE province_id = :provinceId AND id = :id AND status = 'RUNNING'")
    int finish(String provinceId, UUID id, long compared, int clusters, int review, String model);

    @Query("UPDATE cross_duplicate_run SET status = 'FAILED', error = :error, finished_at = now()"
            + " WHERE province_id = :provinceId AND id = :id AND status = 'RUNNING'")
    void fail(String provinceId, UUID id, String error);

    @Introspected
    record Run(
            UUID id,
            String scope,
            String status,
            String stage,
            int tenants,
            int records,
            long compared,
            int clusters,
            int review,
            double matchThreshold,
            double reviewThreshold,
            @Nullable String error,
            String requestedBy,
            Instant createdAt,
            @Nullable Instant finishedAt) {}

    @Query("SELECT id, scope, status, stage, tenants, records, compared, clusters, review, match_threshold,"
            + " review_threshold, error, requested_by, created_at, finished_at FROM cross_duplicate_run"
            + " WHERE province_id = :provinceId AND id IN (:ids)")
    List<Run> runs(String provinceId, Collection<UUID> ids);

    @Query("SELECT run_id, state, count(*) AS clusters FROM cross_duplicate_cluster WHERE province_id = :provinceId"
            + " AND run_id IN (:ids) GROUP BY run_id, state")
    List<DuplicateRows.Decided> decided(String provinceId, Collection<UUID> ids);

    @Query("SELECT * FROM cross_duplicate_cluster WHERE province_id = :provinceId AND run_id = :runId AND id = :id"
            + " FOR UPDATE")
    Optional<CrossClusterRow> lock(String provinceId, UUID runId, UUID id);

    @Query("UPDATE cross_duplicate_cluster SET state = :state, decided_by = :by, effects = :effects,"
            + " decided_at = CASE WHEN :state = 'OPEN' THEN NULL ELSE now() END"
            + " WHERE province_id = :provinceId AND id = :id")
    void decide(String provinceId, UUID id, String state, @Nullable String by, @Nullable String effects);

    /** Another cluster of the province decided NOT_SAME over both records: it takes the pair over. */
    @Query("SELECT id FROM cross_duplicate_cluster WHERE province_id = :provinceId AND id <> :id"
            + " AND state = 'NOT_SAME' AND position(:a in member_ids) > 0 AND position(:b in member_ids) > 0 LIMIT 1")
    Optional<UUID> apartAlso(String provinceId, UUID id, String a, String b);

    @Query("UPDATE cross_duplicate_cluster SET effects = CASE WHEN coalesce(effects, '') = '' THEN :effect"
            + " ELSE effects || ',' || :effect END WHERE province_id = :provinceId AND id = :id")
    void handOver(String provinceId, UUID id, String effect);

    @Introspected
    record Apart(String memberA, String memberB) {}

    @Query("SELECT member_a, member_b FROM identity_not_same_across")
    List<Apart> apart();

    @Query("INSERT INTO identity_not_same_across (member_a, member_b, decided_by) VALUES (:a, :b, :by)"
            + " ON CONFLICT DO NOTHING")
    int apart(String a, String b, String by);

    @Query("DELETE FROM identity_not_same_across WHERE member_a = :a AND member_b = :b")
    void together(String a, String b);
}
