package id.lumbung.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.TestDatabase;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuditApiTest extends ApiTest {
    private static final String AUDIT = "/api/v1/tenants/7401/audit";
    private String auditor;

    @BeforeAll
    void anAuditorOfKolaka() {
        String name = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        var created = postJson(
                "/api/v1/tenants/7401/users",
                login("admin-7401"),
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"AUDITOR\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var tokens = postJson(
                "/api/v1/auth/login", null, "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
        auditor = (String) object(tokens).get("accessToken");
    }

    @Test
    void everyNikCheckAndEveryReadOfItIsAuditedWithoutTheNik() {
        String kolaka = login("admin-7401");
        String id =
                (String) object(postJson("/api/v1/tenants/7401/nik-checks", kolaka, "{\"nik\":\"7401012207820004\"}"))
                        .get("id");
        get("/api/v1/tenants/7401/nik-checks/" + id, kolaka);

        List<Map<String, Object>> entries = array(get(AUDIT + "?actor=admin-7401", auditor));

        assertThat(entries).extracting(entry -> entry.get("action")).contains("NIK_CHECK_CREATE", "NIK_CHECK_READ");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry).containsKeys("occurredAt", "roles", "requestId", "hash", "prevHash", "result");
            assertThat(String.valueOf(entry)).doesNotContain("7401012207820004");
        });
    }

    @Test
    void theStatedPurposeAndRequestIdAreRecorded() throws Exception {
        var response = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://localhost:" + server.getPort() + "/api/v1/tenants/7401/nik-checks"))
                        .header("Authorization", "Bearer " + login("admin-7401"))
                        .header("Content-Type", "application/json")
                        .header("X-Purpose", "verval Mei 2026")
                        .header("X-Request-Id", "req-purpose-1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"nik\":\"7401012207820004\"}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);

        assertThat(array(get(AUDIT + "?action=NIK_CHECK_CREATE", auditor))).anySatisfy(entry -> assertThat(entry)
                .containsEntry("purpose", "verval Mei 2026")
                .containsEntry("requestId", "req-purpose-1"));
    }

    @Test
    void tamperingWithOneEntryIsFoundAtThatEntry() throws Exception {
        String kolaka = login("admin-7401");
        for (int i = 0; i < 3; i++) {
            postJson("/api/v1/tenants/7401/nik-checks", kolaka, "{\"nik\":\"7401014509900005\"}");
        }
        Map<String, Object> before = object(get(AUDIT + "/verify", auditor));
        assertThat(before).containsEntry("intact", true);
        long victim = ((Number) before.get("entriesChecked")).longValue() - 1;

        try (Connection owner = TestDatabase.get().ownerConnection();
                PreparedStatement tamper = owner.prepareStatement(
                        "UPDATE audit_log SET actor = 'someone-else' WHERE tenant_id = '7401' AND seq = ?")) {
            tamper.setLong(1, victim);
            assertThat(tamper.executeUpdate()).isEqualTo(1);
        }

        Map<String, Object> after = object(get(AUDIT + "/verify", auditor));
        assertThat(after).containsEntry("intact", false);
        assertThat(((Number) after.get("firstBrokenSeq")).longValue()).isEqualTo(victim);
    }

    @Test
    void onlyAuditorsOfTheTenantReadIt() {
        assertProblem(get(AUDIT, login("admin-7401")), 403, "permission_denied");
        assertProblem(get("/api/v1/tenants/7471/audit", auditor), 404, "tenant_not_found");
        assertProblem(get("/api/v1/tenants/7471/audit/verify", auditor), 404, "tenant_not_found");
    }
}
