package id.lumbung.core.student;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.registry.TabularFile;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Students pulled from the schools' own Dapodik web services: a pull queues one outbox message
 * per school (agency {@code DAPODIK}); the connector reads the school's {@code getPesertaDidik}
 * page by page, and the answer is checked row by row exactly as the education office's file is
 * ({@link StudentService}), upserted by NISN and kept once per pull — what was read, changed and
 * refused, and why.
 */
@Singleton
public final class StudentPulls {
    public static final String AGENCY = "DAPODIK";
    public static final String KIND = "PULL_STUDENTS";
    /** Issues kept per pull (the counts are complete). */
    private static final int KEPT_ISSUES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(StudentPulls.class);

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final StudentService students;
    private final SchoolDirectory directory;

    StudentPulls(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            Outbox outbox,
            StudentService students,
            @Nullable SchoolDirectory directory) {
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.outbox = outbox;
        this.students = students;
        this.directory = directory;
    }

    /**
     * A school to pull from.
     *
     * @param npsn its number
     * @param name its name, if known
     */
    public record School(String npsn, String name) {}

    /**
     * A pull from one school.
     *
     * @param id the pull
     * @param npsn the school
     * @param schoolName its name
     * @param status QUEUED, DONE or FAILED (a dead letter: see {@code lastError})
     * @param students rows the school's answer held
     * @param changed students created or changed
     * @param rejected rows refused
     * @param issues the first refused rows: "row N, column: reason"
     * @param attempts calls made
     * @param lastError why the last attempt failed
     * @param requestedBy who asked
     * @param createdAt when
     * @param completedAt when the answer was written
     */
    public record Pull(
            UUID id,
            String npsn,
            String schoolName,
            String status,
            Integer students,
            Integer changed,
            Integer rejected,
            List<String> issues,
            int attempts,
            String lastError,
            String requestedBy,
            Instant createdAt,
            Instant completedAt) {}

    /** The schools configured for the tenant. */
    public List<School> schools(Caller caller, String tenantId) {
        access.require(caller, Permission.STUDENT_READ, tenantId);
        return directory == null ? List.of() : directory.schoolsOf(tenantId);
    }

