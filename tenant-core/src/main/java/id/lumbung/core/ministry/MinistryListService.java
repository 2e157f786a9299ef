package id.lumbung.core.ministry;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.registry.NameKey;
import id.lumbung.core.registry.TabularFile;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The ministry's files for a tenant (SIKS-NG, one row per member, as DTKS exports read): the
 * monthly determination list ({@code iddtks, id_art, nomor_nik, nama, program, desil}) and the
 * returned records ({@code iddtks, id_art, nomor_nik, nama, alasan}). Each row is kept once per
 * kind, period and record id ({@code id_art}, else {@code iddtks}), matched to the registry's
 * household (by iddtks) and member (by NIK); a returned record whose name the registry has since
 * corrected is marked {@code alreadyCorrected}, so nobody corrects it twice.
 */
@Singleton
public final class MinistryListService {
    public static final int MAXIMUM_ROWS = 500_000;

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final IdentifierProtection protection;

    MinistryListService(
            TenantTransactions transactions, Authorizer access, AuditLog audit, IdentifierProtection protection) {
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.protection = protection;
    }

    /** Which list. */
    public enum Kind {
        DETERMINATION,
        RETURNED
    }

    /**
     * What an import did.
     *
     * @param kind the list
     * @param period its period
     * @param rows rows read
     * @param changed records new or changed
     * @param unchanged records known as they are
     * @param rejected rows refused
     * @param unmatched records matching no household of the registry
     * @param alreadyCorrected returned records the registry already corrected
     * @param issues the first 1,000 problems by line
     */
    public record Result(
            Kind kind,
            String period,
            long rows,
            long changed,
            long unchanged,
            long rejected,
            long unmatched,
            long alreadyCorrected,
            List<TabularFile.Issue> issues) {}

    record Row(String recordId, String iddtks, Nik nik, String name, String programme, Integer desil, String reason) {}

    public Result importFile(Caller caller, String tenantId, Kind kind, String period, Path file) {
        access.require(caller, Permission.IMPORT_RUN, tenantId);
        TabularFile.Read<Row> read = read(kind, period, file);
        Written written = transactions.inTenant(
                tenantId, connection -> upsert(connection, tenantId, kind, period, read.accepted(), null));
        audit.record(
                tenantId,
                caller,
                "MINISTRY_" + kind.name() + "_IMPORT",
                period + ": " + read.rows() + " rows",
                List.of("nik", "full_name"));
        return result(kind, period, read, written);
    }

    /** Reads and checks a whole file of the ministry; a wrong header or period refuses it (400). */
    TabularFile.Read<Row> read(Kind kind, String period, Path file) {
        if (period == null || !period.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw new LumbungException(ErrorCode.INVALID_PERIOD, "The period reads yyyy-mm, e.g. 2026-11");
        }
        return TabularFile.readAll(
                file,
                columns -> columns.alias("program", "programme"),
                kind == Kind.RETURNED ? List.of("iddtks", "nama", "alasan") : List.of("iddtks", "nama"),
                MAXIMUM_ROWS,
                "id_art",
                Row::recordId,
                MinistryListService::parse);
    }

    /**
     * What an upsert of a list did.
     *
     * @param changed rows that changed the registry
     * @param unmatched rows naming no member of the registry
     * @param corrected rows the ministry sent back though they were corrected already
     */
    record Written(long changed, long unmatched, long corrected) {}

    static Result result(Kind kind, String period, TabularFile.Read<Row> read, Written written) {
        return new Result(
                kind,
                period,
                read.rows(),
                written.changed(),
                read.accepted().size() - written.changed(),
                read.rejected(),
                written.unmatched(),
                written.corrected(),
                read.issues());
    }

    private static Row parse(
            long line, List<String> fields, TabularFile.Columns columns, List<TabularFile.Issue> issues) {
        String iddtks = columns.value(fields, "iddtks");
        String name = columns.value(fields, "nama");
        if (iddtks.isEmpty() || name.isEmpty()) {
            issues.add(new TabularFile.Issue(
                    line, iddtks.isEmpty() ? "iddtks" : "nama", "missing_value", "iddtks and nama are required"));
            return null;
        }
        Nik nik = null;
        String rawNik = columns.value(fields, "nomor_nik");
        if (!rawNik.isEmpty()) {
            try {
                nik = Nik.parse(rawNik);
            } catch (LumbungException e) {
                issues.add(new TabularFile.Issue(line, "nomor_nik", e.code(), e.getMessage()));
                return null;
            }
        }
        Integer desil = null;
        String rawDesil = columns.value(fields, "desil");
        if (!rawDesil.isEmpty()) {
            if (!rawDesil.matches("10|[1-9]")) {
                issues.add(new TabularFile.Issue(line, "desil", "invalid_desil", "desil is 1 to 10"));
                return null;
            }
            desil = Integer.parseInt(rawDesil);
        }
        String idArt = columns.value(fields, "id_art");
        return new Row(
                idArt.isEmpty() ? iddtks : idArt,
                iddtks,
                nik,
                name,
                blankToNull(columns.value(fields, "program").toUpperCase(Locale.ROOT)),
                desil,
                blankToNull(columns.value(fields, "alasan")));
    }

