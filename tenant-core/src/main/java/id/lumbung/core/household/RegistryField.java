package id.lumbung.core.household;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.region.RegionCode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of the registry, in one place: each one's column headers in a DTKS/SIKS-NG file,
 * its rule, where it is stored, its label in Bahasa Indonesia, and (by its place in this list)
 * its place in an export. The import's parsing, checking and staging, the upserts, the export,
 * the API's checks and the household page all read this catalogue: adding a poverty criterion
 * is one line here and one migration adding its column to {@code household}.
 */
public enum RegistryField {
    IDDTKS(Store.key("iddtks"), true, Rule.text(64, true), "ID DTKS", "iddtks", "id_dtks"),
    ID_ART(Store.sourceKey(), false, Rule.text(64, false), "ID anggota (ART)", "id_art"),
    PROVINSI(Store.none(), false, Rule.ignored(), "Provinsi", "provinsi"),
    KABUPATEN_KOTA(Store.none(), false, Rule.ignored(), "Kabupaten/kota", "kabupaten_kota", "kabupaten", "kab_kota"),
    KECAMATAN(Store.none(), false, Rule.ignored(), "Kecamatan", "kecamatan"),
    DESA_KELURAHAN(Store.none(), false, Rule.ignored(), "Desa/kelurahan", "desa_kelurahan", "desa", "kelurahan"),
    KODE_WILAYAH(
            Store.household("village_code", "village_code"),
            true,
            Rule.village(),
            "Kode wilayah desa/kelurahan",
            "kode_wilayah",
            "kode_desa",
            "kode_kelurahan"),
    DUSUN(Store.household("dusun", "dusun"), false, Rule.text(100, false), "Dusun", "dusun"),
    ALAMAT(Store.household("address", "address"), true, Rule.text(300, true), "Alamat", "alamat"),
    RT(Store.household("rt", "rt_rw"), true, Rule.rtRw(), "RT", "rt"),
    RW(Store.household("rw", "rt_rw"), true, Rule.rtRw(), "RW", "rw"),
    NOMOR_KK(
            Store.identifier(Level.HOUSEHOLD, "kk"),
            true,
            Rule.digits16("kk_not_16_digits", "A KK number has exactly 16 digits", true),
            "Nomor KK",
            "nomor_kk",
            "no_kk",
            "kk"),
    NOMOR_NIK(Store.identifier(Level.MEMBER, "nik"), true, Rule.nik(), "NIK", "nomor_nik", "no_nik", "nik"),
    NAMA(
            Store.member("full_name", "full_name"),
            true,
            Rule.text(200, true),
            "Nama lengkap",
            "nama",
            "nama_lengkap",
            "nama_art"),
    TEMPAT_LAHIR(
            Store.member("birth_place", "birth_place"), true, Rule.text(100, false), "Tempat lahir", "tempat_lahir"),
    TANGGAL_LAHIR(
            Store.member("birth_date", "birth_date"),
            true,
            Rule.birthDate(),
            "Tanggal lahir",
            "tanggal_lahir",
            "tgl_lahir"),
    JENIS_KELAMIN(Store.member("sex", "sex"), true, Rule.sex(), "Jenis kelamin", "jenis_kelamin", "jk"),
    HUBUNGAN_KELUARGA(
            Store.member("relationship", "relationship"),
            true,
            Rule.relationship(),
            "Hubungan dengan kepala keluarga",
            "hubungan_keluarga",
            "hub_keluarga",
            "hubungan_dengan_kepala_keluarga"),
    NAMA_IBU_KANDUNG(
            Store.member("mother_name", "mother_name"),
            true,
            Rule.text(200, false),
            "Nama ibu kandung",
            "nama_ibu_kandung",
            "ibu_kandung"),
    PEKERJAAN(Store.member("occupation", "occupation"), false, Rule.text(100, false), "Pekerjaan", "pekerjaan"),
    PENDIDIKAN(Store.member("education", "education"), false, Rule.text(100, false), "Pendidikan", "pendidikan"),
    DISABILITAS(
            Store.member("disability", "disability"),
            false,
            Rule.text(100, false),
            "Disabilitas",
            "disabilitas",
            "jenis_disabilitas"),
    STATUS_ART(
            Store.member("status", "status"),
            false,
            Rule.status(),
            "Status keberadaan",
            "status_art",
            "status",
            "status_keberadaan"),
    DESIL(
            Store.household("desil", "desil"),
            true,
            Rule.integer(1, 10, "invalid_desil", "The desil is a whole number from 1 to 10", "", ""),
            "Desil",
            "desil",
            "desil_nasional"),
    PENGHASILAN(Store.criterion("income"), false, Rule.amount(), "Penghasilan per bulan", "penghasilan"),
    PERSEN_PANGAN(
            Store.criterion("food_share"),
            false,
            Rule.integer(0, 100, "invalid_number", "The food share is a percentage, 0 to 100", "", " %"),
            "Bagian pengeluaran untuk makan",
            "persen_pangan"),
    AKSES_KESEHATAN(
            Store.criterion("health_access"), false, Rule.yesNo(), "Akses layanan kesehatan", "akses_kesehatan"),
    PAKAIAN(
            Store.criterion("buys_clothing"),
            false,
            Rule.yesNo(),
            "Mampu membeli pakaian baru setahun sekali",
            "pakaian"),
    SEKOLAH_ANAK(Store.criterion("schooling"), false, Rule.text(50, false), "Anak bersekolah", "sekolah_anak"),
    DINDING(Store.criterion("walls"), false, Rule.text(50, false), "Dinding", "dinding"),
    LANTAI(Store.criterion("floor"), false, Rule.text(50, false), "Lantai", "lantai"),
    ATAP(Store.criterion("roof"), false, Rule.text(50, false), "Atap", "atap"),
    PENERANGAN(Store.criterion("lighting"), false, Rule.text(50, false), "Penerangan", "penerangan"),
    LUAS_LANTAI(Store.criterion("floor_area_per_person"), false, Rule.area(), "Luas lantai per orang", "luas_lantai"),
    AIR_MINUM(Store.criterion("drinking_water"), false, Rule.text(50, false), "Sumber air minum", "air_minum");

