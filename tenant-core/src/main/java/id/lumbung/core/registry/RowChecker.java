package id.lumbung.core.registry;

import id.lumbung.core.household.RegistryField;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.protection.IdentifierProtection;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Checks one record of an import by the {@link RegistryField} catalogue and turns it into a line
 * of the staging table (PostgreSQL {@code COPY} CSV), or into the reasons it is refused. Warnings
 * do not stop a row. NIK and KK leave this class only encrypted, as blind indexes and masked.
 */
final class RowChecker {
    /** The catalogue's fields staged as they are read, in catalogue order. */
    static final List<RegistryField> STAGED = Arrays.stream(RegistryField.values())
            .filter(field ->
                    field.level() != RegistryField.Level.NONE && !field.identifier() && field != RegistryField.ID_ART)
            .toList();

    /** The identifiers, each staged as three columns. */
    static final List<RegistryField> IDENTIFIERS = Arrays.stream(RegistryField.values())
            .filter(RegistryField::identifier)
            .toList();

    /** Columns of the staging table, in the order {@link #check} writes them. */
    static final String STAGING_COLUMNS = "line, source_key, name_key, household_hash, member_hash, "
            + IDENTIFIERS.stream().flatMap(field -> field.columns().stream()).collect(Collectors.joining(", "))
            + ", " + STAGED.stream().map(RegistryField::column).collect(Collectors.joining(", "));

    /** The staging table: one row per line of the file. */
    static final String STAGING_TABLE = "CREATE TEMPORARY TABLE import_row (line bigint PRIMARY KEY,"
            + " source_key text NOT NULL, name_key text NOT NULL, household_hash text NOT NULL,"
            + " member_hash text NOT NULL, "
            + IDENTIFIERS.stream()
                    .flatMap(field -> field.columns().stream())
                    .map(column -> column + " text")
                    .collect(Collectors.joining(", "))
            + ", "
            + STAGED.stream()
                    .map(field -> field.column() + " " + field.sqlType())
                    .collect(Collectors.joining(", "))
            + ", rejected boolean NOT NULL DEFAULT false) ON COMMIT DROP";

    private static final RegistryField[] FIELDS = RegistryField.values();

    private final String tenantId;
    private final Set<String> villages;
    private final Set<String> districts;
    private final IdentifierProtection protection;
    private final Header header;

    // The previous row's KK: rows of one family share it, so it is encrypted once per family.
    private String lastKk;
    private Protected lastKkProtected;

    /**
     * @param villages the tenant's village codes, dotted
     * @param districts every district code, six digits without dots (for the NIK's region)
     */
    RowChecker(
            String tenantId,
            Set<String> villages,
            Set<String> districts,
            IdentifierProtection protection,
            Header header) {
        this.tenantId = tenantId;
        this.villages = villages;
        this.districts = districts;
        this.protection = protection;
        this.header = header;
    }

    /** An identifier as it is stored: encrypted for the tenant, its blind index, masked. */
    private record Protected(String encrypted, String index, String masked) {}

    /**
     * Appends the row's staging line to {@code out} and its issues to {@code issues}.
     *
     * @return whether the row is accepted (no error)
     */
    boolean check(long line, List<String> fields, StringBuilder out, List<ImportIssue> issues) {
        if (fields.size() != header.width()) {
            issues.add(ImportIssue.error(
                    line,
                    null,
                    "wrong_field_count",
                    "The row has " + fields.size() + " fields, the header " + header.width()));
            return false;
        }
        Row row = new Row(line, issues);
        Object[] values = new Object[FIELDS.length];
        for (RegistryField field : FIELDS) {
            if (field != RegistryField.NOMOR_NIK) { // read last: it is checked against the others
                values[field.ordinal()] = field.read(header.value(fields, field), row);
            }
            if (field == RegistryField.KODE_WILAYAH
                    && values[field.ordinal()] instanceof String village
                    && !villages.contains(village)) {
                row.error(field, "village_outside_tenant", "Village " + village + " is not in this regency/city");
                values[field.ordinal()] = null;
            }
        }
        String nik = nik(row, fields, values);
        values[RegistryField.NOMOR_NIK.ordinal()] = nik;
        if (row.failed) {
            return false;
        }
        Protected nikProtected = nik == null ? null : protect(nik);
        String idArt = (String) values[RegistryField.ID_ART.ordinal()];
        if (idArt == null && nikProtected == null) {
            issues.add(ImportIssue.error(
                    line,
                    RegistryField.NOMOR_NIK,
                    "member_without_key",
                    "A member needs an id_art or a NIK to be recognised"));
            return false;
        }
        String kk = (String) values[RegistryField.NOMOR_KK.ordinal()];
        Protected kkProtected;
        if (kk.equals(lastKk)) {
            kkProtected = lastKkProtected;
        } else {
            kkProtected = protect(kk);
            lastKk = kk;
            lastKkProtected = kkProtected;
        }
        String iddtks = (String) values[RegistryField.IDDTKS.ordinal()];
        Copy copy = new Copy(out);
        copy.raw(Long.toString(line))
                .text(idArt != null ? idArt : iddtks + ":" + nikProtected.index())
                .text(NameKey.of((String) values[RegistryField.NAMA.ordinal()]))
                .text(contentHash(RegistryField.Level.HOUSEHOLD, null, values))
                .text(contentHash(RegistryField.Level.MEMBER, iddtks, values));
        for (RegistryField field : IDENTIFIERS) {
            Protected value = field == RegistryField.NOMOR_KK ? kkProtected : nikProtected;
            copy.text(value == null ? null : value.encrypted())
                    .text(value == null ? null : value.index())
                    .text(value == null ? null : value.masked());
        }
        for (RegistryField field : STAGED) {
            Object value = values[field.ordinal()];
            copy.text(value == null ? null : value.toString());
        }
        copy.end();
        return true;
    }

