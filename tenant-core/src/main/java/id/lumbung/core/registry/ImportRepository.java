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

    /** The run's issues, and its refused rows as the file had them (with the file's header). */
    void insertIssues(Connection connection, String tenantId, UUID id, ImportCounts counts) throws SQLException {
        insertIssues(connection, tenantId, id, counts.issues);
        if (counts.refusedRows.isEmpty()) {
            return;
        }
        try (PreparedStatement header = connection.prepareStatement(
                        "UPDATE import_job SET refused_header = ? WHERE tenant_id = ? AND id = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO import_refused_row (tenant_id, import_id, line, fields_encrypted) VALUES (?, ?, ?, ?)")) {
            header.setString(1, counts.refusedHeader);
            header.setString(2, tenantId);
            header.setObject(3, id);
            header.executeUpdate();
            for (var row : counts.refusedRows.entrySet()) {
                insert.setString(1, tenantId);
                insert.setObject(2, id);
                insert.setLong(3, row.getKey());
                insert.setString(4, row.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertIssues(Connection connection, String tenantId, UUID id, List<ImportIssue> issues)
            throws SQLException {
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

    /** How many issues of each code a job has (code → count), most frequent first. */
    java.util.Map<String, Long> issueCodes(Connection connection, String tenantId, UUID id) throws SQLException {
        java.util.Map<String, Long> codes = new java.util.LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT code, count(*) FROM import_issue"
                + " WHERE tenant_id = ? AND import_id = ? GROUP BY code ORDER BY count(*) DESC, code")) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            try (java.sql.ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    codes.put(row.getString(1), row.getLong(2));
                }
            }
        }
        return codes;
    }

    /** The header and refused rows kept of a job (fields still encrypted), with each line's errors. */
    RefusedRows refused(
            Connection connection, String tenantId, UUID id, java.util.function.UnaryOperator<String> decrypt)
            throws SQLException {
        java.util.Map<Long, List<String>> reasons = new java.util.HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT line, code, message FROM import_issue"
                + " WHERE tenant_id = ? AND import_id = ? AND severity = 'ERROR' ORDER BY line, seq")) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            try (java.sql.ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    reasons.computeIfAbsent(row.getLong(1), line -> new java.util.ArrayList<>())
                            .add(row.getString(2) + ": " + row.getString(3));
                }
            }
        }
        String header;
        try (PreparedStatement query =
                connection.prepareStatement("SELECT refused_header FROM import_job WHERE tenant_id = ? AND id = ?")) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            header = Rows.first(query, row -> row.getString(1)).orElse(null);
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT line, fields_encrypted FROM"
                + " import_refused_row WHERE tenant_id = ? AND import_id = ? ORDER BY line")) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            List<RefusedRows.Row> rows = Rows.list(
                    query,
                    row -> new RefusedRows.Row(
                            row.getLong(1),
                            RefusedRows.cells(decrypt.apply(row.getString(2))),
                            reasons.getOrDefault(row.getLong(1), List.of())));
            return new RefusedRows(header == null ? null : RefusedRows.cells(header), rows);
        }
    }

    List<ImportIssue> issues(
            Connection connection, String tenantId, UUID id, String code, String severity, int offset, int limit)
            throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT line, column_name, severity, code, message FROM import_issue"
                        + " WHERE tenant_id = ? AND import_id = ? AND (?::text IS NULL OR code = ?::text)"
                        + " AND (?::text IS NULL OR severity = ?::text) ORDER BY line, seq OFFSET ? LIMIT ?")) {
            query.setString(1, tenantId);
            query.setObject(2, id);
            query.setString(3, code);
            query.setString(4, code);
            query.setString(5, severity);
            query.setString(6, severity);
            query.setInt(7, offset);
            query.setInt(8, limit);
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
