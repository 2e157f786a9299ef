package id.lumbung.gateway.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every tenant-scoped endpoint family keeps: Kendari's token on Kolaka's ids and
 * paths answers 404, Kendari's lists never contain Kolaka's rows, and a header or parameter
 * naming Kolaka changes nothing. A new family adds a line to {@link #families()}.
 */
@MicronautTest(transactional = false)
class TenantIsolationContractTest extends ApiTest {
    private static final String KENDARI = "7471";
    private static final String KOLAKA = "7401";

    /** Family name, the collection path under the tenant, and a JSON body creating one object. */
    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of("nik-checks", "{\"nik\":\"7401012207820004\"}", "id"),
                Arguments.of(
                        "households",
                        "{\"villageCode\":\"74.01.01.1001\",\"address\":\"Jl. Pemuda\","
                                + "\"headName\":\"ANDI\",\"memberCount\":2}",
                        "id"),
                Arguments.of(
                        "users",
                        "{\"username\":\"kolaka-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"password\":\""
                                + PASSWORD + "\",\"roles\":[\"VERIFIER\"]}",
                        "username"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void kendariCannotReachKolakasObjects(String family, String body, String idField) throws Exception {
        var created = postJson(path(KOLAKA, family), login("admin-7401"), body);
        assertThat(created.statusCode()).as(created.body()).isIn(201, 202);
        String id = String.valueOf(object(created).get(idField));
        String kendari = login("admin-7471");

        assertProblem(get(path(KOLAKA, family), kendari), 404, "tenant_not_found");
        assertProblem(get(path(KOLAKA, family) + "/" + id, kendari), 404, "tenant_not_found");
        assertThat(get(path(KENDARI, family) + "/" + id, kendari).statusCode()).isEqualTo(404);
        assertThat(postJson(path(KOLAKA, family), kendari, body).statusCode()).isEqualTo(404);

        var list = send(kendari, path(KENDARI, family) + "?tenantId=" + KOLAKA, KOLAKA);
        assertThat(list.statusCode()).isIn(200, 403);
        assertThat(list.body()).doesNotContain(id);
        var smuggled = send(kendari, path(KENDARI, family) + "/" + id + "?tenantId=" + KOLAKA, KOLAKA);
        assertThat(smuggled.statusCode()).isIn(403, 404);
        assertThat(smuggled.body()).doesNotContain("\"" + idField + "\":\"" + id + "\"");
    }

    @Test
    void kendariCannotReachKolakasFieldWorkerAssignments() {
        String kolaka = login("admin-7401");
        String worker = "tksk-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(postJson(
                                path(KOLAKA, "users"),
                                kolaka,
                                "{\"username\":\"" + worker + "\",\"password\":\"" + PASSWORD
                                        + "\",\"roles\":[\"FIELD_WORKER\"],\"villageCodes\":[\"74.01.01.1001\"]}")
                        .statusCode())
                .isEqualTo(201);
        String household = String.valueOf(object(postJson(
                        path(KOLAKA, "households"),
                        kolaka,
                        "{\"villageCode\":\"74.01.01.1001\",\"address\":\"Jl. Pemuda\","
                                + "\"headName\":\"ANDI\",\"memberCount\":2}"))
                .get("id"));
        String assignments = "/users/" + worker + "/assignments";
        String body = "{\"householdIds\":[\"" + household + "\"]}";
        assertThat(putJson(path(KOLAKA, "") + assignments, kolaka, body).statusCode())
                .isEqualTo(200);

        String kendari = login("admin-7471");
        assertProblem(get(path(KOLAKA, "") + assignments, kendari), 404, "tenant_not_found");
        assertProblem(
                putJson(path(KOLAKA, "") + assignments, kendari, "{\"householdIds\":[]}"), 404, "tenant_not_found");
        assertProblem(get(path(KENDARI, "") + assignments, kendari), 404, "user_not_found");
        assertThat(object(get(path(KOLAKA, "") + assignments, kolaka)).get("householdIds"))
                .isEqualTo(List.of(household));
    }

    private static String path(String tenant, String family) {
        return "/api/v1/tenants/" + tenant + (family.isEmpty() ? "" : "/" + family);
    }

    private HttpResponse<String> send(String token, String path, String tenantHeader) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .header("X-Tenant-Id", tenantHeader)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
