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
}
