package id.lumbung.gateway.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kabupaten Halmahera Utara asks to join on the public form; Maluku Utara's admin approves it —
 * onboarding it and inviting its admin — and refuses Kepulauan Sula's, saying why.
 */
@MicronautTest(transactional = false)
class JoinRequestApiTest extends ApiTest {
    private static String ask(String code, String admin) {
        return "{\"regionCode\":\"" + code + "\",\"contactName\":\"Muhlis Tapi Tapi\",\"contactPosition\":"
                + "\"Kepala Dinas Sosial\",\"adminUsername\":\"" + admin + "\",\"note\":\"Siap bergabung\"}";
    }

    @Test
    void aRegencyAsksAndItsProvinceApprovesOrRefuses() {
        var asked = postJson("/api/v1/join-requests", null, ask("82.03", "admin-8203"));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String id = (String) object(asked).get("id");
        assertThat(object(asked)).containsEntry("state", "PENDING").containsEntry("provinceId", "82");
        assertProblem(
                postJson("/api/v1/join-requests", null, ask("82.03", "admin2-8203")), 409, "join_request_pending");
        assertProblem(postJson("/api/v1/join-requests", null, ask("74.71", "admin-x-7471")), 409, "tenant_exists");
        assertProblem(postJson("/api/v1/join-requests", null, ask("99.99", "admin-9999")), 422, "unknown_region");
        assertProblem(postJson("/api/v1/join-requests", null, ask("82.05", "admin-7471")), 409, "username_taken");
        assertProblem(postJson("/api/v1/join-requests", null, "{\"regionCode\":\"82.05\"}"), 422, "validation_failed");

        String platform = login("admin");
        String name = "prov-82-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        assertThat(postJson(
                                "/api/v1/provinces/82/users",
                                platform,
                                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
                        .statusCode())
                .isEqualTo(201);
        String province = login(name);
        assertProblem(get("/api/v1/provinces/82/join-requests", login("prov-74")), 404, "province_not_found");
        assertProblem(get("/api/v1/provinces/82/join-requests", login("admin-7471")), 403, "permission_denied");
        List<Map<String, Object>> waiting = array(get("/api/v1/provinces/82/join-requests", province));
        assertThat(waiting).anySatisfy(request -> assertThat(request)
                .containsEntry("id", id)
                .containsEntry("regionCode", "82.03")
                .containsEntry("adminUsername", "admin-8203"));

        var approved = postJson("/api/v1/provinces/82/join-requests/" + id + "/approve", province, "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(object(approved)).containsEntry("tenantId", "8203").containsEntry("adminUsername", "admin-8203");
        String token = (String) object(approved).get("token");
        assertProblem(
                postJson("/api/v1/provinces/82/join-requests/" + id + "/approve", province, ""),
                409,
                "join_request_decided");
        assertThat(postJson(
                                "/api/v1/invitations/accept",
                                null,
                                "{\"token\":\"" + token + "\",\"password\":\"" + PASSWORD + "\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(get("/api/v1/tenants/8203", login("admin-8203")).statusCode())
                .isEqualTo(200);

        String sula = (String) object(postJson("/api/v1/join-requests", null, ask("82.06", "admin-8206")))
                .get("id");
        assertProblem(
                postJson("/api/v1/provinces/82/join-requests/" + sula + "/reject", province, "{\"reason\":\"\"}"),
                422,
                "validation_failed");
        var rejected = postJson(
                "/api/v1/provinces/82/join-requests/" + sula + "/reject",
                province,
                "{\"reason\":\"Surat permohonan Bupati belum dilampirkan\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(object(rejected))
                .containsEntry("state", "REJECTED")
                .containsEntry("decisionNote", "Surat permohonan Bupati belum dilampirkan");
        assertProblem(
                postJson("/api/v1/provinces/82/join-requests/" + sula + "/reject", province, "{\"reason\":\"lagi\"}"),
                409,
                "join_request_decided");
        assertProblem(
                postJson("/api/v1/provinces/82/join-requests/not-an-id/approve", province, ""),
                404,
                "join_request_not_found");
        assertThat(get("/api/v1/tenants/8206", platform).statusCode())
                .as("refused: not onboarded")
                .isEqualTo(404);
    }
}
