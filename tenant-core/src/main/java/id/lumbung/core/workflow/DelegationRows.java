package id.lumbung.core.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Delegations through Micronaut Data (tenant transactions only). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface DelegationRows extends GenericRepository<DelegationRow, UUID> {
    DelegationRow save(DelegationRow row);

    Optional<DelegationRow> findById(UUID id);

    /** The delegations a user holds now. */
    @Query("SELECT * FROM delegation WHERE tenant_id = :tenantId AND to_user = :toUser AND revoked_at IS NULL"
            + " AND starts_at <= clock_timestamp() AND ends_at > clock_timestamp() ORDER BY starts_at")
    List<DelegationRow> activeFor(String tenantId, String toUser);

    /** Delegations not ended yet, and those ended in the last 30 days. */
    @Query("SELECT * FROM delegation WHERE tenant_id = :tenantId AND ends_at > now() - interval '30 days'"
            + " ORDER BY starts_at DESC LIMIT 200")
    List<DelegationRow> recent(String tenantId);

    @Query("UPDATE delegation SET revoked_at = clock_timestamp() WHERE tenant_id = :tenantId AND id = :id"
            + " AND revoked_at IS NULL")
    long revoke(String tenantId, UUID id);
}