    /** Whose field it is: the family's, one member's, or only the file's (read and ignored). */
    public enum Level {
        HOUSEHOLD,
        MEMBER,
        NONE
    }

    /**
     * Where a field is stored.
     *
     * @param level on {@code household} or {@code member}
     * @param column the column; for an identifier the prefix of its {@code _encrypted}, {@code
     *     _index} and {@code _masked} columns
     * @param change the name a change of it is recorded under (fields may share one), or {@code
     *     null} for the row's key
     * @param identifier a NIK or KK: stored encrypted, as a blind index and masked
     * @param criterion a poverty criterion of domain.md
     */
    record Store(Level level, String column, String change, boolean identifier, boolean criterion) {
        static Store key(String column) {
            return new Store(Level.HOUSEHOLD, column, null, false, false);
        }

        static Store sourceKey() {
            return new Store(Level.MEMBER, "source_key", null, false, false);
        }

        static Store none() {
            return new Store(Level.NONE, null, null, false, false);
        }

        static Store household(String column, String change) {
            return new Store(Level.HOUSEHOLD, column, change, false, false);
        }

        static Store member(String column, String change) {
            return new Store(Level.MEMBER, column, change, false, false);
        }

        static Store identifier(Level level, String prefix) {
            return new Store(level, prefix, prefix, true, false);
        }

        static Store criterion(String column) {
            return new Store(Level.HOUSEHOLD, column, "criteria", false, true);
        }
    }

    private static final Map<String, RegistryField> BY_HEADER = new HashMap<>();

    static {
        for (RegistryField field : values()) {
            for (String name : field.headers) {
                BY_HEADER.put(name, field);
            }
        }
    }

    private final Store store;
    private final boolean headerRequired;
    private final Rule rule;
    private final String label;
    private final List<String> headers;

    RegistryField(Store store, boolean headerRequired, Rule rule, String label, String... headers) {
        this.store = store;
        this.headerRequired = headerRequired;
        this.rule = rule;
        this.label = label;
        this.headers = List.of(headers);
    }

    /** The name files, exports and error messages use. */
    public String header() {
        return headers.get(0);
    }

    /** Every name a file's header may give it, the first the one files are written with. */
    public List<String> headers() {
        return headers;
    }

    /** The label a person reads, in Bahasa Indonesia. */
    public String label() {
        return label;
    }

    /** Whether a file without this column is refused as a whole. */
    public boolean headerRequired() {
        return headerRequired;
    }

    public Level level() {
        return store.level();
    }

    /** The column it is stored in (for an identifier, the prefix of its columns). */
    public String column() {
        return store.column();
    }

