package id.lumbung.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connectors' state, dead letters and pauses over HTTP, per tenant. */
@MicronautTest(transactional = false)
class ConnectorApiTest extends ApiTest {

    @Test
    void theConnectorsShowTheBreakerAndTheCallersOwnQueuesOnly() {
        String kendari = login("admin-7471");
        var check = postJson("/api/v1/tenants/7471/nik-checks", kendari, "{\"nik\":\"7471012208900009\"}");
        assertThat(check.statusCode()).isEqualTo(202);
        String checkUrl = "/api/v1/tenants/7471/nik-checks/" + object(check).get("id");
        Eventually.await(
                Duration.ofSeconds(20), () -> object(get(checkUrl, kendari)).get("status"), "DONE"::equals);

        List<Map<String, Object>> agencies = array(get("/api/v1/connectors", kendari));
        Map<String, Object> dukcapil = agencies.stream()
                .filter(agency -> "DUKCAPIL".equals(((Map<?, ?>) agency.get("status")).get("agency")))
                .findFirst()
                .orElseThrow();
        assertThat(((Map<?, ?>) dukcapil.get("status")).get("breakerState")).isEqualTo("CLOSED");
        assertThat(dukcapil.get("tenants").toString()).contains("tenantId=7471").doesNotContain("tenantId=7401");

        String kolaka = login("admin-7401");
        assertThat(array(get("/api/v1/connectors", kolaka)).toString()).doesNotContain("tenantId=7471");
    }

    @Test
    void deadLettersAndPausesAreTheTenantsOwnAndMistakesAnswerWithAProblem() {
        String kendari = login("admin-7471");
        String kolaka = login("admin-7401");

        assertThat(get("/api/v1/tenants/7471/dead-letters", kendari).statusCode())
                .isEqualTo(200);
        assertProblem(get("/api/v1/tenants/7471/dead-letters", kolaka), 404, "tenant_not_found");
        assertProblem(
                post("/api/v1/tenants/7471/dead-letters/" + java.util.UUID.randomUUID() + "/retry", kendari, null, ""),
                404,
                "dead_letter_not_found");
        assertProblem(
                post("/api/v1/tenants/7471/dead-letters/not-a-uuid/retry", kendari, null, ""),
                404,
                "dead_letter_not_found");
        assertProblem(
                post("/api/v1/tenants/7471/connectors/dukcapil/resume", kendari, null, ""),
                404,
                "connector_not_paused");
        assertProblem(
                post("/api/v1/tenants/7471/connectors/dukcapil/resume", kolaka, null, ""), 404, "tenant_not_found");
    }

    @Test
    void theConnectorMetricsArePrometheusGauges() throws Exception {
        String body = http.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + server.getPort() + "/prometheus"))
                                .header("Accept", "text/plain")
                                .header("Authorization", "Bearer " + login("admin"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(body)
                .contains("lumbung_connector_breaker_state{agency=\"DUKCAPIL\"")
                .contains("lumbung_connector_in_flight{agency=\"DUKCAPIL\"");
    }
}
