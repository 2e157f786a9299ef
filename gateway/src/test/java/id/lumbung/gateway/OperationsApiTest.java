package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OperationsApiTest extends ApiTest {

    @Test
    void healthIsUpWithTheDatabaseAndMigrationsReady() {
        var health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(object(health)).containsEntry("status", "UP");
    }

    @Test
    void healthShowsItsIndicatorsToAnAuthenticatedCaller() {
        var health = get("/health", login("admin"));
        assertThat(health.body()).contains("migrations", "jdbc");
    }

    @Test
    void prometheusMetricsAreExposed() throws Exception {
        var metrics = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + server.getPort() + "/prometheus"))
                        .header("Accept", "text/plain")
                        .header("Authorization", "Bearer " + login("admin"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var openapi = get("/openapi/lumbung-0.1.yml", null);
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body())
                .contains("/api/v1/tenants", "/api/v1/tenants/{tenantId}/nik-checks", "/api/v1/auth/login");
    }

    @Test
    void anUnknownPathAnswersAProblem() {
        assertProblem(get("/api/v1/nothing-here", login("admin")), 404, "not_found");
    }

    @Test
    void aProblemIsTitledInBahasaIndonesiaFirstAndInEnglishWhenAskedFor() {
        String admin = login("admin-7471");
        String missing = "/api/v1/tenants/7471/households/00000000-0000-0000-0000-000000000000";

        assertThat(object(get(missing, admin)))
                .containsEntry("code", "household_not_found")
                .containsEntry("title", "Keluarga ini tidak ditemukan.");
        assertThat(object(get(missing, admin, "Accept-Language", "en-US,en;q=0.9,id;q=0.5")))
                .containsEntry("code", "household_not_found")
                .containsEntry("title", "The household was not found.");
        assertThat(object(get(missing, admin, "Accept-Language", "id-ID,en;q=0.5")))
                .containsEntry("title", "Keluarga ini tidak ditemukan.");
        // The OpenAPI document does not describe the caller as a parameter: it comes from the token.
        assertThat(get("/openapi/lumbung-0.1.yml", null).body())
                .contains("/api/v1/tenants")
                .doesNotContain("name: caller");
    }
}
