package id.lumbung.core.household;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The registry's history through Micronaut Data, inside {@code TenantTransactions.inTenant} only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface RegistryChangeRows extends GenericRepository<RegistryChangeRow, UUID> {
    RegistryChangeRow save(RegistryChangeRow row);

    /** The latest entries of these households and members, newest first. */
    List<RegistryChangeRow> findByEntityIdInOrderByChangedAtDesc(Collection<UUID> entityIds, Pageable page);
}
