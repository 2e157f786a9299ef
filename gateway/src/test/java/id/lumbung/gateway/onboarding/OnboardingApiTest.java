package id.lumbung.gateway.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Maluku Utara's admin sets its template, onboards Kota Ternate the same day with an invitation
 * for its first admin (no password travels), follows its checklist, and cannot onboard a regency
 * of another province or the same one twice.
 */
@MicronautTest(transactional = false)
class OnboardingApiTest extends ApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void aProvinceOnboardsARegencyWithItsTemplateAndInvitesItsFirstAdmin() {
        String platform = login("admin");
        var created = postJson(
                "/api/v1/provinces/82/users",
                platform,
                "{\"username\":\"prov-82\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"PROVINCE_ADMIN\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String province = login("prov-82");

        assertThat(object(get("/api/v1/provinces/82/template", province))).containsEntry("set", false);
        assertProblem(
                putJson(
                        "/api/v1/provinces/82/template",
                        province,
                        "{\"approvalChain\":[{\"role\":\"VILLAGE_OPERATOR\",\"label\":\"Lurah\"}],"
                                + "\"matchThreshold\":0.9,\"reviewThreshold\":0.6}"),
                422,
                "invalid_approval_chain");
        assertProblem(
                putJson(
                        "/api/v1/provinces/82/template",
                        province,
                        "{\"approvalChain\":[{\"role\":\"APPROVER\",\"label\":\"Wali Kota\"}],"
                                + "\"matchThreshold\":0.5,\"reviewThreshold\":0.9}"),
                422,
                "validation_failed");
        var template = putJson(
                "/api/v1/provinces/82/template",
                province,
                "{\"approvalChain\":[{\"role\":\"VERIFIER\",\"label\":\"Sekretaris Dinas\"},"
                        + "{\"role\":\"TENANT_ADMIN\",\"label\":\"Kepala Dinas Sosial\"},"
                        + "{\"role\":\"APPROVER\",\"label\":\"Wali Kota\"}],\"matchThreshold\":0.9,\"reviewThreshold\":0.6}");
        assertThat(template.statusCode()).as(template.body()).isEqualTo(200);
        assertThat(object(template)).containsEntry("set", true).containsEntry("updatedBy", "prov-82");
        assertProblem(get("/api/v1/provinces/82/template", login("prov-74")), 404, "province_not_found");

        var onboarded =
                postJson("/api/v1/tenants", province, "{\"regionCode\":\"82.71\",\"adminUsername\":\"admin-8271\"}");
        assertThat(onboarded.statusCode()).as(onboarded.body()).isEqualTo(201);
        Map<String, Object> tenant = object(onboarded);
        assertThat(tenant).containsEntry("id", "8271").containsEntry("templateApplied", true);
        Map<String, Object> firstAdmin = (Map<String, Object>) tenant.get("firstAdmin");
        assertThat(firstAdmin).containsEntry("username", "admin-8271");
        String token = (String) firstAdmin.get("token");
        assertThat((String) firstAdmin.get("link")).isEqualTo("/undangan/" + token);

        assertProblem(postJson("/api/v1/tenants", province, "{\"regionCode\":\"82.71\"}"), 409, "tenant_exists");
        assertProblem(
                postJson("/api/v1/tenants", province, "{\"regionCode\":\"74.06\"}"), 422, "region_outside_province");
        assertProblem(
                postJson("/api/v1/tenants", province, "{\"regionCode\":\"82.72\",\"adminUsername\":\"admin-7471\"}"),
                409,
                "username_taken");
        assertThat(get("/api/v1/tenants/8272", platform).statusCode())
                .as("all or nothing: a refused invitation leaves no tenant")
                .isEqualTo(404);

        Map<String, Object> checklist = object(get("/api/v1/tenants/8271/checklist", province));
        assertThat(items(checklist))
                .containsEntry("admin", "false undangan terkirim, belum dibuka")
                .containsEntry("approval_chain", "true 3 tahap")
                .containsEntry("import", "false belum ada impor yang berhasil")
                .containsEntry("dukcapil", "false belum diisi (sementara memakai kredensial platform, bila ada)");
        // Whoever onboards it enters the regency's Dukcapil credentials the same day (never shown back).
        var credentials = putJson(
                "/api/v1/tenants/8271/connector-credentials/DUKCAPIL",
                province,
                "{\"userId\":\"dinsos-8271\",\"password\":\"dinsos-8271-secret\"}");
        assertThat(credentials.statusCode()).as(credentials.body()).isEqualTo(200);
        assertThat(credentials.body()).doesNotContain("secret");
        assertThat(items(object(get("/api/v1/tenants/8271/checklist", province))))
                .containsEntry("dukcapil", "false user id di******, tersimpan, belum dicoba");

        assertProblem(
                postJson("/api/v1/invitations/accept", null, "{\"token\":\"" + token + "\",\"password\":\"pendek\"}"),
                422,
                "weak_password");
        var accepted = postJson(
                "/api/v1/invitations/accept", null, "{\"token\":\"" + token + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertProblem(
                postJson(
                        "/api/v1/invitations/accept",
                        null,
                        "{\"token\":\"" + token + "\",\"password\":\"" + PASSWORD + "\"}"),
                404,
                "invitation_not_found");
        String ternate = login("admin-8271");
        assertThat(items(object(get("/api/v1/tenants/8271/checklist", ternate))))
                .containsEntry("admin", "true 1 admin");
        assertThat(object(get("/api/v1/tenants/8271/identity-settings", ternate)))
                .containsEntry("matchThreshold", 0.9)
                .containsEntry("reviewThreshold", 0.6);
        assertThat(array(get("/api/v1/tenants/8271/approval-chain", ternate)))
                .extracting(step -> step.get("role") + " " + step.get("label"))
                .containsExactly("VERIFIER Sekretaris Dinas", "TENANT_ADMIN Kepala Dinas Sosial", "APPROVER Wali Kota");

        // The regency invites its own users now; the platform no longer invites an admin there.
        var verifier = postJson(
                "/api/v1/tenants/8271/invitations", ternate, "{\"username\":\"verif-8271\",\"roles\":[\"VERIFIER\"]}");
        assertThat(verifier.statusCode()).as(verifier.body()).isEqualTo(201);
        assertProblem(
                postJson(
                        "/api/v1/tenants/8271/invitations",
                        ternate,
                        "{\"username\":\"desa-8271\",\"roles\":[\"VILLAGE_OPERATOR\"]}"),
                422,
                "role_not_allowed_here");
        assertProblem(
                postJson("/api/v1/tenants/8271/invitations", platform, "{\"username\":\"admin2-8271\"}"),
                409,
                "tenant_admin_exists");
        assertProblem(
                postJson("/api/v1/tenants/8271/invitations", province, "{\"username\":\"admin3-8271\"}"),
                403,
                "permission_denied");
    }

    @Test
    void aRegencysAdminCannotOnboardAndOnlyTheProvinceOrPlatformSetsATemplate() {
        String kendari = login("admin-7471");
        assertProblem(postJson("/api/v1/tenants", kendari, "{\"regionCode\":\"74.10\"}"), 403, "permission_denied");
        assertProblem(get("/api/v1/provinces/74/template", kendari), 403, "permission_denied");
        assertProblem(
                postJson(
                        "/api/v1/invitations/accept",
                        null,
                        "{\"token\":\"made-up\",\"password\":\"" + PASSWORD + "\"}"),
                404,
                "invitation_not_found");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> items(Map<String, Object> checklist) {
        Map<String, String> items = new java.util.LinkedHashMap<>();
        for (Map<String, Object> item : (List<Map<String, Object>>) checklist.get("items")) {
            items.put((String) item.get("key"), item.get("done") + " " + item.get("detail"));
        }
        return items;
    }
}
