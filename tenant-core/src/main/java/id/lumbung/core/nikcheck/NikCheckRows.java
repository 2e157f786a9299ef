package id.lumbung.core.nikcheck;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * NIK checks through Micronaut Data, inside {@code TenantTransactions.inTenant} only: generated
 * statements carry the tenant of the transaction; the two updates name it themselves.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface NikCheckRows extends GenericRepository<NikCheckRow, UUID> {
    NikCheckRow save(NikCheckRow row);

    Optional<NikCheckRow> findById(UUID id);

    List<NikCheckRow> findByIdIn(java.util.Collection<UUID> ids);

    /** Dukcapil's answer; a check already done is left as it is. */
    @Query("UPDATE nik_check SET status = 'DONE', result = :result, attempts = :attempts, last_error = NULL,"
            + " completed_at = now(), updated_at = now() WHERE tenant_id = :tenantId AND id = :id")
    long answered(String tenantId, UUID id, String result, int attempts);

    /** A failed attempt: waiting for the next one, or failed for good. */
    @Query("UPDATE nik_check SET status = :status, attempts = :attempts, last_error = :error, updated_at = now()"
            + " WHERE tenant_id = :tenantId AND id = :id AND status <> 'DONE'")
    long attemptFailed(String tenantId, UUID id, String status, int attempts, String error);
}