    /** The name a change of it is recorded under; {@code null} for a row's key. */
    public String change() {
        return store.change();
    }

    public boolean identifier() {
        return store.identifier();
    }

    public boolean criterion() {
        return store.criterion();
    }

    /**
     * The columns it is stored in: its column, or for an identifier its {@code _encrypted},
     * {@code _index} and {@code _masked} columns.
     */
    public List<String> columns() {
        return store.identifier()
                ? List.of(store.column() + "_encrypted", store.column() + "_index", store.column() + "_masked")
                : List.of(store.column());
    }

    /** The PostgreSQL type of its column. */
    public String sqlType() {
        return rule.sqlType();
    }

    /** The JSON property the API names it by, e.g. {@code drinkingWater}. */
    public String property() {
        StringBuilder property = new StringBuilder();
        boolean upper = false;
        for (char c : store.column().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                property.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return property.toString();
    }

    /**
     * Reads a value as a file or a form gives it (stripped; empty means absent) by the field's
     * rule: its typed value ({@code String}, {@code Integer}, {@code Long}, {@code Boolean}, {@code
     * LocalDate}), or {@code null} with the reason given to {@code problems}.
     */
    public Object read(String value, Problems problems) {
        return rule.read(this, value == null ? "" : value.strip(), problems);
    }

    /** As {@link #read}, for the API: a refused value answers {@code 422 code} naming the field. */
    public Object require(String value, ErrorCode code) {
        Object[] refusal = new Object[1];
        Object read = read(value, new Problems() {
            @Override
            public void error(RegistryField field, String reason, String message) {
                if (refusal[0] == null) {
                    refusal[0] = field.header() + ": " + message + " (" + reason + ")";
                }
            }

            @Override
            public void warning(RegistryField field, String reason, String message) {}
        });
        if (refusal[0] != null) {
            throw new LumbungException(code, (String) refusal[0]);
        }
        return read;
    }

    /** A stored value (as JDBC reads it) written as the import reads it back. */
    public String export(Object stored) {
        return stored == null ? "" : rule.export(stored);
    }

    /** A stored value as the household page shows it, or {@code null} when absent. */
    public String show(Object stored) {
        return stored == null ? null : rule.show(stored);
    }

    /** The field a column header names: case, spaces, dots and hyphens do not matter; a BOM is ignored. */
    public static Optional<RegistryField> ofHeader(String header) {
        return Optional.ofNullable(BY_HEADER.get(normaliseHeader(header)));
    }

    public static String normaliseHeader(String header) {
        return header.replace("\uFEFF", "")
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\s.\\-/]+", "_")
                .replaceAll("^_+|_+$", "");
    }

    /** The fields stored on one level, in catalogue order. */
    public static List<RegistryField> of(Level level) {
        return Arrays.stream(values()).filter(field -> field.level() == level).toList();
    }

    /** The poverty criteria, in catalogue order. */
    public static List<RegistryField> criteria() {
        return Arrays.stream(values()).filter(RegistryField::criterion).toList();
    }

    /** The fields an export writes, in its column order. */
    public static List<RegistryField> exported() {
        return Arrays.stream(values())
                .filter(field -> field.level() != Level.NONE)
                .toList();
    }

    /** Where a field's refusals and warnings go. */
    public interface Problems {
        void error(RegistryField field, String code, String message);

        void warning(RegistryField field, String code, String message);
    }

    /** A field's rule: how a value is read, stored and written back. */
    abstract static class Rule {
        private final String sqlType;

        /** A rule for a {@code text} column. */
        Rule() {
            this("text");
        }

        /** @param sqlType the PostgreSQL type of its column */
        Rule(String sqlType) {
            this.sqlType = sqlType;
        }

        abstract Object read(RegistryField field, String value, Problems problems);

        final String sqlType() {
            return sqlType;
        }

        String export(Object stored) {
            return stored.toString();
        }

        String show(Object stored) {
            return export(stored);
        }

        static Rule ignored() {
            return new Rule() {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    return null;
                }
            };
        }

