package id.lumbung.core.workflow;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Village meetings through Micronaut Data (tenant transactions only). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MusyawarahRows extends GenericRepository<MusyawarahRow, UUID> {
    MusyawarahRow save(MusyawarahRow row);

    Optional<MusyawarahRow> findById(UUID id);

    List<MusyawarahRow> findByVillageCodeInOrderByHeldOnDesc(java.util.Collection<String> villages);

    List<MusyawarahRow> findAllOrderByHeldOnDesc();
}
