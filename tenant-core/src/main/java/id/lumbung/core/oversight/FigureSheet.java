package id.lumbung.core.oversight;

import id.lumbung.core.household.ExportSheet;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A province's dashboard as a spreadsheet: one row per regency, the same figures as the page,
 * headers in Bahasa Indonesia; a figure that does not exist yet is written {@code belum ada}, never 0.
 */
public final class FigureSheet {
    /** A cell for a figure that does not exist yet. */
    public static final String NONE = "belum ada";

    private static final List<String> HEADERS = List.of(
            "Kode",
            "Kabupaten/Kota",
            "Dihitung",
            "Keluarga",
            "Jiwa",
            "Desil 1",
            "Desil 2",
            "Desil 3",
            "Desil 4",
            "Desil 5",
            "Desil 6",
            "Desil 7",
            "Desil 8",
            "Desil 9",
            "Desil 10",
            "Tanpa desil",
            "Dengan NIK (%)",
            "Padan Dukcapil (%)",
            "Keluarga tanpa kepala",
            "Data ganda belum diputus",
            "Mutu data (0-100)",
            "Usulan berjalan",
            "Tunggu median (hari)",
            "Tahap persetujuan terlama",
            "Tunggu tahap itu (jam)",
            "Antrean verifikasi",
            "Ganda ditemukan",
            "Ganda diputus",
            "Perbaikan dikirim",
            "Perbaikan kembali",
            "Penyaluran",
            "Penyaluran berhasil (%)",
            "Pesan gagal (dead letter)",
            "Konektor dijeda",
            "Cakupan program",
            "Pengaduan lewat tenggat");

    private FigureSheet() {}

    /** Writes the province's regencies as an .xlsx workbook to {@code out}. */
    public static void write(Figures.Province province, OutputStream out) throws IOException {
        try (ExportSheet sheet = ExportSheet.Format.XLSX.open(out)) {
            sheet.row(HEADERS);
            for (Figures.Regency regency : province.regencies()) {
                sheet.row(row(regency));
            }
        }
    }

    private static List<String> row(Figures.Regency regency) {
        List<String> cells = new ArrayList<>();
        cells.add(regency.tenant().regionCode());
        cells.add(regency.tenant().name());
        TenantFigureRow f = regency.figures();
        if (f == null) {
            cells.add("belum dihitung");
            while (cells.size() < HEADERS.size()) {
                cells.add(NONE);
            }
            return cells;
        }
        cells.add(f.computedAt().toString());
        cells.add(Integer.toString(f.households()));
        cells.add(Integer.toString(f.people()));
        cells.addAll(List.of(f.desil().split(",")));
        cells.add(share(f.withNik(), f.people()));
        cells.add(confirmed(f.matching(), f.verified(), f.people()));
        cells.add(Integer.toString(f.withoutHead()));
        cells.add(Integer.toString(f.openDuplicates()));
        cells.add(number(f.quality()));
        cells.add(Integer.toString(onTheirWay(f.proposals())));
        cells.add(number(f.medianWaitDays()));
        cells.add(f.slowestStep() == null ? NONE : f.slowestStep());
        cells.add(number(f.slowestStepHours()));
        cells.add(Integer.toString(f.verificationBacklog()));
        cells.add(f.duplicatesFound() == null ? NONE : f.duplicatesFound().toString());
        cells.add(f.duplicatesResolved() == null ? NONE : f.duplicatesResolved().toString());
        cells.add(Integer.toString(f.correctionsSent()));
        cells.add(Integer.toString(f.correctionsBack()));
        cells.add(Integer.toString(f.payments()));
        cells.add(share(f.paymentsSucceeded(), f.payments()));
        cells.add(Integer.toString(f.deadLetters()));
        cells.add(Integer.toString(f.pausedConnectors()));
        // The programmes and complaints are not on the platform yet: no figure, not a zero.
        cells.add(NONE);
        cells.add(NONE);
        return cells;
    }

    /**
     * The share of members Dukcapil confirmed, in percent — or "belum diverifikasi" where Dukcapil
     * was never asked about anyone (no figure yet, not a zero).
     */
    public static String confirmed(long matching, long verified, long people) {
        return verified <= 0 ? "belum diverifikasi" : share(matching, people);
    }

    /** A share in percent with one decimal, or {@link #NONE} when there is nothing to share. */
    public static String share(long part, long whole) {
        return whole <= 0 ? NONE : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    private static String number(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%.1f", value);
    }

    /** The states of proposals on their way, as the figures count them. */
    public static final List<String> ON_THEIR_WAY =
            List.of("SUBMITTED", "CHECKING", "FIELD_VERIFICATION", "VERIFIED", "APPROVED", "SENT");

    /** How many proposals are on their way, from the figures' {@code STATE=n,…}. */
    public static int onTheirWay(String proposals) {
        return counts(proposals).entrySet().stream()
                .filter(entry -> ON_THEIR_WAY.contains(entry.getKey()))
                .mapToInt(java.util.Map.Entry::getValue)
                .sum();
    }

    /** The proposals by state, from the figures' {@code STATE=n,…}. */
    public static java.util.Map<String, Integer> counts(String proposals) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        if (proposals != null && !proposals.isBlank()) {
            for (String pair : proposals.split(",")) {
                int equals = pair.indexOf('=');
                counts.put(pair.substring(0, equals), Integer.parseInt(pair.substring(equals + 1)));
            }
        }
        return counts;
    }
}
