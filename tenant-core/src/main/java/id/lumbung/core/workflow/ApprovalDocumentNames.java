package id.lumbung.core.workflow;

import java.util.Map;

/** The cycle's codes as the pages and the approval document name them in Bahasa Indonesia. */
public final class ApprovalDocumentNames {
    private static final Map<String, String> KINDS = Map.of("ADD", "Tambah", "CHANGE", "Ubah", "REMOVE", "Hapus");
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("NEW_HOUSEHOLD", "Keluarga baru"),
            Map.entry("MEMBERS", "Perubahan anggota"),
            Map.entry("DATA", "Perubahan data"),
            Map.entry("NEW_HEAD", "Kepala keluarga baru"),
            Map.entry("NEW_KK", "KK baru"),
            Map.entry("DIED", "Meninggal"),
            Map.entry("MOVED", "Pindah"),
            Map.entry("NOT_POOR", "Tidak miskin lagi"),
            Map.entry("DUPLICATE", "Data ganda"));
    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("CREATE", "Dibuat"),
            Map.entry("SUBMIT", "Diajukan"),
            Map.entry("WITHDRAW", "Ditarik"),
            Map.entry("TAKE", "Diperiksa"),
            Map.entry("SEND_TO_FIELD", "Dikirim ke lapangan"),
            Map.entry("FIELD_VISIT", "Kunjungan lapangan"),
            Map.entry("VERIFY", "Diverifikasi"),
            Map.entry("REJECT", "Ditolak"),
            Map.entry("APPROVE", "Disetujui"),
            Map.entry("SEND", "Dikirim ke Kemensos"),
            Map.entry("DETERMINE", "Ditetapkan"),
            Map.entry("RETURN", "Dikembalikan"));
    private static final Map<String, String> CHECKS = Map.of(
            "nik_rules", "Aturan NIK",
            "kk_rules", "Aturan nomor KK",
            "duplicate_tenant", "NIK di DTKS kabupaten/kota ini",
            "duplicate_kk", "KK di DTKS",
            "duplicate_province", "Kabupaten/kota lain di provinsi",
            "open_proposal", "Usulan lain yang berjalan",
            "dapodik", "Dapodik",
            "deceased_head", "Kepala keluarga",
            "turning_17", "Usia 17 tahun (KTP-el)",
            "dukcapil", "Dukcapil");

    private ApprovalDocumentNames() {}

    public static String kind(String code) {
        return KINDS.getOrDefault(code, code);
    }

    public static String reason(String code) {
        return REASONS.getOrDefault(code, code);
    }

    public static String command(String code) {
        return COMMANDS.getOrDefault(code, code);
    }

    public static String check(String code) {
        return CHECKS.getOrDefault(code, code);
    }
}
