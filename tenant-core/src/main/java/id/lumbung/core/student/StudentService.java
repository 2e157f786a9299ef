package id.lumbung.core.student;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.registry.TabularFile;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Students from Dapodik: the education office's batch file (CSV or .xlsx, one row per student,
 * columns {@code nisn, nik, nama, jenis_kelamin, tanggal_lahir, npsn, nama_sekolah, rombel,
 * semester} in any order) upserted by NISN in one transaction — a file imported twice changes
 * nothing — and looked up by NIK or NISN for PIP/KIP checks, with the registry member the NIK
 * belongs to.
 */
@Singleton
public final class StudentService {
    public static final int MAXIMUM_ROWS = 200_000;
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    static final List<String> REQUIRED = List.of("nisn", "nama", "npsn");

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final IdentifierProtection protection;

    StudentService(
            TenantTransactions transactions, Authorizer access, AuditLog audit, IdentifierProtection protection) {
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.protection = protection;
    }

    /**
     * What an import did.
     *
     * @param rows rows read
     * @param changed students created or changed
     * @param unchanged rows already known as they are
     * @param rejected rows refused (see issues)
     * @param issues the first 1,000 problems, by line
     */
    public record ImportResult(
            long rows, long changed, long unchanged, long rejected, List<TabularFile.Issue> issues) {}

    /**
     * A student found.
     *
     * @param nisn the national student number
     * @param nikMasked the NIK, masked
     * @param fullName the name
     * @param sex L or P
     * @param birthDate the birth date
     * @param npsn the school's number
     * @param schoolName the school
     * @param className the class (rombel)
     * @param semester the semester of the data
     * @param memberId the registry member with the same NIK, if any
     * @param householdId that member's household
     */
    public record Student(
            String nisn,
            String nikMasked,
            String fullName,
            String sex,
            LocalDate birthDate,
            String npsn,
            String schoolName,
            String className,
            String semester,
            UUID memberId,
            UUID householdId) {}

    record Parsed(
            String nisn,
            Nik nik,
            String name,
            String sex,
            LocalDate born,
            String npsn,
            String school,
            String rombel,
            String semester) {}

    public ImportResult importFile(Caller caller, String tenantId, Path file) {
        access.require(caller, Permission.IMPORT_RUN, tenantId);
        TabularFile.Read<Parsed> read = TabularFile.readAll(
                file, StudentService::aliases, REQUIRED, MAXIMUM_ROWS, "nisn", Parsed::nisn, StudentService::parse);
        List<Parsed> accepted = read.accepted();
        long changed = transactions.inTenant(tenantId, connection -> upsert(connection, tenantId, accepted, "FILE"));
        audit.record(
                tenantId,
                caller,
                "STUDENT_IMPORT",
                read.rows() + " rows, " + changed + " changed",
                List.of("nik", "nisn", "full_name"));
        return new ImportResult(read.rows(), changed, accepted.size() - changed, read.rejected(), read.issues());
    }

    /** Dapodik's own column names, read where ours are absent. */
    static TabularFile.Columns aliases(TabularFile.Columns columns) {
        return columns.alias("rombel", "nama_rombel").alias("semester", "semester_id");
    }

    static Parsed parse(long line, List<String> fields, TabularFile.Columns columns, List<TabularFile.Issue> issues) {
        String nisn = value(fields, columns, "nisn");
        if (!nisn.matches("[0-9]{10}")) {
            issues.add(new TabularFile.Issue(line, "nisn", "invalid_nisn", "A NISN has exactly 10 digits"));
            return null;
        }
        String name = value(fields, columns, "nama");
        String npsn = value(fields, columns, "npsn");
        if (name.isEmpty() || !npsn.matches("[0-9A-Z]{8}")) {
            issues.add(new TabularFile.Issue(
                    line,
                    name.isEmpty() ? "nama" : "npsn",
                    "missing_value",
                    name.isEmpty() ? "The name is required" : "An NPSN has 8 characters"));
            return null;
        }
        Nik nik = null;
        String rawNik = value(fields, columns, "nik");
        if (!rawNik.isEmpty()) {
            try {
                nik = Nik.parse(rawNik);
            } catch (LumbungException e) {
                issues.add(new TabularFile.Issue(line, "nik", e.code(), e.getMessage()));
                return null;
            }
        }
        String sex =
                switch (value(fields, columns, "jenis_kelamin").toUpperCase(Locale.ROOT)) {
                    case "L", "1", "LAKI-LAKI" -> "L";
                    case "P", "2", "PEREMPUAN" -> "P";
                    case "" -> null;
                    default -> "?";
                };
        if ("?".equals(sex)) {
            issues.add(new TabularFile.Issue(line, "jenis_kelamin", "invalid_sex", "jenis_kelamin is L or P"));
            return null;
        }
        LocalDate born = null;
        String date = value(fields, columns, "tanggal_lahir");
        if (!date.isEmpty()) {
            try {
                born = date.length() == 10 && date.charAt(4) == '-'
                        ? LocalDate.parse(date)
                        : LocalDate.parse(date.replace('/', '-'), DAY_FIRST);
            } catch (DateTimeParseException e) {
                issues.add(new TabularFile.Issue(
                        line, "tanggal_lahir", "invalid_date", "A date reads dd-mm-yyyy or yyyy-mm-dd"));
                return null;
            }
        }
        return new Parsed(
                nisn,
                nik,
                name,
                sex,
                born,
                npsn,
                value(fields, columns, "nama_sekolah"),
                value(fields, columns, "rombel"),
                value(fields, columns, "semester"));
    }

