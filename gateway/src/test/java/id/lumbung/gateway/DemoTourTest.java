package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's tour, step by step, against the demo as `bin/lumbung-demo` starts it (with a
 * smaller generated registry): the demo registry is imported, a village of it verified against
 * the Dukcapil simulator finds its people, the NIK the tour names is found among the pupils,
 * the token refreshes and exports are masked.
 */
@MicronautTest(transactional = false)
class DemoTourTest extends ApiTest {
    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = super.extraProperties();
        properties.put("lumbung.demo.registry-members", "300");
        // The demo's schools, as the launcher configures them in demo mode.
        id.lumbung.gateway.demo.DemoSchools.ALL.forEach((npsn, school) -> {
            properties.put("lumbung.connectors.dapodik.schools." + npsn + ".tenant-id", school[0]);
            properties.put("lumbung.connectors.dapodik.schools." + npsn + ".name", school[1]);
        });
        return properties;
    }

    private static String demoVillage() {
        try (var owner = id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                var query = owner.createStatement();
                var row = query.executeQuery("SELECT village_code FROM household WHERE tenant_id = '7471'"
                        + " GROUP BY village_code HAVING bool_and(coalesce(iddtks, '') LIKE 'DTKS7471%')"
                        + " ORDER BY count(*) DESC, village_code LIMIT 1")) {
            assertThat(row.next()).as("a village of the demo registry alone").isTrue();
            return row.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTourRunsTopToBottom() throws Exception {
        // Log in, and refresh the token as the tour says.
        Map<String, Object> tokens = object(postJson(
                "/api/v1/auth/login", null, "{\"username\":\"admin-7471\",\"password\":\"" + PASSWORD + "\"}"));
        var refreshed =
                postJson("/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken") + "\"}");
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String token = (String) object(refreshed).get("accessToken");

        // The demo registry, imported at start.
        Map<String, Object> imported = Eventually.await(
                Duration.ofSeconds(60),
                () -> array(get("/api/v1/tenants/7471/imports", token)).stream()
                        .filter(job -> "dtks-demo-7471.csv".equals(job.get("fileName")))
                        .findFirst()
                        .orElse(Map.of()),
                job -> "SUCCEEDED".equals(job.get("status")));
        assertThat(((Number) imported.get("rowsAccepted")).intValue()).isGreaterThan(250);

        // A village of it, verified against Dukcapil: most people are found as the registry has them.
        // A village of the demo registry alone (other tests of this JVM import elsewhere in Kendari too).
        String village = demoVillage();
        var started = postJson("/api/v1/tenants/7471/verifications", token, "{\"village\":\"" + village + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String url = started.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        Map<String, Object> done = Eventually.await(
                Duration.ofSeconds(60),
                () -> object(get(url, token)),
                progress -> ((Number) progress.get("done")).intValue() + ((Number) progress.get("failed")).intValue()
                        == ((Number) progress.get("total")).intValue());
        int total = ((Number) done.get("total")).intValue();
        assertThat(((Number) done.get("withDifferences")).intValue())
                .as("people whose data differs from Dukcapil's, of " + total)
                .isLessThanOrEqualTo(total / 2);
        // A village that does not exist is refused.
        assertThat(postJson("/api/v1/tenants/7471/verifications", token, "{\"village\":\"74.71.99.9999\"}")
                        .statusCode())
                .isEqualTo(422);

        // The pupil the tour names, once the schools are pulled.
        assertThat(postJson("/api/v1/tenants/7471/students/pulls", token, "{}").statusCode())
                .isEqualTo(202);
        List<Map<String, Object>> pupils = Eventually.await(
                Duration.ofSeconds(30),
                () -> array(postJson("/api/v1/tenants/7471/students/search", token, "{\"nik\":\"7471012505155080\"}")),
                found -> !found.isEmpty());
        assertThat(pupils.get(0).toString()).contains("ANDI SAPUTRA BASO");

        // Exports are masked unless a verifier asks for identifiers=full.
        String export = get("/api/v1/tenants/7471/exports/registry.csv", token).body();
        assertThat(export).contains("************").doesNotContainPattern(";[0-9]{16};");
    }
}