    /**
     * Queues a pull from each school asked (every configured school of the tenant when none is
     * named), in one transaction with its outbox messages; audited.
     */
    public List<Pull> start(Caller caller, String tenantId, List<String> npsns) {
        access.require(caller, Permission.IMPORT_RUN, tenantId);
        List<School> configured = directory == null ? List.of() : directory.schoolsOf(tenantId);
        if (configured.isEmpty()) {
            throw new LumbungException(
                    ErrorCode.NO_SCHOOLS, "No Dapodik school is configured for this tenant: nothing to pull");
        }
        List<School> schools = new ArrayList<>();
        for (String npsn : npsns == null || npsns.isEmpty()
                ? configured.stream().map(School::npsn).toList()
                : new LinkedHashSet<>(npsns)) {
            schools.add(configured.stream()
                    .filter(school -> school.npsn().equals(npsn))
                    .findFirst()
                    .orElseThrow(() -> new LumbungException(
                            ErrorCode.UNKNOWN_SCHOOL,
                            "School " + npsn + " is not configured for this tenant"
                                    + " (lumbung.connectors.dapodik.schools)")));
        }
        List<UUID> ids = transactions.inTenant(tenantId, connection -> {
            List<UUID> created = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO student_pull (tenant_id, id,"
                    + " npsn, school_name, status, requested_by) VALUES (?, ?, ?, ?, 'QUEUED', ?)")) {
                for (School school : schools) {
                    UUID id = UUID.randomUUID();
                    insert.setString(1, tenantId);
                    insert.setObject(2, id);
                    insert.setString(3, school.npsn());
                    insert.setString(4, school.name());
                    insert.setString(5, caller.username());
                    insert.addBatch();
                    outbox.append(connection, tenantId, AGENCY, KIND, id, "{}");
                    created.add(id);
                }
                insert.executeBatch();
            }
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "STUDENT_PULL",
                    schools.size() + " school(s): "
                            + String.join(
                                    ", ", schools.stream().map(School::npsn).toList()),
                    List.of("nik", "nisn", "full_name"),
                    "OK");
            return created;
        });
        return transactions.inTenant(tenantId, connection -> pulls(connection, tenantId, ids));
    }

    /** The tenant's last 50 pulls, newest first. */
    public List<Pull> recent(Caller caller, String tenantId) {
        access.require(caller, Permission.STUDENT_READ, tenantId);
        return transactions.inTenant(tenantId, connection -> pulls(connection, tenantId, null));
    }

    public Pull get(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.STUDENT_READ, tenantId);
        return transactions.inTenant(tenantId, connection -> pulls(connection, tenantId, List.of(id))).stream()
                .findFirst()
                .orElseThrow(() -> new LumbungException(ErrorCode.PULL_NOT_FOUND, "Pull " + id + " was not found"));
    }

    /** The school a message pulls from. */
    public String npsnOf(OutboxMessage message) {
        return transactions.inTenant(message.tenantId(), connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT npsn FROM student_pull WHERE tenant_id = ? AND id = ?")) {
                query.setString(1, message.tenantId());
                query.setObject(2, message.aggregateId());
                return Rows.first(query, row -> row.getString(1))
                        .orElseThrow(() -> new IllegalStateException("No pull for outbox message " + message.id()));
            }
        });
    }

    /**
     * Keeps a school's answer once: its rows (field names in any case, Dapodik's or ours) checked
     * like the file's, row N being the N-th student of the answer, and upserted by NISN.
     *
     * @return {@code false} if the pull had been answered already
     */
    public boolean record(OutboxMessage message, List<Map<String, Object>> rows) {
        String tenantId = message.tenantId();
        return transactions.inTenant(tenantId, connection -> {
            School school;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT npsn, school_name FROM student_pull WHERE tenant_id = ? AND id = ?")) {
                query.setString(1, tenantId);
                query.setObject(2, message.aggregateId());
                school = Rows.first(query, row -> new School(row.getString(1), row.getString(2)))
                        .orElseThrow(() -> new IllegalStateException("No pull for outbox message " + message.id()));
            }
            if (!outbox.complete(connection, tenantId, message.id())) {
                return false;
            }
            TabularFile.Read<StudentService.Parsed> read = rows.isEmpty()
                    ? new TabularFile.Read<>(List.of(), 0, 0, List.of())
                    : TabularFile.collect(
                            handler -> feed(rows, school, handler),
                            StudentService::aliases,
                            StudentService.REQUIRED,
                            Integer.MAX_VALUE,
                            "nisn",
                            StudentService.Parsed::nisn,
                            StudentService::parse);
            long changed = students.upsert(connection, tenantId, read.accepted(), "DAPODIK");
            List<String> issues = read.issues().stream()
                    .limit(KEPT_ISSUES)
                    .map(issue -> "row " + issue.line() + (issue.column() == null ? "" : ", " + issue.column()) + ": "
                            + issue.message())
                    .toList();
            try (PreparedStatement update = connection.prepareStatement("UPDATE student_pull SET status = 'DONE',"
                    + " students = ?, changed = ?, rejected = ?, issues = ?, attempts = ?, last_error = NULL,"
                    + " completed_at = now() WHERE tenant_id = ? AND id = ?")) {
                update.setLong(1, read.rows());
                update.setLong(2, changed);
                update.setLong(3, read.rejected());
                update.setArray(4, connection.createArrayOf("text", issues.toArray()));
                update.setInt(5, message.attempts());
                update.setString(6, tenantId);
                update.setObject(7, message.aggregateId());
                update.executeUpdate();
            }
            LOG.info(
                    "Dapodik pull {} of tenant {} (school {}): {} rows, {} changed, {} refused",
                    message.aggregateId(),
                    tenantId,
                    school.npsn(),
                    read.rows(),
                    changed,
                    read.rejected());
            return true;
        });
    }

    public void recordRetry(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        outbox.retryLater(message, delay, reason, giveUp, "student_pull");
    }

    /** The answer as a table: the union of its field names (and the school's) as header, a row per student. */
    private static void feed(List<Map<String, Object>> rows, School school, TabularFile.Handler handler) {
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> row : rows) {
            row.keySet().forEach(name -> names.add(name.toLowerCase(java.util.Locale.ROOT)));
        }
        names.remove("npsn");
        names.remove("nama_sekolah");
        List<String> header = new ArrayList<>(names);
        header.add("npsn");
        header.add("nama_sekolah");
        handler.row(0, header);
        long line = 0;
        for (Map<String, Object> row : rows) {
            Map<String, Object> byName = new java.util.HashMap<>();
            row.forEach((name, value) -> byName.put(name.toLowerCase(java.util.Locale.ROOT), value));
            List<String> fields = new ArrayList<>(header.size());
            for (int i = 0; i < header.size() - 2; i++) {
                Object value = byName.get(header.get(i));
                fields.add(value == null ? "" : String.valueOf(value));
            }
            fields.add(school.npsn());
            fields.add(school.name() == null ? "" : school.name());
            handler.row(++line, fields);
        }
    }

    private static List<Pull> pulls(java.sql.Connection connection, String tenantId, List<UUID> ids)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM student_pull WHERE tenant_id = ?"
                + " AND (?::uuid[] IS NULL OR id = ANY (?::uuid[])) ORDER BY created_at DESC, npsn LIMIT 50")) {
            Array wanted = ids == null ? null : connection.createArrayOf("uuid", ids.toArray());
            query.setString(1, tenantId);
            query.setArray(2, wanted);
            query.setArray(3, wanted);
            return Rows.list(query, StudentPulls::pull);
        }
    }

    private static Pull pull(ResultSet row) throws SQLException {
        Array issues = row.getArray("issues");
        Timestamp completed = row.getTimestamp("completed_at");
        return new Pull(
                row.getObject("id", UUID.class),
                row.getString("npsn"),
                row.getString("school_name"),
                row.getString("status"),
                (Integer) row.getObject("students"),
                (Integer) row.getObject("changed"),
                (Integer) row.getObject("rejected"),
                issues == null ? List.of() : List.of((String[]) issues.getArray()),
                row.getInt("attempts"),
                row.getString("last_error"),
                row.getString("requested_by"),
                row.getTimestamp("created_at").toInstant(),
                completed == null ? null : completed.toInstant());
    }
}
