package id.lumbung.core.student;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.registry.TabularFile;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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

    private static final Comparator<Pull> NEWEST_FIRST =
            Comparator.comparing(Pull::createdAt).reversed().thenComparing(Pull::npsn);

    private static final Logger LOG = LoggerFactory.getLogger(StudentPulls.class);

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final Outbox outbox;
    private final StudentService students;
    private final SchoolDirectory directory;

    private final StudentPullRows pullRows;

    StudentPulls(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            Outbox outbox,
            StudentService students,
            @Nullable SchoolDirectory directory,
            StudentPullRows rows) {
        this.pullRows = rows;
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
        return transactions.inTenant(tenantId, connection -> {
            List<Pull> created = new ArrayList<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (School school : schools) {
                StudentPullRow pull = pullRows.save(StudentPullRow.queued(tenantId, school, caller.username(), now));
                outbox.append(connection, tenantId, AGENCY, KIND, pull.id(), "{}");
                created.add(pull.toPull());
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
            created.sort(NEWEST_FIRST);
            return created;
        });
    }

    /** The tenant's latest pulls (the first page). */
    public List<Pull> recent(Caller caller, String tenantId) {
        return page(caller, tenantId, PageRequest.first()).items();
    }

    /** The tenant's pulls, newest first, a page at a time with their total. */
    public Page<Pull> page(Caller caller, String tenantId, PageRequest request) {
        access.require(caller, Permission.STUDENT_READ, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            Keyset.Ids page = Keyset.newestIds(connection, "FROM student_pull WHERE tenant_id = ?", request, tenantId);
            List<Pull> read = page.inOrder(pullRows.findByIdIn(page.ids()), StudentPullRow::id).stream()
                    .map(StudentPullRow::toPull)
                    .toList();
            return Page.of(
                    read,
                    request,
                    page.total(),
                    pull -> PageRequest.cursor(
                            pull.createdAt().toString(), pull.id().toString()));
        });
    }

    public Pull get(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.STUDENT_READ, tenantId);
        return transactions
                .inTenant(tenantId, connection -> pullRows.findById(id).map(StudentPullRow::toPull))
                .orElseThrow(() -> new LumbungException(ErrorCode.PULL_NOT_FOUND, "Pull " + id + " was not found"));
    }

    /** The school a message pulls from. */
    public String npsnOf(OutboxMessage message) {
        return transactions.inTenant(
                message.tenantId(), connection -> pullOf(message).npsn());
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
            StudentPullRow pull = pullOf(message);
            School school = new School(pull.npsn(), pull.schoolName());
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
            pullRows.answered(
                    tenantId,
                    message.aggregateId(),
                    read.rows(),
                    changed,
                    read.rejected(),
                    issues.toArray(String[]::new),
                    message.attempts());
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

    private StudentPullRow pullOf(OutboxMessage message) {
        return pullRows.findById(message.aggregateId())
                .orElseThrow(() -> new IllegalStateException("No pull for outbox message " + message.id()));
    }
}
