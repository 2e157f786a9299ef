package id.lumbung.core.workflow;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field verification checklist, in the spirit of the ministry's verification form: the
 * house, its services and what the family can afford. Each question knows its answers (a
 * choice, a yes/no or a number) and which answers are a deprivation the proxy-means score counts
 * ({@link ProxyMeans}); the page is built from this list, so it works offline as it is.
 */
public enum VisitQuestion {
    FLOOR(
            "lantai",
            "Jenis lantai terluas",
            choices(
                    "TANAH",
                    "Tanah",
                    "BAMBU",
                    "Bambu",
                    "KAYU_MURAH",
                    "Kayu/papan kualitas rendah",
                    "SEMEN",
                    "Semen/plester",
                    "KERAMIK",
                    "Keramik/ubin/kayu kualitas tinggi"),
            Set.of("TANAH", "BAMBU", "KAYU_MURAH")),
    WALLS(
            "dinding",
            "Jenis dinding terluas",
            choices(
                    "BAMBU",
                    "Bambu/rumbia",
                    "KAYU_MURAH",
                    "Kayu/papan kualitas rendah",
                    "TEMBOK_TANPA_PLESTER",
                    "Tembok tanpa plester",
                    "TEMBOK",
                    "Tembok diplester"),
            Set.of("BAMBU", "KAYU_MURAH", "TEMBOK_TANPA_PLESTER")),
    ROOF(
            "atap",
            "Jenis atap terluas",
            choices("IJUK_RUMBIA", "Ijuk/rumbia/daun", "SENG", "Seng/asbes", "GENTENG", "Genteng", "BETON", "Beton"),
            Set.of("IJUK_RUMBIA")),
    LIGHTING(
            "penerangan",
            "Sumber penerangan",
            choices(
                    "BUKAN_LISTRIK",
                    "Bukan listrik",
                    "LISTRIK_450",
                    "Listrik 450 VA",
                    "LISTRIK_900",
                    "Listrik 900 VA atau lebih"),
            Set.of("BUKAN_LISTRIK", "LISTRIK_450")),
    WATER(
            "air_minum",
            "Sumber air minum",
            choices(
                    "SUNGAI_HUJAN",
                    "Sungai/danau/air hujan",
                    "SUMUR_TIDAK_TERLINDUNG",
                    "Sumur/mata air tidak" + " terlindung",
                    "SUMUR_TERLINDUNG",
                    "Sumur/mata air terlindung",
                    "LEDENG_KEMASAN",
                    "Ledeng/air kemasan"),
            Set.of("SUNGAI_HUJAN", "SUMUR_TIDAK_TERLINDUNG")),
    AREA("luas_lantai", "Luas lantai rumah (m²)", Map.of(), Set.of()),
    INCOME("penghasilan", "Penghasilan keluarga per bulan (Rp)", Map.of(), Set.of()),
    FOOD_SHARE("persen_pangan", "Bagian pengeluaran untuk makan (%)", Map.of(), Set.of()),
    HEALTH(
            "akses_kesehatan",
            "Mampu berobat ke puskesmas/poliklinik",
            choices("YA", "Ya", "TIDAK", "Tidak"),
            Set.of("TIDAK")),
    CLOTHING(
            "pakaian",
            "Mampu membeli pakaian baru setahun sekali",
            choices("YA", "Ya", "TIDAK", "Tidak"),
            Set.of("TIDAK")),
    SCHOOL(
            "anak_tidak_sekolah",
            "Ada anak usia 7–18 tahun yang tidak bersekolah",
            choices("YA", "Ya", "TIDAK", "Tidak"),
            Set.of("YA"));

    /** Below this floor area per person (m²) the house is crowded (Kemensos criterion). */
    static final double CROWDED_M2_PER_PERSON = 8;
    /** Below this income per person per month (Rp) the family counts as poor for the score. */
    static final long POOR_INCOME_PER_PERSON = 600_000;
    /** From this share of spending on food (%) the family counts as poor for the score. */
    static final int POOR_FOOD_SHARE = 65;

    private final String code;
    private final String label;
    private final Map<String, String> choices;
    private final Set<String> deprived;

    VisitQuestion(String code, String label, Map<String, String> choices, Set<String> deprived) {
        this.code = code;
        this.label = label;
        this.choices = choices;
        this.deprived = deprived;
    }

    public String code() {
        return code;
    }

    /** The question as the offline page draws it. */
    @Serdeable
    public record Shown(String code, String label, String kind, List<Map<String, String>> choices) {}

    public Shown shown() {
        List<Map<String, String>> options = choices.entrySet().stream()
                .map(entry -> Map.of("value", entry.getKey(), "label", entry.getValue()))
                .toList();
        return new Shown(code, label, choices.isEmpty() ? "number" : "choice", options);
    }

    /** The answer, checked: a listed choice, or a number in its range; otherwise {@code invalid_visit}. */
    String read(Map<String, String> answers) {
        String raw = answers == null ? null : answers.get(code);
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            throw invalid(label + " is not answered (" + code + ")");
        }
        if (!choices.isEmpty()) {
            if (!choices.containsKey(value)) {
                throw invalid(code + " is one of " + choices.keySet());
            }
            return value;
        }
        long number;
        try {
            number = Long.parseLong(value.replace(".", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw invalid(code + " is a whole number");
        }
        long maximum = this == FOOD_SHARE ? 100 : this == AREA ? 10_000 : 1_000_000_000L;
        if (number < 0 || number > maximum) {
            throw invalid(code + " is from 0 to " + maximum);
        }
        return Long.toString(number);
    }

    /** Whether the (checked) answer is a deprivation, for a family of {@code members}. */
    boolean deprived(Map<String, String> checked, int members) {
        String value = checked.get(code);
        int people = Math.max(1, members);
        return switch (this) {
            case AREA -> Long.parseLong(value) / (double) people < CROWDED_M2_PER_PERSON;
            case INCOME -> Long.parseLong(value) / people < POOR_INCOME_PER_PERSON;
            case FOOD_SHARE -> Long.parseLong(value) >= POOR_FOOD_SHARE;
            default -> deprived.contains(value);
        };
    }

    static LumbungException invalid(String message) {
        return new LumbungException(ErrorCode.INVALID_VISIT, message);
    }

    private static Map<String, String> choices(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
