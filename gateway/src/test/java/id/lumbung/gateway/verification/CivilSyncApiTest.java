package id.lumbung.gateway.verification;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import id.lumbung.simulators.Faults;
import id.lumbung.simulators.dukcapil.CivilRecord;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A village synchronised with Dukcapil: what the registry itself tells is settled without a call,
 * only suspects are asked, slips are corrected to Dukcapil's values and the rest waits for a
 * person with the fields that differ.
 */
@MicronautTest(transactional = false)
class CivilSyncApiTest extends ApiTest {
    private static final String VILLAGE = "74.71.04.1004";
    private static final String HEADER = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil;status_art\n";

    @Inject
    DukcapilSimulator dukcapil;

    private static String row(
            String iddtks,
            String kk,
            String nik,
            String name,
            String born,
            String sex,
            String relation,
            String status) {
        return iddtks + ";" + iddtks + "-" + nik + name.length() + ";" + VILLAGE + ";Jl. Sinkron " + iddtks + ";1;1;"
                + kk + ";" + nik + ";" + name + ";KENDARI;" + born + ";" + sex + ";" + relation + ";WA ODE;2;" + status
                + "\n";
    }

    private static CivilRecord civil(String nik, String kk, String name, String born, boolean male) {
        return new CivilRecord(
                nik, kk, name, "KENDARI", born, male ? "LAKI-LAKI" : "PEREMPUAN", false, null, null, null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void slipsAreCorrectedToDukcapilAndTheRestWaitsWithItsDifferences() {
        // Dukcapil knows LA RAHMAT (the registry slipped: LA RAHMT) and RAHMAT HASAN, whose NIK the
        // registry has with two digits swapped (its birth day reads 01, not 10).
        dukcapil.register(civil("7471040102800001", "7471040101200001", "LA RAHMAT", "01-02-1980", true));
        dukcapil.register(civil("7471041010700003", "7471040101200002", "RAHMAT HASAN", "10-10-1970", true));
        StringBuilder file = new StringBuilder(HEADER)
                .append(row(
                        "SYNC1",
                        "7471040101200001",
                        "7471040102800001",
                        "LA RAHMT",
                        "01-02-1980",
                        "L",
                        "Kepala Keluarga",
                        "Hidup"))
                .append(row(
                        "SYNC2",
                        "7471040101200002",
                        "7471040110700003",
                        "RAHMAT HASAN",
                        "10-10-1970",
                        "L",
                        "Kepala Keluarga",
                        "Hidup"))
                // The head died (the registry says so); his wife lives: the family is carried over.
                .append(row(
                        "SYNC3",
                        "7471040101200003",
                        "7471041203650005",
                        "RAHMAT BASRI",
                        "12-03-1965",
                        "L",
                        "Kepala Keluarga",
                        "Meninggal"))
                .append(row(
                        "SYNC3",
                        "7471040101200003",
                        "7471046007680006",
                        "WA ODE SARI",
                        "20-07-1968",
                        "P",
                        "Istri",
                        "Hidup"))
                // A son of 21 without a NIK: no call helps, he needs his KTP recorded.
                .append(row(
                        "SYNC4",
                        "7471040101200004",
                        "7471040101750007",
                        "RAHMAT KADIR",
                        "01-01-1975",
                        "L",
                        "Kepala Keluarga",
                        "Hidup"))
                .append(row("SYNC4", "7471040101200004", "", "LA ODE MUDA", "01-01-2005", "L", "Anak", "Hidup"))
                // A slip Dukcapil cannot confirm: it does not know the NIK.
                .append(row(
                        "SYNC5",
                        "7471040101200005",
                        "7471040505850009",
                        "LA RAHMAAT",
                        "05-05-1985",
                        "L",
                        "Kepala Keluarga",
                        "Hidup"));
        // Twenty RAHMATs (a slip is twenty times rarer than the word it slipped from).
        String[] others = {
            "SALEH",
            "TAHIR",
            "YUSUF",
            "LATIF",
            "MALIK",
            "NAWIR",
            "RASYID",
            "SAID",
            "ARSYAD",
            "BAHRUN",
            "DARWIS",
            "GAFUR",
            "JUFRI",
            "KASIM",
            "MUSTARI",
            "NAJIB",
            "PAWELLOI",
            "SUKRI"
        };
        for (int i = 0; i < others.length; i++) {
            String nik = "7471040101760" + (100 + i);
            file.append(row(
                    "SYNC" + (10 + i),
                    "74710401012001" + (10 + i),
                    nik,
                    "RAHMAT " + others[i],
                    "01-01-1976",
                    "L",
                    "Kepala Keluarga",
                    "Hidup"));
        }
        String admin = login("admin-7471");
        importFile("7471", admin, "sinkron.csv", file.toString());

        // While Dukcapil is slow the run asks: of two runs started at once, one starts, one is refused.
        dukcapil.faults(Faults.NONE.withLatencyMs(1500));
        java.net.http.HttpResponse<String> started;
        try {
            List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> both = List.of(
                    java.util.concurrent.CompletableFuture.supplyAsync(() ->
                            postJson("/api/v1/tenants/7471/civil-syncs", admin, "{\"village\":\"" + VILLAGE + "\"}")),
                    java.util.concurrent.CompletableFuture.supplyAsync(() ->
                            postJson("/api/v1/tenants/7471/civil-syncs", admin, "{\"village\":\"" + VILLAGE + "\"}")));
            List<java.net.http.HttpResponse<String>> answers = both.stream()
                    .map(java.util.concurrent.CompletableFuture::join)
                    .toList();
            assertThat(answers)
                    .extracting(java.net.http.HttpResponse::statusCode)
                    .containsExactlyInAnyOrder(202, 409);
            started = answers.stream()
                    .filter(answer -> answer.statusCode() == 202)
                    .findFirst()
                    .orElseThrow();
            assertProblem(
                    answers.stream()
                            .filter(answer -> answer.statusCode() == 409)
                            .findFirst()
                            .orElseThrow(),
                    409,
                    "civil_sync_running");
            assertThat(object(started)).containsEntry("members", 24);
        } finally {
            dukcapil.faults(Faults.NONE);
        }
        String url = started.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(60),
                () -> object(get(url, admin)),
                run -> ((Number) run.get("asking")).intValue() == 0);

        // Asked: the two slips, the swapped NIK (itself and the NIK that agrees with the record);
        // not the eighteen RAHMATs whose records agree with their NIKs.
        assertThat((Map<String, Object>) done.get("outcomes"))
                .containsEntry("name_corrected", 1)
                .containsEntry("nik_corrected", 1)
                .containsEntry("not_found", 1)
                .containsEntry("needs_ktp", 1)
                .containsEntry("carry_over_proposed", 1);
        assertThat(done).containsEntry("resolved", 2).containsEntry("waiting", 3);

        List<Map<String, Object>> items = array(get(url + "/items", admin));
        assertThat(items).hasSize(5);
        assertThat(items)
                .filteredOn(item -> "name_corrected".equals(item.get("outcome")))
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.get("state")).isEqualTo("RESOLVED");
                    assertThat(item.get("reason")).isEqualTo("name_oddly_spelt");
                    assertThat(item.get("differences"))
                            .isEqualTo(List.of(Map.of("field", "name", "here", "LA RAHMT", "dukcapil", "LA RAHMAT")));
                    Map<String, Object> household =
                            object(get("/api/v1/tenants/7471/households/" + item.get("householdId"), admin));
                    assertThat(household.toString()).contains("LA RAHMAT").doesNotContain("LA RAHMT");
                });
        assertThat(items)
                .filteredOn(item -> "nik_corrected".equals(item.get("outcome")))
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.get("reason")).isEqualTo("nik_disagrees");
                    assertThat(item.get("fullName")).isEqualTo("RAHMAT HASAN");
                    assertThat(item.get("differences").toString())
                            .contains("tanggal lahir di NIK (angka 7-12) tidak sama dengan tanggal lahir di data"
                                    + " 10-10-1970")
                            // The NIK's own digits would give back what the mask hides.
                            .doesNotContain("01-10-70");
                });
        assertThat(items)
                .filteredOn(item -> "carry_over_proposed".equals(item.get("outcome")))
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.get("state")).isEqualTo("WAITING");
                    assertThat(item.get("proposalId")).isNotNull();
                    var proposal = get("/api/v1/tenants/7471/proposals/" + item.get("proposalId"), admin);
                    assertThat(proposal.statusCode()).isEqualTo(200);
                    assertThat(object(proposal)).containsEntry("reason", "NEW_HEAD");
                });
        assertThat(items)
                .filteredOn(item -> "needs_ktp".equals(item.get("outcome")))
                .singleElement()
                .satisfies(item -> assertThat(item.get("fullName")).isEqualTo("LA ODE MUDA"));
        assertThat(array(get(url + "/items?state=WAITING", admin))).hasSize(3);
        String everything = get(url + "/items", admin).body();
        assertThat(everything).doesNotContain("7471040110700003").doesNotContain("7471041010700003");

        // The corrected NIK is the member's now: a NIK search finds RAHMAT HASAN by the right one.
        var found = postJson("/api/v1/tenants/7471/members/search", admin, "{\"nik\":\"7471041010700003\"}");
        assertThat(found.body()).contains("RAHMAT HASAN");

        // Another regency does not see the run; a village operator of other villages sees none of it.
        assertProblem(get(url, login("admin-7401")), 404, "tenant_not_found");
        String operator = login("operator-7471");
        assertProblem(get(url, operator), 404, "civil_sync_not_found");
        assertProblem(get(url + "/items", operator), 404, "civil_sync_not_found");
        assertThat(get("/api/v1/tenants/7471/civil-syncs", operator).body())
                .doesNotContain(url.substring(url.lastIndexOf('/') + 1));
        assertProblem(get(url + "/items?state=LATER", admin), 400, "invalid_page");
        assertProblem(
                get("/api/v1/tenants/7471/civil-syncs/" + java.util.UUID.randomUUID(), admin),
                404,
                "civil_sync_not_found");
    }

    @Test
    void aWholeRegistryWhoseLastImportRefusedNothingSynchronises() {
        // Kab. Bone Bolango: its last import refused no row (no header of refused rows kept).
        String admin = regencyOfItsOwn("75.03", "sync-7503");
        importFile(
                "7503",
                admin,
                "bone-bolango.csv",
                "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                        + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n"
                        + "BNB1;BNB1-1;75.03.01.2004;Jl. Poros;1;1;7503010101200001;7503011302800001;RAHMAN;SUWAWA;"
                        + "13-02-1980;L;Kepala Keluarga;IBU;3\n");
        var started = postJson("/api/v1/tenants/7503/civil-syncs", admin, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWholeRegistryListsWhatTheImportRefusedWithTheRepairItsOwnCellsSuggest() {
        // A regency of its own (Kota Gorontalo), so that the whole registry is only this file.
        String admin = regencyOfItsOwn("75.71", "sync-7571");
        String head = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";
        String good = "GTO1;GTO1-1;75.71.01.1001;Jl. Dembe;1;1;7571010101200001;7571011302800001;SAMSUDIN;GORONTALO;"
                + "13-02-1980;L;Kepala Keluarga;IBU;3\n";
        String file = head
                + good
                + good.replace("GTO1-1", "GTO1-1") // the same row twice: the copy is dropped
                // 31 February is no date; the NIK holds 13-02-80.
                + "GTO1;GTO1-2;75.71.01.1001;Jl. Dembe;1;1;7571010101200001;7571015302800002;SRI DEWI;GORONTALO;"
                + "31-02-1980;P;Istri;IBU;3\n"
                // Month 31 is no NIK: digits 8 and 9 swapped back make 13-01-05, the row's birth date.
                + "GTO1;GTO1-3;75.71.01.1001;Jl. Dembe;1;1;7571010101200001;7571011031050003;ANDI;GORONTALO;"
                + "13-01-2005;L;Anak;SRI DEWI;3\n";
        importFile("7571", admin, "gorontalo.csv", file);

        var started = postJson("/api/v1/tenants/7571/civil-syncs", admin, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String url = "/api/v1/tenants/7571/civil-syncs/" + object(started).get("id");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(30),
                () -> object(get(url, admin)),
                run -> ((Number) run.get("asking")).intValue() == 0);
        assertThat((Map<String, Object>) done.get("outcomes"))
                .containsEntry("copy_dropped", 1)
                .containsEntry("refused_at_import", 2);

        List<Map<String, Object>> items = array(get(url + "/items", admin));
        assertThat(items)
                .filteredOn(item -> Long.valueOf(4).equals(((Number) item.get("importLine")).longValue()))
                .singleElement()
                .satisfies(item ->
                        assertThat(item.get("differences").toString()).contains("suggestion=13-02-1980 (menurut NIK)"));
        assertThat(items)
                .filteredOn(item -> Long.valueOf(5).equals(((Number) item.get("importLine")).longValue()))
                .singleElement()
                .satisfies(item -> assertThat(item.get("differences").toString())
                        .contains("suggestion=angka ke-8 dan ke-9 mungkin tertukar")
                        .doesNotContain("7571011031050003"));
    }
}
