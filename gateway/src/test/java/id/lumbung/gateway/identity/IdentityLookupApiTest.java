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
 * Kab. Majene (76.05) asks, before registering someone, whether the person is there already: a
 * NIK with two digits swapped, or no NIK and an old spelling, still finds her; a stranger finds
 * nobody. Its admin sets the thresholds, which a later search keeps.
 */
@MicronautTest(transactional = false)
class IdentityLookupApiTest extends ApiTest {
    private static final String HEAD = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";

    @Test
    @SuppressWarnings("unchecked")
    void aPersonIsFoundBeforeBeingRegisteredTwiceAndTheThresholdsAreTheTenants() {
        String admin = regencyOfItsOwn("76.05", "cari-7605");
        importFile(
                "7605",
                admin,
                "majene.csv",
                HEAD
                        + "MJN1;MJN1-1;76.05.01.1001;Jl. Poros;1;1;7605010101100001;7605015002850001;NURJANNAH;MAJENE;"
                        + "10-02-1985;P;Kepala Keluarga;HADIJAH;2\n"
                        + "MJN2;MJN2-1;76.05.01.1001;Jl. Poros;2;1;7605010101100002;7605011111600002;ABDUL DJALIL;MAJENE;"
                        + "11-11-1960;L;Kepala Keluarga;SITTI;3\n");
        String url = "/api/v1/tenants/7605/identity-matches";

        // Two digits of her NIK swapped: the same woman, surely, and why.
        List<Map<String, Object>> swapped = array(postJson(
                url,
                admin,
                "{\"fullName\":\"Nurjannah\",\"nik\":\"7605015002580001\",\"birthDate\":\"1985-02-10\",\"sex\":\"P\","
                        + "\"villageCode\":\"7605011001\"}"));
        assertThat(swapped).hasSize(1);
        assertThat(swapped.get(0))
                .containsEntry("fullName", "NURJANNAH")
                .containsEntry("iddtks", "MJN1")
                .containsEntry("sure", true);
        assertThat((List<Map<String, Object>>) swapped.get(0).get("reasons"))
                .anySatisfy(reason -> assertThat(reason).containsEntry("level", "dua angka bertukar"));
        assertThat(swapped.toString()).doesNotContain("7605015002850001");

        // No NIK, the old spelling: Abdul Djalil is Abdul Jalil.
        List<Map<String, Object>> spelt = array(postJson(
                url,
                admin,
                "{\"fullName\":\"ABDUL JALIL\",\"birthDate\":\"1960-11-11\",\"sex\":\"L\","
                        + "\"villageCode\":\"76.05.01.1001\"}"));
        assertThat(spelt).extracting(m -> m.get("fullName")).containsExactly("ABDUL DJALIL");

        // A stranger: nobody.
        assertThat(array(postJson(
                        url,
                        admin,
                        "{\"fullName\":\"YOHANES KAMBU\",\"nik\":\"7605010303030003\",\"birthDate\":\"2003-03-03\"}")))
                .isEmpty();
        assertProblem(postJson(url, admin, "{\"fullName\":\"  \"}"), 400, "bad_request");
        assertProblem(postJson(url, admin, "{\"fullName\":\"Alm.\"}"), 400, "bad_request");
        assertProblem(postJson(url, login("admin-7471"), "{\"fullName\":\"NURJANNAH\"}"), 404, "tenant_not_found");

        // The tenant's thresholds: the platform's until set; only its admin sets them; a run keeps them.
        String settings = "/api/v1/tenants/7605/identity-settings";
        assertThat(object(get(settings, admin))).containsEntry("own", false).containsEntry("matchThreshold", 0.95);
        assertProblem(putJson(settings, admin, "{\"matchThreshold\":0.4,\"reviewThreshold\":0.6}"), 400, "bad_request");
        var saved = putJson(settings, admin, "{\"matchThreshold\":0.99,\"reviewThreshold\":0.7}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(object(saved)).containsEntry("own", true).containsEntry("updatedBy", "cari-7605");
        var created = postJson(
                "/api/v1/tenants/7605/users",
                admin,
                "{\"username\":\"cari-verifier-7605\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"VERIFIER\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertProblem(
                putJson(settings, login("cari-verifier-7605"), "{\"matchThreshold\":0.9,\"reviewThreshold\":0.5}"),
                403,
                "permission_denied");
        var run = postJson("/api/v1/tenants/7605/duplicate-runs", admin, "{}");
        String runUrl = run.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(30), () -> object(get(runUrl, admin)), r -> !"RUNNING".equals(r.get("status")));
        assertThat(done)
                .containsEntry("status", "DONE")
                .containsEntry("matchThreshold", 0.99)
                .containsEntry("reviewThreshold", 0.7);
        // After the run, the lookup scores with the tenant's own weights: still found.
        assertThat(array(postJson(
                        url,
                        admin,
                        "{\"fullName\":\"NURJANNAH\",\"nik\":\"7605015002580001\",\"birthDate\":\"1985-02-10\"}")))
                .extracting(m -> m.get("iddtks"))
                .containsExactly("MJN1");
    }
}
