package id.lumbung.gateway.ministry;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ministry's returned records and determination list, kept once per period and record. */
@MicronautTest(transactional = false)
class MinistryListApiTest extends ApiTest {

    @Test
    void proposalsGoToTheMinistryAndWhatItReturnsComesBackIntoTheRegistrysPeriod() {
        String admin = login("admin-7471");
        String family = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                + "USL1;USL1-01;74.71.01.1010;Jl. Usulan 1;1;1;7471012020200001;7471011505800001;LA ODE USUL;"
                + "KENDARI;15-05-1980;L;Kepala Keluarga;WA ODE;1\n"
                + "USL1;USL1-02;74.71.01.1010;Jl. Usulan 1;1;1;7471012020200001;;WA ODE BAYI;"
                + "KENDARI;01-09-2026;P;Anak;WA ODE;1\n";
        importFile("7471", admin, "u.csv", family);

        var sent = postJson(
                "/api/v1/tenants/7471/ministry/exchanges/proposals",
                admin,
                "{\"period\":\"2026-12\",\"changedSince\":\""
                        + java.time.LocalDate.now().minusDays(1) + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        Map<String, Object> done = settled(admin, object(sent).get("id"));
        assertThat(done).containsEntry("kind", "SEND_PROPOSALS");
        assertThat((String) done.get("receipt")).startsWith("TT-7471-");
        assertThat((Integer) done.get("rowsSent")).isGreaterThanOrEqualTo(2);
        assertThat((String) done.get("fileName")).startsWith("USULAN_7471_2026-12_");

        // The ministry returns the proposed members without a NIK; the fetch brings them in.
        Map<String, Object> fetched = settled(
                admin,
                object(postJson("/api/v1/tenants/7471/ministry/exchanges/fetches", admin, "{}"))
                        .get("id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) fetched.get("files");
        assertThat(files)
                .filteredOn(file ->
                        String.valueOf(file.get("name")).matches("PENGEMBALIAN_7471_2026-12_TT-7471-[0-9]+\\.csv"))
                .singleElement()
                .satisfies(file -> {
                    assertThat(file).containsEntry("status", "IMPORTED").containsEntry("kind", "RETURNED");
                    assertThat(file).containsEntry("unmatched", 0).containsEntry("rejected", 0);
                    assertThat(file.get("changed")).isEqualTo(file.get("rows"));
                });
        assertThat(array(get("/api/v1/tenants/7471/ministry/exchanges", admin)))
                .extracting(exchange -> exchange.get("id"))
                .contains(done.get("id"), fetched.get("id"));

        String kolaka = login("admin-7401");
        assertThat(get("/api/v1/tenants/7471/ministry/exchanges/" + done.get("id"), kolaka)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/tenants/7401/ministry/exchanges/" + done.get("id"), kolaka)
                        .statusCode())
                .isEqualTo(404);
        assertProblem(
                postJson("/api/v1/tenants/7471/ministry/exchanges/proposals", admin, "{\"period\":\"2026-13\"}"),
                400,
                "invalid_period");
    }

    private Map<String, Object> settled(String token, Object id) {
        String path = "/api/v1/tenants/7471/ministry/exchanges/" + id;
        Map<String, Object> exchange = Eventually.await(
                Duration.ofSeconds(30), () -> object(get(path, token)), found -> !"QUEUED".equals(found.get("status")));
        assertThat(exchange).as(String.valueOf(exchange.get("lastError"))).containsEntry("status", "DONE");
        return exchange;
    }

    @Test
    void returnedRecordsAreKeptOnceAndTheOnesAlreadyCorrectedAreCountedApart() {
        String admin = login("admin-7471");
        String family = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                + "KMS1;KMS1-01;74.71.01.1010;Jl. Kemensos 1;1;1;7471011111110001;7471011404750001;LA ODE HASAN;"
                + "KENDARI;14-04-1975;L;Kepala Keluarga;WA ODE;1\n";
        importFile("7471", admin, "k.csv", family);

        // The ministry still has the old misspelling, which the registry corrected; and a record
        // of a family this registry does not have.
        String returned = "iddtks;id_art;nomor_nik;nama;alasan\n"
                + "KMS1;KMS1-01;7471011404750001;LA ODE HASN;NIK tidak padan dengan Dukcapil\n"
                + "KMS9;KMS9-01;;WA ODE LAIN;Meninggal\n"
                + "KMS1;KMS1-01;7471011404750001;LA ODE HASN;NIK tidak padan dengan Dukcapil\n"
                + ";;;;\n";
        Map<String, Object> first = importList(admin, "returns", returned);
        assertThat(first)
                .containsEntry("rows", 4)
                .containsEntry("changed", 2)
                .containsEntry("rejected", 2)
                .containsEntry("unmatched", 1)
                .containsEntry("alreadyCorrected", 1);
        assertThat(first.get("issues").toString())
                .contains("line=4, column=id_art, code=duplicate_row")
                .contains("line=5, column=iddtks, code=missing_value");

        assertThat(importList(admin, "returns", returned))
                .as("the same file again changes nothing")
                .containsEntry("changed", 0)
                .containsEntry("unchanged", 2);

        Map<String, Object> determination = importList(
                admin,
                "determinations",
                "iddtks;id_art;nomor_nik;nama;program;desil\nKMS1;KMS1-01;7471011404750001;LA ODE HASAN;PKH;1\n");
        assertThat(determination).containsEntry("changed", 1).containsEntry("unmatched", 0);

        var wrongPeriod = postFile(
                "/api/v1/tenants/7471/ministry/returns?period=2026-13",
                admin,
                "r.csv",
                returned.getBytes(StandardCharsets.UTF_8));
        assertProblem(wrongPeriod, 400, "invalid_period");
    }

    private Map<String, Object> importList(String token, String list, String file) {
        var response = postFile(
                "/api/v1/tenants/7471/ministry/" + list + "?period=2026-11",
                token,
                list + ".csv",
                file.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return object(response);
    }
}
