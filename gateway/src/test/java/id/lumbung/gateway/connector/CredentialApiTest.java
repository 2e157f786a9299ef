package id.lumbung.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kabupaten Tanah Laut (63.01) enters the Dukcapil credentials its social office was given: a
 * mistyped password is refused by Dukcapil when tried, the right one is accepted, and its NIK
 * checks then go out under its own user id. The password is never shown back, nor stored in clear.
 */
@MicronautTest(transactional = false)
class CredentialApiTest extends ApiTest {
    private static final String CREDENTIALS = "/api/v1/tenants/6301/connector-credentials";

    @Inject
    DukcapilSimulator simulator;

    @Test
    @SuppressWarnings("unchecked")
    void aRegencyEntersTriesAndUsesItsOwnDukcapilCredentials() {
        String admin = regencyOfItsOwn("63.01", "c-admin-6301");
        assertThat(array(get(CREDENTIALS, admin))).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("agency", "DUKCAPIL")
                .containsEntry("set", false));
        assertThat(item(admin)).containsEntry("done", false);

        // Bad input: nothing stored.
        assertProblem(
                putJson(CREDENTIALS + "/DUKCAPIL", admin, "{\"userId\":\"dinsos-6301\"}"),
                422,
                "connector_credentials_invalid");
        assertProblem(
                putJson(
                        CREDENTIALS + "/DUKCAPIL",
                        admin,
                        "{\"userId\":\"dinsos-6301\",\"password\":\"x\",\"ipUser\":\"sepuluh\"}"),
                422,
                "connector_credentials_invalid");
        assertProblem(
                putJson(CREDENTIALS + "/BNI", admin, "{\"userId\":\"a\",\"password\":\"b\"}"),
                422,
                "connector_credentials_invalid");
        assertProblem(postJson(CREDENTIALS + "/DUKCAPIL/try", admin, ""), 409, "connector_credentials_missing");
        // Another regency's admin does not see it; a regency's other roles do not enter them.
        assertProblem(get(CREDENTIALS, login("admin-7471")), 404, "tenant_not_found");

        // A mistyped password: stored, refused by Dukcapil when tried.
        var stored = putJson(
                CREDENTIALS + "/DUKCAPIL",
                admin,
                "{\"userId\":\"dinsos-6301\",\"password\":\"dinsos-6301-secrte\",\"ipUser\":\"10.63.1.7\"}");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(object(stored))
                .containsEntry("set", true)
                .containsEntry("userIdMasked", "di******")
                .containsEntry("ipUser", "10.63.1.7");
        assertThat(stored.body()).doesNotContain("secrte").doesNotContain("dinsos-6301");
        assertThat(tried(admin)).containsEntry("tryOutcome", "REFUSED");
        assertThat((String) tried(admin).get("tryMessage")).contains("Login Gagal");
        assertThat(item(admin)).containsEntry("done", false);
        assertThat((String) item(admin).get("detail")).contains("ditolak Dukcapil");

        // The right one: accepted; the regency's NIK checks go out under its own user id.
        var fixed = putJson(
                CREDENTIALS + "/DUKCAPIL", admin, "{\"userId\":\"dinsos-6301\",\"password\":\"dinsos-6301-secret\"}");
        assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
        assertThat(object(fixed)).doesNotContainKey("tryOutcome");
        assertThat(tried(admin)).containsEntry("tryOutcome", "OK");
        assertThat(item(admin)).containsEntry("done", true);
        long before = simulator.hitsBy("dinsos-6301");
        var check = postJson("/api/v1/tenants/6301/nik-checks", admin, "{\"nik\":\"6301011506800001\"}");
        assertThat(check.statusCode()).as(check.body()).isEqualTo(202);
        Eventually.await(
                Duration.ofSeconds(30),
                () -> object(get(
                                "/api/v1/tenants/6301/nik-checks/"
                                        + object(check).get("id"),
                                admin))
                        .get("status"),
                "DONE"::equals);
        assertThat(simulator.hitsBy("dinsos-6301")).isEqualTo(before + 1);

        // Never in clear at rest, never in the audit log.
        assertThat(ownerText("SELECT user_id_encrypted || password_encrypted FROM connector_credential"
                        + " WHERE tenant_id = '6301'"))
                .doesNotContain("dinsos");
        assertThat(ownerText("SELECT count(*) FROM audit_log WHERE tenant_id = '6301'"
                        + " AND action = 'CONNECTOR_CREDENTIALS_SET'"))
                .isEqualTo("2");

        // Forgotten: its calls use the platform's again.
        assertThat(send(request(CREDENTIALS + "/DUKCAPIL", admin).DELETE().build())
                        .statusCode())
                .isEqualTo(204);
        assertThat(array(get(CREDENTIALS, admin)).get(0)).containsEntry("set", false);
        assertProblem(
                send(request(CREDENTIALS + "/DUKCAPIL", admin).DELETE().build()), 409, "connector_credentials_missing");
    }

    /** Tries the stored credentials and waits for Dukcapil's answer. */
    private Map<String, Object> tried(String token) {
        var started = postJson(CREDENTIALS + "/DUKCAPIL/try", token, "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(object(started)).containsEntry("tryOutcome", "WAITING");
        return Eventually.await(
                Duration.ofSeconds(30), () -> array(get(CREDENTIALS, token)).get(0), c -> !"WAITING"
                        .equals(c.get("tryOutcome")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> item(String token) {
        return ((List<Map<String, Object>>)
                        object(get("/api/v1/tenants/6301/checklist", token)).get("items"))
                .stream()
                        .filter(i -> "dukcapil".equals(i.get("key")))
                        .findFirst()
                        .orElseThrow();
    }

    private static String ownerText(String sql) {
        try (var connection = id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                var query = connection.createStatement();
                var row = query.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
