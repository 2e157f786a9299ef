package id.lumbung.gateway.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.oversight.Figures;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Sulawesi Tengah's admin looks at Kota Palu and Kabupaten Sigi: counts and data quality per
 * regency, district and village, refreshed after a change, exported to Excel — and no name, no
 * NIK, and nothing of another province.
 */
@MicronautTest(transactional = false)
class FigureApiTest extends ApiTest {
    private static final String HEAD = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";

    @Inject
    Figures figures;

    @Test
    @SuppressWarnings("unchecked")
    void aProvinceSeesItsRegenciesFiguresAndDrillsDownToAVillageWithoutPersonalData() throws Exception {
        String palu = regencyOfItsOwn("72.71", "f-admin-7271");
        String sigi = regencyOfItsOwn("72.10", "f-admin-7210");
        importFile(
                "7271",
                palu,
                "palu.csv",
                HEAD
                        + "PLU1;PLU1-1;72.71.01.1004;Jl. Tanjung Manimbaya;1;1;7271010101100001;7271014506800001;SITTI AMINAH;"
                        + "PALU;05-06-1980;P;Kepala Keluarga;HADIJAH;1\n"
                        + "PLU1;PLU1-2;72.71.01.1004;Jl. Tanjung Manimbaya;1;1;7271010101100001;7271011203050002;MOH. RIZAL;"
                        + "PALU;12-03-2005;L;Anak;SITTI AMINAH;1\n"
                        + "PLU2;PLU2-1;72.71.01.1004;Jl. Tanjung Manimbaya;2;1;7271010101100002;;ANDI BASO;"
                        + "DONGGALA;01-01-1970;L;Kepala Keluarga;INDO TANG;2\n"
                        + "PLU3;PLU3-1;72.71.02.1002;Jl. Gajah Mada;3;2;7271020202200003;7271025507910003;NURHAYATI;"
                        + "PALU;15-07-1991;P;Kepala Keluarga;SALMAH;\n");
        importFile(
                "7210",
                sigi,
                "sigi.csv",
                HEAD
                        + "SGI1;SGI1-1;72.10.01.2001;Dusun I;1;1;7210010101100001;7210016006850001;RATNA;"
                        + "SIGI;20-06-1985;P;Kepala Keluarga;MARYAM;3\n");
        String platform = login("admin");
        var created = postJson(
                "/api/v1/provinces/72/users",
                platform,
                "{\"username\":\"prov-72\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"PROVINCE_ADMIN\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String province = login("prov-72");
        figures.refreshDue();

        var dashboard = get("/api/v1/provinces/72/figures", province);
        assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
        assertThat(dashboard.body())
                .as("counts only: no name, no NIK")
                .doesNotContain("SITTI")
                .doesNotContain("7271014506800001")
                .doesNotContain("727101450");
        Map<String, Object> body = object(dashboard);
        assertThat(body).containsEntry("code", "72").containsEntry("name", "SULAWESI TENGAH");
        Map<String, Object> paluFigures = regency(body, "7271");
        assertThat(paluFigures)
                .containsEntry("households", 3)
                .containsEntry("people", 4)
                .containsEntry("withNik", 3)
                .containsEntry("withoutHead", 0)
                .containsEntry("verified", 0)
                .containsEntry("openDuplicates", 0)
                .containsEntry("verificationBacklog", 0)
                .containsEntry("payments", 0);
        assertThat((List<Integer>) paluFigures.get("desil")).containsExactly(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        // Never searched for duplicates; no programme or complaint on the platform: no figure, not a zero.
        assertThat(paluFigures.get("duplicatesFound")).isNull();
        assertThat(paluFigures.get("matchingShare"))
                .as("Dukcapil asked about nobody yet")
                .isNull();
        assertThat(paluFigures.get("programmeCoverage")).isNull();
        assertThat(paluFigures.get("complaintsOverdue")).isNull();
        // 30 × 3/4 NIKs + 0 confirmed + 20 no duplicates + 10 all heads + 10 × 2/3 desil = 59.2
        assertThat(((Number) paluFigures.get("quality")).doubleValue()).isEqualTo(59.2);
        assertThat((List<Map<String, Object>>) paluFigures.get("qualityTrend"))
                .extracting(point -> ((Number) point.get("quality")).doubleValue())
                .containsExactly(59.2);
        assertThat(regency(body, "7210")).containsEntry("households", 1).containsEntry("people", 1);

        Map<String, Object> districts = object(get("/api/v1/tenants/7271/figures", province));
        assertThat((List<Map<String, Object>>) districts.get("areas"))
                .extracting(area -> area.get("code") + " " + area.get("name") + " " + area.get("households") + " "
                        + area.get("people"))
                .containsExactly("72.71.01 Palu Timur 2 3", "72.71.02 Palu Barat 1 1");
        Map<String, Object> villages = object(get("/api/v1/tenants/7271/figures?district=72.71.01", province));
        assertThat((List<Map<String, Object>>) villages.get("areas"))
                .extracting(area -> area.get("code") + " " + area.get("name") + " " + area.get("desil"))
                .containsExactly("72.71.01.1004 Besusu Barat 1,1,0,0,0,0,0,0,0,0,0");
        assertProblem(get("/api/v1/tenants/7271/figures?district=74.71.01", province), 422, "unknown_region");

        var workbook = getBytes("/api/v1/provinces/72/figures.xlsx", province);
        assertThat(workbook.statusCode()).isEqualTo(200);
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook.body()))) {
            DataFormatter text = new DataFormatter();
            for (Row row : book.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(text.formatCellValue(cell)));
                rows.add(cells);
            }
        }
        assertThat(rows.get(0)).startsWith("Kode", "Kabupaten/Kota").contains("Mutu data (0-100)");
        List<String> paluRow = rows.stream()
                .filter(row -> row.get(0).equals("72.71"))
                .findFirst()
                .orElseThrow();
        assertThat(paluRow.get(1)).isEqualTo("KOTA PALU");
        assertThat(paluRow.get(rows.get(0).indexOf("Mutu data (0-100)"))).isEqualTo("59.2");
        assertThat(paluRow.get(rows.get(0).indexOf("Ganda ditemukan"))).isEqualTo("belum ada");
        assertThat(paluRow.get(rows.get(0).indexOf("Cakupan program"))).isEqualTo("belum ada");
        assertThat(paluRow.get(rows.get(0).indexOf("Padan Dukcapil (%)"))).isEqualTo("belum diverifikasi");

        // A change marks the regency; the next refresh counts it.
        importFile(
                "7271",
                palu,
                "palu-tambah.csv",
                HEAD
                        + "PLU4;PLU4-1;72.71.02.1002;Jl. Gajah Mada;4;2;7271020202200004;7271020101750004;LA ODE MUIS;"
                        + "PALU;01-01-1975;L;Kepala Keluarga;WA ODE SITI;1\n");
        figures.refreshDue();
        assertThat(regency(object(get("/api/v1/provinces/72/figures", province)), "7271"))
                .containsEntry("households", 4)
                .containsEntry("people", 5);
    }

    @Test
    void onlyThoseOverseeingAProvinceSeeIt() {
        regencyOfItsOwn("72.12", "f-admin-7212");
        String tenantAdmin = login("f-admin-7212");
        assertProblem(get("/api/v1/provinces/72/figures", login("prov-74")), 404, "province_not_found");
        assertProblem(get("/api/v1/provinces/72/figures", tenantAdmin), 404, "province_not_found");
        assertProblem(get("/api/v1/provinces/99/figures", login("admin")), 404, "province_not_found");
        assertProblem(get("/api/v1/provinces/74/figures.xlsx", tenantAdmin), 404, "province_not_found");
        assertThat(get("/api/v1/tenants/7212/figures", tenantAdmin).statusCode())
                .isEqualTo(200);
        assertProblem(get("/api/v1/tenants/7212/figures", login("prov-74")), 404, "tenant_not_found");
        assertThat(get("/api/v1/provinces/72/figures", login("admin")).statusCode())
                .as("the platform admin oversees every province (counts only)")
                .isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> regency(Map<String, Object> dashboard, String tenantId) {
        return ((List<Map<String, Object>>) dashboard.get("regencies"))
                .stream()
                        .filter(regency -> tenantId.equals(regency.get("tenantId")))
                        .findFirst()
                        .orElseThrow();
    }
}
