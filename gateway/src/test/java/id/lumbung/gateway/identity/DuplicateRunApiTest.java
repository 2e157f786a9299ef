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
 * A regency of its own (Kab. Konawe Selatan, 74.05… is taken: 74.06 Kab. Bombana) whose registry
 * lists one woman twice — once with her NIK, once with two NIK digits swapped and a title — a
 * man twice without a NIK in one of the listings, and twins in one family: the run finds the two
 * persons and not the twins, says why, and the decisions stick, are audited and can be undone.
 */
@MicronautTest(transactional = false)
class DuplicateRunApiTest extends ApiTest {
    private static final String HEAD = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";

    @Test
    @SuppressWarnings("unchecked")
    void theSamePersonListedTwiceIsFoundExplainedAndDecidedButTwinsAreNot() {
        String admin = regencyOfItsOwn("74.06", "dup-admin-7406");
        for (String user : List.of(
                "{\"username\":\"dup-operator-7406\",\"roles\":[\"VILLAGE_OPERATOR\"],\"villageCodes\":[\"74.06.01.1007\"]",
                "{\"username\":\"dup-dpo-7406\",\"roles\":[\"DPO\"]")) {
            var created = postJson("/api/v1/tenants/7406/users", admin, user + ",\"password\":\"" + PASSWORD + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        String file = HEAD
                // Household A: Wa Ode Hasna, her husband, and their twins (one birth date, the next serials).
                + "BMB1;BMB1-1;74.06.01.1007;Jl. Poros;1;1;7406011203150001;7406012208700001;LA ODE SAFI;BOMBANA;"
                + "22-08-1970;L;Kepala Keluarga;WA SITI;2\n"
                + "BMB1;BMB1-2;74.06.01.1007;Jl. Poros;1;1;7406011203150001;7406015505750001;WA ODE HASNA;BOMBANA;"
                + "15-05-1975;P;Istri;WA ODE MINA;2\n"
                + "BMB1;BMB1-3;74.06.01.1007;Jl. Poros;1;1;7406011203150001;7406010303100001;LA ODE RIZAL;BOMBANA;"
                + "03-03-2010;L;Anak;WA ODE HASNA;2\n"
                + "BMB1;BMB1-4;74.06.01.1007;Jl. Poros;1;1;7406011203150001;7406010303100002;LA ODE FAISAL;BOMBANA;"
                + "03-03-2010;L;Anak;WA ODE HASNA;2\n"
                // Household B, another village: Wa Ode Hasna again (a title, two NIK digits swapped).
                + "BMB2;BMB2-1;74.06.02.1011;Jl. Pantai;2;1;7406021705200002;7406015505570001;HJ. WA ODE HASNA;BOMBANA;"
                + "15-05-1975;P;Kepala Keluarga;WA ODE MINA;1\n"
                // Household C: Ahmad Yusuf; household D lists him again without a NIK, spelt the old way.
                + "BMB3;BMB3-1;74.06.01.1007;Jl. Poros;3;1;7406010909090003;7406010101800007;AHMAD YUSUF;BOMBANA;"
                + "01-01-1980;L;Kepala Keluarga;SITTI;3\n"
                + "BMB4;BMB4-1;74.06.01.1007;Jl. Poros;4;1;7406010909090004;;ACHMAD JUSUF;BOMBANA;"
                + "01-01-1980;L;Famili Lain;SITTI;3\n"
                + "BMB4;BMB4-2;74.06.01.1007;Jl. Poros;4;1;7406010909090004;7406014404850004;ROSMINI;BOMBANA;"
                + "04-04-1985;P;Kepala Keluarga;WA ANI;3\n";
        importFile("7406", admin, "bombana.csv", file);

        var started = postJson("/api/v1/tenants/7406/duplicate-runs", admin, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String url = started.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(30), () -> object(get(url, admin)), run -> !"RUNNING".equals(run.get("status")));
        assertThat(done)
                .containsEntry("status", "DONE")
                .containsEntry("records", 8)
                .containsEntry("stage", "done");

        List<Map<String, Object>> clusters = array(get(url + "/clusters?kind=MATCH", admin));
        assertThat(clusters)
                .extracting(c -> names(c))
                .containsExactlyInAnyOrder(
                        List.of("HJ. WA ODE HASNA", "WA ODE HASNA"), List.of("ACHMAD JUSUF", "AHMAD YUSUF"));
        assertThat(clusters.toString())
                .as("NIKs masked")
                .doesNotContain("7406015505750001")
                .doesNotContain("7406015505570001");
        Map<String, Object> hasna = clusters.stream()
                .filter(c -> names(c).contains("WA ODE HASNA"))
                .findFirst()
                .orElseThrow();
        assertThat((List<Map<String, Object>>) hasna.get("reasons"))
                .as("why, field by field")
                .anySatisfy(reason ->
                        assertThat(reason).containsEntry("field", "NIK").containsEntry("level", "dua angka bertukar"));
        assertThat((Double) hasna.get("probability")).isGreaterThan(0.95);

        // The village operator may neither search nor decide; another regency does not see the run.
        String operator = login("dup-operator-7406");
        assertProblem(postJson("/api/v1/tenants/7406/duplicate-runs", operator, "{}"), 403, "permission_denied");
        assertProblem(get(url + "/clusters", login("admin-7471")), 404, "tenant_not_found");

        // Merge: the listing in household B points at household A's; undone, it stands alone again.
        String clusterUrl = url + "/clusters/" + hasna.get("id");
        Map<String, Object> kept = ((List<Map<String, Object>>) hasna.get("members"))
                .stream()
                        .filter(m -> "WA ODE HASNA".equals(m.get("fullName")))
                        .findFirst()
                        .orElseThrow();
        var merged = postJson(
                clusterUrl + "/decision", admin, "{\"decision\":\"MERGE\",\"keep\":\"" + kept.get("id") + "\"}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(object(merged)).containsEntry("state", "MERGED").containsEntry("keptMember", kept.get("id"));
        assertThat(((List<Map<String, Object>>) object(merged).get("members")))
                .filteredOn(m -> "HJ. WA ODE HASNA".equals(m.get("fullName")))
                .singleElement()
                .satisfies(m -> assertThat(m.get("duplicateOf")).isEqualTo(kept.get("id")));
        // Someone else deciding the same cluster afterwards: 409, nothing overwritten.
        assertProblem(
                postJson(clusterUrl + "/decision", admin, "{\"decision\":\"NOT_SAME\"}"),
                409,
                "duplicate_already_decided");
        assertProblem(
                postJson(clusterUrl + "/decision", admin, "{\"decision\":\"MERGE\"}"),
                409,
                "duplicate_already_decided");
        var undone = postJson(clusterUrl + "/undo", admin, "{}");
        assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
        assertThat(object(undone)).containsEntry("state", "OPEN");
        assertThat(((List<Map<String, Object>>) object(undone).get("members")))
                .allSatisfy(m -> assertThat(m.get("duplicateOf")).isNull());
        assertProblem(postJson(clusterUrl + "/undo", admin, "{}"), 409, "duplicate_not_merged");
        assertProblem(postJson(clusterUrl + "/decision", admin, "{\"decision\":\"MERGE\"}"), 400, "bad_request");

        // Two people, says the admin of Ahmad Yusuf's pair: the next run does not join them again.
        Map<String, Object> ahmad = clusters.stream()
                .filter(c -> names(c).contains("AHMAD YUSUF"))
                .findFirst()
                .orElseThrow();
        var apart = postJson(url + "/clusters/" + ahmad.get("id") + "/decision", admin, "{\"decision\":\"NOT_SAME\"}");
        assertThat(apart.statusCode()).as(apart.body()).isEqualTo(200);
        var again = postJson("/api/v1/tenants/7406/duplicate-runs", admin, "{}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        String second = again.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        Eventually.await(
                Duration.ofSeconds(30), () -> object(get(second, admin)).get("status"), "DONE"::equals);
        List<Map<String, Object>> secondClusters = array(get(second + "/clusters?kind=MATCH", admin));
        assertThat(secondClusters)
                .extracting(c -> names(c))
                .containsExactly(List.of("HJ. WA ODE HASNA", "WA ODE HASNA"));

        // Both runs list Hasna: merged in the first, then "merged" again in the second (nothing left
        // to change). Undoing the second leaves the first's merge standing; an undo of a state the
        // caller did not see is refused.
        String body = "{\"decision\":\"MERGE\",\"keep\":\"" + kept.get("id") + "\"}";
        assertThat(postJson(clusterUrl + "/decision", admin, body).statusCode()).isEqualTo(200);
        String secondCluster = second + "/clusters/" + secondClusters.get(0).get("id");
        assertThat(postJson(secondCluster + "/decision", admin, body).statusCode())
                .isEqualTo(200);
        assertProblem(postJson(secondCluster + "/undo?expected=KEPT", admin, "{}"), 409, "duplicate_already_decided");
        var secondUndone = postJson(secondCluster + "/undo?expected=MERGED", admin, "{}");
        assertThat(secondUndone.statusCode()).as(secondUndone.body()).isEqualTo(200);
        assertThat(((List<Map<String, Object>>) object(secondUndone).get("members")))
                .filteredOn(m -> "HJ. WA ODE HASNA".equals(m.get("fullName")))
                .singleElement()
                .satisfies(m -> assertThat(m.get("duplicateOf"))
                        .as("the first run's merge stands")
                        .isEqualTo(kept.get("id")));
        // Both merged again; the first undone: the second still stands on the merge and keeps it,
        // until it is undone in turn.
        assertThat(postJson(secondCluster + "/decision", admin, body).statusCode())
                .isEqualTo(200);
        assertThat(postJson(clusterUrl + "/undo?expected=MERGED", admin, "{}").statusCode())
                .isEqualTo(200);
        assertThat(merged(get(second + "/clusters?kind=MATCH", admin))).isEqualTo(kept.get("id"));
        assertThat(postJson(secondCluster + "/undo?expected=MERGED", admin, "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(merged(get(second + "/clusters?kind=MATCH", admin))).isNull();
        assertProblem(postJson(secondCluster + "/undo?expected=MAYBE", admin, "{}"), 400, "bad_request");

        // Every decision is in the audit log.
        String audit = get("/api/v1/tenants/7406/audit", login("dup-dpo-7406")).body();
        assertThat(audit).contains("DUPLICATE_MERGE").contains("DUPLICATE_UNDO").contains("DUPLICATE_NOT_SAME");
        assertProblem(get(url + "/clusters?state=MAYBE", admin), 400, "invalid_page");

        // A run another process holds, started a minute ago, blocks a start; one left running for
        // two hours by a process that died is marked failed, and the start goes ahead.
        String other = java.util.UUID.randomUUID().toString();
        owner("INSERT INTO duplicate_run (tenant_id, id, status, match_threshold, review_threshold, requested_by,"
                + " created_at) VALUES ('7406', '" + other
                + "', 'RUNNING', 0.95, 0.5, 'other', now() - interval '1 minute')");
        assertProblem(postJson("/api/v1/tenants/7406/duplicate-runs", admin, "{}"), 409, "duplicate_run_running");
        owner("UPDATE duplicate_run SET created_at = now() - interval '2 hours' WHERE id = '" + other + "'");
        var resumed = postJson("/api/v1/tenants/7406/duplicate-runs", admin, "{}");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        assertThat(object(get("/api/v1/tenants/7406/duplicate-runs/" + other, admin)))
                .containsEntry("status", "FAILED")
                .containsEntry("error", "Proses terhenti sebelum selesai");
        assertProblem(
                get("/api/v1/tenants/7406/duplicate-runs/" + java.util.UUID.randomUUID(), admin),
                404,
                "duplicate_run_not_found");
    }

    /** Where the titled listing of Hasna points now (null: it stands alone). */
    @SuppressWarnings("unchecked")
    private Object merged(java.net.http.HttpResponse<String> clusters) {
        return ((List<Map<String, Object>>) array(clusters).get(0).get("members"))
                .stream()
                        .filter(m -> "HJ. WA ODE HASNA".equals(m.get("fullName")))
                        .findFirst()
                        .orElseThrow()
                        .get("duplicateOf");
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Map<String, Object> cluster) {
        return ((List<Map<String, Object>>) cluster.get("members"))
                .stream().map(m -> (String) m.get("fullName")).sorted().toList();
    }
}