    /**
     * The blind index of a row's fields on one level (keys left out): an unchanged household or
     * member is recognised by it and not written again.
     */
    private String contentHash(RegistryField.Level level, String prefix, Object[] values) {
        StringJoiner content = new StringJoiner("\u001f");
        if (prefix != null) {
            content.add(prefix);
        }
        for (RegistryField field : FIELDS) {
            if (field.level() == level && field.change() != null) {
                Object value = values[field.ordinal()];
                content.add(value == null ? "" : value.toString());
            }
        }
        return protection.blindIndex(content.toString());
    }

    /** The NIK, checked against the district list, the birth date and the sex. */
    private String nik(Row row, List<String> fields, Object[] values) {
        String raw = header.value(fields, RegistryField.NOMOR_NIK);
        String value = (String) RegistryField.NOMOR_NIK.read(raw, row);
        if (value == null) {
            if (!row.failed && raw.isEmpty()) {
                row.warning(RegistryField.NOMOR_NIK, "nik_missing", "The member has no NIK yet");
            }
            return null;
        }
        if (!districts.contains(value.substring(0, 6))) {
            row.warning(
                    RegistryField.NOMOR_NIK,
                    "nik_region_unknown",
                    "The NIK's region is not a current district (split or renamed since)");
        }
        LocalDate birthDate = (LocalDate) values[RegistryField.TANGGAL_LAHIR.ordinal()];
        if (birthDate != null) {
            int day = Integer.parseInt(value.substring(6, 8)) % 40;
            int month = Integer.parseInt(value.substring(8, 10));
            int year = Integer.parseInt(value.substring(10, 12));
            if (day != birthDate.getDayOfMonth()
                    || month != birthDate.getMonthValue()
                    || year != birthDate.getYear() % 100) {
                row.warning(
                        RegistryField.NOMOR_NIK,
                        "nik_birth_date_mismatch",
                        "The NIK's birth date differs from tanggal_lahir");
            }
        }
        String sex = (String) values[RegistryField.JENIS_KELAMIN.ordinal()];
        if (sex != null && Nik.parse(value).isFemale() != sex.equals("P")) {
            row.warning(
                    RegistryField.NOMOR_NIK,
                    "nik_sex_mismatch",
                    "The NIK's sex (day + 40 for women) differs from jenis_kelamin");
        }
        return value;
    }

    private Protected protect(String identifier) {
        return new Protected(
                protection.encrypt(tenantId, identifier), protection.blindIndex(identifier), Nik.mask(identifier));
    }

    /** One record's problems: an error refuses it, a warning flags it. */
    private static final class Row implements RegistryField.Problems {
        private final long line;
        private final List<ImportIssue> issues;
        private boolean failed;

        Row(long line, List<ImportIssue> issues) {
            this.line = line;
            this.issues = issues;
        }

        @Override
        public void error(RegistryField field, String code, String message) {
            failed = true;
            issues.add(ImportIssue.error(line, field, code, message));
        }

        @Override
        public void warning(RegistryField field, String code, String message) {
            issues.add(ImportIssue.warning(line, field, code, message));
        }
    }

    /** Writes one line of PostgreSQL's COPY CSV: empty unquoted = NULL, text always quoted. */
    private static final class Copy {
        private final StringBuilder out;
        private boolean first = true;

        Copy(StringBuilder out) {
            this.out = out;
        }

        Copy raw(String value) {
            separator();
            out.append(value);
            return this;
        }

        Copy text(String value) {
            separator();
            if (value != null) {
                out.append('"');
                if (value.indexOf('"') < 0) {
                    out.append(value);
                } else {
                    for (int i = 0; i < value.length(); i++) {
                        char c = value.charAt(i);
                        if (c == '"') {
                            out.append('"');
                        }
                        out.append(c);
                    }
                }
                out.append('"');
            }
            return this;
        }

        void end() {
            out.append('\n');
        }

        private void separator() {
            if (!first) {
                out.append(',');
            }
            first = false;
        }
    }
}
