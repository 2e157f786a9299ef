package id.lumbung.core.workflow;

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

/**
 * Approval lists, the tenant's chain and the decisions taken, through Micronaut Data (tenant
 * transactions only). A step is one conditional update on the list's version: two officials
 * deciding at once, or a decision on a list read before, change nothing.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApprovalBatchRows extends GenericRepository<ApprovalBatchRow, UUID> {
    ApprovalBatchRow save(ApprovalBatchRow row);

    Optional<ApprovalBatchRow> findById(UUID id);

    List<ApprovalBatchRow> findByIdIn(Collection<UUID> ids);

    /** A step of the tenant's own chain. */
    @Introspected
    record StepRow(int position, String role, String label) {}

    /** A decision taken at a step. */
    @Introspected
    record DecisionRow(
            int position,
            String role,
            String label,
            String decidedBy,
            @Nullable String onBehalfOf,
            Instant decidedAt,
            long waitedMs,
            String listSha256) {}

    /** A proposal of a list as it is hashed, printed and sent. */
    @Introspected
    record ListLine(
            UUID id,
            String receipt,
            String kind,
            String reason,
            String villageCode,
            @Nullable String iddtks,
            String headName,
            String address,
            @Nullable String nikMasked,
            @Nullable String kkMasked,
            @Nullable String nikEncrypted,
            @Nullable String kkEncrypted,
            @Nullable String note,
            String createdBy) {}

    @Query("SELECT position, role, label FROM approval_step WHERE tenant_id = :tenantId ORDER BY position")
    List<StepRow> steps(String tenantId);

    @Query("DELETE FROM approval_step WHERE tenant_id = :tenantId")
    long clearSteps(String tenantId);

    @Query("INSERT INTO approval_step (tenant_id, position, role, label) VALUES (:tenantId, :position, :role, :label)")
    long addStep(String tenantId, int position, String role, String label);

    @Query("SELECT count(*) FROM approval_batch WHERE tenant_id = :tenantId AND state = 'IN_APPROVAL'")
    long inApproval(String tenantId);

    @Query("SELECT position, role, label, decided_by, on_behalf_of, decided_at, waited_ms, list_sha256"
            + " FROM approval_decision WHERE tenant_id = :tenantId AND batch_id = :batchId ORDER BY position")
    List<DecisionRow> decisions(String tenantId, UUID batchId);

    @Query("INSERT INTO approval_decision (tenant_id, batch_id, position, role, label, decided_by, on_behalf_of,"
            + " waited_ms, list_sha256) VALUES (:tenantId, :batchId, :position, :role, :label, :decidedBy,"
            + " :onBehalfOf, :waitedMs, :listSha256)")
    long decide(
            String tenantId,
            UUID batchId,
            int position,
            String role,
            String label,
            String decidedBy,
            @Nullable String onBehalfOf,
            long waitedMs,
            String listSha256);

    /** The next step, or the list approved after its last one, if still the version the official saw. */
    @Query("UPDATE approval_batch SET next_position = next_position + 1, step_since = clock_timestamp(),"
            + " state = :state, version = version + 1 WHERE tenant_id = :tenantId AND id = :id"
            + " AND version = :version AND state = 'IN_APPROVAL'")
    long advance(String tenantId, UUID id, int version, String state);

    /** An approved list handed to the ministry's exchange, once. */
    @Query("UPDATE approval_batch SET state = 'SENT', exchange_id = :exchangeId, sent_by = :sentBy,"
            + " sent_at = clock_timestamp(), version = version + 1 WHERE tenant_id = :tenantId AND id = :id"
            + " AND state = 'APPROVED'")
    long sent(String tenantId, UUID id, UUID exchangeId, String sentBy);

    /** The list's count and hash, once its proposals joined it. */
    @Query("UPDATE approval_batch SET proposals = :proposals, list_sha256 = :listSha256 WHERE tenant_id = :tenantId"
            + " AND id = :id")
    long fix(String tenantId, UUID id, int proposals, String listSha256);

    /** How many proposals of the list these users made (four eyes). */
    @Query("SELECT count(*) FROM proposal WHERE tenant_id = :tenantId AND batch_id = :batchId"
            + " AND created_by IN (:users)")
    long madeBy(String tenantId, UUID batchId, Collection<String> users);

    /** The list's proposals in the order they are hashed, printed and sent. */
    @Query("SELECT p.id, p.receipt, p.kind, p.reason, p.village_code, h.iddtks, p.head_name, p.address,"
            + " p.nik_masked, p.kk_masked, p.nik_encrypted, p.kk_encrypted, p.note, p.created_by FROM proposal p"
            + " LEFT JOIN household h ON h.tenant_id = p.tenant_id AND h.id = p.household_id"
            + " WHERE p.tenant_id = :tenantId AND p.batch_id = :batchId ORDER BY p.village_code, p.receipt")
    List<ListLine> lines(String tenantId, UUID batchId);
}
