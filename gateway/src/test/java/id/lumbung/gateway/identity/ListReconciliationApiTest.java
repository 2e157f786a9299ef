package id.lumbung.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Kab. Mamasa (76.03) sets the province's P3KE extract, an Excel workbook written by Apache POI
 * (birth dates as date cells), beside its registry: a person with the same NIK, one with two NIK
 * digits swapped and another desil, one without a NIK, one new to the regency, two rows that
 * cannot be read — each found where it belongs, and the registry's member the list lacks.
 */
@MicronautTest(transactional = false)
class ListReconciliationApiTest extends ApiTest {
    private static final String HEAD = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";

    @Test
    void anotherListIsSetBesideTheRegistryPersonByPerson() throws IOException {
        String admin = regencyOfItsOwn("76.03", "rekon-7603");
        importFile(
                "7603",
                admin,
                "mamasa.csv",
                HEAD
                        + "MMS1;MMS1-1;76.03.01.1001;Jl. Poros;1;1;7603010101100001;7603011204800001;ANDI BASO;MAMASA;"
                        + "12-04-1980;L;Kepala Keluarga;INDO;2\n"
                        + "MMS1;MMS1-2;76.03.01.1001;Jl. Poros;1;1;7603010101100001;7603015506830002;MARLINA;MAMASA;"
                        + "15-06-1983;P;Istri;INDO ALE;2\n"
                        + "MMS2;MMS2-1;76.03.01.1001;Jl. Poros;2;1;7603010101100002;7603014703750003;SITTI NURHAYATI;MAMASA;"
                        + "07-03-1975;P;Kepala Keluarga;HAJJAH;3\n"
                        + "MMS3;MMS3-1;76.03.01.1001;Jl. Poros;3;1;7603010101100003;7603010909690004;YUSUF LATIF;MAMASA;"
                        + "09-09-1969;L;Kepala Keluarga;BECCE;1\n");

        String[][] rows = {
            {"nama", "nomor_nik", "nomor_kk", "tanggal_lahir", "jenis_kelamin", "kode_wilayah", "desil"},
            // A NIK typed with a province that does not exist: reported, kept for matching.
            {"ANDI BASO", "0003011204800001", "7603010101100001", "1980-04-12", "L", "76.03.01.1001", "2"},
            // Two NIK digits swapped, the old spelling, and the list's desil is 5 where ours is 3.
            {"SITI NURHAYATI", "7603014703570003", "7603010101100002", "1975-03-07", "P", "76.03.01.1001", "5"},
            {"LA ODE BARU", "7603012002900009", "", "1990-02-20", "L", "76.03.01.1001", "1"},
            {"SALAH TANGGAL", "", "", "31-02-1980", "P", "76.03.01.1001", "1"},
            {"TANPA IDENTITAS", "", "", "", "P", "76.03.01.1001", "1"},
            {"YUSUF LATIF", "", "7603010101100003", "1969-09-09", "L", "76.03.01.1001", "1"},
        };
        ByteArrayOutputStream book = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet("P3KE");
            var dates = workbook.createCellStyle();
            dates.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    String value = rows[r][c];
                    if (value.isEmpty()) {
                        continue; // as Excel: no cell for an empty one
                    }
                    var cell = row.createCell(c);
                    if (r > 0 && c == 3 && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                        cell.setCellValue(LocalDate.parse(value)); // a date cell, as a person types one
                        cell.setCellStyle(dates);
                    } else {
                        cell.setCellValue(value);
                    }
                }
            }
            workbook.write(book);
        }

        var started = postFile(
                "/api/v1/tenants/7603/list-reconciliations?name=P3KE%202025", admin, "p3ke.xlsx", book.toByteArray());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String url = started.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(30), () -> object(get(url, admin)), run -> !"RUNNING".equals(run.get("status")));
        assertThat(done)
                .containsEntry("status", "DONE")
                .containsEntry("name", "P3KE 2025")
                .containsEntry("rows", 6)
                .containsEntry("rejected", 2)
                .containsEntry("theirRecords", 4)
                .containsEntry("ourRecords", 4)
                .containsEntry("both", 3)
                .containsEntry("onlyThere", 1)
                .containsEntry("onlyHere", 1)
                .containsEntry("desilConflicts", 1)
                .containsEntry("review", 0);
        assertThat(issues(done))
                .extracting(issue -> issue.get("line") + " " + issue.get("column") + " " + issue.get("code"))
                .contains("5 tanggal_lahir invalid_date", "6 nomor_nik missing_identity")
                .anySatisfy(issue -> assertThat(issue).startsWith("2 nomor_nik "))
                .hasSize(3);

        List<Map<String, Object>> both = array(get(url + "/items?outcome=BOTH", admin));
        assertThat(both)
                .extracting(item -> item.get("line") + " " + item.get("theirName") + " = " + item.get("ourName"))
                .containsExactly(
                        "2 ANDI BASO = ANDI BASO", "3 SITI NURHAYATI = SITTI NURHAYATI", "7 YUSUF LATIF = YUSUF LATIF");
        assertThat(array(get(url + "/items?desilConflict=true", admin)))
                .singleElement()
                .satisfies(item -> assertThat(item)
                        .containsEntry("theirName", "SITI NURHAYATI")
                        .containsEntry("theirDesil", 5)
                        .containsEntry("ourDesil", 3));
        assertThat(array(get(url + "/items?outcome=ONLY_THERE", admin)))
                .extracting(item -> item.get("theirName"))
                .containsExactly("LA ODE BARU");
        assertThat(array(get(url + "/items?outcome=ONLY_HERE", admin)))
                .extracting(item -> item.get("ourName"))
                .containsExactly("MARLINA");
        String all = get(url + "/items", admin).body();
        assertThat(all)
                .as("NIKs masked, both sides")
                .doesNotContain("7603014703570003")
                .doesNotContain("7603014703750003");

        // A file without a name column is refused whole; another regency sees nothing; a village operator may not.
        var headerless = postFile(
                "/api/v1/tenants/7603/list-reconciliations?name=X",
                admin,
                "x.csv",
                "nik;lahir\n7603011204800001;12-04-1980\n".getBytes(StandardCharsets.UTF_8));
        assertProblem(headerless, 400, "wrong_header");
        assertProblem(
                postFile("/api/v1/tenants/7603/list-reconciliations", admin, "p3ke.xlsx", book.toByteArray()),
                400,
                "bad_request");
        assertProblem(get(url, login("admin-7471")), 404, "tenant_not_found");
        assertProblem(
                get("/api/v1/tenants/7603/list-reconciliations/" + java.util.UUID.randomUUID(), admin),
                404,
                "reconciliation_not_found");
        assertThat(array(get("/api/v1/tenants/7603/list-reconciliations", admin)))
                .hasSize(1);

        // One comparison at a time: one another process runs blocks a start; one left running two
        // hours by a process that died is failed, and the start goes ahead.
        String other = java.util.UUID.randomUUID().toString();
        owner("INSERT INTO list_reconciliation (tenant_id, id, name, status, rows, rejected, issues, their_records,"
                + " requested_by) VALUES ('7603', '" + other + "', 'X', 'RUNNING', 0, 0, '[]', 0, 'other')");
        String again = "/api/v1/tenants/7603/list-reconciliations?name=P3KE%202025";
        assertProblem(postFile(again, admin, "p3ke.xlsx", book.toByteArray()), 409, "reconciliation_running");
        owner("UPDATE list_reconciliation SET created_at = now() - interval '2 hours' WHERE id = '" + other + "'");
        var resumed = postFile(again, admin, "p3ke.xlsx", book.toByteArray());
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        assertThat(object(get("/api/v1/tenants/7603/list-reconciliations/" + other, admin)))
                .containsEntry("status", "FAILED");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> issues(Map<String, Object> run) {
        return (List<Map<String, Object>>) run.get("issues");
    }
}
