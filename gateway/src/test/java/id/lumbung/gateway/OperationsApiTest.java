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
}
