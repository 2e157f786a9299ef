package id.lumbung.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sulawesi Tenggara's admin needs a Kendari family's data to answer a complaint: figures it sees
 * always; the family only after opening an access with a reason, for a while, read-only — and
 * Kendari's DPO sees that access, who and why.
 */
@MicronautTest(transactional = false)
class BreakGlassApiTest extends ApiTest {
    private static final String ACCESS = "/api/v1/tenants/7471/break-glass";
    private static final String REASON = "Pengaduan warga Kandai: bansos PKH tidak diterima sejak Juli";

    @AfterEach
    void endAccesses() {
        owner("UPDATE break_glass SET closed_at = now() WHERE closed_at IS NULL AND username = 'prov-74'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProvinceReadsARegencysPersonalDataOnlyWithAReasonForAWhileAndItsDpoSeesIt() {
        String province = login("prov-74");
        assertProblem(get("/api/v1/tenants/7471/households", province), 403, "break_glass_required");
        assertProblem(get("/api/v1/tenants/7471/exports/registry.csv", province), 403, "break_glass_required");
        assertThat(get("/api/v1/provinces/74/figures", province).statusCode())
                .as("figures need no reason")
                .isEqualTo(200);

        assertProblem(postJson(ACCESS, province, "{\"minutes\":60}"), 422, "validation_failed");
        assertProblem(postJson(ACCESS, province, "{\"reason\":\"   \",\"minutes\":60}"), 422, "validation_failed");
        assertProblem(postJson(ACCESS, province, "{\"reason\":\"cek\",\"minutes\":60}"), 422, "validation_failed");
        assertProblem(
                postJson(ACCESS, province, "{\"reason\":\"" + REASON + "\",\"minutes\":600}"),
                422,
                "validation_failed");
        assertProblem(
                postJson(ACCESS, province, "{\"reason\":\"" + REASON + "\",\"minutes\":5}"), 422, "validation_failed");

        var opened = postJson(ACCESS, province, "{\"reason\":\"" + REASON + "\",\"minutes\":30}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        Map<String, Object> access = object(opened);
        assertThat(access).containsEntry("username", "prov-74").containsEntry("running", true);
        assertThat(get("/api/v1/tenants/7471/households", province).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/tenants/7471/exports/registry.csv", province).statusCode())
                .isEqualTo(200);
        assertProblem(
                postJson(
                        "/api/v1/tenants/7471/households",
                        province,
                        "{\"villageCode\":\"74.71.01.1005\",\"address\":\"Jl. Sampel\",\"headName\":\"LA SAMPEL\","
                                + "\"memberCount\":2,\"desil\":3}"),
                403,
                "permission_denied");
        assertProblem(get("/api/v1/tenants/7401/households", province), 403, "break_glass_required");

        String kendari = login("admin-7471");
        String dpo = "dpo-bg-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        assertThat(postJson(
                                "/api/v1/tenants/7471/users",
                                kendari,
                                "{\"username\":\"" + dpo + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"DPO\"]}")
                        .statusCode())
                .isEqualTo(201);
        List<Map<String, Object>> seen = array(get(ACCESS, login(dpo)));
        assertThat(seen).anySatisfy(one -> assertThat(one)
                .containsEntry("id", access.get("id"))
                .containsEntry("reason", REASON)
                .containsEntry("username", "prov-74"));
        assertThat(get(ACCESS, kendari).statusCode()).isEqualTo(200);
        List<Map<String, Object>> audit = array(get("/api/v1/tenants/7471/audit?action=BREAK_GLASS_OPEN", login(dpo)));
        assertThat(audit.toString()).contains("BREAK_GLASS_OPEN", "prov-74");
        assertProblem(postJson(ACCESS, kendari, "{\"reason\":\"" + REASON + "\"}"), 403, "permission_denied");

        // Past its time: refused again, and it cannot be ended twice.
        owner("UPDATE break_glass SET opened_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'"
                + " WHERE id = '" + access.get("id") + "'");
        assertProblem(get("/api/v1/tenants/7471/households", province), 403, "break_glass_required");
        assertProblem(postJson(ACCESS + "/" + access.get("id") + "/close", province, ""), 409, "break_glass_closed");

        // Ended early by its opener.
        Map<String, Object> again = object(postJson(ACCESS, province, "{\"reason\":\"" + REASON + "\"}"));
        assertThat(get("/api/v1/tenants/7471/households", province).statusCode())
                .isEqualTo(200);
        assertThat(object(postJson(ACCESS + "/" + again.get("id") + "/close", province, "")))
                .containsEntry("running", false);
        assertProblem(get("/api/v1/tenants/7471/households", province), 403, "break_glass_required");
        assertProblem(postJson(ACCESS + "/not-an-id/close", province, ""), 404, "break_glass_not_found");
    }

    @Test
    void anotherProvinceCannotOpenOne() {
        String platform = login("admin");
        String sulsel = "prov-73-bg-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        assertThat(postJson(
                                "/api/v1/provinces/73/users",
                                platform,
                                "{\"username\":\"" + sulsel + "\",\"password\":\"" + PASSWORD + "\"}")
                        .statusCode())
                .isEqualTo(201);
        assertProblem(postJson(ACCESS, login(sulsel), "{\"reason\":\"" + REASON + "\"}"), 404, "tenant_not_found");
        assertProblem(postJson(ACCESS, platform, "{\"reason\":\"" + REASON + "\"}"), 403, "permission_denied");
    }
}
