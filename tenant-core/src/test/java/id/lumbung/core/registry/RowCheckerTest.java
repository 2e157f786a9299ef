package id.lumbung.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.protection.TestProtection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The row checker and the field catalogue, directly: no database, no file. */
class RowCheckerTest {
    private static final IdentifierProtection PROTECTION = TestProtection.fresh();
    private static final List<String> HEADER = List.of(
            "IDDTKS",
            "Kode Wilayah",
            "alamat",
            "rt",
            "rw",
            "nomor_kk",
            "Nomor NIK",
            "nama",
            "tempat_lahir",
            "tanggal_lahir",
            "jenis_kelamin",
            "hubungan_keluarga",
            "nama_ibu_kandung",
            "desil",
            "air_minum",
            "luas_lantai");
    private static final String NIK = "7471015205850001"; // a woman born 12-05-1985 in 74.71.01

    private final List<ImportIssue> issues = new ArrayList<>();
    private final StringBuilder staged = new StringBuilder();
    private final RowChecker checker =
            new RowChecker("74.71", Set.of("74.71.01.1005"), Set.of("747101"), PROTECTION, Header.of(HEADER));

    private static List<String> row(String... changes) {
        List<String> row = new ArrayList<>(List.of(
                "D-1",
                "7471011005",
                "Jl. Mawar 1",
                "1",
                "2",
                "7471010101090001",
                NIK,
                "Siti Aminah",
                "Kendari",
                "12-05-1985",
                "P",
                "Kepala Keluarga",
                "Wa Ode",
                "3",
                "Sumur Terlindung",
                "7,5"));
        for (int i = 0; i < changes.length; i += 2) {
            row.set(HEADER.indexOf(changes[i]), changes[i + 1]);
        }
        return row;
    }

    private List<String> codes() {
        return issues.stream().map(issue -> issue.column() + ":" + issue.code()).toList();
    }

    @Test
    void aGoodRowIsStagedWithOneValuePerColumnAndNoFullIdentifier() {
        assertThat(checker.check(2, row(), staged, issues)).isTrue();

        assertThat(issues).isEmpty();
        String line = staged.toString();
        assertThat(line).endsWith("\n").doesNotContain(NIK).doesNotContain("7471010101090001");
        assertThat(line).contains("\"74.71.01.1005\"", "\"001\"", "\"002\"", "\"1985-05-12\"", "\"7.5\"");
        assertThat(line).contains("\"KEPALA_KELUARGA\"", "\"ALIVE\"");
        long columns = RowChecker.STAGING_COLUMNS.split(",").length;
        // Every value is quoted, so the commas between quotes count the columns.
        assertThat(line.strip().split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).hasSize((int) columns);
    }

    @Test
    void eachBadFieldIsReportedAtItsColumnWithItsCode() {
        assertThat(checker.check(
                        3,
                        row(
                                "nama", "=HYPERLINK(\"x\")",
                                "Kode Wilayah", "74.72.01.1001",
                                "rt", "1234",
                                "desil", "11",
                                "luas_lantai", "7,555",
                                "tanggal_lahir", "31-02-1985"),
                        staged,
                        issues))
                .isFalse();

        assertThat(codes())
                .containsExactly(
                        "kode_wilayah:village_outside_tenant",
                        "rt:invalid_rt_rw",
                        "nama:formula_in_cell",
                        "tanggal_lahir:invalid_date",
                        "desil:invalid_desil",
                        "luas_lantai:invalid_number");
        assertThat(staged).isEmpty();
    }

    @Test
    void aNikIsCheckedAgainstTheRowButOnlyWarnedAbout() {
        assertThat(checker.check(4, row("jenis_kelamin", "L", "tanggal_lahir", "13-05-1985"), staged, issues))
                .isTrue();
        assertThat(codes()).containsExactly("nomor_nik:nik_birth_date_mismatch", "nomor_nik:nik_sex_mismatch");

        issues.clear();
        assertThat(checker.check(6, row("Nomor NIK", "7471 0152 0585 00"), staged, issues))
                .isFalse();
        assertThat(codes()).containsExactly("nomor_nik:nik_not_16_digits");

        // A NIK typed into a number cell of Excel: its last digit is gone; the operator is told why.
        issues.clear();
        assertThat(checker.check(7, row("Nomor NIK", "7.471015205850000E15"), staged, issues))
                .isFalse();
        assertThat(codes()).containsExactly("nomor_nik:stored_as_number");
        assertThat(issues.get(0).message())
                .contains("format the column as Text")
                .doesNotContain("747101520585");
    }

    @Test
    void aMemberWithoutIdArtOrNikCouldNeverBeFoundAgain() {
        assertThat(checker.check(5, row("Nomor NIK", ""), staged, issues)).isFalse();
        assertThat(codes()).containsExactly("nomor_nik:nik_missing", "nomor_nik:member_without_key");
    }

    @Test
    void theContentHashFollowsEveryFieldOfItsLevel() {
        checker.check(2, row(), staged, issues);
        String first = staged.toString();
        staged.setLength(0);
        checker.check(2, row(), staged, issues);
        assertThat(staged.toString().split(",", 6)[3])
                .as("the same row stages the same hash (the encrypted NIK differs: a fresh IV each time)")
                .isEqualTo(first.split(",", 6)[3]);

        staged.setLength(0);
        checker.check(2, row("air_minum", "Ledeng"), staged, issues);
        String[] before = first.split(",", 6);
        String[] after = staged.toString().split(",", 6);
        assertThat(after[3]).as("household hash").isNotEqualTo(before[3]);
        assertThat(after[4]).as("member hash").isEqualTo(before[4]);
    }

    @Test
    void aHeaderWithoutARequiredColumnRejectsTheFile() {
        assertThatThrownBy(() -> Header.of(HEADER.subList(1, HEADER.size())))
                .isInstanceOf(LumbungException.class)
                .hasMessageContaining("iddtks");
        assertThatThrownBy(() -> Header.of(List.of("iddtks;nama;alamat")))
                .isInstanceOf(LumbungException.class)
                .hasMessageContaining("single column");
    }

    @Test
    void everyHeaderAndAliasNamesOneFieldAndTheApiRefusesWhatTheImportRefuses() {
        for (RegistryField field : RegistryField.values()) {
            assertThat(RegistryField.ofHeader(field.header().toUpperCase().replace('_', ' ')))
                    .contains(field);
            assertThat(field.label()).isNotBlank();
        }
        assertThat(Arrays.stream(RegistryField.values()).map(RegistryField::header))
                .doesNotHaveDuplicates();
        assertThat(RegistryField.criteria()).contains(RegistryField.AIR_MINUM);
        assertThat(RegistryField.AIR_MINUM.property()).isEqualTo("drinkingWater");

        assertThatThrownBy(() -> RegistryField.NAMA.require("=1+1", ErrorCode.INVALID_HOUSEHOLD))
                .isInstanceOf(LumbungException.class)
                .hasMessageContaining("formula_in_cell");
        assertThat(RegistryField.DESIL.require(" 4 ", ErrorCode.INVALID_HOUSEHOLD))
                .isEqualTo(4);
        assertThat(RegistryField.AKSES_KESEHATAN.require("Tidak Ada", ErrorCode.INVALID_HOUSEHOLD))
                .isEqualTo(false);
    }
}
