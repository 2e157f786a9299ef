package id.lumbung.core.household;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Member rows through Micronaut Data, discriminated by the transaction's tenant. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MemberRows extends GenericRepository<MemberRow, UUID> {
    Optional<MemberRow> findById(UUID id);

    List<MemberRow> findByHouseholdId(UUID householdId);

    List<MemberRow> findByNikIndex(String nikIndex);

    List<MemberRow> findByNameKeyLike(String pattern, Pageable page);

    List<MemberRow> findByIdIn(Collection<UUID> ids);

    /** A member who died or moved (a status of the civil registry, with its date and source). */
    @io.micronaut.data.annotation.Query("UPDATE member SET status = :status, status_date = :on,"
            + " status_source = :source, relationship = CASE WHEN relationship = 'KEPALA_KELUARGA'"
            + " THEN 'FAMILI_LAIN' ELSE relationship END WHERE tenant_id = :tenantId AND id = :id")
    long leaves(String tenantId, UUID id, String status, java.time.LocalDate on, String source);

    /** The member who now heads the household. */
    @io.micronaut.data.annotation.Query("UPDATE member SET relationship = 'KEPALA_KELUARGA' WHERE tenant_id = :tenantId"
            + " AND id = :id AND status = 'ALIVE'")
    long heads(String tenantId, UUID id);
}
