package id.lumbung.core.registry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Import jobs through Micronaut Data, inside {@code TenantTransactions.inTenant} only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ImportJobRows extends GenericRepository<ImportJobRow, UUID> {
    ImportJobRow save(ImportJobRow row);

    Optional<ImportJobRow> findById(UUID id);

    List<ImportJobRow> findByIdIn(java.util.Collection<UUID> ids);
}
