package id.lumbung.core.student;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Student pulls through Micronaut Data, inside {@code TenantTransactions.inTenant} only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface StudentPullRows extends GenericRepository<StudentPullRow, UUID> {
    StudentPullRow save(StudentPullRow row);

    Optional<StudentPullRow> findById(UUID id);

    List<StudentPullRow> findByIdIn(java.util.Collection<UUID> ids);

    List<StudentPullRow> findByIdIn(Collection<UUID> ids, Pageable page);

    /** A school's answer, kept. */
    @Query("UPDATE student_pull SET status = 'DONE', students = :students, changed = :changed,"
            + " rejected = :rejected, issues = :issues, attempts = :attempts, last_error = NULL,"
            + " completed_at = now() WHERE tenant_id = :tenantId AND id = :id")
    long answered(
            String tenantId,
            UUID id,
            long students,
            long changed,
            long rejected,
            @TypeDef(type = DataType.STRING_ARRAY) String[] issues,
            int attempts);
}
