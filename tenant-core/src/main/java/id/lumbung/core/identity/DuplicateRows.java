package id.lumbung.core.identity;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A duplicate run's reads and writes, inside {@code TenantTransactions.inTenant} only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DuplicateRows extends GenericRepository<DuplicateClusterRow, UUID> {

    <S extends DuplicateClusterRow> List<S> saveAll(Iterable<S> rows);

    List<DuplicateClusterRow> findByIdIn(Collection<UUID> ids);

    /** A living member of an active household, not merged into another, as the run compares it. */
    @Introspected
    record Compared(
            UUID id,
            UUID householdId,
            @Nullable String nikEncrypted,
            @Nullable String kkEncrypted,
            String fullName,
            @Nullable LocalDate birthDate,
            @Nullable String sex,
            String villageCode) {}

    /** The next batch after the household and member given, in household order (a run reads batch by batch). */
    @Query("SELECT m.id, m.household_id, m.nik_encrypted, h.kk_encrypted, m.full_name, m.birth_date, m.sex,"
            + " h.village_code FROM member m JOIN household h ON h.tenant_id = m.tenant_id AND h.id = m.household_id"
            + " WHERE m.tenant_id = :tenantId AND m.status = 'ALIVE' AND h.status = 'ACTIVE'"
            + " AND m.duplicate_of IS NULL AND (m.household_id, m.id) > (:household, :after)"
            + " ORDER BY m.household_id, m.id LIMIT :limit")
    List<Compared> compared(String tenantId, UUID household, UUID after, int limit);

    /** The living members of these tenants (what a run would compare, about), in one read. */
    @Query("SELECT count(*) FROM member WHERE tenant_id IN (:tenantIds) AND status = 'ALIVE'")
    long living(Collection<String> tenantIds);

    @Introspected
    record Apart(UUID memberA, UUID memberB) {}

    @Query("SELECT member_a, member_b FROM identity_not_same WHERE tenant_id = :tenantId")
    List<Apart> apart(String tenantId);

    /** Holds the tenant's run lock until the transaction ends: two starts never both run. */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('duplicate_run:' || :tenantId))) held")
    int lockTenant(String tenantId);

    /** The tenant's runs marked running (in this process, another, or one that died). */
    @Query("SELECT id FROM duplicate_run WHERE tenant_id = :tenantId AND status = 'RUNNING'")
    List<UUID> runningIds(String tenantId);

    /** Marks a run failed when it started more than an hour ago and no process of ours holds it. */
    @Query(
            "UPDATE duplicate_run SET status = 'FAILED', error = 'Proses terhenti sebelum selesai', finished_at = now()"
                    + " WHERE tenant_id = :tenantId AND id = :id AND status = 'RUNNING' AND created_at <= now() - interval '1 hour'")
    int abandon(String tenantId, UUID id);

    @Query("INSERT INTO duplicate_run (tenant_id, id, status, match_threshold, review_threshold, requested_by)"
            + " VALUES (:tenantId, :id, 'RUNNING', :match, :review, :requestedBy)")
    void open(String tenantId, UUID id, double match, double review, String requestedBy);

    @Query("UPDATE duplicate_run SET stage = :stage, records = :records WHERE tenant_id = :tenantId AND id = :id")
    void stage(String tenantId, UUID id, String stage, int records);

    @Query("UPDATE duplicate_run SET status = 'DONE', stage = 'done', compared = :compared, clusters = :clusters,"
            + " review = :review, model = :model, weights = :weights, finished_at = now() WHERE tenant_id = :tenantId"
            + " AND id = :id AND status = 'RUNNING'")
    int finish(String tenantId, UUID id, long compared, int clusters, int review, String model, String weights);

    /** The weights of the tenant's latest finished run, if any. */
    @Query("SELECT weights FROM duplicate_run WHERE tenant_id = :tenantId AND status = 'DONE' AND weights IS NOT NULL"
            + " ORDER BY finished_at DESC LIMIT 1")
    Optional<String> latestWeights(String tenantId);

    @Introspected
    record Setting(double matchThreshold, double reviewThreshold, String updatedBy, Instant updatedAt) {}

    @Query("SELECT match_threshold, review_threshold, updated_by, updated_at FROM identity_setting"
            + " WHERE tenant_id = :tenantId")
    Optional<Setting> setting(String tenantId);

    @Query("INSERT INTO identity_setting (tenant_id, match_threshold, review_threshold, updated_by) VALUES"
            + " (:tenantId, :match, :review, :by) ON CONFLICT (tenant_id) DO UPDATE SET match_threshold = :match,"
            + " review_threshold = :review, updated_by = :by, updated_at = now()")
    void setting(String tenantId, double match, double review, String by);

    /** A living member near a record looked up: the same NIK or a slip of it, or a like name nearby. */
    @Introspected
    record Near(
            UUID id,
            UUID householdId,
            @Nullable String iddtks,
            @Nullable String nikEncrypted,
            @Nullable String kkEncrypted,
            String fullName,
            @Nullable String nikMasked,
            @Nullable LocalDate birthDate,
            @Nullable String sex,
            String villageCode) {}

    @Query("SELECT m.id, m.household_id, h.iddtks, m.nik_encrypted, h.kk_encrypted, m.full_name, m.nik_masked,"
            + " m.birth_date, m.sex, h.village_code FROM member m JOIN household h ON h.tenant_id = m.tenant_id"
            + " AND h.id = m.household_id WHERE m.tenant_id = :tenantId AND m.status = 'ALIVE' AND h.status = 'ACTIVE'"
            + " AND m.duplicate_of IS NULL AND (m.nik_index IN (:indexes) OR (m.name_key ~>=~ :nameFrom"
            + " AND m.name_key ~<~ :nameTo AND (h.village_code = :village OR m.birth_date BETWEEN :bornFrom AND :bornTo)))"
            // The NIK and its slips first: a common name must never push them past the limit.
            + " ORDER BY m.nik_index IN (:indexes) DESC LIMIT 200")
    // The name's range with text_pattern_ops' own operators, not LIKE: a prepared statement's
    // generic plan cannot turn a LIKE parameter into an index range (it read the whole tenant).
    List<Near> near(
            String tenantId,
            Collection<String> indexes,
            String nameFrom,
            String nameTo,
            String village,
            LocalDate bornFrom,
            LocalDate bornTo);

    @Query("UPDATE duplicate_run SET status = 'FAILED', error = :error, finished_at = now()"
            + " WHERE tenant_id = :tenantId AND id = :id AND status = 'RUNNING'")
    void fail(String tenantId, UUID id, String error);

    @Introspected
    record Run(
            UUID id,
            String status,
            String stage,
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

    @Query("SELECT id, status, stage, records, compared, clusters, review, match_threshold, review_threshold, error,"
            + " requested_by, created_at, finished_at FROM duplicate_run WHERE tenant_id = :tenantId AND id IN (:ids)")
    List<Run> runs(String tenantId, Collection<UUID> ids);

    @Introspected
    record Decided(UUID runId, String state, long clusters) {}

    @Query("SELECT run_id, state, count(*) AS clusters FROM duplicate_cluster WHERE tenant_id = :tenantId"
            + " AND run_id IN (:ids) GROUP BY run_id, state")
    List<Decided> decided(String tenantId, Collection<UUID> ids);

    @Query("SELECT * FROM duplicate_cluster WHERE tenant_id = :tenantId AND run_id = :runId AND id = :id FOR UPDATE")
    Optional<DuplicateClusterRow> lock(String tenantId, UUID runId, UUID id);

    @Query(
            "UPDATE duplicate_cluster SET state = :state, kept_member = :kept, decided_by = :by, effects = :effects,"
                    + " decided_at = CASE WHEN :state = 'OPEN' THEN NULL ELSE now() END WHERE tenant_id = :tenantId AND id = :id")
    void decide(
            String tenantId, UUID id, String state, @Nullable UUID kept, @Nullable String by, @Nullable String effects);

    /**
     * Another decided cluster that made the same merge (the member into the same kept record):
     * an undo hands the merge over to it rather than reversing what it still stands on.
     */
    @Query("SELECT id FROM duplicate_cluster WHERE tenant_id = :tenantId AND id <> :id AND state = 'MERGED'"
            + " AND kept_member = :kept AND position(:member in member_ids) > 0 LIMIT 1")
    Optional<UUID> mergedAlso(String tenantId, UUID id, UUID kept, String member);

    /** Another cluster decided NOT_SAME over both members: it takes the remembered pair over. */
    @Query("SELECT id FROM duplicate_cluster WHERE tenant_id = :tenantId AND id <> :id AND state = 'NOT_SAME'"
            + " AND position(:a in member_ids) > 0 AND position(:b in member_ids) > 0 LIMIT 1")
    Optional<UUID> apartAlso(String tenantId, UUID id, String a, String b);

    /** Adds an effect to a decided cluster's own (handed over by an undo). */
    @Query("UPDATE duplicate_cluster SET effects = CASE WHEN coalesce(effects, '') = '' THEN :effect"
            + " ELSE effects || ',' || :effect END WHERE tenant_id = :tenantId AND id = :id")
    void handOver(String tenantId, UUID id, String effect);

    /** A member as a cluster shows it: masked NIK only. */
    @Introspected
    record Shown(
            UUID id,
            UUID householdId,
            String fullName,
            @Nullable String nikMasked,
            @Nullable LocalDate birthDate,
            @Nullable String sex,
            String villageCode,
            String relationship,
            String status,
            @Nullable UUID duplicateOf) {}

    @Query("SELECT m.id, m.household_id, m.full_name, m.nik_masked, m.birth_date, m.sex, h.village_code,"
            + " m.relationship, m.status, m.duplicate_of FROM member m JOIN household h ON h.tenant_id = m.tenant_id"
            + " AND h.id = m.household_id WHERE m.tenant_id = :tenantId AND m.id IN (:ids)")
    List<Shown> shown(String tenantId, Collection<UUID> ids);

    @Query("UPDATE member SET duplicate_of = :kept, updated_at = now() WHERE tenant_id = :tenantId AND id = :memberId"
            + " AND duplicate_of IS NULL")
    int merge(String tenantId, UUID memberId, UUID kept);

    @Query("UPDATE member SET duplicate_of = NULL, updated_at = now() WHERE tenant_id = :tenantId AND id = :memberId"
            + " AND duplicate_of = :kept")
    int unmerge(String tenantId, UUID memberId, UUID kept);

    @Query("INSERT INTO registry_change (tenant_id, id, entity, entity_id, kind, fields, source, reason, changed_by)"
            + " VALUES (:tenantId, gen_random_uuid(), 'MEMBER', :memberId, 'UPDATED', ARRAY['duplicate_of'],"
            + " 'OPERATOR', :reason, :by)")
    void history(String tenantId, UUID memberId, String reason, String by);

    @Query("INSERT INTO identity_not_same (tenant_id, member_a, member_b, decided_by) VALUES (:tenantId, :a, :b, :by)"
            + " ON CONFLICT DO NOTHING")
    int apart(String tenantId, UUID a, UUID b, String by);

    @Query("DELETE FROM identity_not_same WHERE tenant_id = :tenantId AND member_a = :a AND member_b = :b")
    void together(String tenantId, UUID a, UUID b);
}
