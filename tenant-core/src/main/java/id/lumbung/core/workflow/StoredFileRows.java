package id.lumbung.core.workflow;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Stored files' records through Micronaut Data (tenant transactions only). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface StoredFileRows extends GenericRepository<StoredFileRow, String> {
    Optional<StoredFileRow> findById(String sha256);

    /** The same bytes stored twice are one file. */
    @Query("INSERT INTO stored_file (tenant_id, sha256, content_type, size_bytes, stored_by)"
            + " VALUES (:tenantId, :sha256, :contentType, :sizeBytes, :storedBy) ON CONFLICT DO NOTHING")
    long keep(String tenantId, String sha256, String contentType, long sizeBytes, String storedBy);
}
