package id.lumbung.gateway.verification;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A village's members verified against the Dukcapil simulator: the differences, field by field. */
@MicronautTest(transactional = false)
class VerificationApiTest extends ApiTest {
    private static final String HEADER = "iddtks;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";

    @jakarta.inject.Inject
    id.lumbung.simulators.dukcapil.DukcapilSimulator dukcapil;

    @Test
    void anAddressThatDukcapilHoldsOtherwiseIsListedByItsParts() {
        // Dukcapil has her at Jl. Pelangi 7, RT 3 / RW 1; the registry writes the street the same
        // way (spacing and case aside) and RT 003, but RW 2.
        dukcapil.register(new id.lumbung.simulators.dukcapil.CivilRecord(
                "7471014404880011",
                "7471010404110011",
                "WA ODE ALAMAT",
                "KENDARI",
                "04-04-1988",
                "PEREMPUAN",
                false,
                "JL. PELANGI NO. 7",
                "3",
                "1"));
        String admin = login("admin-7471");
        String file = HEADER
                + "ADR1;74.71.01.1009;Jl. Pelangi  No. 7;003;002;7471010404110011;7471014404880011;WA ODE ALAMAT;"
                + "KENDARI;04-04-1988;P;Kepala Keluarga;WA ODE;2\n";
        importFile("7471", admin, "alamat.csv", file);

        var started = postJson("/api/v1/tenants/7471/verifications", admin, "{\"village\":\"7471011009\"}");
        String url = started.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(30),
                () -> object(get(url, admin)),
                progress -> ((Number) progress.get("done")).intValue() == ((Number) progress.get("total")).intValue());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> differences = (List<Map<String, Object>>) done.get("differences");
        assertThat(differences)
                .filteredOn(d -> "WA ODE ALAMAT".equals(d.get("fullName")))
                .singleElement()
                .satisfies(d -> assertThat(d.get("fields")).isEqualTo(List.of("rw")));
        assertThat(array(get("/api/v1/tenants/7471/verifications", admin)))
                .extracting(verification -> verification.get("id"))
                .contains(done.get("id"));
        assertThat(get("/api/v1/tenants/7471/verifications", login("admin-7401"))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aVillagesMembersAreVerifiedAndOnlyTheDifferencesAreListed() {
        String admin = login("admin-7471");
        // Dukcapil (the demo's simulator) knows MUHAMAD RIDWAN, born in RAHA on 03-03-1979, KK
        // 7471010303180003, and WA ODE SITTI, deceased. The registry has Ridwan born in Kendari,
        // Siti with one T (close enough), and a son Dukcapil does not know.
        String file = HEADER
                + "VER1;74.71.01.1008;Jl. Verifikasi 1;1;1;7471010303180003;7471010303790003;MUHAMAD RIDWAN;KENDARI;"
                + "03-03-1979;L;Kepala Keluarga;WA ODE;2\n"
                + "VER1;74.71.01.1008;Jl. Verifikasi 1;1;1;7471010303180003;7471011505100777;LA ODE KECIL;KENDARI;"
                + "15-05-2010;L;Anak;WA ODE SITI;2\n"
                + "VER2;74.71.01.1008;Jl. Verifikasi 2;1;1;7471010202150002;7471015106600002;WA ODE SITI;KENDARI;"
                + "11-06-1960;P;Kepala Keluarga;WA ODE;1\n";
        importFile("7471", admin, "verifikasi.csv", file);

        var started = postJson("/api/v1/tenants/7471/verifications", admin, "{\"village\":\"7471011008\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(object(started)).containsEntry("total", 3);
        String url = started.headers().firstValue("Location").orElseThrow();

        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(30),
                () -> object(get(url.replaceFirst("^https?://[^/]+", ""), admin)),
                progress -> ((Number) progress.get("done")).intValue() == 3);

        assertThat(done).containsEntry("withDifferences", 3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> differences = (List<Map<String, Object>>) done.get("differences");
        assertThat(differences)
                .filteredOn(d -> "MUHAMAD RIDWAN".equals(d.get("fullName")))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.get("result")).isEqualTo("FOUND");
                    assertThat(d.get("fields")).isEqualTo(List.of("birth_place"));
                    assertThat(d.get("nikMasked")).isEqualTo("************0003");
                });
        assertThat(differences)
                .filteredOn(d -> "WA ODE SITI".equals(d.get("fullName")))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.get("result")).isEqualTo("DECEASED");
                    assertThat(d.get("deceased")).isEqualTo(true);
                    // Empty lists are left out of the JSON.
                    assertThat((List<?>) d.getOrDefault("fields", List.of()))
                            .as("one letter off is still the same name")
                            .isEmpty();
                });
        assertThat(differences)
                .filteredOn(d -> "LA ODE KECIL".equals(d.get("fullName")))
                .singleElement()
                .satisfies(d -> assertThat(d.get("result")).isEqualTo("NOT_FOUND"));
        assertThat(done.toString()).doesNotContain("7471010303790003");

        assertProblem(get(url.replaceFirst("^https?://[^/]+", ""), login("admin-7401")), 404, "tenant_not_found");
    }
}