    /** Upserts by NISN; a row whose content did not change is not written. Answers the rows written. */
    long upsert(Connection connection, String tenantId, List<Parsed> students, String source) throws SQLException {
        long changed = 0;
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO student AS s (tenant_id, nisn,"
                + " nik_encrypted, nik_index, nik_masked, full_name, sex, birth_date, npsn, school_name, class_name,"
                + " semester, source, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, nisn) DO UPDATE SET nik_encrypted = excluded.nik_encrypted,"
                + " nik_index = excluded.nik_index, nik_masked = excluded.nik_masked, full_name = excluded.full_name,"
                + " sex = excluded.sex, birth_date = excluded.birth_date, npsn = excluded.npsn,"
                + " school_name = excluded.school_name, class_name = excluded.class_name,"
                + " semester = excluded.semester, source = excluded.source, row_hash = excluded.row_hash,"
                + " updated_at = now() WHERE s.row_hash <> excluded.row_hash")) {
            int pending = 0;
            for (Parsed student : students) {
                String nik = student.nik() == null ? null : student.nik().value();
                upsert.setString(1, tenantId);
                upsert.setString(2, student.nisn());
                upsert.setString(3, nik == null ? null : protection.encrypt(tenantId, nik));
                upsert.setString(4, nik == null ? null : protection.blindIndex(nik));
                upsert.setString(5, student.nik() == null ? null : student.nik().masked());
                upsert.setString(6, student.name());
                upsert.setString(7, student.sex());
                upsert.setObject(8, student.born());
                upsert.setString(9, student.npsn());
                upsert.setString(10, blankToNull(student.school()));
                upsert.setString(11, blankToNull(student.rombel()));
                upsert.setString(12, blankToNull(student.semester()));
                upsert.setString(13, source);
                upsert.setString(
                        14,
                        protection.blindIndex(String.join(
                                "|",
                                String.valueOf(nik),
                                student.name(),
                                String.valueOf(student.sex()),
                                String.valueOf(student.born()),
                                student.npsn(),
                                student.school(),
                                student.rombel(),
                                student.semester())));
                upsert.addBatch();
                if (++pending == 1_000) {
                    changed += written(upsert.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                changed += written(upsert.executeBatch());
            }
        }
        return changed;
    }

    /** Students by NIK (blind index) or NISN, with the registry member of the same NIK; audited. */
    public List<Student> find(Caller caller, String tenantId, String nik, String nisn) {
        access.require(caller, Permission.STUDENT_READ, tenantId);
        String index;
        String subject;
        if (nik != null && !nik.isBlank()) {
            Nik parsed = Nik.parse(nik);
            index = protection.blindIndex(parsed.value());
            subject = parsed.masked();
        } else if (nisn != null && nisn.strip().matches("[0-9]{10}")) {
            index = null;
            subject = "nisn " + nisn.strip();
        } else {
            throw new LumbungException(
                    ErrorCode.SEARCH_NEEDS_NIK_OR_NISN, "Search by nik (16 digits) or nisn (10 digits)");
        }
        List<Student> found = transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT s.*, m.id AS member_id,"
                    + " m.household_id FROM student s LEFT JOIN member m ON m.tenant_id = s.tenant_id"
                    + " AND m.nik_index = s.nik_index WHERE s.tenant_id = ?"
                    + " AND (s.nik_index = ? OR (?::text IS NULL AND s.nisn = ?)) ORDER BY s.nisn LIMIT 50")) {
                query.setString(1, tenantId);
                query.setString(2, index);
                query.setString(3, index);
                query.setString(4, nisn == null ? null : nisn.strip());
                return Rows.list(
                        query,
                        row -> new Student(
                                row.getString("nisn"),
                                row.getString("nik_masked"),
                                row.getString("full_name"),
                                row.getString("sex"),
                                row.getObject("birth_date", LocalDate.class),
                                row.getString("npsn"),
                                row.getString("school_name"),
                                row.getString("class_name"),
                                row.getString("semester"),
                                row.getObject("member_id", UUID.class),
                                row.getObject("household_id", UUID.class)));
            }
        });
        audit.record(tenantId, caller, "STUDENT_SEARCH", subject, List.of("nik_masked", "full_name", "school"));
        return found;
    }

    private static long written(int[] counts) {
        long written = 0;
        for (int count : counts) {
            written += count > 0 || count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
        }
        return written;
    }

    private static String value(List<String> fields, TabularFile.Columns columns, String name) {
        return columns.value(fields, name);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
