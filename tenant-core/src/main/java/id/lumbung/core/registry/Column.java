package id.lumbung.core.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a DTKS/SIKS-NG export that the registry reads. Headers match whatever their
 * case and spacing ({@code Nomor NIK}, {@code NOMOR_NIK}, {@code nomor-nik}); some have aliases.
 */
enum Column {
    IDDTKS(true, "iddtks", "id_dtks"),
    ID_ART(false, "id_art"),
    PROVINSI(false, "provinsi"),
    KABUPATEN_KOTA(false, "kabupaten_kota", "kabupaten", "kab_kota"),
    KECAMATAN(false, "kecamatan"),
    DESA_KELURAHAN(false, "desa_kelurahan", "desa", "kelurahan"),
    KODE_WILAYAH(true, "kode_wilayah", "kode_desa", "kode_kelurahan"),
    DUSUN(false, "dusun"),
    ALAMAT(true, "alamat"),
    RT(true, "rt"),
    RW(true, "rw"),
    NOMOR_KK(true, "nomor_kk", "no_kk", "kk"),
    NOMOR_NIK(true, "nomor_nik", "no_nik", "nik"),
    NAMA(true, "nama", "nama_lengkap", "nama_art"),
    TEMPAT_LAHIR(true, "tempat_lahir"),
    TANGGAL_LAHIR(true, "tanggal_lahir", "tgl_lahir"),
    JENIS_KELAMIN(true, "jenis_kelamin", "jk"),
    HUBUNGAN_KELUARGA(true, "hubungan_keluarga", "hub_keluarga", "hubungan_dengan_kepala_keluarga"),
    NAMA_IBU_KANDUNG(true, "nama_ibu_kandung", "ibu_kandung"),
    PEKERJAAN(false, "pekerjaan"),
    PENDIDIKAN(false, "pendidikan"),
    DISABILITAS(false, "disabilitas", "jenis_disabilitas"),
    STATUS_ART(false, "status_art", "status", "status_keberadaan"),
    DESIL(true, "desil", "desil_nasional"),
    PENGHASILAN(false, "penghasilan"),
    PERSEN_PANGAN(false, "persen_pangan"),
    AKSES_KESEHATAN(false, "akses_kesehatan"),
    PAKAIAN(false, "pakaian"),
    SEKOLAH_ANAK(false, "sekolah_anak"),
    DINDING(false, "dinding"),
    LANTAI(false, "lantai"),
    ATAP(false, "atap"),
    PENERANGAN(false, "penerangan"),
    LUAS_LANTAI(false, "luas_lantai"),
    AIR_MINUM(false, "air_minum");

    private static final Map<String, Column> BY_NAME = new HashMap<>();

    static {
        for (Column column : values()) {
            for (String name : column.names) {
                BY_NAME.put(name, column);
            }
        }
    }

    private final boolean required;
    private final List<String> names;

    Column(boolean required, String... names) {
        this.required = required;
        this.names = List.of(names);
    }

    boolean required() {
        return required;
    }

    /** The name the documentation and error messages use. */
    String header() {
        return names.get(0);
    }

    /** The column a header names: case, spaces, dots and hyphens do not matter; a BOM is ignored. */
    static Optional<Column> of(String header) {
        return Optional.ofNullable(BY_NAME.get(normaliseHeader(header)));
    }

    static String normaliseHeader(String header) {
        return header.replace("\uFEFF", "")
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\s.\\-/]+", "_")
                .replaceAll("^_+|_+$", "");
    }
}
