package id.lumbung.gateway.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.oversight.Figures;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Kabupaten Parigi Moutong registers two families this month: its monthly report to the Bupati
 * counts them, and the governor's report of Sulawesi Tengah has its row and the province's total.
 */
@MicronautTest(transactional = false)
class MonthlyReportApiTest extends ApiTest {
    private static final String THIS_MONTH =
            YearMonth.now(ZoneId.of("Asia/Jakarta")).toString();

    @Inject
    Figures figures;

    @Test
    void aRegencysMonthAndItsProvincesAsPdfAndExcel() throws Exception {
        String parigi = regencyOfItsOwn("72.08", "r-admin-7208");
        importFile(
                "7208",
                parigi,
                "parigi.csv",
                "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                        + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                        + "PGM1;PGM1-1;72.08.01.1017;Desa Sausu;1;1;7208010101200001;7208011302800001;ABD. RAHMAN;"
                        + "PARIGI;13-02-1980;L;Kepala Keluarga;HAWA;2\n"
                        + "PGM2;PGM2-1;72.08.01.1017;Desa Sausu;2;1;7208010101200002;7208015005850002;NURLIA;"
                        + "PARIGI;10-05-1985;P;Kepala Keluarga;SITTI;1\n"
                        + "PGM2;PGM2-2;72.08.01.1017;Desa Sausu;2;1;7208010101200002;7208011507100003;MOH. FADLI;"
                        + "PARIGI;15-07-2010;L;Anak;NURLIA;1\n");
        figures.refreshDue();

        var pdf = getBytes("/api/v1/tenants/7208/monthly-reports/" + THIS_MONTH + "/report.pdf", parigi);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
                .contains("laporan-7208-" + THIS_MONTH + ".pdf");

        Map<String, String> regency =
                pairs(getBytes("/api/v1/tenants/7208/monthly-reports/" + THIS_MONTH + "/report.xlsx", parigi)
                        .body());
        assertThat(regency)
                .containsEntry("Keluarga terdaftar", "2")
                .containsEntry("Jiwa terdaftar", "3")
                .containsEntry("Keluarga baru dicatat", "2")
                .containsEntry("Anggota baru dicatat", "3")
                .containsEntry("Usulan diajukan", "0")
                .containsEntry("Penyaluran", "0");
        assertThat(regency.toString())
                .as("counts only")
                .doesNotContain("RAHMAN")
                .doesNotContain("7208011302800001");

        String platform = login("admin");
        List<List<String>> province =
                rows(getBytes("/api/v1/provinces/72/monthly-reports/" + THIS_MONTH + "/report.xlsx", platform)
                        .body());
        List<String> header = province.get(1);
        List<String> parigiRow = province.stream()
                .filter(row -> row.get(0).equals("72.08"))
                .findFirst()
                .orElseThrow();
        assertThat(parigiRow.get(header.indexOf("Keluarga baru dicatat"))).isEqualTo("2");
        assertThat(province.get(province.size() - 1)).startsWith("JUMLAH", "PROVINSI SULAWESI TENGAH");
        assertThat(getBytes("/api/v1/provinces/72/monthly-reports/" + THIS_MONTH + "/report.pdf", platform)
                        .statusCode())
                .isEqualTo(200);

        // The pages' download: the same report, as the form on the figures' pages asks for it.
        var page = send(request("/ui/laporan/7208?bulan=" + THIS_MONTH + "&format=xlsx", parigi)
                .setHeader("Accept", "*/*")
                .GET()
                .build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Disposition").orElse(""))
                .contains("laporan-bulanan-7208-" + THIS_MONTH + ".xlsx");

        String next = YearMonth.now(ZoneId.of("Asia/Jakarta")).plusMonths(1).toString();
        assertProblem(
                get("/api/v1/tenants/7208/monthly-reports/" + next + "/report.xlsx", parigi), 400, "invalid_period");
        assertProblem(get("/api/v1/tenants/7208/monthly-reports/2026-13/report.xlsx", parigi), 400, "invalid_period");
        assertProblem(
                get("/api/v1/provinces/72/monthly-reports/" + THIS_MONTH + "/report.xlsx", parigi),
                404,
                "province_not_found");
        assertProblem(
                get("/api/v1/tenants/7208/monthly-reports/" + THIS_MONTH + "/report.xlsx", login("admin-7471")),
                404,
                "tenant_not_found");
    }

    private static Map<String, String> pairs(byte[] workbook) throws Exception {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (List<String> row : rows(workbook)) {
            if (row.size() >= 2) {
                pairs.put(row.get(0), row.get(1));
            }
        }
        return pairs;
    }

    private static List<List<String>> rows(byte[] workbook) throws Exception {
        List<List<String>> rows = new java.util.ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            DataFormatter text = new DataFormatter();
            for (Row row : book.getSheetAt(0)) {
                List<String> cells = new java.util.ArrayList<>();
                row.forEach(cell -> cells.add(text.formatCellValue(cell)));
                rows.add(cells);
            }
        }
        return rows;
    }
}
