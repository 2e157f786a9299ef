package id.lumbung.core.registry;

import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.protection.IdentifierProtection;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one import in one transaction of its tenant: the file is streamed, checked row by row
 * and {@code COPY}-ed into a temporary staging table; set-based SQL then finds duplicates and
 * households without a head, and upserts households and members, writing the history of every
 * change. Either all of it commits, with the job's final counts, or none of it does — a crash
 * leaves the registry as it was and the job to be run again.
 */
@Singleton
final class ImportRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
    private static final int PROGRESS_EVERY = 20_000;
    private static final int COPY_CHUNK_CHARS = 1 << 20;

    private final TenantTransactions transactions;
    private final IdentifierProtection protection;
    private final ImportRepository jobs;
    private final ExecutorService progress = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lumbung-import-progress");
        thread.setDaemon(true);
        return thread;
    });

    ImportRunner(TenantTransactions transactions, IdentifierProtection protection, ImportRepository jobs) {
        this.transactions = transactions;
        this.protection = protection;
        this.jobs = jobs;
    }

    /** Thrown inside the transaction to roll an all-or-nothing import back. */
    private static final class Rejected extends Exception {
        Rejected() {
            super("Rows were refused in an all-or-nothing import", null, false, false);
        }
    }

    /** Another process runs this job. */
    private static final class AlreadyRunning extends Exception {
        AlreadyRunning() {
            super("Another process runs this import", null, false, false);
        }
    }

    /** Runs the job; answers whether it changed the registry (it succeeded). */
    boolean run(String tenantId, UUID id, Path file, boolean allOrNothing, String requestedBy) {
        ImportCounts counts = new ImportCounts();
        long started = System.nanoTime();
        long[] phases = new long[3];
        try {
            ImportFile.Shape shape = ImportFile.inspect(file);
            transactions.inTenant(tenantId, connection -> {
                if (!jobs.lock(connection, id)) {
                    throw new SQLException(new AlreadyRunning());
                }
                // Sorts and hash joins over a whole file: in memory, not in temporary files.
                run(connection, "SET LOCAL work_mem = '128MB'");
                inAnotherTransaction(tenantId, other -> jobs.started(other, tenantId, id));
                stage(connection, tenantId, id, file, shape, counts);
                phases[0] = System.nanoTime();
                inAnotherTransaction(tenantId, other -> jobs.phase(other, tenantId, id, "CHECKING"));
                checkSets(connection, tenantId, counts);
                keepRefusedRows(tenantId, file, shape, counts);
                phases[1] = System.nanoTime();
                if (allOrNothing && counts.anyRejected()) {
                    throw new SQLException(new Rejected());
                }
                inAnotherTransaction(tenantId, other -> jobs.phase(other, tenantId, id, "SAVING"));
                String firstLoad = apply(connection, tenantId, id, requestedBy, counts);
                jobs.insertIssues(connection, tenantId, id, counts);
                jobs.finish(connection, tenantId, id, "SUCCEEDED", counts, null);
                if (firstLoad != null) {
                    finishFirstLoad(connection, tenantId, counts.membersCreated);
                }
                phases[2] = System.nanoTime();
                return null;
            });
            LOG.info(
                    "Import {} of tenant {}: {} rows, {} refused, {} warnings in {} ms"
                            + " (read and stage {} ms, set checks {} ms, upserts {} ms)",
                    id,
                    tenantId,
                    counts.rows,
                    counts.rejected,
                    counts.warnings,
                    (System.nanoTime() - started) / 1_000_000,
                    (phases[0] - started) / 1_000_000,
                    (phases[1] - phases[0]) / 1_000_000,
                    (phases[2] - phases[1]) / 1_000_000);
            return true;
        } catch (Exception e) { // the transaction rethrows the work's SQLException as it is
            Throwable cause = rootCause(e);
            if (cause instanceof AlreadyRunning) {
                LOG.info("Import {} of tenant {} is running in another process", id, tenantId);
            } else if (cause instanceof Rejected) {
                end(
                        tenantId,
                        id,
                        "REJECTED",
                        counts,
                        counts.rejected + " row(s) were refused; mode=all-or-nothing changed nothing");
            } else if (cause instanceof LumbungException problem) {
                end(tenantId, id, "FAILED", counts, problem.getMessage());
            } else if (cause instanceof CharacterCodingException) {
                end(
                        tenantId,
                        id,
                        "FAILED",
                        counts,
                        "The file mixes encodings after line " + counts.rows + "; save it again as CSV UTF-8");
            } else {
                LOG.error("Import {} of tenant {} failed", id, tenantId, e);
                end(tenantId, id, "FAILED", counts, "The import stopped on an internal error; nothing was changed");
            }
            return false;
        }
    }

    private void end(String tenantId, UUID id, String status, ImportCounts counts, String message) {
        transactions.inTenant(tenantId, connection -> {
            jobs.insertIssues(connection, tenantId, id, counts);
            jobs.finish(connection, tenantId, id, status, counts, message);
            return null;
        });
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Streams the file through the row checks into the staging table. */
    private void stage(
            Connection connection, String tenantId, UUID id, Path file, ImportFile.Shape shape, ImportCounts counts)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(RowChecker.STAGING_TABLE);
        }
        Set<String> villages = villagesOf(connection, tenantId);
        Set<String> districts = districts(connection);
        CopyIn copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY import_row (" + RowChecker.STAGING_COLUMNS + ") FROM STDIN (FORMAT csv)");
        AtomicLong bytesRead = new AtomicLong();
        long fileSize = sizeOf(file);
        try (Records records = ImportFile.records(file, shape, bytesRead)) {
            CsvRecords.Result first = records.next();
            if (!(first instanceof CsvRecords.Row headerRow)) {
                throw new LumbungException(ErrorCode.WRONG_HEADER, "The header row cannot be read");
            }
            Header header = Header.of(headerRow.fields());
            header.warnings().forEach(counts::add);
            RowChecker checker = new RowChecker(tenantId, villages, districts, protection, header);
            StringBuilder out = new StringBuilder(COPY_CHUNK_CHARS + 4096);
            List<ImportIssue> rowIssues = new ArrayList<>();
            CsvRecords.Result result;
            while ((result = records.next()) != null) {
                counts.rows++;
                rowIssues.clear();
                boolean accepted;
                if (result instanceof CsvRecords.Row row) {
                    accepted = checker.check(row.line(), row.fields(), out, rowIssues);
                } else {
                    CsvRecords.Broken broken = (CsvRecords.Broken) result;
                    rowIssues.add(ImportIssue.error(broken.line(), null, broken.code(), broken.message()));
                    accepted = false;
                }
                if (!accepted) {
                    counts.rejected++;
                }
                rowIssues.forEach(counts::add);
                if (out.length() >= COPY_CHUNK_CHARS) {
                    write(copy, out);
                }
                if (counts.rows % PROGRESS_EVERY == 0) {
                    // The total is estimated from the share of the file read so far (exact at the end).
                    long read = shape.xlsx() ? fileSize : Math.max(1, bytesRead.get());
                    reportProgress(tenantId, id, counts.rows, Math.max(counts.rows, counts.rows * fileSize / read));
                }
            }
            write(copy, out);
            copy.endCopy();
        } catch (IOException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            if (e instanceof CharacterCodingException coding) {
                throw new SQLException(coding);
            }
            throw new SQLException("The import file could not be read", e);
        } catch (RuntimeException | SQLException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
        if (counts.rows == 0) {
            throw new LumbungException(ErrorCode.NO_ROWS, "The file has a header but no rows");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE import_row");
        }
    }

    private static long sizeOf(Path file) throws SQLException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new SQLException("The import file could not be read", e);
        }
    }

    private static void write(CopyIn copy, StringBuilder out) throws SQLException {
        if (out.length() > 0) {
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            out.setLength(0);
        }
    }

    private void reportProgress(String tenantId, UUID id, long rows, long estimatedTotal) {
        inAnotherTransaction(tenantId, connection -> jobs.progress(connection, tenantId, id, rows, estimatedTotal));
    }

    private interface Update {
        void apply(Connection connection) throws SQLException;
    }

    /** On another thread, so in another transaction: visible while the import's own is still open. */
    private void inAnotherTransaction(String tenantId, Update update) {
        progress.execute(() -> {
            try {
                transactions.inTenant(tenantId, connection -> {
                    update.apply(connection);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("Progress of an import of tenant {} not recorded: {}", tenantId, e.getMessage());
            }
        });
    }

    /**
     * The refused rows as the file has them, read back from it (the lines of the kept errors): for
     * the operator to download with their reasons, fix and import again. Encrypted with the
     * tenant's key (they hold NIKs in full); a line the reader could not split keeps no fields.
     */
    private void keepRefusedRows(String tenantId, Path file, ImportFile.Shape shape, ImportCounts counts)
            throws SQLException {
        java.util.Set<Long> refused = new java.util.HashSet<>();
        for (ImportIssue issue : counts.issues) {
            if (issue.severity() == ImportIssue.Severity.ERROR && issue.line() > 0) {
                refused.add(issue.line());
            }
        }
        if (refused.isEmpty()) {
            return;
        }
        try (Records records = ImportFile.records(file, shape, new AtomicLong())) {
            CsvRecords.Result result = records.next();
            if (result instanceof CsvRecords.Row header) {
                counts.refusedHeader = String.join(RefusedRows.SEPARATOR, header.fields());
            }
            while ((result = records.next()) != null && counts.refusedRows.size() < refused.size()) {
                if (refused.contains(result.line())) {
                    List<String> fields = result instanceof CsvRecords.Row row ? row.fields() : List.of();
                    counts.refusedRows.put(
                            result.line(), protection.encrypt(tenantId, String.join(RefusedRows.SEPARATOR, fields)));
                }
            }
        } catch (IOException e) {
            throw new SQLException("The import file could not be read again", e);
        }
    }

    /** Duplicates and household structure: set-based over the staged rows. */
    private void checkSets(Connection connection, String tenantId, ImportCounts counts) throws SQLException {
        reject(
                connection,
                counts,
                "UPDATE import_row r SET rejected = true FROM (SELECT line, min(line) OVER w AS first,"
                        + " first_value(member_hash) OVER w = member_hash AND first_value(household_hash) OVER w"
                        + " = household_hash AS copy FROM import_row WHERE NOT rejected AND source_key IN ("
                        // Only the keys that repeat are sorted (a hash count finds them).
                        + "SELECT source_key FROM import_row WHERE NOT rejected GROUP BY source_key HAVING count(*) > 1)"
                        + " WINDOW w AS (PARTITION BY source_key ORDER BY line)) d"
                        + " WHERE r.line = d.line AND d.line <> d.first RETURNING r.line, d.first, d.copy",
                // A copy of a line changes nothing when dropped; the same member key with other
                // data is a different person or a correction, and someone must look at it.
                row -> row.getBoolean(3)
                        ? ImportIssue.error(
                                row.getLong(1),
                                RegistryField.ID_ART,
                                "duplicate_row",
                                "The same member is already on line " + row.getLong(2))
                        : ImportIssue.error(
                                row.getLong(1),
                                RegistryField.ID_ART,
                                "duplicate_member",
                                "The member id is already on line " + row.getLong(2) + " with other data"));
        reject(
                connection,
                counts,
                "UPDATE import_row r SET rejected = true FROM (SELECT line, min(line) OVER (PARTITION BY nik_index) AS first"
                        + " FROM import_row WHERE NOT rejected AND nik_index IN (SELECT nik_index FROM import_row"
                        + " WHERE NOT rejected AND nik_index IS NOT NULL GROUP BY nik_index HAVING count(*) > 1)) d"
                        + " WHERE r.line = d.line AND d.line <> d.first RETURNING r.line, d.first",
                row -> ImportIssue.error(
                        row.getLong(1),
                        RegistryField.NOMOR_NIK,
                        "duplicate_nik_in_file",
                        "The NIK is also on line " + row.getLong(2) + " (not merged)"));
        reject(
                connection,
                counts,
                "UPDATE import_row r SET rejected = true FROM member m"
                        + " WHERE NOT r.rejected AND r.nik_index IS NOT NULL AND m.tenant_id = ?"
                        + " AND m.nik_index = r.nik_index AND m.source_key <> r.source_key RETURNING r.line, m.nik_masked",
                row -> ImportIssue.error(
                        row.getLong(1),
                        RegistryField.NOMOR_NIK,
                        "nik_in_registry",
                        "The NIK already belongs to another member of the registry (not merged)"),
                tenantId);
        warn(
                connection,
                counts,
                "SELECT min(line), count(*) FILTER (WHERE relationship = 'KEPALA_KELUARGA')"
                        + " FROM import_row WHERE NOT rejected GROUP BY iddtks"
                        + " HAVING count(*) FILTER (WHERE relationship = 'KEPALA_KELUARGA') <> 1",
                row -> row.getLong(2) == 0
                        ? ImportIssue.warning(
                                row.getLong(1),
                                RegistryField.HUBUNGAN_KELUARGA,
                                "household_without_head",
                                "The household has no Kepala Keluarga")
                        : ImportIssue.warning(
                                row.getLong(1),
                                RegistryField.HUBUNGAN_KELUARGA,
                                "several_heads",
                                "The household has " + row.getLong(2) + " rows marked Kepala Keluarga"));
        warn(
                connection,
                counts,
                "SELECT line FROM import_row WHERE NOT rejected AND relationship = 'KEPALA_KELUARGA' AND status = 'DECEASED'",
                row -> ImportIssue.warning(
                        row.getLong(1),
                        RegistryField.STATUS_ART,
                        "head_deceased",
                        "The head of household has died: choose a new head so the family stays in the registry"));
        warn(
                connection,
                counts,
                "SELECT min(line) FROM import_row WHERE NOT rejected GROUP BY iddtks HAVING count(DISTINCT household_hash) > 1",
                row -> ImportIssue.warning(
                        row.getLong(1),
                        RegistryField.IDDTKS,
                        "household_fields_differ",
                        "Rows of this household disagree on KK, address or criteria; its first row is used"));
        // One family card, one family: a KK number on several households is a split or a typo.
        // Each household's first row, sorted out once for the two checks below.
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE import_first ON COMMIT DROP AS SELECT DISTINCT ON (iddtks) line,"
                    + " iddtks, kk_index FROM import_row WHERE NOT rejected ORDER BY iddtks, line");
            statement.execute("ANALYZE import_first");
        }
        String firstRows = "import_first";
        warn(
                connection,
                counts,
                "SELECT r.line, min(o.line) FROM " + firstRows + " r JOIN " + firstRows + " o"
                        + " ON o.kk_index = r.kk_index AND o.iddtks <> r.iddtks AND o.line < r.line GROUP BY r.line",
                row -> ImportIssue.warning(
                        row.getLong(1),
                        RegistryField.NOMOR_KK,
                        "kk_in_other_household",
                        "The same KK is the family card of another household of this file, on line " + row.getLong(2)));
        collect(
                connection,
                counts,
                "SELECT r.line, min(h.iddtks) FROM " + firstRows + " r JOIN household h ON h.tenant_id = ?"
                        + " AND h.kk_index = r.kk_index AND h.iddtks IS DISTINCT FROM r.iddtks GROUP BY r.line",
                row -> ImportIssue.warning(
                        row.getLong(1),
                        RegistryField.NOMOR_KK,
                        "kk_in_registry_household",
                        "The same KK is the family card of household " + row.getString(2) + " in the registry"),
                false,
                tenantId);
    }

    private interface IssueOf {
        ImportIssue of(ResultSet row) throws SQLException;
    }

    private static void reject(
            Connection connection, ImportCounts counts, String sql, IssueOf issue, String... parameters)
            throws SQLException {
        collect(connection, counts, sql, issue, true, parameters);
    }

    private static void warn(Connection connection, ImportCounts counts, String sql, IssueOf issue)
            throws SQLException {
        collect(connection, counts, sql, issue, false);
    }

    /** Runs a check; each row it answers is an issue (and, for {@code rejects}, a refused row). */
    private static void collect(
            Connection connection,
            ImportCounts counts,
            String sql,
            IssueOf issue,
            boolean rejects,
            String... parameters)
            throws SQLException {
        long started = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rejects) {
                        counts.rejected++;
                    }
                    counts.add(issue.of(rows));
                }
            }
        }
        debugTime(started, sql);
    }

    /**
     * Upserts households, then members, writing history; unchanged rows are not touched. A tenant's
     * first load puts its members in a table without indexes instead, whose name it answers: {@link
     * #finishFirstLoad} must end the transaction's work.
     */
    private String apply(Connection connection, String tenantId, UUID importId, String by, ImportCounts counts)
            throws SQLException {
        long[] households = upsert(connection, RegistrySql.HOUSEHOLDS, tenantId, importId, by);
        counts.householdsCreated = households[0];
        counts.householdsUpdated = households[1];
        String firstLoad = firstLoadTable(connection, tenantId);
        if (firstLoad != null) {
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(RegistrySql.loadMembers(firstLoad))) {
                insert.setString(1, tenantId);
                insert.setObject(2, importId);
                insert.setString(3, tenantId);
                counts.membersCreated = insert.executeUpdate();
            }
            debugTime(started, "first load: " + firstLoad);
            // No recount: a tenant without members has no household with an iddtks (households
            // registered by hand have none, an import's or a transfer's come with their members,
            // members are never deleted), so each household of the file is new, counted and
            // headed from these same rows as the recount would.
            return firstLoad;
        }
        long[] members = upsert(connection, RegistrySql.MEMBERS, tenantId, importId, by);
        counts.membersCreated = members[0];
        counts.membersUpdated = members[1];
        run(connection, RegistrySql.RECOUNT_HOUSEHOLDS, tenantId, tenantId);
        return null;
    }

    /** The table a first load fills (decision 0028), or null when the tenant already has members. */
    private static String firstLoadTable(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement begin = connection.prepareStatement(RegistrySql.MEMBER_LOAD_BEGIN)) {
            begin.setString(1, tenantId);
            try (ResultSet answer = begin.executeQuery()) {
                answer.next();
                return answer.getString(1);
            }
        }
    }

    /** Indexes the first load's members and swaps them in; member stays locked until COMMIT. */
    private static void finishFirstLoad(Connection connection, String tenantId, long members) throws SQLException {
        long started = System.nanoTime();
        try (PreparedStatement finish = connection.prepareStatement(RegistrySql.MEMBER_LOAD_FINISH)) {
            finish.setString(1, tenantId);
            try (ResultSet answer = finish.executeQuery()) {
                answer.next();
                LOG.info(
                        "First load of tenant {}: {} members {} in {} ms",
                        tenantId,
                        members,
                        answer.getBoolean(1)
                                ? "indexed and attached as its partition"
                                : "inserted through member (its partition could not be locked in time)",
                        (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /** One entity's steps: staged rows, their changes, the upsert, its history; answers (created, updated). */
    private static long[] upsert(
            Connection connection, RegistrySql.Upsert steps, String tenantId, UUID importId, String by)
            throws SQLException {
        run(
                connection,
                steps.staging(),
                Collections.nCopies(steps.stagingTenants(), tenantId).toArray());
        analyse(connection, steps.stagingTable());
        run(connection, steps.changes(), tenantId);
        run(connection, steps.doneTable());
        run(connection, steps.upsert(), tenantId, importId, tenantId, importId);
        analyse(connection, steps.changesTable(), steps.doneTableName());
        run(connection, steps.history(), tenantId, importId, by);
        return counts(connection, steps.counts());
    }

    private static void run(Connection connection, String sql, Object... parameters) throws SQLException {
        long started = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
        debugTime(started, sql);
    }

    private static void debugTime(long started, String sql) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} ms: {}",
                    (System.nanoTime() - started) / 1_000_000,
                    sql.substring(0, Math.min(60, sql.length())));
        }
    }

    private static void analyse(Connection connection, String... tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("ANALYZE " + table);
            }
        }
    }

    private static long[] counts(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    private static Set<String> villagesOf(Connection connection, String tenantId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT v.code FROM region v JOIN tenant t ON t.id = ? WHERE v.level = 4 AND v.code LIKE t.region_code || '.%'")) {
            query.setString(1, tenantId);
            return new HashSet<>(Rows.list(query, row -> row.getString(1)));
        }
    }

    private static Set<String> districts(Connection connection) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT replace(code, '.', '') FROM region WHERE level = 3")) {
            return new HashSet<>(Rows.list(query, row -> row.getString(1)));
        }
    }
}
