package id.lumbung.core.registry;

import id.lumbung.core.database.Rows;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The import's own statements on its job and issues: the lock, progress from a transaction of
 * its own, the end, the issues in one batch, and the jobs a stopped process left (across
 * tenants). The job's ordinary reads and its creation are {@link ImportJobRows}.
 */
@Singleton
final class ImportRepository {
    /** Jobs a stopped process left queued or running: (tenant, id, file path). */
    List<String[]> unfinished(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT tenant_id, id::text, file_path FROM import_job WHERE status IN ('QUEUED', 'RUNNING')"
                        + " ORDER BY created_at")) {
            return Rows.list(query, row -> new String[] {row.getString(1), row.getString(2), row.getString(3)});
        }
    }

    /** Takes the job's lock for this transaction; {@code false} if another process's import holds it. */
    boolean lock(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            query.setString(1, "import:" + id);
            return Rows.first(query, row -> row.getBoolean(1)).orElse(false);
        }
    }

    /** Whether another process is running this job right now (it holds the job's lock). */
    boolean runningElsewhere(Connection connection, UUID id) throws SQLException {
        return !lock(connection, id);
    }

    void started(Connection connection, String tenantId, UUID id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE import_job SET status = 'RUNNING', phase = 'READING', started_at = clock_timestamp(),"
                        + " rows_total = 0, rows_processed = 0"
                        + " WHERE tenant_id = ? AND id = ? AND status IN ('QUEUED', 'RUNNING')")) {
            update.setString(1, tenantId);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    /** Rows checked so far, and the total estimated from the share of the file read. */
    void progress(Connection connection, String tenantId, UUID id, long rows, long estimatedTotal) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE import_job SET rows_total = ?, rows_processed = ? WHERE tenant_id = ? AND id = ?"
                        + " AND status = 'RUNNING'")) {
            update.setLong(1, estimatedTotal);
            update.setLong(2, rows);
            update.setString(3, tenantId);
            update.setObject(4, id);
            update.executeUpdate();
        }
    }

    /** The step a running job has reached (READING, CHECKING, SAVING). */
    void phase(Connection connection, String tenantId, UUID id, String phase) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE import_job SET phase = ? WHERE tenant_id = ? AND id = ? AND status = 'RUNNING'")) {
            update.setString(1, phase);
            update.setString(2, tenantId);
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    /** The job's end: its status, counts and message; the stored file is forgotten. */
    void finish(Connection connection, String tenantId, UUID id, String status, ImportCounts counts, String message)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE import_job SET status = ?, rows_total = ?, rows_processed = ?, rows_accepted = ?,"
                        + " rows_rejected = ?, warnings = ?, households_created = ?, households_updated = ?,"
                        + " members_created = ?, members_updated = ?, message = ?, phase = 'DONE',"
                        // The clock, not now(): the run's transaction began when the job did.
                        + " finished_at = clock_timestamp(),"
                        + " file_path = NULL WHERE tenant_id = ? AND id = ?")) {
            update.setString(1, status);
            update.setLong(2, counts.rows);
            update.setLong(3, counts.rows);
            update.setLong(4, counts.rows - counts.rejected);
            update.setLong(5, counts.rejected);
            update.setLong(6, counts.warnings);
            update.setLong(7, counts.householdsCreated);
            update.setLong(8, counts.householdsUpdated);
            update.setLong(9, counts.membersCreated);
            update.setLong(10, counts.membersUpdated);
            update.setString(11, message);
            update.setString(12, tenantId);
            update.setObject(13, id);
            update.executeUpdate();
        }
    }

    void insertIssues(Connection connection, String tenantId, UUID id, List<ImportIssue> issues) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO import_issue (tenant_id, import_id, seq, line, column_name, severity, code, message)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (ImportIssue issue : issues) {
                insert.setString(1, tenantId);
                insert.setObject(2, id);
                insert.setInt(3, ++seq);
                insert.setLong(4, issue.line());
                insert.setString(5, issue.column());
                insert.setString(6, issue.severity().name());
                insert.setString(7, issue.code());
                insert.setString(8, issue.message());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    List<ImportIssue> issues(Connection connection, String tenantId, UUID id, int offset, int limit)
            throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT line, column_name, severity, code, message FROM import_issue"
                        + " WHERE tenant_id = ? AND import_id = ? ORDER BY line, seq OFFSET ? LIMIT ?")) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            query.setInt(3, offset);
            query.setInt(4, limit);
            return Rows.list(
                    query,
                    row -> new ImportIssue(
                            row.getLong(1),
                            row.getString(2),
                            ImportIssue.Severity.valueOf(row.getString(3)),
                            row.getString(4),
                            row.getString(5)));
        }
    }
}
