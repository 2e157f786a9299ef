package id.lumbung.core.registry;

import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.MemberStatus;
import id.lumbung.core.household.Relationship;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.region.RegionCode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one record of an import and turns it into a line of the staging table (PostgreSQL
 * {@code COPY} CSV), or into the reasons it is refused. Warnings do not stop a row. NIK and KK
 * leave this class only encrypted, as blind indexes and masked.
 */
final class RowChecker {
    /** Columns of the staging table, in the order {@link #check} writes them. */
    static final String STAGING_COLUMNS = "line, iddtks, source_key, village_code, dusun, address, rt, rw,"
            + " kk_encrypted, kk_index, kk_masked, nik_encrypted, nik_index, nik_masked, full_name, name_key,"
            + " birth_place, birth_date, sex, relationship, mother_name, occupation, education, disability, status,"
            + " desil, income, food_share, health_access, buys_clothing, schooling, walls, floor, roof, lighting,"
            + " floor_area_per_person, drinking_water, household_hash, member_hash";

    private final String tenantId;
    private final Set<String> villages;
    private final Set<String> districts;
    private final IdentifierProtection protection;
    private final Header header;
    private final LocalDate today = LocalDate.now();

    // The previous row's KK: rows of one family share it, so it is encrypted once per family.
    private String lastKk;
    private String[] lastKkProtected;

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
        Row row = new Row(line, fields, issues);
        String iddtks = row.text(Column.IDDTKS, true, 64);
        String idArt = row.text(Column.ID_ART, false, 64);
        String village = row.village();
        String dusun = row.text(Column.DUSUN, false, 100);
        String address = row.text(Column.ALAMAT, true, 300);
        String rt = row.rtRw(Column.RT);
        String rw = row.rtRw(Column.RW);
        String kk = row.digits16(Column.NOMOR_KK, "kk_not_16_digits", "A KK number has exactly 16 digits", true);
        String name = row.text(Column.NAMA, true, 200);
        String birthPlace = row.text(Column.TEMPAT_LAHIR, false, 100);
        LocalDate birthDate = row.date(Column.TANGGAL_LAHIR);
        String sex = row.sex();
        String relationship = row.relationship();
        String mother = row.text(Column.NAMA_IBU_KANDUNG, false, 200);
        String occupation = row.text(Column.PEKERJAAN, false, 100);
        String education = row.text(Column.PENDIDIKAN, false, 100);
        String disability = row.text(Column.DISABILITAS, false, 100);
        String status = row.status();
        Integer desil = row.integer(Column.DESIL, 1, 10, "invalid_desil", "The desil is a whole number from 1 to 10");
        Long income = row.amount(Column.PENGHASILAN);
        Integer foodShare =
                row.integer(Column.PERSEN_PANGAN, 0, 100, "invalid_number", "The food share is a percentage, 0 to 100");
        Boolean health = row.yesNo(Column.AKSES_KESEHATAN);
        Boolean clothing = row.yesNo(Column.PAKAIAN);
        String schooling = row.text(Column.SEKOLAH_ANAK, false, 50);
        String walls = row.text(Column.DINDING, false, 50);
        String floor = row.text(Column.LANTAI, false, 50);
        String roof = row.text(Column.ATAP, false, 50);
        String lighting = row.text(Column.PENERANGAN, false, 50);
        String floorArea = row.decimal(Column.LUAS_LANTAI);
        String water = row.text(Column.AIR_MINUM, false, 50);
        String nik = row.nik(birthDate, sex);
        if (row.failed) {
            return false;
        }
        String[] nikProtected = nik == null ? null : protect(nik);
        if (idArt == null && nikProtected == null) {
            issues.add(ImportIssue.error(
                    line,
                    Column.NOMOR_NIK,
                    "member_without_key",
                    "A member needs an id_art or a NIK to be recognised"));
            return false;
        }
        String[] kkProtected;
        if (kk.equals(lastKk)) {
            kkProtected = lastKkProtected;
        } else {
            kkProtected = protect(kk);
            lastKk = kk;
            lastKkProtected = kkProtected;
        }
        String sourceKey = idArt != null ? idArt : iddtks + ":" + nikProtected[1];
        String householdHash = protection.blindIndex(String.join(
                "\u001f",
                village,
                nz(dusun),
                address,
                rt,
                rw,
                kk,
                str(desil),
                str(income),
                str(foodShare),
                str(health),
                str(clothing),
                nz(schooling),
                nz(walls),
                nz(floor),
                nz(roof),
                nz(lighting),
                nz(floorArea),
                nz(water)));
        String memberHash = protection.blindIndex(String.join(
                "\u001f",
                iddtks,
                nz(nik),
                name,
                nz(birthPlace),
                str(birthDate),
                nz(sex),
                relationship,
                nz(mother),
                nz(occupation),
                nz(education),
                nz(disability),
                status));
        Copy copy = new Copy(out);
        copy.raw(Long.toString(line))
                .text(iddtks)
                .text(sourceKey)
                .text(village)
                .text(dusun)
                .text(address)
                .text(rt)
                .text(rw)
                .text(kkProtected[0])
                .text(kkProtected[1])
                .text(kkProtected[2])
                .text(nikProtected == null ? null : nikProtected[0])
                .text(nikProtected == null ? null : nikProtected[1])
                .text(nikProtected == null ? null : nikProtected[2])
                .text(name)
                .text(NameKey.of(name))
                .text(birthPlace)
                .raw(birthDate == null ? "" : birthDate.toString())
                .text(sex)
                .text(relationship)
                .text(mother)
                .text(occupation)
                .text(education)
                .text(disability)
                .text(status)
                .raw(str(desil))
                .raw(str(income))
                .raw(str(foodShare))
                .raw(str(health))
                .raw(str(clothing))
                .text(schooling)
                .text(walls)
                .text(floor)
                .text(roof)
                .text(lighting)
                .raw(nz(floorArea))
                .text(water)
                .text(householdHash)
                .text(memberHash)
                .end();
        return true;
    }

    private String[] protect(String identifier) {
        return new String[] {
            protection.encrypt(tenantId, identifier), protection.blindIndex(identifier), Nik.mask(identifier)
        };
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }

    /** One record being checked: each accessor reports its own problems. */
    private final class Row {
        private final long line;
        private final List<String> fields;
        private final List<ImportIssue> issues;
        private boolean failed;

        Row(long line, List<String> fields, List<ImportIssue> issues) {
            this.line = line;
            this.fields = fields;
            this.issues = issues;
        }

        private void error(Column column, String code, String message) {
            failed = true;
            issues.add(ImportIssue.error(line, column, code, message));
        }

        private void warning(Column column, String code, String message) {
            issues.add(ImportIssue.warning(line, column, code, message));
        }

        /** The value, or {@code null} when empty; refuses formulas and control characters. */
        String text(Column column, boolean required, int maximumLength) {
            String value = header.value(fields, column);
            if (value.isEmpty()) {
                if (required) {
                    error(column, "missing_value", "The column " + column.header() + " is required");
                }
                return null;
            }
            char first = value.charAt(0);
            if (first == '=' || first == '+' || first == '@') {
                error(column, "formula_in_cell", "The cell holds a spreadsheet formula, not a value");
                return null;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                    error(column, "control_character", "The cell holds a control character (binary data?)");
                    return null;
                }
            }
            if (value.length() > maximumLength) {
                error(column, "value_too_long", "At most " + maximumLength + " characters");
                return null;
            }
            return value;
        }

        String village() {
            String value = header.value(fields, Column.KODE_WILAYAH);
            if (value.isEmpty()) {
                error(Column.KODE_WILAYAH, "missing_value", "The column kode_wilayah is required");
                return null;
            }
            String code;
            try {
                code = RegionCode.normalise(value);
            } catch (LumbungException e) {
                error(Column.KODE_WILAYAH, "invalid_village_code", "A village code has 10 digits, e.g. 74.71.01.1005");
                return null;
            }
            if (code.length() != 13) {
                error(Column.KODE_WILAYAH, "invalid_village_code", "A village code has 10 digits, e.g. 74.71.01.1005");
                return null;
            }
            if (!villages.contains(code)) {
                error(
                        Column.KODE_WILAYAH,
                        "village_outside_tenant",
                        "Village " + code + " is not in this regency/city");
                return null;
            }
            return code;
        }

        String rtRw(Column column) {
            String value = text(column, true, 10);
            if (value == null) {
                return null;
            }
            if (value.length() > 3 || !digits(value)) {
                error(column, "invalid_rt_rw", "RT and RW are numbers of at most 3 digits");
                return null;
            }
            return "000".substring(value.length()) + value;
        }

        String digits16(Column column, String code, String message, boolean required) {
            String value = header.value(fields, column).replace(" ", "");
            if (value.startsWith("'")) {
                value = value.substring(1); // Excel's "keep as text" mark
            }
            if (value.isEmpty()) {
                if (required) {
                    error(column, "missing_value", "The column " + column.header() + " is required");
                }
                return null;
            }
            if (value.length() != 16 || !digits(value)) {
                error(column, code, message);
                return null;
            }
            return value;
        }

        String nik(LocalDate birthDate, String sex) {
            String value = digits16(Column.NOMOR_NIK, "nik_not_16_digits", "A NIK has exactly 16 digits", false);
            if (value == null) {
                if (!failed && header.value(fields, Column.NOMOR_NIK).isEmpty()) {
                    warning(Column.NOMOR_NIK, "nik_missing", "The member has no NIK yet");
                }
                return null;
            }
            Nik nik;
            try {
                nik = Nik.parse(value);
            } catch (LumbungException e) {
                error(Column.NOMOR_NIK, e.code(), e.getMessage());
                return null;
            }
            if (!districts.contains(value.substring(0, 6))) {
                warning(
                        Column.NOMOR_NIK,
                        "nik_region_unknown",
                        "The NIK's region is not a current district (split or renamed since)");
            }
            if (birthDate != null) {
                int day = Integer.parseInt(value.substring(6, 8)) % 40;
                int month = Integer.parseInt(value.substring(8, 10));
                int year = Integer.parseInt(value.substring(10, 12));
                if (day != birthDate.getDayOfMonth()
                        || month != birthDate.getMonthValue()
                        || year != birthDate.getYear() % 100) {
                    warning(
                            Column.NOMOR_NIK,
                            "nik_birth_date_mismatch",
                            "The NIK's birth date differs from tanggal_lahir");
                }
            }
            if (sex != null && nik.isFemale() != sex.equals("P")) {
                warning(
                        Column.NOMOR_NIK,
                        "nik_sex_mismatch",
                        "The NIK's sex (day + 40 for women) differs from jenis_kelamin");
            }
            return value;
        }

        LocalDate date(Column column) {
            String value = header.value(fields, column);
            if (value.isEmpty()) {
                error(column, "missing_value", "The column " + column.header() + " is required");
                return null;
            }
            LocalDate date = parseDate(value);
            if (date == null) {
                error(column, "invalid_date", "A date is dd-mm-yyyy or yyyy-mm-dd and must exist");
                return null;
            }
            if (date.isAfter(today) || date.getYear() < 1880) {
                error(column, "invalid_date", "The birth date is in the future or before 1880");
                return null;
            }
            return date;
        }

        String sex() {
            String value = header.value(fields, Column.JENIS_KELAMIN).toUpperCase(Locale.ROOT);
            return switch (value) {
                case "L", "1", "LAKI-LAKI", "LAKI LAKI", "PRIA" -> "L";
                case "P", "2", "PEREMPUAN", "WANITA" -> "P";
                default -> {
                    error(Column.JENIS_KELAMIN, "invalid_sex", "jenis_kelamin is L or P (or 1 or 2)");
                    yield null;
                }
            };
        }

        String relationship() {
            Optional<Relationship> relationship = Relationship.parse(header.value(fields, Column.HUBUNGAN_KELUARGA));
            if (relationship.isEmpty()) {
                error(
                        Column.HUBUNGAN_KELUARGA,
                        "invalid_relationship",
                        "hubungan_keluarga is one of Kepala Keluarga, Istri, Suami, Anak, Menantu, Cucu, Orang Tua,"
                                + " Mertua, Famili Lain, Lainnya");
                return null;
            }
            return relationship.get().name();
        }

        String status() {
            Optional<MemberStatus> status = MemberStatus.parse(header.value(fields, Column.STATUS_ART));
            if (status.isEmpty()) {
                error(Column.STATUS_ART, "invalid_status", "status_art is Hidup, Meninggal or Pindah");
                return null;
            }
            return status.get().name();
        }

        Integer integer(Column column, int minimum, int maximum, String code, String message) {
            String value = header.value(fields, column);
            if (value.isEmpty()) {
                return null;
            }
            if (value.length() > 9 || !digits(value)) {
                error(column, code, message);
                return null;
            }
            int number = Integer.parseInt(value);
            if (number < minimum || number > maximum) {
                error(column, code, message);
                return null;
            }
            return number;
        }

        Long amount(Column column) {
            String value = header.value(fields, column).replace(".", "").replace(" ", "");
            if (value.isEmpty()) {
                return null;
            }
            if (value.length() > 15 || !digits(value)) {
                error(column, "invalid_number", "The income is a whole number of rupiah, e.g. 1500000");
                return null;
            }
            return Long.parseLong(value);
        }

        String decimal(Column column) {
            String value = header.value(fields, column).replace(',', '.');
            if (value.isEmpty()) {
                return null;
            }
            int dot = value.indexOf('.');
            String whole = dot < 0 ? value : value.substring(0, dot);
            String fraction = dot < 0 ? "0" : value.substring(dot + 1);
            if (whole.isEmpty() || whole.length() > 5 || !digits(whole) || fraction.length() > 2 || !digits(fraction)) {
                error(column, "invalid_number", "A floor area is a number of square metres, e.g. 7.5");
                return null;
            }
            return value;
        }

        Boolean yesNo(Column column) {
            String value = header.value(fields, column).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "" -> null;
                case "ya", "y", "1", "ada" -> Boolean.TRUE;
                case "tidak", "t", "0", "tidak ada" -> Boolean.FALSE;
                default -> {
                    error(column, "invalid_yes_no", column.header() + " is Ya or Tidak");
                    yield null;
                }
            };
        }
    }

    private static final java.util.regex.Pattern DATE_PARTS = java.util.regex.Pattern.compile("[-/.]");

    static LocalDate parseDate(String value) {
        if (value.length() <= 5 && digits(value)) {
            // A date cell of an Excel workbook: days since 1899-12-30.
            return LocalDate.of(1899, 12, 30).plusDays(Integer.parseInt(value));
        }
        String[] parts = DATE_PARTS.split(value);
        if (parts.length != 3) {
            return null;
        }
        try {
            if (parts[0].length() == 4) {
                return LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            }
            if (parts[2].length() == 4 && parts[0].length() <= 2 && parts[1].length() <= 2) {
                return LocalDate.of(Integer.parseInt(parts[2]), Integer.parseInt(parts[1]), Integer.parseInt(parts[0]));
            }
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
        return null;
    }

    private static boolean digits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !value.isEmpty();
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
