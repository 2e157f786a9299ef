package id.lumbung.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rahmawati moved from Kab. Pasangkayu (76.01) to Kab. Mamuju (76.02) and both regencies list her;
 * Mamuju also lists another Rahmawati, born another year; and Kota Parepare (73.72, another
 * province) lists her a third time. Sulawesi Barat's admin finds her in its two regencies, not
 * her namesake, sees Parepare's record by village only in a national search, and decides.
 */
@MicronautTest(transactional = false)
class CrossDuplicateRunApiTest extends ApiTest {
    private static final String HEAD = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";

    @Test
    @SuppressWarnings("unchecked")
    void aPersonRegisteredInTwoRegenciesIsFoundByItsProvinceOnly() {
        String pasangkayu = regencyOfItsOwn("76.01", "x-admin-7601");
        String mamuju = regencyOfItsOwn("76.02", "x-admin-7602");
        String parepare = regencyOfItsOwn("73.72", "x-admin-7372");
        importFile(
                "7601",
                pasangkayu,
                "pasangkayu.csv",
                HEAD
                        + "PSK1;PSK1-1;76.01.01.1006;Jl. Trans Sulawesi;1;1;7601010101100001;7601015203880001;RAHMAWATI;"
                        + "PASANGKAYU;12-03-1988;P;Kepala Keluarga;HASNAH;1\n"
                        + "PSK2;PSK2-1;76.01.01.1006;Jl. Trans Sulawesi;2;1;7601010101100002;7601011506750002;MUHAMMAD ARSYAD;"
                        + "PASANGKAYU;15-06-1975;L;Kepala Keluarga;ST. AMINAH;2\n");
        importFile(
                "7602",
                mamuju,
                "mamuju.csv",
                HEAD
                        + "MMJ1;MMJ1-1;76.02.01.1002;Jl. Yos Sudarso;3;2;7602010202200001;7601015203880001;HJ. RAHMAWATI;"
                        + "PASANGKAYU;12-03-1988;P;Kepala Keluarga;HASNAH;1\n"
                        + "MMJ2;MMJ2-1;76.02.01.1002;Jl. Yos Sudarso;4;2;7602010202200002;7602014107900003;RAHMAWATI;"
                        + "MAMUJU;01-07-1990;P;Kepala Keluarga;SITTI;2\n");
        importFile(
                "7372",
                parepare,
                "parepare.csv",
                HEAD
                        + "PRP1;PRP1-1;73.72.01.1004;Jl. Bau Massepe;1;1;7372010303210001;7601015203880001;RAHMAWATI;"
                        + "PASANGKAYU;12-03-1988;P;Kepala Keluarga;HASNAH;1\n");
        String platform = login("admin");
        var created = postJson(
                "/api/v1/provinces/76/users",
                platform,
                "{\"username\":\"prov-76\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"PROVINCE_ADMIN\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String province = login("prov-76");

        String url = started(province, "{\"scope\":\"PROVINCE\"}");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(60), () -> object(get(url, province)), run -> !"RUNNING".equals(run.get("status")));
        // Other regencies of Sulawesi Barat may be onboarded by other tests: at least these two.
        assertThat(done).containsEntry("status", "DONE");
        assertThat((Integer) done.get("tenants")).isGreaterThanOrEqualTo(2);
        assertThat((Integer) done.get("records")).isGreaterThanOrEqualTo(4);
        List<Map<String, Object>> found = array(get(url + "/clusters?kind=MATCH", province)).stream()
                .filter(c -> c.toString().contains("RAHMAWATI"))
                .toList();
        assertThat(found).hasSize(1);
        List<Map<String, Object>> members =
                (List<Map<String, Object>>) found.get(0).get("members");
        assertThat(members)
                .extracting(m -> m.get("fullName") + " @ " + m.get("regency"))
                .containsExactlyInAnyOrder("RAHMAWATI @ KABUPATEN PASANGKAYU", "HJ. RAHMAWATI @ KABUPATEN MAMUJU");
        assertThat(found.toString()).as("NIKs masked").doesNotContain("7601015203880001");

        // Only a province admin, of this province.
        assertProblem(postJson("/api/v1/provinces/76/duplicate-runs", pasangkayu, "{}"), 403, "permission_denied");
        assertProblem(get(url, login("prov-74")), 404, "province_not_found");
        assertProblem(
                postJson("/api/v1/provinces/76/duplicate-runs", province, "{\"scope\":\"WORLD\"}"),
                400,
                "malformed_request_body");

        // Nationally: Parepare's record joins her, shown by its village alone (another province's people).
        String national = started(province, "{\"scope\":\"NATIONAL\"}");
        Eventually.await(
                Duration.ofSeconds(120), () -> object(get(national, province)).get("status"), "DONE"::equals);
        List<Map<String, Object>> everywhere = array(get(national + "/clusters?kind=MATCH", province));
        Map<String, Object> rahmawati = everywhere.stream()
                .filter(c -> ((List<Map<String, Object>>) c.get("members"))
                        .stream().anyMatch(m -> "7372".equals(m.get("tenantId"))))
                .findFirst()
                .orElseThrow();
        Map<String, Object> elsewhere = ((List<Map<String, Object>>) rahmawati.get("members"))
                .stream()
                        .filter(m -> "7372".equals(m.get("tenantId")))
                        .findFirst()
                        .orElseThrow();
        assertThat(elsewhere)
                .containsEntry("villageCode", "73.72.01.1004")
                .containsEntry("regency", "KOTA PAREPARE")
                .doesNotContainKeys("fullName", "nikMasked", "birthDate", "sex", "householdId");
        assertThat(everywhere)
                .as("every person kept has a record in the province")
                .allSatisfy(c -> assertThat(((List<Map<String, Object>>) c.get("members")))
                        .anySatisfy(m -> assertThat((String) m.get("tenantId")).startsWith("76")));

        // Two people, says the province: the next search does not join them; the undo checks what was seen.
        String cluster = url + "/clusters/" + found.get(0).get("id");
        var apart = postJson(cluster + "/decision", province, "{\"decision\":\"NOT_SAME\"}");
        assertThat(apart.statusCode()).as(apart.body()).isEqualTo(200);
        assertThat(object(apart)).containsEntry("state", "NOT_SAME");
        assertProblem(
                postJson(cluster + "/decision", province, "{\"decision\":\"SAME\"}"), 409, "duplicate_already_decided");
        String again = started(province, "{}");
        Eventually.await(
                Duration.ofSeconds(60), () -> object(get(again, province)).get("status"), "DONE"::equals);
        assertThat(array(get(again + "/clusters?kind=MATCH", province)).toString())
                .doesNotContain("RAHMAWATI");
        assertProblem(postJson(cluster + "/undo?expected=SAME", province, "{}"), 409, "duplicate_already_decided");
        var undone = postJson(cluster + "/undo?expected=NOT_SAME", province, "{}");
        assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
        assertThat(object(undone)).containsEntry("state", "OPEN");
        assertProblem(postJson(cluster + "/undo", province, "{}"), 409, "duplicate_not_merged");
        assertThat(array(get("/api/v1/provinces/76/duplicate-runs", province))).hasSize(3);
    }

    private String started(String token, String body) {
        var started = postJson("/api/v1/provinces/76/duplicate-runs", token, body);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return started.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }
}
