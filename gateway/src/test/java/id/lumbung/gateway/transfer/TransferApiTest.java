package id.lumbung.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The family of Yanto moved from Kota Palangka Raya (62.71) to Kab. Pulang Pisau (62.11). Palangka
 * Raya closes its household and Pulang Pisau verifies the copy it received: the family is
 * registered in one of the two at every moment, never in both, never in neither; a refusal or a
 * withdrawal registers it at its origin again; two steps racing each other leave one done. A
 * family Pulang Pisau holds already is not moved; Kab. Kapuas (62.03), neither side, sees nothing.
 */
@MicronautTest(transactional = false)
class TransferApiTest extends ApiTest {
    private static final String HEAD = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;"
            + "tanggal_lahir;jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;desil\n";
    private static final String ORIGIN = "/api/v1/tenants/6271";
    private static final String DESTINATION = "/api/v1/tenants/6211";

    @Test
    @SuppressWarnings("unchecked")
    void aFamilyMovesBetweenRegenciesWithoutBeingRegisteredTwiceOrDropped() throws Exception {
        String palangkaRaya = regencyOfItsOwn("62.71", "t-admin-6271");
        String pulangPisau = regencyOfItsOwn("62.11", "t-admin-6211");
        String kapuas = regencyOfItsOwn("62.03", "t-admin-6203");
        importFile(
                "6271",
                palangkaRaya,
                "palangka-raya.csv",
                HEAD
                        + "PKY1;PKY1-1;62.71.01.1001;Jl. Tjilik Riwut;1;1;6271010101100001;6271011506800001;YANTO;"
                        + "PALANGKA RAYA;15-06-1980;L;Kepala Keluarga;SITI;2\n"
                        + "PKY1;PKY1-2;62.71.01.1001;Jl. Tjilik Riwut;1;1;6271010101100001;6271014707850002;MARLINA;"
                        + "KAPUAS;07-07-1985;P;Istri;ASNAH;2\n"
                        + "PKY1;PKY1-3;62.71.01.1001;Jl. Tjilik Riwut;1;1;6271010101100001;6271010203100003;RIZKI;"
                        + "PALANGKA RAYA;02-03-2010;L;Anak;MARLINA;2\n"
                        + "PKY2;PKY2-1;62.71.01.1002;Jl. Kinibalu;2;1;6271010101100002;6271012208700004;DEDI;"
                        + "PALANGKA RAYA;22-08-1970;L;Kepala Keluarga;RUMINAH;3\n"
                        + "PKY3;PKY3-1;62.71.01.1003;Jl. Rajawali;3;1;6271010101100003;6271014101750005;SARI;"
                        + "PALANGKA RAYA;01-01-1975;P;Kepala Keluarga;INAH;1\n");
        // Pulang Pisau holds Dedi already (he registered there too).
        importFile(
                "6211",
                pulangPisau,
                "pulang-pisau.csv",
                HEAD
                        + "PPS1;PPS1-1;62.11.01.2001;Desa Dandang;1;1;6211010101100001;6271012208700004;DEDI;"
                        + "PALANGKA RAYA;22-08-1970;L;Kepala Keluarga;RUMINAH;3\n");
        String yanto = householdOf(palangkaRaya, "YANTO");
        String dedi = householdOf(palangkaRaya, "DEDI");
        String sari = householdOf(palangkaRaya, "SARI");

        // Bad input: no reason, a village of another regency, itself, an unknown regency.
        assertProblem(move(palangkaRaya, yanto, "6211", "62.11.01.2002", ""), 422, "transfer_invalid");
        assertProblem(
                move(palangkaRaya, yanto, "6211", "62.03.01.1006", "SKPWNI 6271/2026/0001"), 422, "transfer_invalid");
        assertProblem(
                move(palangkaRaya, yanto, "6271", "62.71.01.1002", "SKPWNI 6271/2026/0001"), 422, "transfer_invalid");
        assertProblem(
                move(palangkaRaya, yanto, "9999", "62.11.01.2002", "SKPWNI 6271/2026/0001"), 422, "transfer_invalid");
        // Neither a regency's own household of another regency, nor without the verb.
        assertProblem(move(kapuas, yanto, "6211", "62.11.01.2002", "SKPWNI 6271/2026/0001"), 404, "tenant_not_found");
        assertProblem(
                postJson(
                        "/api/v1/tenants/6203/households/" + yanto + "/transfers",
                        kapuas,
                        body("6211", "62.11.01.2002", "SKPWNI 6271/2026/0001")),
                404,
                "household_not_found");
        assertProblem(
                postJson(
                        ORIGIN + "/households/" + yanto + "/transfers",
                        login("prov-74"),
                        body("6211", "62.11.01.2002", "SKPWNI 6271/2026/0001")),
                404,
                "tenant_not_found");
        // A family the destination holds already is a duplicate to settle there, not a move.
        var there = move(palangkaRaya, dedi, "6211", "62.11.01.2002", "SKPWNI 6271/2026/0002");
        assertProblem(there, 409, "transfer_already_there");
        assertThat(there.body()).contains("NIK ************0004").doesNotContain("6271012208700004");

        // Yanto's family moves: closed here, waiting there, in one step.
        var moved = move(palangkaRaya, yanto, "6211", "62.11.01.2002", "SKPWNI 6271/2026/0001");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
        Map<String, Object> out = object(moved);
        String transfer = (String) out.get("id");
        assertThat(out)
                .containsEntry("direction", "OUT")
                .containsEntry("state", "PENDING")
                .containsEntry("originHouseholdId", yanto)
                .containsEntry("destinationName", "KABUPATEN PULANG PISAU")
                .containsEntry("headName", "YANTO")
                .containsEntry("members", 3)
                .doesNotContainKey("destinationHouseholdId");
        assertThat(status(palangkaRaya, ORIGIN, yanto)).isEqualTo("LEFT");
        assertProblem(
                move(palangkaRaya, yanto, "6211", "62.11.01.2002", "SKPWNI 6271/2026/0001"),
                409,
                "transfer_household_not_active");
        Map<String, Object> in = object(get(DESTINATION + "/transfers/" + transfer, pulangPisau));
        String copy = (String) in.get("destinationHouseholdId");
        assertThat(in).containsEntry("direction", "IN").doesNotContainKey("originHouseholdId");
        Map<String, Object> waiting = object(get(DESTINATION + "/households/" + copy, pulangPisau));
        assertThat(waiting).containsEntry("status", "PENDING");
        assertThat(((Map<String, Object>) waiting.get("household")))
                .containsEntry("villageCode", "62.11.01.2002")
                .containsEntry("address", "Desa Talio RT 2");
        assertThat((List<Map<String, Object>>) waiting.get("members"))
                .extracting(m -> m.get("fullName") + " " + m.get("nikMasked"))
                .containsExactlyInAnyOrder(
                        "YANTO ************0001", "MARLINA ************0002", "RIZKI ************0003");
        // The NIKs are sealed for Pulang Pisau: they open with its id, as every read there does.
        IdentifierProtection protection = server.getApplicationContext().getBean(IdentifierProtection.class);
        assertThat(sealedNiks("6211", copy).stream().map(value -> protection.decrypt("6211", value)))
                .containsExactlyInAnyOrder("6271011506800001", "6271014707850002", "6271010203100003");
        assertThat(registered("6271011506800001"))
                .as("registered nowhere twice")
                .isEqualTo(0);

        // Kapuas, neither side, sees nothing of it; the destination cannot withdraw, the origin cannot accept.
        assertProblem(get("/api/v1/tenants/6203/transfers/" + transfer, kapuas), 404, "transfer_not_found");
        assertThat(array(get("/api/v1/tenants/6203/transfers", kapuas))).isEmpty();
        assertProblem(
                postJson(
                        DESTINATION + "/transfers/" + transfer + "/withdraw",
                        pulangPisau,
                        "{\"note\":\"bukan kami yang meminta\"}"),
                404,
                "transfer_not_found");
        assertProblem(
                postJson(ORIGIN + "/transfers/" + transfer + "/accept", palangkaRaya, "{}"), 404, "transfer_not_found");
        assertProblem(
                postJson(DESTINATION + "/transfers/" + transfer + "/refuse", pulangPisau, "{}"),
                422,
                "transfer_invalid");

        // Accepted: registered in Pulang Pisau, not in Palangka Raya; decided once.
        var accepted = postJson(DESTINATION + "/transfers/" + transfer + "/accept", pulangPisau, "{}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(object(accepted)).containsEntry("state", "ACCEPTED").containsEntry("decidedBy", "t-admin-6211");
        assertThat(status(pulangPisau, DESTINATION, copy)).isEqualTo("ACTIVE");
        assertThat(status(palangkaRaya, ORIGIN, yanto)).isEqualTo("LEFT");
        assertThat(registered("6271011506800001")).isEqualTo(1);
        assertProblem(
                postJson(
                        DESTINATION + "/transfers/" + transfer + "/refuse",
                        pulangPisau,
                        "{\"note\":\"keluarga tidak ditemukan\"}"),
                409,
                "transfer_decided");
        assertThat(array(get(ORIGIN + "/transfers?direction=OUT&state=ACCEPTED", palangkaRaya)))
                .extracting(t -> t.get("id"))
                .containsExactly(transfer);
        assertThat(array(get(DESTINATION + "/transfers?direction=OUT", pulangPisau)))
                .isEmpty();
        assertProblem(get(ORIGIN + "/transfers?state=LOST", palangkaRaya), 400, "invalid_page");

        // A year later the family comes back: the record it left in Palangka Raya gives its keys
        // (DTKS id, members' keys) to the one it comes with, and stays closed.
        var back = postJson(
                DESTINATION + "/households/" + copy + "/transfers",
                pulangPisau,
                "{\"destinationTenantId\":\"6271\",\"village\":\"62.71.01.1001\",\"address\":\"Jl. Tjilik"
                        + " Riwut\",\"reason\":\"SKPWNI 6211/2027/0001\"}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(201);
        String home = (String) object(back).get("id");
        var welcomed = postJson(ORIGIN + "/transfers/" + home + "/accept", palangkaRaya, "{}");
        assertThat(welcomed.statusCode()).as(welcomed.body()).isEqualTo(200);
        String returned = (String)
                object(get(ORIGIN + "/transfers/" + home, palangkaRaya)).get("destinationHouseholdId");
        assertThat(status(palangkaRaya, ORIGIN, returned)).isEqualTo("ACTIVE");
        assertThat(status(palangkaRaya, ORIGIN, yanto)).isEqualTo("LEFT");
        assertThat(status(pulangPisau, DESTINATION, copy)).isEqualTo("LEFT");
        assertThat(registered("6271011506800001")).isEqualTo(1);
        assertThat(ownerLong("SELECT count(*) FROM household WHERE tenant_id = '6271' AND iddtks = 'PKY1'"
                        + " AND id = '" + returned + "'"))
                .as("the DTKS id is the returned record's")
                .isEqualTo(1);

        // Sari's family: refused, then moved again, then withdrawn — back home each time, never lost.
        String first = (String) object(move(palangkaRaya, sari, "6211", "62.11.01.2001", "SKPWNI 6271/2026/0003"))
                .get("id");
        var refused = postJson(
                DESTINATION + "/transfers/" + first + "/refuse",
                pulangPisau,
                "{\"note\":\"Tidak ditemukan di alamat tujuan saat kunjungan\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        assertThat(status(palangkaRaya, ORIGIN, sari)).isEqualTo("ACTIVE");
        assertThat(registered("6271014101750005")).isEqualTo(1);
        var again = move(palangkaRaya, sari, "6211", "62.11.01.2001", "SKPWNI 6271/2026/0004");
        assertThat(again.statusCode()).as("the refused copy gave up its keys").isEqualTo(201);
        String second = (String) object(again).get("id");

        // Withdraw and accept race each other: one wins, the family is registered exactly once.
        List<HttpResponse<String>> raced = race(
                () -> postJson(
                        ORIGIN + "/transfers/" + second + "/withdraw",
                        palangkaRaya,
                        "{\"note\":\"Keluarga batal pindah, tetap di Palangka Raya\"}"),
                () -> postJson(DESTINATION + "/transfers/" + second + "/accept", pulangPisau, "{}"));
        assertThat(raced).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        assertThat(registered("6271014101750005")).isEqualTo(1);
        assertThat(object(get(ORIGIN + "/transfers/" + second, palangkaRaya)).get("state"))
                .isIn("WITHDRAWN", "ACCEPTED");

        eachRegencySeesWhatItsProvinceFound(palangkaRaya, pulangPisau, kapuas);

        // Every step is in both regencies' audit logs.
        for (String tenant : List.of("6271", "6211")) {
            assertThat(ownerLong("SELECT count(*) FROM audit_log WHERE tenant_id = '" + tenant
                            + "' AND action IN ('HOUSEHOLD_TRANSFER_OUT', 'HOUSEHOLD_TRANSFER_IN')"))
                    .isEqualTo(4);
            assertThat(ownerLong("SELECT count(*) FROM audit_log WHERE tenant_id = '" + tenant
                            + "' AND action IN ('HOUSEHOLD_TRANSFER_ACCEPTED', 'HOUSEHOLD_TRANSFER_REFUSED',"
                            + " 'HOUSEHOLD_TRANSFER_WITHDRAWN')"))
                    .isEqualTo(4);
        }
    }

    /**
     * Dedi, registered in both regencies, is found by Kalimantan Tengah's search; each regency sees
     * the finding about it, its own record by name and the other's by regency and village alone.
     */
    @SuppressWarnings("unchecked")
    private void eachRegencySeesWhatItsProvinceFound(String palangkaRaya, String pulangPisau, String kapuas) {
        var created = postJson(
                "/api/v1/provinces/62/users",
                login("admin"),
                "{\"username\":\"prov-62\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"PROVINCE_ADMIN\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String province = login("prov-62");
        var started = postJson("/api/v1/provinces/62/duplicate-runs", province, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String run = started.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(60),
                () -> object(get(run, province)).get("status"),
                "DONE"::equals);
        List<Map<String, Object>> open = array(get(DESTINATION + "/cross-duplicates?state=OPEN", pulangPisau));
        assertThat(open).hasSize(1);
        assertThat(array(get(DESTINATION + "/cross-duplicates", pulangPisau)))
                .as("nothing decided yet")
                .isEmpty();
        var decided =
                postJson(run + "/clusters/" + open.get(0).get("id") + "/decision", province, "{\"decision\":\"SAME\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        for (String[] side : List.of(
                new String[] {DESTINATION, pulangPisau, "6211", "6271", "62.71.01.1002"},
                new String[] {ORIGIN, palangkaRaya, "6271", "6211", "62.11.01.2001"})) {
            List<Map<String, Object>> same = array(get(side[0] + "/cross-duplicates", side[1]));
            assertThat(same).hasSize(1);
            List<Map<String, Object>> members =
                    (List<Map<String, Object>>) same.get(0).get("members");
            assertThat(members)
                    .filteredOn(m -> side[2].equals(m.get("tenantId")))
                    .singleElement()
                    .satisfies(m -> assertThat(m)
                            .containsEntry("fullName", "DEDI")
                            .containsEntry("nikMasked", "************0004")
                            .containsKey("householdId"));
            assertThat(members)
                    .filteredOn(m -> side[3].equals(m.get("tenantId")))
                    .singleElement()
                    .satisfies(m -> assertThat(m)
                            .containsEntry("villageCode", side[4])
                            .doesNotContainKeys("fullName", "nikMasked", "birthDate", "householdId"));
        }
        assertThat(array(get("/api/v1/tenants/6203/cross-duplicates", kapuas))).isEmpty();
        assertProblem(get(DESTINATION + "/cross-duplicates", kapuas), 404, "tenant_not_found");
        assertProblem(get(DESTINATION + "/cross-duplicates?state=NOT_SAME", pulangPisau), 400, "invalid_page");
    }

    private HttpResponse<String> move(String token, String household, String to, String village, String reason) {
        return postJson(ORIGIN + "/households/" + household + "/transfers", token, body(to, village, reason));
    }

    private static String body(String to, String village, String reason) {
        return "{\"destinationTenantId\":\"" + to + "\",\"village\":\"" + village
                + "\",\"address\":\"Desa Talio RT 2\"," + "\"reason\":\"" + reason + "\"}";
    }

    private String householdOf(String token, String head) {
        return (String) array(get(ORIGIN + "/households?size=500", token)).stream()
                .filter(h -> head.equals(h.get("headName")))
                .findFirst()
                .orElseThrow()
                .get("id");
    }

    private String status(String token, String tenant, String household) {
        return (String) object(get(tenant + "/households/" + household, token)).get("status");
    }

    /** Active households holding the NIK, in Palangka Raya and Pulang Pisau together (as the owner, past RLS). */
    private static long registered(String nik) {
        return ownerLong("SELECT count(*) FROM member m JOIN household h ON h.tenant_id = m.tenant_id"
                + " AND h.id = m.household_id WHERE m.tenant_id IN ('6271', '6211') AND h.status = 'ACTIVE'"
                + " AND m.nik_masked = '************" + nik.substring(12) + "' AND m.full_name IN"
                + " ('YANTO', 'SARI')");
    }

    private static List<String> sealedNiks(String tenant, String household) {
        List<String> values = new ArrayList<>();
        try (var connection = id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                var query = connection.prepareStatement(
                        "SELECT nik_encrypted FROM member WHERE tenant_id = ? AND household_id = ?::uuid")) {
            query.setString(1, tenant);
            query.setString(2, household);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    private static long ownerLong(String sql) {
        try (var connection = id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                var query = connection.createStatement();
                var row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private static List<HttpResponse<String>> race(Callable<HttpResponse<String>>... steps) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(steps.length);
        try {
            List<Future<HttpResponse<String>>> running = new ArrayList<>();
            for (Callable<HttpResponse<String>> step : steps) {
                running.add(pool.submit(step));
            }
            List<HttpResponse<String>> done = new ArrayList<>();
            for (Future<HttpResponse<String>> future : running) {
                done.add(future.get());
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }
}