    /**
     * Writes the rows of a list and says what they did.
     *
     * @param sourceFile the ministry's file the rows come from (a fetch), or {@code null} (an upload)
     */
    Written upsert(Connection connection, String tenantId, Kind kind, String period, List<Row> rows, String sourceFile)
            throws SQLException {
        long changed = 0;
        long unmatched = 0;
        long corrected = 0;
        try (PreparedStatement match = connection.prepareStatement("SELECT h.id AS household_id, m.id AS member_id,"
                        + " m.name_key FROM household h LEFT JOIN member m ON m.tenant_id = h.tenant_id"
                        + " AND m.household_id = h.id AND m.nik_index = ? WHERE h.tenant_id = ? AND h.iddtks = ?"
                        + " ORDER BY m.id NULLS LAST LIMIT 1");
                PreparedStatement upsert = connection.prepareStatement(
                        "INSERT INTO ministry_record AS r (tenant_id,"
                                + " kind, period, record_id, iddtks, nik_index, nik_masked, full_name, programme, desil, reason,"
                                + " household_id, member_id, already_corrected, row_hash, source_file)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (tenant_id, kind, period, record_id) DO UPDATE SET iddtks = excluded.iddtks,"
                                + " nik_index = excluded.nik_index, nik_masked = excluded.nik_masked,"
                                + " full_name = excluded.full_name, programme = excluded.programme, desil = excluded.desil,"
                                + " reason = excluded.reason, household_id = excluded.household_id,"
                                + " member_id = excluded.member_id, already_corrected = excluded.already_corrected,"
                                + " row_hash = excluded.row_hash, source_file = coalesce(excluded.source_file, r.source_file),"
                                + " imported_at = now() WHERE r.row_hash <> excluded.row_hash"
                                // A record now listed in another of the ministry's files belongs to that one.
                                + " OR (excluded.source_file IS NOT NULL AND r.source_file IS DISTINCT FROM excluded.source_file)")) {
            for (Row row : rows) {
                String index = row.nik() == null
                        ? null
                        : protection.blindIndex(row.nik().value());
                match.setString(1, index);
                match.setString(2, tenantId);
                match.setString(3, row.iddtks());
                Object household = null;
                Object member = null;
                boolean alreadyCorrected = false;
                try (ResultSet found = match.executeQuery()) {
                    if (found.next()) {
                        household = found.getObject("household_id");
                        member = found.getObject("member_id");
                        String key = found.getString("name_key");
                        // The ministry returns the name it holds; the registry's differs: corrected already.
                        alreadyCorrected = kind == Kind.RETURNED && key != null && !key.equals(NameKey.of(row.name()));
                    }
                }
                if (household == null) {
                    unmatched++;
                }
                if (alreadyCorrected) {
                    corrected++;
                }
                upsert.setString(1, tenantId);
                upsert.setString(2, kind.name());
                upsert.setString(3, period);
                upsert.setString(4, row.recordId());
                upsert.setString(5, row.iddtks());
                upsert.setString(6, index);
                upsert.setString(7, row.nik() == null ? null : row.nik().masked());
                upsert.setString(8, row.name());
                upsert.setString(9, row.programme());
                upsert.setObject(10, row.desil());
                upsert.setString(11, row.reason());
                upsert.setObject(12, household);
                upsert.setObject(13, member);
                upsert.setBoolean(14, alreadyCorrected);
                upsert.setString(
                        15,
                        protection.blindIndex(String.join(
                                "|",
                                row.iddtks(),
                                String.valueOf(index),
                                row.name(),
                                String.valueOf(row.programme()),
                                String.valueOf(row.desil()),
                                String.valueOf(row.reason()),
                                String.valueOf(household),
                                String.valueOf(alreadyCorrected))));
                upsert.setString(16, sourceFile);
                changed += upsert.executeUpdate();
            }
        }
        return new Written(changed, unmatched, corrected);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
