package id.lumbung.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class UserApiTest extends ApiTest {
    private static final String USERS = "/api/v1/tenants/7471/users";

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String userJson(String username, String password, String roles, String villages) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":" + roles
                + ",\"villageCodes\":" + villages + "}";
    }

    private String loginAs(String username, String password) {
        var response = postJson(
                "/api/v1/auth/login", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) object(response).get("accessToken");
    }

    @Nested
    class ATenantAdmin {
        @Test
        void createsAVillageOperatorScopedToVillagesOfItsTenantWhoCanThenLogIn() {
            String name = unique("operator");
            var created = postJson(
                    USERS, login("admin-7471"), userJson(name, PASSWORD, "[\"VILLAGE_OPERATOR\"]", "[\"7471011005\"]"));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(object(created))
                    .containsEntry("username", name)
                    .containsEntry("roles", List.of("VILLAGE_OPERATOR"))
                    .containsEntry("villageCodes", List.of("74.71.01.1005"));
            String token = loginAs(name, PASSWORD);
            assertThat(get("/api/v1/tenants/7471", token).statusCode()).isEqualTo(200);
            assertProblem(get("/api/v1/tenants/7401", token), 404, "tenant_not_found");
        }

        @Test
        void cannotCreateUsersInAnotherTenant() {
            assertProblem(
                    postJson(USERS, login("admin-7401"), userJson(unique("x"), PASSWORD, "[\"VERIFIER\"]", "[]")),
                    404,
                    "tenant_not_found");
        }
    }

    @Nested
    class BadInputCreatesNoUser {
        @Test
        void anUnknownRole() {
            assertRejected("[\"SUPERUSER\"]", "[]", PASSWORD, 422, "unknown_role");
        }

        @Test
        void aRoleThatIsNotATenantRole() {
            assertRejected("[\"PROVINCE_ADMIN\"]", "[]", PASSWORD, 422, "role_not_allowed_here");
        }

        @Test
        void aVillageOutsideTheTenant() {
            assertRejected(
                    "[\"VILLAGE_OPERATOR\"]",
                    "[\"74.71.01.1005\",\"74.01.01.1001\"]",
                    PASSWORD,
                    422,
                    "village_outside_tenant");
        }

        @Test
        void aVillageOperatorWithoutVillages() {
            assertRejected("[\"VILLAGE_OPERATOR\"]", "[]", PASSWORD, 422, "village_scope_required");
        }

        @Test
        void aWeakPassword() {
            assertRejected("[\"VERIFIER\"]", "[]", "short", 422, "weak_password");
        }

        @Test
        void aDuplicateUsername() {
            assertProblem(
                    postJson(USERS, login("admin-7471"), userJson("admin-7401", PASSWORD, "[\"VERIFIER\"]", "[]")),
                    409,
                    "username_taken");
        }

        private void assertRejected(String roles, String villages, String password, int status, String code) {
            String name = unique("rejected");
            String admin = login("admin-7471");
            assertProblem(postJson(USERS, admin, userJson(name, password, roles, villages)), status, code);
            assertThat(array(get(USERS, admin)))
                    .extracting(user -> user.get("username"))
                    .doesNotContain(name);
            assertProblem(
                    postJson(
                            "/api/v1/auth/login",
                            null,
                            "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}"),
                    401,
                    "invalid_credentials");
        }
    }

    @Nested
    class TokensAreRevoked {
        @Test
        void whenTheUserIsDisabled() {
            String name = unique("verifier");
            String admin = login("admin-7471");
            postJson(USERS, admin, userJson(name, PASSWORD, "[\"VERIFIER\"]", "[]"));
            String token = loginAs(name, PASSWORD);
            assertThat(get("/api/v1/tenants", token).statusCode()).isEqualTo(200);

            assertThat(postJson(USERS + "/" + name + "/disable", admin, "").statusCode())
                    .isEqualTo(200);

            assertProblem(get("/api/v1/tenants", token), 401, "unauthenticated");
            assertProblem(
                    postJson(
                            "/api/v1/auth/login",
                            null,
                            "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"),
                    401,
                    "invalid_credentials");
        }

        @Test
        void whenItsRolesChange() {
            String name = unique("approver");
            String admin = login("admin-7471");
            postJson(USERS, admin, userJson(name, PASSWORD, "[\"APPROVER\"]", "[]"));
            String token = loginAs(name, PASSWORD);

            var changed = http(() -> put(USERS + "/" + name + "/roles", admin, "{\"roles\":[\"AUDITOR\"]}"));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

            assertProblem(get("/api/v1/tenants", token), 401, "unauthenticated");
            assertThat(object(get("/api/v1/tenants/7471", loginAs(name, PASSWORD))))
                    .containsEntry("id", "7471");
        }
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() {
        String name = unique("locked");
        postJson(USERS, login("admin-7471"), userJson(name, PASSWORD, "[\"VERIFIER\"]", "[]"));
        for (int i = 0; i < 5; i++) {
            assertProblem(
                    postJson(
                            "/api/v1/auth/login",
                            null,
                            "{\"username\":\"" + name + "\",\"password\":\"wrong-password-" + i + "\"}"),
                    401,
                    "invalid_credentials");
        }
        assertProblem(
                postJson(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"),
                401,
                "invalid_credentials");
    }

    @Test
    void thePlatformAdminCreatesProvinceAdminsAndNobodyElseDoes() {
        String name = unique("prov");
        var created = postJson("/api/v1/provinces/74/users", login("admin"), userJson(name, PASSWORD, "null", "null"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(object(created)).containsEntry("provinceId", "74").containsEntry("roles", List.of("PROVINCE_ADMIN"));
        assertThat(array(get("/api/v1/tenants", loginAs(name, PASSWORD))))
                .extracting(tenant -> tenant.get("id"))
                .contains("7471", "7401");

        assertProblem(
                postJson(
                        "/api/v1/provinces/74/users",
                        login("admin-7471"),
                        userJson(unique("prov"), PASSWORD, "null", "null")),
                403,
                "permission_denied");
        assertProblem(
                postJson(
                        "/api/v1/provinces/99/users",
                        login("admin"),
                        userJson(unique("prov"), PASSWORD, "null", "null")),
                404,
                "province_not_found");
    }

    private java.net.http.HttpResponse<String> put(String path, String token, String body) throws Exception {
        return http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + server.getPort() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T http(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
