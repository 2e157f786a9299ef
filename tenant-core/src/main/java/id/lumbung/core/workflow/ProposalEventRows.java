package id.lumbung.core.workflow;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.UUID;

/** A proposal's history through Micronaut Data (tenant transactions only); appended, never changed. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProposalEventRows extends GenericRepository<ProposalEventRow, Long> {
    ProposalEventRow save(ProposalEventRow row);

    List<ProposalEventRow> findByProposalIdOrderBySeq(UUID proposalId);
}
