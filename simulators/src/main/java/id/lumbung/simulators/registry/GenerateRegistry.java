/*
 * GenerateRegistry - synthetic DTKS / SIKS-NG style registry export for benchmarks and import tests.
 *
 * Java 17 single-file program, JDK classes only (bench/GenerateRegistry.java is a link to this
 * file, which the simulators module also compiles: demo mode generates its registry with it).
 * Run it from any folder:
 *
 *   java bench/GenerateRegistry.java --members 1000000 --tenant 7471 --out /tmp/r.csv \
 *        [--seed 42] [--delimiter ';'] [--errors 0.0] [--truth /tmp/r-truth.csv] \
 *        [--civil /tmp/r-civil.csv] [--deceased 0.0] \
 *        [--regions tenant-core/src/main/resources/regions/villages.csv.gz]
 *
 *   --members    number of data rows (one row per household member). The last household is cut
 *                short so the file holds exactly this many rows, injected rows included.
 *   --tenant     4-digit regency/city code (7471 = Kota Kendari, 7401 = Kab. Kolaka). Households
 *                are spread over the tenant's villages (random, fixed per seed, weights).
 *   --out        output CSV: UTF-8, header row, '\n' line ends, RFC-4180 quoting.
 *   --seed       random seed (default 42). Same arguments + same seed = byte-identical output.
 *   --delimiter  ',' ';' or '|' (default ';').
 *   --errors     fraction 0.0-1.0 of households that get exactly one injected error (default 0).
 *                Error decisions use their own random stream, so rows of households without an
 *                error are byte-identical whatever the rate (except the cut-short last household).
 *   --truth      truth CSV "line,iddtks,id_art,error" (line = 1-based line in --out, header is 1).
 *                Defaults to <out>-truth.csv when --errors > 0.
 *   --civil      the civil registry's truth, for the Dukcapil simulator ({@code POST /sim/civil-records}):
 *                "nik;nomor_kk;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;meninggal;alamat;rt;rw", one line per
 *                person with a NIK, as Dukcapil knows them: before any injected error (the right name,
 *                without titles as on the KTP; the right NIK), heads of deceased_head households
 *                recorded as deceased.
 *   --deceased   fraction 0.0-1.0 of the other people whom Dukcapil records as deceased while the
 *                registry still has them alive (aid paid to the dead); from a stream of its own,
 *                so the registry file does not change with it (default 0).
 *   --regions    villages.csv.gz; districts/regencies/provinces.csv.gz are read from its folder.
 *
 * The data: ~3.3 members per household (single elderly, couples, couples with 1-6 children,
 * female-headed households, three generations with orang tua/mertua or menantu + cucu).
 * Names are UPPER CASE (some households in mixed case) in Javanese, Sundanese, Bugis,
 * Buton/Muna (La/Wa, La Ode/Wa Ode), Tolaki, Batak (marga, "BR." for women), Christian and
 * general Muslim styles, with family-wide spelling variants (Muhammad/Muhamad/Moh./Mochammad,
 * Siti/Sitti, oe/u, dj/j, tj/c) and titles (H., HJ., DR., IR., ", S.PD"). Ages are taken at a
 * fixed reference date (2025-06-30) so output does not depend on the day it is generated.
 * With --errors 0 every row is valid: NIK = 6-digit district (the family's district; ~5% another
 * district of the regency, ~2% another province) + DDMMYY (DD+40 for women) + 4-digit serial,
 * unique in the file and consistent with tanggal_lahir / jenis_kelamin; exactly one Kepala
 * Keluarga per household; children >= 15 years younger than their parents, siblings 10 months to
 * 4 years apart (2% twins). nomor_kk = 6-digit district of the village + DDMMYY issue date +
 * 4-digit serial (unique per file).
 * Format noise on valid rows: ~10% kode_wilayah without dots, ~10% tanggal_lahir as yyyy-mm-dd,
 * ~10% jenis_kelamin as 1/2 instead of L/P.
 *
 * Error model (one per erroneous household, uniform among the ten):
 *   typo_name          one member's name gets a letter replaced or dropped       (that row)
 *   swapped_digits     two adjacent different digits of one NIK swapped         (that row)
 *   duplicate_nik      an extra "Famili Lain" member who is a person (NIK, name, birth data)
 *                      already listed in an earlier household                    (the new row)
 *   duplicate_row      one member row written a second time, right after it     (the copy)
 *   deceased_head      the head's status_art is Meninggal                        (head row)
 *   moved_family       every member's status_art is Pindah                       (all rows)
 *   minor_without_ktp  an extra member aged 17 with an empty NIK (Anak/Cucu when the ages
 *                      fit, else Famili Lain)                                    (the new row)
 *   no_head            head relabelled Famili Lain, household has no head        (all rows)
 *   bad_nik_length     one NIK with a digit dropped (15 digits)                  (that row)
 *   bad_date           one tanggal_lahir impossible (e.g. 31-02-1980), year kept (that row)
 * Households that get an extra member have sekolah_anak recomputed; nothing else in them changes.
 * Injected rows count towards --members.
 *
 * Memory: rows are streamed household by household; the only growing state is two open-addressing
 * long->int counter tables for NIK and KK serials (~12 bytes a slot, ~25 MB at 1,000,000 members).
 */
package id.lumbung.simulators.registry;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

public final class GenerateRegistry {

    static final LocalDate REFERENCE_DATE = LocalDate.of(2025, 6, 30);

    static final String[] HEADER = {
        "iddtks",
        "id_art",
        "provinsi",
        "kabupaten_kota",
        "kecamatan",
        "desa_kelurahan",
        "kode_wilayah",
        "dusun",
        "alamat",
        "rt",
        "rw",
        "nomor_kk",
        "nomor_nik",
        "nama",
        "tempat_lahir",
        "tanggal_lahir",
        "jenis_kelamin",
        "hubungan_keluarga",
        "nama_ibu_kandung",
        "pekerjaan",
        "pendidikan",
        "disabilitas",
        "status_art",
        "desil",
        "penghasilan",
        "persen_pangan",
        "akses_kesehatan",
        "pakaian",
        "sekolah_anak",
        "dinding",
        "lantai",
        "atap",
        "penerangan",
        "luas_lantai",
        "air_minum"
    };
    static final int ID_ART = 1, NIK = 12, NAMA = 13, TANGGAL_LAHIR = 15, HUBUNGAN = 17, STATUS = 22;
    static final String HEAD = "Kepala Keluarga",
            WIFE = "Istri",
            HUSBAND = "Suami",
            CHILD = "Anak",
            CHILD_IN_LAW = "Menantu",
            GRANDCHILD = "Cucu",
            PARENT = "Orang Tua",
            PARENT_IN_LAW = "Mertua",
            RELATIVE = "Famili Lain",
            OTHER = "Lainnya";

