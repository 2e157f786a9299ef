package id.lumbung.ui;

import id.lumbung.core.error.LumbungException;
import java.util.Map;

/** Refusals as the pages say them: in Bahasa Indonesia where we have the words, else the API's message. */
final class Messages {
    private static final Map<String, String> INDONESIAN = Map.ofEntries(
            Map.entry("search_needs_nik_or_name", "Cari dengan NIK (16 angka) atau nama (paling sedikit 3 huruf)."),
            Map.entry("kk_not_16_digits", "Nomor KK terdiri dari 16 angka."),
            Map.entry("nik_not_16_digits", "NIK terdiri dari 16 angka."),
            Map.entry("nik_invalid_province", "Dua angka pertama NIK adalah kode provinsi, tidak pernah 00."),
            Map.entry("nik_invalid_birth_month", "Angka ke-9 dan ke-10 NIK adalah bulan lahir (01 sampai 12)."),
            Map.entry("village_not_in_scope", "Desa/kelurahan ini bukan wilayah tugas Anda."),
            Map.entry("rate_limited", "Terlalu banyak permintaan. Coba lagi sebentar lagi."),
            Map.entry("invalid_period", "Periode ditulis tahun-bulan, misalnya 2026-12."),
            Map.entry("no_schools", "Belum ada sekolah yang dikonfigurasi untuk Dinas Sosial ini."),
            Map.entry("permission_denied", "Peran Anda tidak berwenang melakukan ini di Dinas Sosial ini."),
            Map.entry("village_outside_tenant", "Desa/kelurahan ini bukan wilayah Dinas Sosial ini."),
            Map.entry("unknown_village", "Kode desa/kelurahan ini tidak dikenal."),
            Map.entry("verification_too_large", "Terlalu banyak anggota sekaligus: verifikasi per desa/kelurahan."),
            Map.entry("invalid_region_code", "Kode desa/kelurahan ditulis seperti 74.71.01.1005."),
            Map.entry("forbidden", "Peran Anda tidak boleh melakukan ini."));

    private Messages() {}

    static String of(LumbungException e) {
        return INDONESIAN.getOrDefault(e.code(), e.getMessage());
    }
}
