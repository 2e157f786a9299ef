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
import java.util.UUID;

/** A comparison with another list: reads and writes, inside {@code TenantTransactions.inTenant} only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReconciliationRows extends GenericRepository<ReconciliationItemRow, UUID> {

    <S extends ReconciliationItemRow> List<S> saveAll(Iterable<S> rows);

    List<ReconciliationItemRow> findByIdIn(Collection<UUID> ids);

    /** Holds the tenant's comparison lock until the transaction ends. */
    @Query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('list_reconciliation:' || :tenantId))) held")
    int lockTenant(String tenantId);

    @Query("SELECT id FROM list_reconciliation WHERE tenant_id = :tenantId AND status = 'RUNNING'")
    List<UUID> runningIds(String tenantId);

    /** Fails a comparison no process holds that started more than an hour ago. */
    @Query("UPDATE list_reconciliation SET status = 'FAILED', error = 'Proses terhenti sebelum selesai',"
            + " finished_at = now() WHERE tenant_id = :tenantId AND id = :id AND status = 'RUNNING'"
            + " AND created_at <= now() - interval '1 hour'")
    int abandon(String tenantId, UUID id);

    @Query("INSERT INTO list_reconciliation (tenant_id, id, name, file_name, status, rows, rejected, issues,"
            + " their_records, requested_by) VALUES (:tenantId, :id, :name, :fileName, 'RUNNING', :rows, :rejected,"
            + " :issues, :theirRecords, :requestedBy)")
    void open(
            String tenantId,
            UUID id,
            String name,
            @Nullable String fileName,
            int rows,
            int rejected,
            String issues,
            int theirRecords,
            String requestedBy);

    @Query("UPDATE list_reconciliation SET stage = :stage, our_records = :ourRecords WHERE tenant_id = :tenantId"
            + " AND id = :id")
    void stage(String tenantId, UUID id, String stage, int ourRecords);

    @Query("UPDATE list_reconciliation SET status = 'DONE', stage = 'done', both_lists = :both, only_here = :onlyHere,"
            + " only_there = :onlyThere, review = :review, desil_conflicts = :desilConflicts, finished_at = now()"
            + " WHERE tenant_id = :tenantId AND id = :id AND status = 'RUNNING'")
    int finish(String tenantId, UUID id, int both, int onlyHere, int onlyThere, int review, int desilConflicts);

    @Query("UPDATE list_reconciliation SET status = 'FAILED', error = :error, finished_at = now()"
            + " WHERE tenant_id = :tenantId AND id = :id AND status = 'RUNNING'")
    void fail(String tenantId, UUID id, String error);

    @Introspected
    record Run(
            UUID id,
            String name,
            @Nullable String fileName,
            String status,
            String stage,
            int rows,
            int rejected,
            String issues,
            int theirRecords,
            int ourRecords,
            int bothLists,
            int onlyHere,
            int onlyThere,
            int review,
            int desilConflicts,
            @Nullable String error,
            String requestedBy,
            Instant createdAt,
            @Nullable Instant finishedAt) {}

    @Query("SELECT id, name, file_name, status, stage, rows, rejected, issues, their_records, our_records, both_lists,"
            + " only_here, only_there, review, desil_conflicts, error, requested_by, created_at, finished_at"
            + " FROM list_reconciliation WHERE tenant_id = :tenantId AND id IN (:ids)")
    List<Run> runs(String tenantId, Collection<UUID> ids);

    /** A registry member as a comparison shows it: name, masked NIK, the household's desil. */
    @Introspected
    record Ours(UUID id, UUID householdId, String fullName, @Nullable String nikMasked, @Nullable Short desil) {}

    @Query(
            "SELECT m.id, m.household_id, m.full_name, m.nik_masked, h.desil FROM member m JOIN household h"
                    + " ON h.tenant_id = m.tenant_id AND h.id = m.household_id WHERE m.tenant_id = :tenantId AND m.id IN (:ids)")
    List<Ours> ours(String tenantId, Collection<UUID> ids);
}
