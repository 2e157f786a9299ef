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
}
