package id.lumbung.core.access;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accesses opened with a reason, in the tenant's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface BreakGlassRows extends GenericRepository<BreakGlassRow, UUID> {

    BreakGlassRow save(BreakGlassRow row);

    Optional<BreakGlassRow> findById(UUID id);

    @Query("SELECT max(expires_at) FROM break_glass WHERE tenant_id = :tenantId AND username = :username"
            + " AND closed_at IS NULL AND expires_at > now()")
    Optional<Instant> runningUntil(String tenantId, String username);

    @Query("SELECT * FROM break_glass WHERE tenant_id = :tenantId ORDER BY opened_at DESC, id LIMIT 200")
    List<BreakGlassRow> newest(String tenantId);

    @Query("UPDATE break_glass SET closed_at = now() WHERE tenant_id = :tenantId AND id = :id AND closed_at IS NULL"
            + " AND expires_at > now()")
    int close(String tenantId, UUID id);
}
