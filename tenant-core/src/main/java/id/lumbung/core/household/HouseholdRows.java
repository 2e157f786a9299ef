package id.lumbung.core.household;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Household rows through Micronaut Data: every generated statement carries {@code tenant_id = ?}
 * for the tenant of the enclosing transaction (the discriminator layer, under row-level
 * security). Call only inside {@code TenantTransactions.inTenant}.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface HouseholdRows extends GenericRepository<HouseholdRow, UUID> {
    Optional<HouseholdRow> findById(UUID id);

    List<HouseholdRow> findAll(Pageable page);

    List<HouseholdRow> findByIdIn(Collection<UUID> ids, Pageable page);

    List<HouseholdRow> findByKkIndex(String kkIndex);

    HouseholdRow save(HouseholdRow row);

    /** The household's head's name after a carry-over; its id, iddtks, desil and programmes stay. */
    @io.micronaut.data.annotation.Query(
            "UPDATE household SET head_name = :headName WHERE tenant_id = :tenantId AND id = :id")
    long headNamed(String tenantId, UUID id, String headName);

    /** The household's new KK, as the civil registry issued it. */
    @io.micronaut.data.annotation.Query("UPDATE household SET kk_encrypted = :encrypted, kk_index = :index,"
            + " kk_masked = :masked WHERE tenant_id = :tenantId AND id = :id")
    long newKk(String tenantId, UUID id, String encrypted, String index, String masked);
}
