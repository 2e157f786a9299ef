package id.lumbung.core.workflow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Proposals through Micronaut Data, inside {@code TenantTransactions.inTenant} only. A transition
 * is one conditional update: it names the state and the version the caller saw, so a stale or a
 * concurrent step changes nothing (0 rows) and is answered {@code 409}.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProposalRows extends GenericRepository<ProposalRow, UUID> {
    ProposalRow save(ProposalRow row);

    Optional<ProposalRow> findById(UUID id);

    List<ProposalRow> findByIdIn(Collection<UUID> ids);

    Optional<ProposalRow> findByReceipt(String receipt);

    /** One transition, if the proposal is still in the state and version the caller saw. */
    @Query("UPDATE proposal SET state = :to, version = version + 1, state_since = clock_timestamp(),"
            + " assigned_to = coalesce(:assignedTo, assigned_to), checks = coalesce(:checks, checks)"
            + " WHERE tenant_id = :tenantId AND id = :id AND state = :from AND version = :version")
    long transition(
            String tenantId,
            UUID id,
            String from,
            String to,
            int version,
            @Nullable String assignedTo,
            @Nullable String checks);

    /** The evidence of a draft, if it is still the draft the caller saw. */
    @Query("UPDATE proposal SET evidence_sha256 = :sha256, version = version + 1 WHERE tenant_id = :tenantId"
            + " AND id = :id AND state = 'DRAFT' AND version = :version")
    long attachEvidence(String tenantId, UUID id, String sha256, int version);

    /** Verified proposals not in a list yet join one (a whole list at once). */
    @Query("UPDATE proposal SET batch_id = :batchId, version = version + 1 WHERE tenant_id = :tenantId"
            + " AND state = 'VERIFIED' AND batch_id IS NULL AND id IN (:ids)")
    long joinBatch(String tenantId, UUID batchId, Collection<UUID> ids);

    /** Every proposal of a list moves on together (a set, not a loop); see {@link #batchMoved}. */
    @Query("UPDATE proposal SET state = :to, version = version + 1, state_since = clock_timestamp()"
            + " WHERE tenant_id = :tenantId AND batch_id = :batchId AND state = :from")
    long moveBatch(String tenantId, UUID batchId, String from, String to);

    /** The event of each proposal of a list just moved, in the same transaction. */
    @Query("INSERT INTO proposal_event (tenant_id, proposal_id, command, from_state, to_state, actor, on_behalf_of,"
            + " note) SELECT tenant_id, id, :command, :from, :to, :actor, :onBehalfOf, :note FROM proposal"
            + " WHERE tenant_id = :tenantId AND batch_id = :batchId AND state = :to")
    long batchMoved(
            String tenantId,
            UUID batchId,
            String from,
            String to,
            String command,
            String actor,
            @Nullable String onBehalfOf,
            @Nullable String note);

    /** How many proposals wait in each state, and since when the oldest. */
    @io.micronaut.core.annotation.Introspected
    record StateCount(String state, long proposals, java.time.Instant oldest) {}

    @Query("SELECT state, count(*) AS proposals, min(state_since) AS oldest FROM proposal WHERE tenant_id = :tenantId"
            + " AND (:everything OR village_code IN (:villages) OR assigned_to = :assignedTo) GROUP BY state")
    List<StateCount> waiting(String tenantId, boolean everything, Collection<String> villages, String assignedTo);

    /** Verified proposals waiting for a list, oldest first. */
    @Query("SELECT id FROM proposal WHERE tenant_id = :tenantId AND state = 'VERIFIED' AND batch_id IS NULL"
            + " ORDER BY state_since, id LIMIT :limit")
    List<UUID> waitingForApproval(String tenantId, int limit);
}