    public static void main(String[] args) throws IOException {
        try {
            generate(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
        }
    }

    /** Writes the files the arguments ask for (as on the command line); refuses bad ones with IllegalArgumentException. */
    public static void generate(String... args) throws IOException {
        Options options = Options.parse(args);
        long start = System.nanoTime();
        Regions regions = Regions.load(options.regions(), options.tenant(), options.seed());
        Stats stats = new Generator(options, regions).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.err.printf(
                Locale.ROOT,
                "%s: %d rows, %d households (%.2f members/household), %d with errors, %.1f s%n",
                options.out(),
                stats.rows,
                stats.households,
                (double) stats.rows / Math.max(1, stats.households),
                stats.erroneousHouseholds,
                seconds);
        if (stats.erroneousHouseholds > 0) {
            System.err.println("  errors: " + stats.errorCounts + " -> " + options.truth());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Command line

    record Options(
            long members,
            String tenant,
            Path out,
            long seed,
            char delimiter,
            double errors,
            Path truth,
            Path regions,
            Path civil,
            double deceased) {

        static final String USAGE = "usage: java bench/GenerateRegistry.java --members N --tenant 7471 --out FILE"
                + " [--seed 42] [--delimiter ';'] [--errors 0.0] [--truth FILE] [--civil FILE] [--deceased 0.0]"
                + " [--regions .../villages.csv.gz]";

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String key = args[i];
                if (!key.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option value, got '" + key + "'");
                }
                values.put(key.substring(2), args[++i]);
            }
            for (String key : values.keySet()) {
                if (!List.of(
                                "members",
                                "tenant",
                                "out",
                                "seed",
                                "delimiter",
                                "errors",
                                "truth",
                                "regions",
                                "civil",
                                "deceased")
                        .contains(key)) {
                    throw new IllegalArgumentException("unknown option --" + key);
                }
            }
            long members = Long.parseLong(required(values, "members"));
            String tenant = required(values, "tenant");
            if (!tenant.matches("\\d{4}")) throw new IllegalArgumentException("--tenant must be 4 digits, e.g. 7471");
            if (members < 1) throw new IllegalArgumentException("--members must be >= 1");
            Path out = Path.of(required(values, "out"));
            String delimiter = values.getOrDefault("delimiter", ";");
            if (!List.of(",", ";", "|").contains(delimiter)) {
                throw new IllegalArgumentException("--delimiter must be one of , ; |");
            }
            double errors = Double.parseDouble(values.getOrDefault("errors", "0"));
            if (!(errors >= 0 && errors <= 1)) throw new IllegalArgumentException("--errors must be within 0.0-1.0");
            Path truth = values.containsKey("truth")
                    ? Path.of(values.get("truth"))
                    : errors > 0 ? Path.of(out.toString().replaceFirst("\\.csv$", "") + "-truth.csv") : null;
            Path regions = values.containsKey("regions") ? Path.of(values.get("regions")) : defaultRegions();
            double deceased = Double.parseDouble(values.getOrDefault("deceased", "0"));
            if (!(deceased >= 0 && deceased <= 1))
                throw new IllegalArgumentException("--deceased must be within 0.0-1.0");
            Path civil = values.containsKey("civil") ? Path.of(values.get("civil")) : null;
            return new Options(
                    members,
                    tenant,
                    out,
                    Long.parseLong(values.getOrDefault("seed", "42")),
                    delimiter.charAt(0),
                    errors,
                    truth,
                    regions,
                    civil,
                    deceased);
        }

        private static String required(Map<String, String> values, String key) {
            String value = values.get(key);
            if (value == null) throw new IllegalArgumentException("--" + key + " is required");
            return value;
        }

        /**
         * The repository's region data, found from the working folder, its parent, or this
         * script's own place (its path is on the command line: {@code java bench/GenerateRegistry.java}),
         * so the generator runs from any folder.
         */
        private static Path defaultRegions() {
            Path relative = Path.of("tenant-core/src/main/resources/regions/villages.csv.gz");
            List<Path> bases = new ArrayList<>(List.of(Path.of("."), Path.of("..")));
            ProcessHandle.current().info().arguments().ifPresent(arguments -> {
                for (String argument : arguments) {
                    if (argument.endsWith("GenerateRegistry.java")) {
                        Path script = Path.of(argument).toAbsolutePath().normalize();
                        if (script.getParent() != null && script.getParent().getParent() != null) {
                            bases.add(script.getParent().getParent());
                        }
                    }
                }
            });
            for (Path base : bases) {
                if (Files.exists(base.resolve(relative)))
                    return base.resolve(relative).normalize();
            }
            return relative;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Region reference data

    record District(String digits, String name, String provinceCode, String city) {}

    record Village(String code, String digits, District district, String name, boolean desa) {}

    static final class Regions {
        String provinceCode, provinceName, regencyName, city;
        final List<Village> villages = new ArrayList<>();
        double[] cumulativeWeights;
        final List<District> tenantDistricts = new ArrayList<>();
        final List<District> otherProvinceDistricts = new ArrayList<>();
        final Map<String, List<District>> districtsByProvince = new HashMap<>();
        final List<String> sameProvinceCities = new ArrayList<>();

        static Regions load(Path villagesFile, String tenant, long seed) throws IOException {
            if (!Files.exists(villagesFile)) throw new IOException("region file not found: " + villagesFile);
            Path dir = villagesFile.toAbsolutePath().getParent();
            String regencyCode = tenant.substring(0, 2) + "." + tenant.substring(2);
            Regions r = new Regions();
            Map<String, String> provinces = new HashMap<>();
            readCsv(dir.resolve("provinces.csv.gz"), f -> provinces.put(f[0], f[1]));
            Map<String, String[]> regencies = new HashMap<>(); // code -> {province, name}
            readCsv(dir.resolve("regencies.csv.gz"), f -> regencies.put(f[0], new String[] {f[1], f[2]}));
            String[] regency = regencies.get(regencyCode);
            if (regency == null) throw new IOException("unknown tenant regency " + tenant + " (" + regencyCode + ")");
            r.provinceCode = regency[0];
            r.provinceName = upper(provinces.getOrDefault(regency[0], regency[0]));
            r.regencyName = upper(regency[1]);
            r.city = cityName(regency[1]);
            for (Map.Entry<String, String[]> e : regencies.entrySet()) {
                if (e.getValue()[0].equals(r.provinceCode) && !e.getKey().equals(regencyCode)) {
                    r.sameProvinceCities.add(cityName(e.getValue()[1]));
                }
            }
            r.sameProvinceCities.sort(null);
            if (r.sameProvinceCities.isEmpty()) r.sameProvinceCities.add(r.city);
            Map<String, District> districts = new HashMap<>();
            readCsv(dir.resolve("districts.csv.gz"), f -> {
                String[] reg = regencies.get(f[1]);
                if (reg == null) return;
                District d = new District(f[0].replace(".", ""), upper(f[2]), reg[0], cityName(reg[1]));
                districts.put(f[0], d);
                r.districtsByProvince
                        .computeIfAbsent(d.provinceCode(), k -> new ArrayList<>())
                        .add(d);
                if (f[1].equals(regencyCode)) r.tenantDistricts.add(d);
                else if (!d.provinceCode().equals(r.provinceCode)) r.otherProvinceDistricts.add(d);
            });
            String prefix = regencyCode + ".";
            readCsv(villagesFile, f -> {
                if (!f[0].startsWith(prefix)) return;
                District d = districts.get(f[1]);
                if (d == null) return;
                String last = f[0].substring(f[0].lastIndexOf('.') + 1);
                r.villages.add(new Village(f[0], f[0].replace(".", ""), d, upper(f[2]), !last.startsWith("1")));
            });
            if (r.villages.isEmpty()) throw new IOException("no villages for tenant " + tenant + " in " + villagesFile);
            // Uneven village sizes: weight 1..10, fixed per seed.
            SplittableRandom weights = new SplittableRandom(seed ^ 0x7EA5EEDL);
            r.cumulativeWeights = new double[r.villages.size()];
            double sum = 0;
            for (int i = 0; i < r.cumulativeWeights.length; i++) {
                sum += 1 + weights.nextInt(10);
                r.cumulativeWeights[i] = sum;
            }
            return r;
        }

        Village pickVillage(SplittableRandom rng) {
            double x = rng.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
            int lo = 0, hi = cumulativeWeights.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulativeWeights[mid] > x) hi = mid;
                else lo = mid + 1;
            }
            return villages.get(lo);
        }

        /** "Kabupaten Konawe Selatan" -> "KONAWE SELATAN", "Kota Bau Bau" -> "BAU BAU". */
        static String cityName(String regencyName) {
            String n = regencyName.replaceFirst("^(Kabupaten|Kab\\.|Kota Administrasi|Kota)\\s+", "");
            return upper(n);
        }

        private static void readCsv(Path file, Consumer<String[]> row) throws IOException {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
                String line = in.readLine(); // header
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) row.accept(parseCsvLine(line));
                }
            }
        }

        static String[] parseCsvLine(String line) {
            List<String> fields = new ArrayList<>(4);
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else if (c == '"') quoted = false;
                    else sb.append(c);
                } else if (c == '"') quoted = true;
                else if (c == ',') {
                    fields.add(sb.toString());
                    sb.setLength(0);
                } else sb.append(c);
            }
            fields.add(sb.toString());
            return fields.toArray(new String[0]);
        }
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------------
    // Domain: households and people

    enum Flavor {
        JAVANESE,
        SUNDANESE,
        BUGIS,
        BUTON,
        TOLAKI,
        BATAK,
        CHRISTIAN,
        MUSLIM
    }

    /** Naming context of one family line: style, shared surname/marga, nobility, spelling habits. */
    record Clan(
            Flavor flavor,
            boolean christian,
            String surname,
            boolean noble,
            int variantPref,
            boolean oldSpelling,
            boolean mixedCase,
            String originProvince) {}

    record Person(
            String name,
            String baseName,
            char sex,
            LocalDate birth,
            String birthPlace,
            String relation,
            String motherName,
            String occupation,
            String education,
            String disability,
            String nik) {
        int age() {
            return ageAt(birth);
        }

        Person withRelation(String newRelation) {
            return new Person(
                    name,
                    baseName,
                    sex,
                    birth,
                    birthPlace,
                    newRelation,
                    motherName,
                    occupation,
                    education,
                    disability,
                    nik);
        }
    }

    record Household(
            String iddtks,
            String nomorKk,
            String dusun,
            String alamat,
            String rt,
            String rw,
            int desil,
            long income,
            int foodShare,
            String health,
            String clothes,
            String school,
            String wall,
            String floor,
            String roof,
            String light,
            String floorArea,
            String water) {
        Household withSchool(String newSchool) {
            return new Household(
                    iddtks, nomorKk, dusun, alamat, rt, rw, desil, income, foodShare, health, clothes, newSchool, wall,
                    floor, roof, light, floorArea, water);
        }
    }

    record Family(long seq, Village village, Clan clan, Household household, List<Person> members) {}

    static int ageAt(LocalDate birth) {
        int age = REFERENCE_DATE.getYear() - birth.getYear();
        if (birth.plusYears(age).isAfter(REFERENCE_DATE)) age--;
        return age;
    }

    // ------------------------------------------------------------------------------------------------
    // Errors

    enum ErrorType {
        TYPO_NAME,
        SWAPPED_DIGITS,
        DUPLICATE_NIK,
        DUPLICATE_ROW,
        DECEASED_HEAD,
        MOVED_FAMILY,
        MINOR_WITHOUT_KTP,
        NO_HEAD,
        BAD_NIK_LENGTH,
        BAD_DATE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Rows added to the household by the error. */
        int extraRows() {
            return this == DUPLICATE_NIK || this == DUPLICATE_ROW || this == MINOR_WITHOUT_KTP ? 1 : 0;
        }
    }

    static final class Stats {
        long rows, households, erroneousHouseholds;
        final Map<String, Long> errorCounts = new java.util.TreeMap<>();
    }

    // ------------------------------------------------------------------------------------------------
    // Generator: main loop, rendering, error injection, writing

    static final class Generator {
        private final Options options;
        private final Regions regions;
        private final SplittableRandom rng; // households and people
        private final SplittableRandom errorRng; // which households get which error
        private final SplittableRandom civilRng; // who else Dukcapil records as deceased
        private final FamilyFactory factory;
        private final Person[] earlierPeople = new Person[1024]; // recent clean people for duplicate_nik
        private int earlierCount;
        private final StringBuilder line = new StringBuilder(512);

        Generator(Options options, Regions regions) {
            this.options = options;
            this.regions = regions;
            this.rng = new SplittableRandom(options.seed());
            this.errorRng = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 0xE5505L);
            this.civilRng = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + 0xC1F11L);
            this.factory = new FamilyFactory(regions, rng);
        }

        Stats run() throws IOException {
            Stats stats = new Stats();
            try (Writer out = writer(options.out());
                    Writer truth = options.truth() == null ? Writer.nullWriter() : writer(options.truth());
                    Writer civil = options.civil() == null ? Writer.nullWriter() : writer(options.civil())) {
                writeRow(out, HEADER);
                truth.write("line,iddtks,id_art,error\n");
                civil.write("nik;nomor_kk;nama;tempat_lahir;tanggal_lahir;jenis_kelamin;meninggal;alamat;rt;rw\n");
                long lineNo = 1;
                while (stats.rows < options.members()) {
                    long remaining = options.members() - stats.rows;
                    ErrorType error = pickError(remaining);
                    int cap = (int) Math.min(remaining - (error == null ? 0 : error.extraRows()), 50);
                    Family family = factory.create(stats.households + 1, cap);
                    List<String[]> rows = new ArrayList<>(family.members().size() + 1);
                    List<Integer> affected = error == null ? List.of() : inject(error, family, rows);
                    if (error == null) {
                        render(family, rows);
                        remember(family);
                    }
                    for (int i = 0; i < rows.size(); i++) {
                        lineNo++;
                        writeRow(out, rows.get(i));
                        if (affected.contains(i)) {
                            truth.write(lineNo + "," + family.household().iddtks() + "," + rows.get(i)[ID_ART] + ","
                                    + error.label() + "\n");
                        }
                    }
                    writeCivil(civil, family, error);
                    stats.rows += rows.size();
                    stats.households++;
                    if (error != null) {
                        stats.erroneousHouseholds++;
                        stats.errorCounts.merge(error.label(), 1L, Long::sum);
                    }
                }
            }
            return stats;
        }

        /** The family's people as Dukcapil knows them: right names and NIKs; a person added from an earlier family is written there. */
        private void writeCivil(Writer civil, Family family, ErrorType error) throws IOException {
            List<Person> members = family.members();
            int last = error == ErrorType.DUPLICATE_NIK ? members.size() - 1 : members.size();
            for (int i = 0; i < last; i++) {
                Person p = members.get(i);
                if (p.nik() == null || p.nik().isEmpty()) continue;
                boolean dead =
                        (i == 0 && error == ErrorType.DECEASED_HEAD) || civilRng.nextDouble() < options.deceased();
                civil.write(p.nik() + ";" + family.household().nomorKk() + ";"
                        + p.baseName().toUpperCase(Locale.ROOT) + ";"
                        + p.birthPlace() + ";" + dmyDate(p.birth()) + ";" + (p.sex() == 'L' ? "LAKI-LAKI" : "PEREMPUAN")
                        + ";" + (dead ? 1 : 0) + ";" + family.household().alamat() + ";"
                        + family.household().rt() + ";"
                        + family.household().rw() + "\n");
            }
        }

        private static Writer writer(Path path) throws IOException {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), 1 << 20);
        }

        private ErrorType pickError(long remaining) {
            if (options.errors() <= 0 || errorRng.nextDouble() >= options.errors()) return null;
            ErrorType error = ErrorType.values()[errorRng.nextInt(ErrorType.values().length)];
            if (error == ErrorType.DUPLICATE_NIK && earlierCount == 0) error = ErrorType.TYPO_NAME;
            if (remaining - error.extraRows() < 1) return null;
            return error;
        }

        private void remember(Family family) {
            for (Person p : family.members()) {
                if (!p.nik().isEmpty()) earlierPeople[earlierCount++ % earlierPeople.length] = p;
            }
        }

        /** Applies one error; fills rows; returns the indexes of the affected rows. */
        private List<Integer> inject(ErrorType error, Family family, List<String[]> rows) {
            List<Person> members = family.members();
            SplittableRandom r = errorRng;
            switch (error) {
                case DUPLICATE_NIK, MINOR_WITHOUT_KTP -> {
                    Person added = error == ErrorType.MINOR_WITHOUT_KTP
                            ? factory.minor(family, r)
                            : earlierPeople[r.nextInt(Math.min(earlierCount, earlierPeople.length))].withRelation(
                                    RELATIVE);
                    members.add(added);
                    Household h = family.household().withSchool(FamilyFactory.schoolStatus(members));
                    render(new Family(family.seq(), family.village(), family.clan(), h, members), rows);
                    return List.of(rows.size() - 1);
                }
                default -> render(family, rows);
            }
            int any = r.nextInt(rows.size());
            switch (error) {
                case TYPO_NAME -> rows.get(any)[NAMA] = typo(rows.get(any)[NAMA], r);
                case SWAPPED_DIGITS -> rows.get(any)[NIK] = swapAdjacentDigits(rows.get(any)[NIK], r);
                case BAD_NIK_LENGTH -> {
                    String nik = rows.get(any)[NIK];
                    int drop = r.nextInt(nik.length());
                    rows.get(any)[NIK] = nik.substring(0, drop) + nik.substring(drop + 1);
                }
                case BAD_DATE -> rows.get(any)[TANGGAL_LAHIR] = impossibleDate(rows.get(any)[TANGGAL_LAHIR], r);
                case DUPLICATE_ROW -> {
                    rows.add(any + 1, rows.get(any).clone());
                    return List.of(any + 1);
                }
                case DECEASED_HEAD -> {
                    rows.get(0)[STATUS] = "Meninggal";
                    return List.of(0);
                }
                case MOVED_FAMILY, NO_HEAD -> {
                    List<Integer> all = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        all.add(i);
                        if (error == ErrorType.MOVED_FAMILY) rows.get(i)[STATUS] = "Pindah";
                    }
                    if (error == ErrorType.NO_HEAD) rows.get(0)[HUBUNGAN] = RELATIVE;
                    return all;
                }
                default -> throw new IllegalStateException(error.toString());
            }
            return List.of(any);
        }

        static String typo(String name, SplittableRandom r) {
            List<Integer> letters = new ArrayList<>();
            for (int i = 0; i < name.length(); i++) {
                if (Character.isLetter(name.charAt(i))) letters.add(i);
            }
            int pos = letters.get(r.nextInt(letters.size()));
            char c = name.charAt(pos);
            if (letters.size() > 3 && r.nextBoolean()) {
                return name.substring(0, pos) + name.substring(pos + 1); // dropped letter
            }
            String pool = "AEIOUNRSTLMKH";
            char replacement;
            do {
                replacement = pool.charAt(r.nextInt(pool.length()));
            } while (Character.toUpperCase(c) == replacement);
            if (Character.isLowerCase(c)) replacement = Character.toLowerCase(replacement);
            return name.substring(0, pos) + replacement + name.substring(pos + 1);
        }

        static String swapAdjacentDigits(String nik, SplittableRandom r) {
            char[] d = nik.toCharArray();
            int start = r.nextInt(d.length - 1);
            for (int k = 0; k < d.length - 1; k++) {
                int i = (start + k) % (d.length - 1);
                if (d[i] != d[i + 1]) {
                    char t = d[i];
                    d[i] = d[i + 1];
                    d[i + 1] = t;
                    return new String(d);
                }
            }
            return nik;
        }

        /** Keeps the year and the format (dd-mm-yyyy or yyyy-mm-dd) of the date, makes day/month impossible. */
        static String impossibleDate(String date, SplittableRandom r) {
            boolean iso = date.charAt(4) == '-';
            int year = Integer.parseInt(iso ? date.substring(0, 4) : date.substring(6, 10));
            int[][] bad = {{31, 2}, {30, 2}, {31, 4}, {31, 6}, {31, 9}, {31, 11}, {29, 2}};
            int[] dm = bad[r.nextInt(bad.length)];
            if (dm[0] == 29 && java.time.Year.isLeap(year)) dm = bad[0];
            return iso ? year + "-" + two(dm[1]) + "-" + two(dm[0]) : two(dm[0]) + "-" + two(dm[1]) + "-" + year;
        }

        private void render(Family family, List<String[]> rows) {
            List<Person> members = family.members();
            for (int i = 0; i < members.size(); i++) rows.add(renderRow(family, members.get(i), i + 1));
        }

        private String[] renderRow(Family f, Person p, int memberNo) {
            Household h = f.household();
            Village v = f.village();
            // Per-row format noise from a hash, so it never shifts the random streams.
            long bits = mix64(options.seed() * 0x9E3779B97F4A7C15L + f.seq() * 128 + memberNo);
            boolean undotted = (bits & 1023) < 102;
            boolean isoDate = ((bits >>> 10) & 1023) < 102;
            boolean numericSex = ((bits >>> 20) & 1023) < 102;
            boolean mixed = f.clan().mixedCase();
            return new String[] {
                h.iddtks(),
                h.iddtks() + "-" + two(memberNo),
                regions.provinceName,
                regions.regencyName,
                v.district().name(),
                v.name(),
                undotted ? v.digits() : v.code(),
                h.dusun(),
                h.alamat(),
                h.rt(),
                h.rw(),
                h.nomorKk(),
                p.nik(),
                mixed ? Names.mixedCase(p.name()) : p.name(),
                p.birthPlace(),
                isoDate ? isoDate(p.birth()) : dmyDate(p.birth()),
                numericSex ? (p.sex() == 'L' ? "1" : "2") : String.valueOf(p.sex()),
                p.relation(),
                mixed ? Names.mixedCase(p.motherName()) : p.motherName(),
                p.occupation(),
                p.education(),
                p.disability(),
                "Hidup",
                Integer.toString(h.desil()),
                Long.toString(h.income()),
                Integer.toString(h.foodShare()),
                h.health(),
                h.clothes(),
                h.school(),
                h.wall(),
                h.floor(),
                h.roof(),
                h.light(),
                h.floorArea(),
                h.water()
            };
        }

        private void writeRow(Writer out, String[] fields) throws IOException {
            StringBuilder sb = line;
            sb.setLength(0);
            char delimiter = options.delimiter();
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) sb.append(delimiter);
                appendField(sb, fields[i], delimiter);
            }
            sb.append('\n');
            out.append(sb);
        }

        static void appendField(StringBuilder sb, String value, char delimiter) {
            boolean quote = false;
            for (int i = 0; i < value.length() && !quote; i++) {
                char c = value.charAt(i);
                quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
            }
            if (!quote) {
                sb.append(value);
                return;
            }
            sb.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') sb.append('"');
                sb.append(c);
            }
            sb.append('"');
        }
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    static String dmyDate(LocalDate d) {
        return two(d.getDayOfMonth()) + "-" + two(d.getMonthValue()) + "-" + d.getYear();
    }

    static String isoDate(LocalDate d) {
        return d.getYear() + "-" + two(d.getMonthValue()) + "-" + two(d.getDayOfMonth());
    }

    // ------------------------------------------------------------------------------------------------
    // Family factory: household structure, ages, people, household attributes

    static final class FamilyFactory {
        private final Regions regions;
        private final SplittableRandom rng;
        private final Names names;
        private final LongIntCounter nikSerials = new LongIntCounter(1 << 16);
        private final LongIntCounter kkSerials = new LongIntCounter(1 << 14);
        private final String tenantDigits;

        FamilyFactory(Regions regions, SplittableRandom rng) {
            this.regions = regions;
            this.rng = rng;
            this.names = new Names(regions.provinceCode);
            this.tenantDigits = regions.tenantDistricts.get(0).digits().substring(0, 4);
        }

        /** One household with at most {@code cap} members. */
        Family create(long seq, int cap) {
            Village village = regions.pickVillage(rng);
            Clan clan = names.newClan(rng, regions.provinceCode);
            Family f = new Family(seq, village, clan, null, new ArrayList<>());
            int type = weighted(rng, 15, 16, 44, 12, 13);
            switch (type) {
                case 0 -> single(f);
                case 1 -> couple(f);
                case 2 -> nuclear(f);
                case 3 -> femaleHeaded(f);
                default -> {
                    if (rng.nextInt(100) < 55) threeGenerationsUp(f);
                    else threeGenerationsDown(f);
                }
            }
            List<Person> members = f.members();
            while (members.size() > cap) members.remove(members.size() - 1);
            return new Family(seq, village, clan, household(seq, village, members), members);
        }

        private void single(Family f) {
            boolean elderly = rng.nextInt(100) < 75;
            char sex = rng.nextInt(100) < (elderly ? 65 : 45) ? 'P' : 'L';
            int age = elderly ? between(60, 88) : between(23, 59);
            f.members().add(person(f, f.clan(), true, sex, age, HEAD, null));
        }

        /** Head and spouse; 5% of couples are headed by the wife (husband listed as Suami). */
        private Person[] spouses(Family f, int headAge) {
            int otherAge = clamp(headAge - 3 + (int) Math.round(rng.nextGaussian() * 3), 20, 90);
            boolean wifeHeads = rng.nextInt(100) < 5;
            Clan outsider = names.spouseClan(f.clan(), rng);
            Person head, spouse;
            if (wifeHeads) {
                // husband's line carries the family name even when the wife heads the household
                head = person(f, outsider, false, 'P', headAge, HEAD, null);
                spouse = person(f, f.clan(), true, 'L', otherAge, HUSBAND, null);
            } else {
                head = person(f, f.clan(), true, 'L', headAge, HEAD, null);
                spouse = person(f, outsider, false, 'P', otherAge, WIFE, null);
            }
            f.members().add(head);
            f.members().add(spouse);
            return new Person[] {head, spouse};
        }

        private void couple(Family f) {
            spouses(f, rng.nextInt(100) < 35 ? between(22, 35) : between(45, 80));
        }

        private void nuclear(Family f) {
            int children = 1 + weighted(rng, 40, 32, 15, 7, 4, 2);
            Person[] parents = spouses(f, between(22 + 2 * children, 62));
            Person mother = parents[0].sex() == 'P' ? parents[0] : parents[1];
            addChildren(f, children, Math.min(parents[0].age(), parents[1].age()), mother.baseName(), CHILD, f.clan());
            if (rng.nextInt(1000) < 30)
                f.members()
                        .add(person(
                                f,
                                names.spouseClan(f.clan(), rng),
                                false,
                                rng.nextBoolean() ? 'L' : 'P',
                                between(5, 30),
                                RELATIVE,
                                null));
            if (rng.nextInt(1000) < 5)
                f.members()
                        .add(person(
                                f,
                                names.spouseClan(f.clan(), rng),
                                false,
                                rng.nextBoolean() ? 'L' : 'P',
                                between(18, 50),
                                OTHER,
                                null));
        }

        private void femaleHeaded(Family f) {
            Clan outsider = names.spouseClan(f.clan(), rng);
            int age = between(25, 74);
            Person head = person(f, outsider, false, 'P', age, HEAD, null);
            f.members().add(head);
            if (age >= 50 && rng.nextInt(100) < 40) {
                // grandmother raising grandchildren, sometimes with one of her (adult) children at home
                Person adult = null;
                if (rng.nextBoolean()) {
                    adult = person(
                            f,
                            f.clan(),
                            true,
                            rng.nextBoolean() ? 'L' : 'P',
                            between(20, Math.min(age - 18, 40)),
                            CHILD,
                            head.baseName());
                    f.members().add(adult);
                }
                int parentAge = adult != null ? adult.age() : between(34, Math.min(age - 18, 45));
                boolean viaDaughter = adult != null ? adult.sex() == 'P' : rng.nextBoolean();
                String cucuMother = viaDaughter && adult != null
                        ? adult.baseName()
                        : names.name(
                                names.spouseClan(f.clan(), rng), false, 'P', REFERENCE_DATE.getYear() - parentAge, rng);
                Clan cucuClan = viaDaughter ? names.spouseClan(f.clan(), rng) : f.clan();
                addChildren(f, 1 + rng.nextInt(3), parentAge, cucuMother, GRANDCHILD, cucuClan);
            } else {
                addChildren(f, 1 + weighted(rng, 40, 30, 20, 10), age, head.baseName(), CHILD, f.clan());
            }
        }

        /** Head, wife, 0-3 children and the head's parent(s) or the wife's (mertua). */
        private void threeGenerationsUp(Family f) {
            Person[] parents = spouses(f, between(28, 55));
            Person mother = parents[0].sex() == 'P' ? parents[0] : parents[1];
            int kids = rng.nextInt(4);
            if (kids > 0)
                addChildren(f, kids, Math.min(parents[0].age(), parents[1].age()), mother.baseName(), CHILD, f.clan());
            boolean ofHead = rng.nextInt(100) < 60;
            Person child = ofHead ? parents[0] : parents[1];
            String relation = ofHead ? PARENT : PARENT_IN_LAW;
            Clan clan = child.relation().equals(HUSBAND) || (child == parents[0] && parents[0].sex() == 'L')
                    ? f.clan()
                    : names.spouseClan(f.clan(), rng);
            int count = rng.nextInt(100) < 30 ? 2 : 1;
            char first = rng.nextInt(100) < 70 ? 'P' : 'L';
            int grandMaAge = clamp(child.age() + between(18, 35), 0, 95);
            String grandMaName =
                    names.name(names.spouseClan(clan, rng), false, 'P', REFERENCE_DATE.getYear() - grandMaAge, rng);
            for (int i = 0; i < count; i++) {
                char sex = i == 0 ? first : (first == 'P' ? 'L' : 'P');
                int age = sex == 'P' ? grandMaAge : clamp(grandMaAge + between(-2, 6), child.age() + 18, 97);
                Person p = sex == 'P'
                        ? named(f, grandMaName, 'P', birthAt(age, rng), relation, null, clan, rng, true)
                        : person(f, clan, true, 'L', age, relation, null);
                f.members().add(p);
            }
        }

        /** Elderly head (and wife), a married child with spouse (menantu) and grandchildren. */
        private void threeGenerationsDown(Family f) {
            int headAge = between(50, 78);
            Person head, wife = null;
            int youngestParent;
            if (rng.nextInt(100) < 80) {
                Person[] parents = spouses(f, headAge);
                head = parents[0];
                wife = parents[1].sex() == 'P' ? parents[1] : parents[0];
                youngestParent = Math.min(parents[0].age(), parents[1].age());
            } else { // widow(er); a widow belongs to her late husband's family by marriage only
                boolean widow = rng.nextInt(100) < 60;
                head = widow
                        ? person(f, names.spouseClan(f.clan(), rng), false, 'P', headAge, HEAD, null)
                        : person(f, f.clan(), true, 'L', headAge, HEAD, null);
                f.members().add(head);
                youngestParent = head.age();
            }
            if (youngestParent - 16 < 20) { // spouse too young for a married child: plain children instead
                addChildren(
                        f,
                        1 + rng.nextInt(3),
                        youngestParent,
                        wife != null ? wife.baseName() : head.baseName(),
                        CHILD,
                        f.clan());
                return;
            }
            String motherOfChild = wife != null
                    ? wife.baseName()
                    : head.sex() == 'P'
                            ? head.baseName()
                            : names.name(
                                    names.spouseClan(f.clan(), rng),
                                    false,
                                    'P',
                                    REFERENCE_DATE.getYear() - headAge,
                                    rng);
            int childAge = between(20, Math.min(youngestParent - 16, 45));
            char childSex = rng.nextBoolean() ? 'L' : 'P';
            Person child = person(f, f.clan(), true, childSex, childAge, CHILD, motherOfChild);
            Clan inLawClan = names.spouseClan(f.clan(), rng);
            int inLawAge = clamp(childAge + between(-4, 5), 19, 60);
            Person inLaw = person(f, inLawClan, true, childSex == 'L' ? 'P' : 'L', inLawAge, CHILD_IN_LAW, null);
            f.members().add(child);
            f.members().add(inLaw);
            Person mother = childSex == 'P' ? child : inLaw;
            Clan grandchildClan = childSex == 'L' ? f.clan() : inLawClan;
            addChildren(
                    f,
                    1 + weighted(rng, 45, 35, 20),
                    Math.min(childAge, inLawAge),
                    mother.baseName(),
                    GRANDCHILD,
                    grandchildClan);
        }

        /** Adds {@code count} children at least 16 (whole) years younger than {@code youngestParentAge}. */
        private void addChildren(
                Family f, int count, int youngestParentAge, String motherName, String relation, Clan clan) {
            int maxAge = Math.min(youngestParentAge - 16, relation.equals(CHILD) ? 30 : 25);
            if (maxAge < 0) return;
            int maxDays = maxAge * 365 + 364; // any birth within maxDays before the reference date is <= maxAge
            // siblings 10 months to 4 years apart, 2% twins; children who do not fit are not born
            int[] gaps = new int[count];
            int span = 0, born = 1;
            for (int i = 1; i < count; i++) {
                int gap = rng.nextInt(100) < 2 ? 0 : 300 + rng.nextInt(1160);
                if (span + gap > maxDays) break;
                gaps[i] = gap;
                span += gap;
                born++;
            }
            // oldest child born when the younger parent was 17-30, unless older siblings have left home
            int target = (youngestParentAge - 17 - rng.nextInt(14)) * 365 + rng.nextInt(365);
            int oldest = target > maxDays ? span + rng.nextInt(maxDays - span + 1) : clamp(target, span, maxDays);
            for (int i = 0; i < born; i++) {
                oldest -= gaps[i];
                char sex = rng.nextBoolean() ? 'L' : 'P';
                f.members().add(person(f, clan, true, sex, REFERENCE_DATE.minusDays(oldest), relation, motherName));
            }
        }

        /** The member added by minor_without_ktp: aged exactly 17, a child/grandchild if plausible. */
        Person minor(Family f, SplittableRandom r) {
            // Drawn from the error stream and without a NIK, so the serial counters of valid people are untouched.
            LocalDate birth = birthAt(17, r);
            String relation = RELATIVE, mother = null; // a nephew/niece unless the ages allow a child or grandchild
            if (fitsAsChild(f.members(), birth, CHILD, HEAD, WIFE, HUSBAND)) {
                for (Person p : f.members()) {
                    if (p.sex() == 'P'
                            && (p.relation().equals(HEAD) || p.relation().equals(WIFE))) mother = p.baseName();
                }
                if (mother != null) relation = CHILD;
            } else if (f.members().get(0).age() >= 50
                    && fitsAsChild(f.members(), birth, GRANDCHILD, CHILD, CHILD_IN_LAW)) {
                relation = GRANDCHILD;
            }
            char sex = r.nextBoolean() ? 'L' : 'P';
            boolean ofClan = !relation.equals(RELATIVE);
            String name = names.name(f.clan(), ofClan, sex, birth.getYear(), r);
            return named(f, name, sex, birth, relation, mother, f.clan(), r, false);
        }

        /**
         * True if someone born on {@code birth} can be listed as {@code relation}: at least 16 years younger than
         * every member holding one of the parent relations, and no sibling born within 300 days.
         */
        private static boolean fitsAsChild(List<Person> members, LocalDate birth, String relation, String... parents) {
            for (Person p : members) {
                if (List.of(parents).contains(p.relation())
                        && p.birth().plusYears(16).isAfter(birth)) return false;
                if (p.relation().equals(relation) && Math.abs(p.birth().toEpochDay() - birth.toEpochDay()) < 300)
                    return false;
            }
            return true;
        }

        /** A random birth date of someone exactly {@code age} years old at the reference date. */
        static LocalDate birthAt(int age, SplittableRandom r) {
            return REFERENCE_DATE.minusYears(age).minusDays(r.nextInt(365));
        }

        private Person person(
                Family f, Clan clan, boolean ofClan, char sex, int age, String relation, String motherName) {
            return person(f, clan, ofClan, sex, birthAt(age, rng), relation, motherName);
        }

        private Person person(
                Family f, Clan clan, boolean ofClan, char sex, LocalDate birth, String relation, String motherName) {
            String name = names.name(clan, ofClan, sex, birth.getYear(), rng);
            return named(f, name, sex, birth, relation, motherName, clan, rng, true);
        }

        /** A person with a given base name: NIK, birthplace, education, work, titles. */
        private Person named(
                Family f,
                String baseName,
                char sex,
                LocalDate birth,
                String relation,
                String motherName,
                Clan clan,
                SplittableRandom r,
                boolean withNik) {
            int age = ageAt(birth);
            if (motherName == null)
                motherName = names.name(names.spouseClan(clan, r), false, 'P', birth.getYear() - 25, r);
            // NIK region: where the person was first registered.
            District home = f.village().district();
            int roll = r.nextInt(100);
            District nikRegion = home;
            String birthPlace;
            if (roll < 2) {
                nikRegion = migrantDistrict(clan, r);
                birthPlace = nikRegion.city();
            } else {
                while (roll < 7 && regions.tenantDistricts.size() > 1 && nikRegion == home) {
                    nikRegion = regions.tenantDistricts.get(r.nextInt(regions.tenantDistricts.size()));
                }
                birthPlace = birthPlace(clan, age, r);
            }
            String nik = "";
            if (withNik) {
                // 9999 people of one sex born on one day in one district: practically never; move the birthday.
                while ((nik = nik(nikRegion.digits(), birth, sex)) == null) birth = birth.minusDays(1);
            }
            String education = education(age, birth.getYear(), r);
            String occupation = occupation(age, sex, education, relation, r);
            String disability = r.nextInt(1000) < (age >= 65 ? 70 : 20)
                    ? pick(r, "Fisik", "Fisik", "Netra", "Rungu", "Mental")
                    : "Tidak";
            String name = names.decorate(baseName, clan, sex, age, education, r);
            return new Person(
                    name,
                    baseName,
                    sex,
                    birth,
                    birthPlace,
                    relation,
                    motherName,
                    occupation,
                    education,
                    disability,
                    nik);
        }

        private District migrantDistrict(Clan clan, SplittableRandom r) {
            List<District> origin = regions.districtsByProvince.get(clan.originProvince());
            if (origin != null && !clan.originProvince().equals(regions.provinceCode)) {
                return origin.get(r.nextInt(origin.size()));
            }
            return regions.otherProvinceDistricts.get(r.nextInt(regions.otherProvinceDistricts.size()));
        }

        private String birthPlace(Clan clan, int age, SplittableRandom r) {
            int roll = r.nextInt(100);
            if (age < 18) {
                return roll < 90
                        ? regions.city
                        : regions.sameProvinceCities.get(r.nextInt(regions.sameProvinceCities.size()));
            }
            if (roll < 55) return regions.city;
            if (roll < 80) return regions.sameProvinceCities.get(r.nextInt(regions.sameProvinceCities.size()));
            List<District> origin = regions.districtsByProvince.get(clan.originProvince());
            if (origin == null) return regions.city;
            return origin.get(r.nextInt(origin.size())).city();
        }

        /** 16-digit NIK, unique via a serial counter per (region, DDMMYY); null when the 9999 serials are used up. */
        private String nik(String region, LocalDate birth, char sex) {
            String datePart = nikDate(birth, sex);
            int serial = nikSerials.increment(Long.parseLong(region + datePart));
            return serial <= 9999 ? region + datePart + four(serial) : null;
        }

        static String nikDate(LocalDate d, char sex) {
            int day = d.getDayOfMonth() + (sex == 'P' ? 40 : 0);
            return two(day) + two(d.getMonthValue()) + two(d.getYear() % 100);
        }

        private String nomorKk(Village v) {
            LocalDate issued = LocalDate.of(2008, 1, 1).plusDays(rng.nextInt(17 * 365));
            String region = v.district().digits();
            String datePart = two(issued.getDayOfMonth()) + two(issued.getMonthValue()) + two(issued.getYear() % 100);
            int serial = kkSerials.increment(Long.parseLong(region + datePart));
            while (serial > 9999) { // practically never: another issue date
                issued = issued.plusDays(1);
                datePart = two(issued.getDayOfMonth()) + two(issued.getMonthValue()) + two(issued.getYear() % 100);
                serial = kkSerials.increment(Long.parseLong(region + datePart));
            }
            return region + datePart + four(serial);
        }

        static String four(int n) {
            String s = Integer.toString(n);
            return "0000".substring(s.length()) + s;
        }

        // --- people attributes

        static final String NO_SCHOOL = "Tidak/Belum Sekolah", STUDENT = "Pelajar", NOT_WORKING = "Belum/Tidak Bekerja";

        private String education(int age, int birthYear, SplittableRandom r) {
            if (age < 7) return NO_SCHOOL;
            if (age <= 12) return "SD";
            if (age <= 15) return r.nextInt(100) < 95 ? "SMP" : "SD";
            if (age <= 18) return r.nextInt(100) < 88 ? "SMA" : "SMP";
            String[] levels = {NO_SCHOOL, "SD", "SMP", "SMA", "D3", "S1"};
            if (birthYear < 1960) return levels[weighted(r, 35, 45, 10, 8, 1, 1)];
            if (birthYear < 1985) return levels[weighted(r, 6, 33, 23, 28, 4, 6)];
            return levels[weighted(r, 2, 12, 20, 47, 6, 13)];
        }

        private String occupation(int age, char sex, String education, String relation, SplittableRandom r) {
            if (age < 7) return NOT_WORKING;
            if (age <= 18) {
                if (r.nextInt(100) < 94) return STUDENT;
                return age >= 15 ? pick(r, "Buruh Harian Lepas", NOT_WORKING, NOT_WORKING, "Nelayan") : NOT_WORKING;
            }
            if (age <= 23 && !relation.equals(HEAD) && !relation.equals(WIFE) && r.nextInt(100) < 35) return STUDENT;
            if (age >= 65) {
                return sex == 'P'
                        ? pick(
                                r,
                                NOT_WORKING,
                                NOT_WORKING,
                                "Mengurus Rumah Tangga",
                                "Mengurus Rumah Tangga",
                                "Petani",
                                "Pedagang")
                        : pick(r, NOT_WORKING, NOT_WORKING, NOT_WORKING, "Petani", "Petani", "Nelayan", "Pedagang");
            }
            if (education.equals("S1") || education.equals("D3")) {
                return pickWeighted(
                        r,
                        new String[] {
                            "PNS",
                            "Guru",
                            "Karyawan Swasta",
                            "Wiraswasta",
                            "Pedagang",
                            NOT_WORKING,
                            sex == 'P' ? "Mengurus Rumah Tangga" : "Karyawan Honorer"
                        },
                        14,
                        14,
                        25,
                        18,
                        9,
                        10,
                        10);
            }
            if (sex == 'P') {
                return pickWeighted(
                        r,
                        new String[] {
                            "Mengurus Rumah Tangga",
                            "Pedagang",
                            "Petani",
                            "Buruh Harian Lepas",
                            "Wiraswasta",
                            "Karyawan Swasta",
                            NOT_WORKING
                        },
                        56,
                        10,
                        8,
                        7,
                        6,
                        5,
                        8);
            }
            return pickWeighted(
                    r,
                    new String[] {
                        "Petani",
                        "Nelayan",
                        "Buruh Harian Lepas",
                        "Pedagang",
                        "Wiraswasta",
                        "Karyawan Swasta",
                        "Sopir",
                        "Tukang Batu",
                        "Tukang Kayu",
                        "Pengemudi Ojek",
                        NOT_WORKING
                    },
                    17,
                    8,
                    21,
                    10,
                    12,
                    8,
                    4,
                    4,
                    3,
                    6,
                    7);
        }

        // --- household attributes

        private Household household(long seq, Village v, List<Person> members) {
            String iddtks = "DTKS" + tenantDigits + String.format(Locale.ROOT, "%010d", seq);
            String dusun = v.desa()
                    ? "DUSUN " + (rng.nextInt(100) < 80 ? roman(1 + rng.nextInt(6)) : pick(rng, Names.HAMLETS))
                    : rng.nextInt(100) < 25 ? "LINGKUNGAN " + roman(1 + rng.nextInt(4)) : "";
            String alamat = address(v, dusun);
            String rt = three(1 + rng.nextInt(12)), rw = three(1 + rng.nextInt(6));
            int desil = 1 + weighted(rng, 20, 18, 16, 14, 10, 8, 6, 4, 3, 1);
            double t = (desil - 1) / 9.0;
            long income =
                    Math.round((300_000 + (desil - 1) * 330_000 + rng.nextInt(400_000) - 100_000) / 50_000.0) * 50_000;
            income = Math.max(300_000, Math.min(4_000_000, income));
            int food = clamp(88 - desil * 4 + rng.nextInt(17) - 8, 30, 90);
            String health = rng.nextInt(100) < 75 + desil * 2 ? "Ya" : "Tidak";
            String clothes = rng.nextDouble() < 0.25 + 0.06 * desil ? "Ya" : "Tidak";
            String wall =
                    blend(t, new String[] {"Tembok", "Kayu", "Bambu", "Lainnya"}, new int[] {25, 45, 22, 8}, new int[] {
                        90, 9, 1, 0
                    });
            String floor =
                    blend(t, new String[] {"Keramik", "Semen", "Kayu", "Tanah"}, new int[] {10, 40, 30, 20}, new int[] {
                        75, 22, 3, 0
                    });
            String roof =
                    blend(t, new String[] {"Genteng", "Seng", "Asbes", "Rumbia"}, new int[] {5, 70, 5, 20}, new int[] {
                        25, 65, 10, 0
                    });
            String light =
                    blend(t, new String[] {"PLN", "Non-PLN", "Tidak Ada"}, new int[] {75, 18, 7}, new int[] {98, 2, 0});
            String water = blend(
                    t,
                    new String[] {
                        "Ledeng", "Sumur Terlindung", "Sumur Tidak Terlindung", "Mata Air", "Air Hujan", "Kemasan"
                    },
                    new int[] {10, 30, 25, 15, 10, 10},
                    new int[] {30, 25, 5, 5, 5, 30});
            int area10 = (18 + rng.nextInt(25) + desil * 7) * 10 + rng.nextInt(10);
            int perPerson10 = Math.max(20, area10 / members.size());
            String floorArea = perPerson10 / 10 + "." + perPerson10 % 10;
            return new Household(
                    iddtks,
                    nomorKk(v),
                    dusun,
                    alamat,
                    rt,
                    rw,
                    desil,
                    income,
                    food,
                    health,
                    clothes,
                    schoolStatus(members),
                    wall,
                    floor,
                    roof,
                    light,
                    floorArea,
                    water);
        }

        static String schoolStatus(List<Person> members) {
            boolean any = false;
            for (Person p : members) {
                int age = p.age();
                if (age >= 7 && age <= 18 && !p.relation().equals(HEAD)) {
                    any = true;
                    if (!p.occupation().equals(STUDENT)) return "Tidak";
                }
            }
            return any ? "Ya" : "Tidak Ada Anak";
        }

        private String address(Village v, String dusun) {
            int roll = rng.nextInt(100);
            if (roll < 45) return "Jl. " + pick(rng, Names.STREETS) + " No. " + (1 + rng.nextInt(150));
            if (roll < 55) return "Jl. " + pick(rng, Names.STREETS);
            if (roll < 70) return "Lorong " + pick(rng, Names.LANES);
            if (roll < 78)
                return pick(rng, "BTN ", "Perumnas ", "Perum ") + pick(rng, Names.ESTATES) + " Blok "
                        + (char) ('A' + rng.nextInt(8)) + " No. " + (1 + rng.nextInt(40));
            if (!dusun.isEmpty() && roll < 92) return Names.titleCase(dusun);
            return "Jl. Poros " + Names.titleCase(v.name());
        }

        private String blend(double t, String[] values, int[] poor, int[] rich) {
            double total = 0;
            double[] w = new double[values.length];
            for (int i = 0; i < values.length; i++) total += w[i] = poor[i] * (1 - t) + rich[i] * t;
            double x = rng.nextDouble() * total;
            for (int i = 0; i < values.length; i++) if ((x -= w[i]) < 0) return values[i];
            return values[values.length - 1];
        }

        private int between(int lo, int hi) {
            return hi <= lo ? lo : lo + rng.nextInt(hi - lo + 1);
        }

        static String three(int n) {
            return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
        }

        static String roman(int n) {
            return new String[] {"I", "II", "III", "IV", "V", "VI", "VII"}[n - 1];
        }
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom r, T... values) {
        return values[r.nextInt(values.length)];
    }

    static int weighted(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) total += w;
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return i;
        return weights.length - 1;
    }

    static String pickWeighted(SplittableRandom r, String[] values, int... weights) {
        return values[weighted(r, weights)];
    }

    // ------------------------------------------------------------------------------------------------
    // Names

    static final class Names {
        static final String[] STREETS = {
            "Sao-Sao",
            "MT. Haryono",
            "Ahmad Yani",
            "Saranani",
            "Abdullah Silondae",
            "Malaka",
            "Lasolo",
            "Bunggasi",
            "Halu Oleo",
            "Pattimura",
            "Diponegoro",
            "Jend. Sudirman",
            "Supu Yusuf",
            "Mayjen Sutoyo",
            "Chairil Anwar",
            "Budi Utomo",
            "Kijang",
            "Rusa",
            "Anoa",
            "Merdeka",
            "Pahlawan",
            "Pemuda",
            "Masjid Raya",
            "Pasar Baru",
            "Veteran",
            "Gatot Subroto",
            "Kartini",
            "Imam Bonjol",
            "Teuku Umar",
            "Sultan Hasanuddin",
            "Kapten Pierre Tendean",
            "Made Sabara",
            "Wayong",
            "Lepo-Lepo",
            "Tebaununggu",
            "Syekh Yusuf",
            "Kesehatan",
            "Pendidikan",
            "Manunggal",
            "Bhayangkara"
        };
        static final String[] LANES = {
            "Mawar",
            "Melati",
            "Anggrek",
            "Kenanga",
            "Cempaka",
            "Dahlia",
            "Teratai",
            "Flamboyan",
            "Masjid",
            "Damai",
            "Bahagia",
            "Sejahtera",
            "Harapan",
            "Kelapa",
            "Nangka",
            "Sukun",
            "Jambu"
        };
        static final String[] ESTATES = {
            "Griya Permata",
            "Puri Asri",
            "Bumi Praja",
            "Citra Land",
            "Griya Alam Permai",
            "Villa Mutiara",
            "Graha Indah",
            "Pondok Indah"
        };
        static final String[] HAMLETS = {
            "MEKAR SARI",
            "SUKA MAJU",
            "TANJUNG",
            "BUKIT INDAH",
            "WONOREJO",
            "LAMBUSA",
            "PESISIR",
            "KAMPUNG BARU",
            "LAMOKUKU"
        };

        private final EnumMap<Flavor, String[][][]> pools = new EnumMap<>(Flavor.class); // male/female given/second
        private final int[] flavorWeights;

        Names(String provinceCode) {
            flavorWeights = flavorWeights(provinceCode);
            pools.put(Flavor.JAVANESE, new String[][][] {
                words(
                        "SUPARMAN|^SOEPARMAN SUKIRNO|^SOEKIRNO SUTRISNO|^SOETRISNO JOKO|^DJOKO SLAMET BAMBANG BUDI AGUS EKO DWI "
                                + "HERU TEGUH WAHYU PRIYO|^PRIJO SUGENG SUPRIYADI|^SOEPRIJADI CAHYO|^TJAHJO SUSILO|^SOESILO WIDODO "
                                + "HARYANTO|^HARJANTO SUYANTO|^SOEJANTO SUHARTO|^SOEHARTO SUKARNO|^SOEKARNO JUMADI|^DJUMADI PARJO|^PARDJO "
                                + "TUKIMAN SAMIDI MARYONO|^MARJONO SUWARNO|^SOEWARNO KASIMAN"),
                words("SANTOSO|SANTOSA SETIAWAN PRASETYO|^PRASETIJO WIBOWO NUGROHO SAPUTRA KURNIAWAN HIDAYAT PURNOMO "
                        + "SUSANTO HARTONO WIJAYA|^WIDJAJA UTOMO|^OETOMO RAHARJO|^RAHARDJO CAHYONO|^TJAHJONO SUPRAPTO|^SOEPRAPTO "
                        + "WALUYO|^WALOEJO SUBAGYO|^SOEBAGIO"),
                words(
                        "SRI SITI|SITTI SUWARNI|^SOEWARNI SUMIATI|^SOEMIATI SUPARMI|^SOEPARMI TUMINAH PAINEM SULASTRI|^SOELASTRI "
                                + "WARSINI SRI_WAHYUNI DWI_LESTARI ENDANG TRI NINGSIH RATNA YULI WULANDARI PUJI|^POEDJI SUMARNI|^SOEMARNI "
                                + "KARTINI SUNARSIH|^SOENARSIH JUMIATI|^DJUMIATI"),
                words("WAHYUNI LESTARI RAHAYU HANDAYANI NINGSIH PURWANTI SETYOWATI|^SETIJOWATI UTAMI ASTUTI SUSANTI "
                        + "MULYANI|^MOELJANI SULISTYOWATI|^SOELISTIJOWATI PURWANINGSIH")
            });
            pools.put(Flavor.SUNDANESE, new String[][][] {
                words(
                        "ASEP UJANG|^OEDJANG DEDE CECEP|^TJETJEP YAYAT ENTIS DADANG AAN ENCEP|^ENTJEP OMAN IWAN YANA DEDI "
                                + "JAJANG|^DJADJANG ADE UDIN|^OEDIN ENDANG ACENG|^ATJENG"),
                words(
                        "SUNARYA|^SOENARJA SUPRIATNA|^SOEPRIATNA HIDAYAT KURNIA RUSMANA SOBARI SUHENDAR|^SOEHENDAR GUNAWAN "
                                + "SAEPULOH|SAIFULLAH PERMANA RUHIMAT SUTISNA|^SOETISNA"),
                words("NENG EUIS IIS NENDEN ENOK CUCU|^TJOETJOE ENUNG YANTI ELIS IMAS TITIN NUNUNG ENTIN NENENG "
                        + "IKA YAYAH"),
                words("SUMIATI|^SOEMIATI ROHAENI KURNIASIH MULYATI|^MOELJATI NURHAYATI SURYANI|^SOERJANI RAHMAWATI "
                        + "KOMALASARI SITI_AISYAH")
            });
            pools.put(Flavor.BUGIS, new String[][][] {
                words(
                        "ABDUL AHMAD|ACHMAD SYAMSUDDIN|SAMSUDDIN BAHARUDDIN HASANUDDIN JUMARDI|^DJUMARDI SUDIRMAN MUSTARI "
                                + "AMIRUDDIN NASRULLAH SAHARUDDIN RUSLAN ARSYAD|^ARSJAD HAMZAH KAHARUDDIN SYAHRIR|SAHRIR IRWAN "
                                + "AMBO_TANG AMBO_DALLE BACO MAKMUR SUKRI|SUKRY"),
                words("ARSYAD RAHMAN YANI SALEH RIDWAN TAHIR NUR AMIN JUFRI|^DJUFRI HAFID RASYID|^RASJID IDRIS "
                        + "MAKKASAU PAWELLANGI"),
                words(
                        "SITTI|SITI|ST. NURHAYATI HASNAWATI RAHMAWATI SUKMAWATI HASNAH MARLINA NURHAENI|NURAENI HASMAWATI "
                                + "MIRNAWATI SALMAWATI BECCE NURLIA HARTINA HADIJAH|^HADIDJAH HAWANG NURDIANA"),
                words("AMINAH RAHMA MARYAM SAHARIAH|SAHARIA NURBAYA HAJRAH|HAJERAH JUMRAH|^DJUMRAH NURHAYATI SANGKALA")
            });
            pools.put(Flavor.BUTON, new String[][][] {
                words("BAKI UDI ANI SIMA DALI HADI MUSU KARIM RUDI ILU SAFI SALIHI AMANI JUMUDI|^DJUMUDI TAHIRU HAMIDI "
                        + "ASIDI NURU SADI RAMLI BALAKA KAIMUDIN"),
                words("SALEH MUHAMMAD ALI HASAN RAHIM ABUBAKAR UMAR"),
                words("NIA SITI HASIA ALIMA NURU RIMA SARIA SAENI HADIA NURHAYATI INDO HALIMA|HALIMAH ASIA MARIA SAMIA "
                        + "NURJANA MULIANA ASNI DAHLIA"),
                words("NURLAILA SAFIA ROSNA HAMSIA")
            });
            pools.put(Flavor.TOLAKI, new String[][][] {
                words("ASRUN RUKSAMIN SURUNUDDIN LUKMAN KERY SULKARNAIN ABUNAWAS MUSADAR AHMAD|ACHMAD MANSUR SYAHRUN "
                        + "TINGGIRI NASIR HUSEIN|HUSIN BURHANUDDIN ANDRIAS TAMRIN|THAMRIN JUMRAN"),
                words("SALEH HAMID NUR_ALAM MARDHAN|MARDAN SAIFUL"),
                words("MASNI RISNA HASNI NURSIA SARIANI DAHLIA ERNAWATI SITI|SITTI HASNAWATI NURHAYATI MARLIN SUMARNI "
                        + "RUSNIAH WIWIN"),
                words("NURAENI RAHMA SAFITRI")
            });
            pools.put(Flavor.BATAK, new String[][][] {
                words("JANSEN MARUDUT TOGAR RUDOLF MARTUA HOTMAN POLTAK BONAR PARLINDUNGAN JONNER|JONER DAULAT SAHAT "
                        + "BINSAR HASUDUNGAN TUMPAL"),
                words("PARULIAN MANGATAS HAMONANGAN PARDAMEAN"),
                words("ROSMA TIOMINA LAMRIA DORIS MAGDALENA RUGUN NURMIDA HOTNIDA TIURMA RIA ROSLIANA MASTIUR SONDANG"),
                words("ROSLINA MARIANI")
            });
            pools.put(Flavor.CHRISTIAN, new String[][][] {
                words("YOHANES|JOHANES PETRUS MARKUS YOSEF|JOSEF FRANSISKUS|FRANSISCUS STEVEN MICHAEL|MIKAEL DANIEL "
                        + "YULIUS|JULIUS ALEXANDER FREDDY|FREDI RONALD JEFRI|JEFFRY YOHANIS ALFRED HENDRIK"),
                words("PETRUS PAULUS YOSEPH|JOSEPH ALOYSIUS ANTONIUS"),
                words("MARIA MAGDALENA YOHANA|JOHANA ELISABETH AGUSTINA|AGUSTINE NATALIA SELVI|SELVY FEBRIANTI YUNI "
                        + "MERI|MERRY DELFI MARTHA|MARTA REGINA"),
                words("MAGDALENA SARTIKA YULIANA|JULIANA")
            });
            pools.put(Flavor.MUSLIM, new String[][][] {
                words(
                        "AHMAD|ACHMAD ABDUL IRWAN HENDRA RUDI SYAIFUL|SAIFUL ZULKIFLI|DZULKIFLI RAHMAT|RACHMAT HASAN FIRMAN "
                                + "ARIF YUSUF ISMAIL NASRUDIN HERMAN SYAMSUL|SAMSUL JUNAIDI|^DJUNAIDI ANWAR"),
                words("RAHMAN HIDAYAT SYAHPUTRA FAUZI ALI HAKIM RIZAL HAMID MUSTAFA ARIFIN EFENDI|EFFENDI SAPUTRA"),
                words(
                        "SITI|SITTI NUR FATIMAH AMINAH AISYAH|AISAH HALIMAH KHADIJAH|HADIJAH ZAINAB RAHMAWATI FITRIANI NURUL "
                                + "YULIANTI SRI DEWI RINA MAWARNI"),
                words("AMINAH AISYAH HASANAH FAUZIAH NURHALIZA ZAHRA HIDAYATI KHOTIMAH|KHATIMAH")
            });
        }

        static final String[][] MUHAMMAD = words("MUHAMMAD|MUHAMAD|MOH.|MOCHAMMAD");
        static final String[][] ABDUL_SECOND = words("RAHMAN RAHIM HAKIM HAMID AZIS|AZIZ MALIK GAFFAR|GAFUR MUIS "
                + "KADIR|QADIR WAHAB MAJID LATIF|LATIEF KARIM SALAM");
        static final String[][] MODERN_MALE =
                words("RIZKY|RISKI|RIZKI ADITYA DIMAS FAJAR ILHAM RAFI ALIF FARHAN ARYA BAYU "
                        + "DANI REZA NAUFAL AKBAR FADLI ALDI ZIDAN ARKAN");
        static final String[][] MODERN_MALE_2 =
                words("PRATAMA SAPUTRA RAMADHAN|RAMADAN MAULANA HIDAYAT FIRMANSYAH SETIAWAN " + "AKBAR NUGRAHA PUTRA");
        static final String[][] MODERN_FEMALE =
                words("PUTRI AULIA NABILA SALSABILA AYU DEWI INDAH NUR ANISA|ANNISA FITRI "
                        + "DINDA AMELIA KHAIRUNNISA ZAHRA NAYLA AISYAH SYIFA");
        static final String[][] MODERN_FEMALE_2 =
                words("RAMADHANI PUTRI LESTARI SARI AULIA NURHALIZA SAFITRI WULANDARI " + "AZZAHRA PRATIWI");
        static final String[][] MODERN_CHRISTIAN_MALE = words("KEVIN JONATHAN GABRIEL RICHARD JOSHUA FELIX DAVID");
        static final String[][] MODERN_CHRISTIAN_FEMALE =
                words("GRACE CHRISTINE ANGELINA JESSICA MICHELLE VANESSA GLORIA");
        static final String[] MARGA_TOBA = {
            "SIMANJUNTAK",
            "SIREGAR",
            "HUTAGALUNG",
            "SITUMORANG",
            "PANJAITAN",
            "SIAHAAN",
            "SINAGA",
            "TAMBUNAN",
            "SIMATUPANG",
            "MANURUNG",
            "PASARIBU",
            "NAPITUPULU",
            "SIHOMBING",
            "MARPAUNG",
            "SILALAHI"
        };
        static final String[] MARGA_MANDAILING = {"NASUTION", "LUBIS", "HARAHAP", "HASIBUAN", "RANGKUTI", "PULUNGAN"};
        static final String[] TOLAKI_FAMILY = {"KONGGOASA", "LAKIDENDE", "TAWULO", "SABARA", "TAMBURAKA", "POMBILI"};
        static final String[] CHRISTIAN_FAMILY = {
            "RUMENGAN",
            "WUNGOW",
            "PANGKEY",
            "LUMINTANG",
            "SUMAMPOW",
            "PATANDUNG",
            "PALALLO",
            "PATTIASINA",
            "LATUMAHINA",
            "MANUPUTTY",
            "DA COSTA",
            "PAREIRA",
            "TANDILINTIN"
        };

        /** "A|B C_D" -> {{"A","B"},{"C D"}}: one entry per name, spelling variants after '|'. */
        static String[][] words(String spec) {
            String[] tokens = spec.trim().split("\\s+");
            String[][] out = new String[tokens.length][];
            for (int i = 0; i < tokens.length; i++)
                out[i] = tokens[i].replace('_', ' ').split("\\|");
            return out;
        }

        private static int[] flavorWeights(String province) {
            // JAVANESE, SUNDANESE, BUGIS, BUTON, TOLAKI, BATAK, CHRISTIAN, MUSLIM
            return switch (province) {
                case "74" -> new int[] {14, 2, 20, 26, 24, 2, 5, 7};
                case "12" -> new int[] {20, 3, 2, 0, 0, 50, 5, 20};
                case "32" -> new int[] {15, 70, 1, 0, 0, 2, 3, 9};
                case "31", "36" -> new int[] {35, 25, 2, 1, 0, 4, 6, 27};
                case "33", "34", "35" -> new int[] {80, 3, 1, 0, 0, 1, 5, 10};
                case "73", "76" -> new int[] {8, 1, 62, 3, 2, 1, 13, 10};
                case "71", "81", "53", "91", "92", "93", "94", "95", "96" -> new int[] {10, 2, 8, 3, 1, 3, 55, 18};
                default -> new int[] {20, 5, 8, 2, 2, 6, 12, 45};
            };
        }

        Clan newClan(SplittableRandom r, String tenantProvince) {
            Flavor flavor = Flavor.values()[weighted(r, flavorWeights)];
            return clan(flavor, r, tenantProvince);
        }

        /** A spouse/in-law line: usually the same style, 10% another one (mixed marriages). */
        Clan spouseClan(Clan of, SplittableRandom r) {
            Flavor flavor = r.nextInt(100) < 10 ? Flavor.values()[weighted(r, flavorWeights)] : of.flavor();
            Clan c = clan(flavor, r, null);
            return new Clan(
                    c.flavor(),
                    c.christian(),
                    c.surname(),
                    c.noble(),
                    c.variantPref(),
                    c.oldSpelling(),
                    of.mixedCase(),
                    c.originProvince());
        }

        private Clan clan(Flavor flavor, SplittableRandom r, String tenantProvince) {
            boolean christian = flavor == Flavor.CHRISTIAN || flavor == Flavor.BATAK && r.nextInt(100) < 70;
            String surname =
                    switch (flavor) {
                        case BATAK -> christian ? pick(r, MARGA_TOBA) : pick(r, MARGA_MANDAILING);
                        case TOLAKI -> r.nextInt(100) < 45 ? pick(r, TOLAKI_FAMILY) : null;
                        case CHRISTIAN -> r.nextInt(100) < 65 ? pick(r, CHRISTIAN_FAMILY) : null;
                        default -> null;
                    };
            boolean noble =
                    switch (flavor) {
                        case BUTON -> r.nextInt(100) < 22;
                        case BUGIS -> r.nextInt(100) < 12;
                        default -> false;
                    };
            int variantPref = r.nextInt(100) < 65 ? 0 : 1 + r.nextInt(6);
            boolean oldSpelling = r.nextInt(100) < 40;
            boolean mixedCase = r.nextInt(100) < 8;
            String origin =
                    switch (flavor) {
                        case JAVANESE -> pick(r, "33", "35", "34");
                        case SUNDANESE -> "32";
                        case BUGIS -> "73";
                        case BUTON, TOLAKI -> "74";
                        case BATAK -> "12";
                        case CHRISTIAN -> pick(r, "71", "73", "81", "53");
                        case MUSLIM -> pick(r, "11", "13", "16", "18", "61", "63", "64", "72", "73", "75", "52");
                    };
            return new Clan(flavor, christian, surname, noble, variantPref, oldSpelling, mixedCase, origin);
        }

        /**
         * Chooses a spelling: pre-1972 EYD style variants (marked '^': oe, dj, tj, j for y) only for people born
         * before 1975 in families that keep the old spelling; otherwise the family's preferred modern variant.
         */
        private static String resolve(String[] variants, Clan c, int birthYear) {
            if (variants.length == 1) return variants[0];
            boolean old = c.oldSpelling() && birthYear < 1975;
            int modern = 0;
            for (String v : variants) {
                if (v.charAt(0) == '^') {
                    if (old) return v.substring(1);
                } else {
                    modern++;
                }
            }
            int pick = c.variantPref() % modern;
            for (String v : variants) {
                if (v.charAt(0) != '^' && pick-- == 0) return v;
            }
            return variants[0];
        }

        private static String pickName(String[][] pool, Clan c, int birthYear, SplittableRandom r) {
            return resolve(pool[r.nextInt(pool.length)], c, birthYear);
        }

        /** A person's name without titles. {@code ofClan}: carries the family line's surname/nobility. */
        String name(Clan c, boolean ofClan, char sex, int birthYear, SplittableRandom r) {
            boolean male = sex == 'L';
            boolean young = birthYear >= 1995;
            String[][][] p = pools.get(c.flavor());
            String[][] given = male ? p[0] : p[2], second = male ? p[1] : p[3];
            boolean noble = ofClan ? c.noble() : r.nextInt(100) < 10;
            switch (c.flavor()) {
                case JAVANESE, SUNDANESE -> {
                    if (young && r.nextInt(100) < 60) return modern(male, c, birthYear, r, second);
                    String g = pickName(given, c, birthYear, r);
                    return r.nextInt(100) < (young ? 80 : 45) ? g + " " + pickName(second, c, birthYear, r) : g;
                }
                case BUTON -> {
                    String prefix = (male ? "LA" : "WA") + (noble ? " ODE" : "");
                    if (noble && !male && !young && r.nextInt(200) == 0)
                        return prefix; // the bare "WA ODE" of old records
                    if (young && !noble && r.nextInt(100) < 40) return modern(male, c, birthYear, r, second);
                    String g = pickName(given, c, birthYear, r);
                    if (r.nextInt(100) < 25) g += " " + pickName(second, c, birthYear, r);
                    return prefix + " " + g;
                }
                case BATAK -> {
                    String marga = ofClan ? c.surname() : pick(r, c.christian() ? MARGA_TOBA : MARGA_MANDAILING);
                    String g;
                    if (c.christian()) {
                        g = young && r.nextInt(100) < 50
                                ? pickName(male ? MODERN_CHRISTIAN_MALE : MODERN_CHRISTIAN_FEMALE, c, birthYear, r)
                                : pickName(given, c, birthYear, r);
                        if (r.nextInt(100) < 25) g += " " + pickName(second, c, birthYear, r);
                    } else {
                        g = muslimGiven(male, c, birthYear, r, pools.get(Flavor.MUSLIM));
                    }
                    return male ? g + " " + marga : g + (r.nextInt(100) < 70 ? " BR. " : " ") + marga;
                }
                case CHRISTIAN -> {
                    String g = young && r.nextInt(100) < 50
                            ? pickName(male ? MODERN_CHRISTIAN_MALE : MODERN_CHRISTIAN_FEMALE, c, birthYear, r)
                            : pickName(given, c, birthYear, r);
                    if (r.nextInt(100) < 35) g += " " + pickName(second, c, birthYear, r);
                    String family = ofClan ? c.surname() : r.nextInt(100) < 50 ? pick(r, CHRISTIAN_FAMILY) : null;
                    return family == null ? g : g + " " + family;
                }
                default -> { // BUGIS, TOLAKI, MUSLIM
                    String g = muslimGiven(male, c, birthYear, r, p);
                    if (c.flavor() == Flavor.BUGIS && noble) g = "ANDI " + g;
                    String family = c.flavor() != Flavor.TOLAKI
                            ? null
                            : ofClan ? c.surname() : r.nextInt(100) < 25 ? pick(r, TOLAKI_FAMILY) : null;
                    return family == null ? g : g + " " + family;
                }
            }
        }

        private String muslimGiven(boolean male, Clan c, int birthYear, SplittableRandom r, String[][][] p) {
            boolean young = birthYear >= 1995;
            if (young && r.nextInt(100) < 50) return modern(male, c, birthYear, r, male ? p[1] : p[3]);
            if (male && r.nextInt(100) < 30)
                return pickName(MUHAMMAD, c, birthYear, r) + " " + pickName(p[1], c, birthYear, r);
            String g = pickName(male ? p[0] : p[2], c, birthYear, r);
            if (g.equals("ABDUL")) return g + " " + pickName(ABDUL_SECOND, c, birthYear, r);
            if (g.equals("SITI") || g.equals("SITTI") || g.equals("ST.") || g.equals("NUR") || r.nextInt(100) < 40) {
                g += " " + pickName(male ? p[1] : p[3], c, birthYear, r);
            }
            return g;
        }

        private static String modern(boolean male, Clan c, int birthYear, SplittableRandom r, String[][] flavorSecond) {
            String g = pickName(male ? MODERN_MALE : MODERN_FEMALE, c, birthYear, r);
            int roll = r.nextInt(100);
            if (roll < 15 && g.length() > 3) return g;
            String second =
                    pickName(roll < 70 ? (male ? MODERN_MALE_2 : MODERN_FEMALE_2) : flavorSecond, c, birthYear, r);
            return second.equals(g) ? g : g + " " + second;
        }

        /** Adds religious, academic and professional titles to some adults. */
        String decorate(String base, Clan c, char sex, int age, String education, SplittableRandom r) {
            String name = base;
            if (!c.christian() && age >= 40 && r.nextInt(100) < 7) name = (sex == 'L' ? "H. " : "HJ. ") + name;
            if (education.equals("S1") && age >= 22) {
                int roll = r.nextInt(100);
                if (roll < 3) name = "DR. " + name;
                else if (roll < 8 && sex == 'L' && age >= 45) name = "IR. " + name;
                else if (roll < 40) name = name + ", " + pick(r, "S.PD", "S.PD", "S.E", "S.H", "S.SOS", "S.T", "S.KM");
            }
            return name;
        }

        private static final Map<String, String> TITLE_CASE = Map.ofEntries(
                Map.entry("H.", "H."),
                Map.entry("HJ.", "Hj."),
                Map.entry("DR.", "Dr."),
                Map.entry("IR.", "Ir."),
                Map.entry("S.PD", "S.Pd"),
                Map.entry("S.SOS", "S.Sos"),
                Map.entry("S.KM", "S.KM"),
                Map.entry("S.E", "S.E"),
                Map.entry("S.H", "S.H"),
                Map.entry("S.T", "S.T"),
                Map.entry("BR.", "br."));

        /** "HJ. SITI AMINAH, S.PD" -> "Hj. Siti Aminah, S.Pd" as typed by some operators. */
        static String mixedCase(String upper) {
            if (upper.isEmpty()) return upper;
            String[] words = upper.split(" ");
            StringBuilder sb = new StringBuilder(upper.length());
            for (String w : words) {
                if (sb.length() > 0) sb.append(' ');
                String t = TITLE_CASE.get(w);
                sb.append(t != null ? t : titleCase(w));
            }
            return sb.toString();
        }

        /** Capitalises the first letter of every word part ("LEPO-LEPO" -> "Lepo-Lepo"); keeps "III" upper. */
        static String titleCase(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            boolean start = true;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (start && isRomanNumeral(s, i)) {
                    while (i < s.length() && Character.isLetter(s.charAt(i))) sb.append(s.charAt(i++));
                    i--;
                    start = false;
                    continue;
                }
                sb.append(start ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
                start = !Character.isLetter(ch) && ch != '\'';
            }
            return sb.toString();
        }

        /** True if the letters starting at {@code from} are a roman numeral word such as "II" or "IV". */
        private static boolean isRomanNumeral(String s, int from) {
            int end = from;
            while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
            return end > from
                    && s.substring(from, end).matches("(?i)(I{1,3}|IV|VI{0,3}|IX|X)")
                    && (end - from > 1
                            || s.charAt(from) != 'I'
                            || end == s.length()
                            || s.charAt(end) == ' '
                            || s.charAt(end) == ',');
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Open-addressing long -> int counter (serials for NIK / KK), ~12 bytes per slot, no boxing.

    static final class LongIntCounter {
        private long[] keys;
        private int[] counts;
        private int size;

        LongIntCounter(int capacity) {
            keys = new long[capacity];
            counts = new int[capacity];
        }

        /** Increments the counter of a key (> 0) and returns the new value (1 for a new key). */
        int increment(long key) {
            int mask = keys.length - 1;
            int i = (int) mix64(key) & mask;
            while (true) {
                long k = keys[i];
                if (k == key) return ++counts[i];
                if (k == 0) {
                    keys[i] = key;
                    counts[i] = 1;
                    if (++size * 10 > keys.length * 7) grow();
                    return 1;
                }
                i = (i + 1) & mask;
            }
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = new long[oldKeys.length * 2];
            counts = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] == 0) continue;
                int i = (int) mix64(oldKeys[j]) & mask;
                while (keys[i] != 0) i = (i + 1) & mask;
                keys[i] = oldKeys[j];
                counts[i] = oldCounts[j];
            }
        }
    }
}