        /** Text, {@code null} when empty; refuses spreadsheet formulas and control characters. */
        static Rule text(int maximumLength, boolean required) {
            return new Rule() {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    return RegistryField.text(field, value, maximumLength, required, problems);
                }
            };
        }

        static Rule rtRw() {
            return new Rule() {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    String text = RegistryField.text(field, value, 10, true, problems);
                    if (text == null) {
                        return null;
                    }
                    if (text.length() > 3 || !digits(text)) {
                        problems.error(field, "invalid_rt_rw", "RT and RW are numbers of at most 3 digits");
                        return null;
                    }
                    return "000".substring(text.length()) + text;
                }
            };
        }

        static Rule village() {
            return new Rule() {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    if (value.isEmpty()) {
                        problems.error(field, "missing_value", "The column " + field.header() + " is required");
                        return null;
                    }
                    try {
                        String code = RegionCode.normalise(value);
                        if (code.length() == 13) {
                            return code;
                        }
                    } catch (LumbungException e) {
                        // refused below
                    }
                    problems.error(field, "invalid_village_code", "A village code has 10 digits, e.g. 74.71.01.1005");
                    return null;
                }
            };
        }

        /** Sixteen digits; spaces and Excel's leading {@code '} ("keep as text") are dropped. */
        static Rule digits16(String code, String message, boolean required) {
            return new Rule() {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    return RegistryField.digits16(field, value, code, message, required, problems);
                }
            };
        }

        /** A NIK that {@link Nik#parse} accepts; an absent one is {@code null}, not refused. */
        static Rule nik() {
            return new Rule() {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    String digits = RegistryField.digits16(
                            field, value, "nik_not_16_digits", "A NIK has exactly 16 digits", false, problems);
                    if (digits == null) {
                        return null;
                    }
                    try {
                        Nik.parse(digits);
                    } catch (LumbungException e) {
                        problems.error(field, e.code(), e.getMessage());
                        return null;
                    }
                    return digits;
                }
            };
        }

        static Rule birthDate() {
            return new Rule("date") {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    if (value.isEmpty()) {
                        problems.error(field, "missing_value", "The column " + field.header() + " is required");
                        return null;
                    }
                    LocalDate date = parseDate(value);
                    if (date == null) {
                        problems.error(field, "invalid_date", "A date is dd-mm-yyyy or yyyy-mm-dd and must exist");
                        return null;
                    }
                    if (date.isAfter(LocalDate.now()) || date.getYear() < 1880) {
                        problems.error(field, "invalid_date", "The birth date is in the future or before 1880");
                        return null;
                    }
                    return date;
                }

                @Override
                String export(Object stored) {
                    LocalDate date = stored instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) stored;
                    return date.format(DATE);
                }
            };
        }

        static Rule sex() {
            return new Rule("char(1)") {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    return switch (value.toUpperCase(Locale.ROOT)) {
                        case "L", "1", "LAKI-LAKI", "LAKI LAKI", "PRIA" -> "L";
                        case "P", "2", "PEREMPUAN", "WANITA" -> "P";
                        default -> {
                            problems.error(field, "invalid_sex", "jenis_kelamin is L or P (or 1 or 2)");
                            yield null;
                        }
                    };
                }
            };
        }

        static Rule relationship() {
            return new Rule() {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    Optional<Relationship> relationship = Relationship.parse(value);
                    if (relationship.isEmpty()) {
                        problems.error(
                                field,
                                "invalid_relationship",
                                "hubungan_keluarga is one of Kepala Keluarga, Istri, Suami, Anak, Menantu, Cucu,"
                                        + " Orang Tua, Mertua, Famili Lain, Lainnya");
                        return null;
                    }
                    return relationship.get().name();
                }

                @Override
                String export(Object stored) {
                    return Relationship.labelOf(stored.toString());
                }
            };
        }

        static Rule status() {
            return new Rule() {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    Optional<MemberStatus> status = MemberStatus.parse(value);
                    if (status.isEmpty()) {
                        problems.error(field, "invalid_status", "status_art is Hidup, Meninggal or Pindah");
                        return null;
                    }
                    return status.get().name();
                }

                @Override
                String export(Object stored) {
                    return MemberStatus.labelOf(stored.toString());
                }
            };
        }

        /** A whole number in a range; shown with {@code prefix} and {@code suffix}. */
        static Rule integer(int minimum, int maximum, String code, String message, String prefix, String suffix) {
            return new Rule("smallint") {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    if (value.isEmpty()) {
                        return null;
                    }
                    if (value.length() > 9 || !digits(value)) {
                        problems.error(field, code, message);
                        return null;
                    }
                    int number = Integer.parseInt(value);
                    if (number < minimum || number > maximum) {
                        problems.error(field, code, message);
                        return null;
                    }
                    return number;
                }

                @Override
                String show(Object stored) {
                    return prefix + stored + suffix;
                }
            };
        }

        /** Rupiah, dots and spaces as thousands separators allowed. */
        static Rule amount() {
            return new Rule("bigint") {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    String plain = value.replace(".", "").replace(" ", "");
                    if (plain.isEmpty()) {
                        return null;
                    }
                    if (plain.length() > 15 || !digits(plain)) {
                        problems.error(field, "invalid_number", "The income is a whole number of rupiah, e.g. 1500000");
                        return null;
                    }
                    return Long.parseLong(plain);
                }

                @Override
                String show(Object stored) {
                    return "Rp " + stored;
                }
            };
        }

        /** Square metres with at most two decimals, a comma or a dot before them. */
        static Rule area() {
            return new Rule("numeric(7, 1)") {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    String number = value.replace(',', '.');
                    if (number.isEmpty()) {
                        return null;
                    }
                    int dot = number.indexOf('.');
                    String whole = dot < 0 ? number : number.substring(0, dot);
                    String fraction = dot < 0 ? "0" : number.substring(dot + 1);
                    if (whole.isEmpty()
                            || whole.length() > 5
                            || !digits(whole)
                            || fraction.length() > 2
                            || !digits(fraction)) {
                        problems.error(field, "invalid_number", "A floor area is a number of square metres, e.g. 7.5");
                        return null;
                    }
                    return number;
                }

                @Override
                String export(Object stored) {
                    return stored instanceof BigDecimal decimal ? decimal.toString() : stored.toString();
                }

                @Override
                String show(Object stored) {
                    return export(stored) + " m²";
                }
            };
        }

        static Rule yesNo() {
            return new Rule("boolean") {
                @Override
                Object read(RegistryField field, String value, Problems problems) {
                    return switch (value.toLowerCase(Locale.ROOT)) {
                        case "" -> null;
                        case "ya", "y", "1", "ada" -> Boolean.TRUE;
                        case "tidak", "t", "0", "tidak ada" -> Boolean.FALSE;
                        default -> {
                            problems.error(field, "invalid_yes_no", field.header() + " is Ya or Tidak");
                            yield null;
                        }
                    };
                }

                @Override
                String export(Object stored) {
                    return Boolean.TRUE.equals(stored) ? "Ya" : "Tidak";
                }
            };
        }
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final Pattern DATE_PARTS = Pattern.compile("[-/.]");

    private static String text(
            RegistryField field, String value, int maximumLength, boolean required, Problems problems) {
        if (value.isEmpty()) {
            if (required) {
                problems.error(field, "missing_value", "The column " + field.header() + " is required");
            }
            return null;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '@') {
            problems.error(field, "formula_in_cell", "The cell holds a spreadsheet formula, not a value");
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                problems.error(field, "control_character", "The cell holds a control character (binary data?)");
                return null;
            }
        }
        if (value.length() > maximumLength) {
            problems.error(field, "value_too_long", "At most " + maximumLength + " characters");
            return null;
        }
        return value;
    }

    private static String digits16(
            RegistryField field, String raw, String code, String message, boolean required, Problems problems) {
        String value = raw.replace(" ", "");
        if (value.startsWith("'")) {
            value = value.substring(1); // Excel's "keep as text" mark
        }
        if (value.isEmpty()) {
            if (required) {
                problems.error(field, "missing_value", "The column " + field.header() + " is required");
            }
            return null;
        }
        if (STORED_AS_NUMBER.matcher(value).matches()) {
            // Excel keeps 15 digits of a number: a NIK typed into a number cell has lost its last.
            problems.error(
                    field,
                    "stored_as_number",
                    "The " + field.label() + " is stored as a number (Excel shows it like 7.47101E+15 and keeps"
                            + " only 15 digits): format the column as Text and type the numbers again");
            return null;
        }
        if (value.length() != 16 || !digits(value)) {
            problems.error(field, code, message);
            return null;
        }
        return value;
    }

    /** A number as a spreadsheet writes a long one: 7.47101E+15, 7,47101E+15, 7.471011205850000E15. */
    private static final Pattern STORED_AS_NUMBER = Pattern.compile("[0-9][.,][0-9]*[eE][+]?[0-9]{1,2}");

    /** A date as DTKS files write it: dd-mm-yyyy, yyyy-mm-dd (any of - / .) or an Excel serial. */
    private static LocalDate parseDate(String value) {
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
}
