package id.lumbung.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a hostile insider of Kendari tried, each finding of the access review as a test: a field
 * worker of Mandonga with one assigned household, a village operator of Mandonga, and a
 * household, a verification and a payment in Korumba, outside both their reaches.
 */
@MicronautTest(transactional = false)
class HostileInsiderTest extends ApiTest {
    private static final String KENDARI = "/api/v1/tenants/7471";
    private static final String MANDONGA = "74.71.01.1005";
    private static final String KORUMBA = "74.71.01.1006";

    private String admin;
    private String worker;
    private String workerName;
    private String operator;
    private String korumbaHousehold;
    private String korumbaVerification;
    private String korumbaPayment;

    @BeforeAll
    void aWorkerAnOperatorAndWorkOutsideTheirReach() {
        admin = login("admin-7471");
        workerName = user("FIELD_WORKER", MANDONGA);
        worker = login(workerName);
        operator = login(user("VILLAGE_OPERATOR", MANDONGA));
        String mandongaHousehold = household(MANDONGA);
        assertThat(putJson(
                                KENDARI + "/users/" + workerName + "/assignments",
                                admin,
                                "{\"householdIds\":[\"" + mandongaHousehold + "\"]}")
                        .statusCode())
                .isEqualTo(200);
        korumbaHousehold = household(KORUMBA);
        var verification = postJson(KENDARI + "/verifications", admin, "{\"village\":\"" + KORUMBA + "\"}");
        assertThat(verification.statusCode()).as(verification.body()).isEqualTo(202);
        korumbaVerification = (String) object(verification).get("id");
        var payment = postJson(
                KENDARI + "/disbursements",
                admin,
                "{\"payments\":[{\"bankCode\":\"BNI\",\"householdId\":\"" + korumbaHousehold
                        + "\",\"programme\":\"PKH\",\"period\":\"2026-11\",\"accountNo\":\"1234567890\","
                        + "\"beneficiaryName\":\"LA KORUMBA\",\"amount\":750000}]}");
        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(202);
        korumbaPayment = (String) array(payment).get(0).get("id");
    }

    private String user(String role, String village) {
        String name = role.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        var created = postJson(
                KENDARI + "/users",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]"
                        + (village == null ? "" : ",\"villageCodes\":[\"" + village + "\"]") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    private String household(String village) {
        var created = postJson(
                KENDARI + "/households",
                admin,
                "{\"villageCode\":\"" + village
                        + "\",\"address\":\"Jl. Uji\",\"headName\":\"LA UJI\",\"memberCount\":2}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (String) object(created).get("id");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ReachHoldsEverywhere {
        @Test
        void neitherSeesAVerificationOutsideItsReach() {
            for (String narrow : List.of(worker, operator)) {
                assertThat(get(KENDARI + "/verifications/" + korumbaVerification, narrow)
                                .statusCode())
                        .isIn(403, 404);
                var list = get(KENDARI + "/verifications", narrow);
                assertThat(list.statusCode()).isIn(200, 403);
                assertThat(list.body()).doesNotContain(korumbaVerification);
            }
        }

        @Test
        void neitherSeesAPaymentOutsideItsReach() {
            for (String narrow : List.of(worker, operator)) {
                assertProblem(get(KENDARI + "/disbursements/" + korumbaPayment, narrow), 404, "disbursement_not_found");
                var list = get(KENDARI + "/disbursements", narrow);
                assertThat(list.statusCode()).isEqualTo(200);
                assertThat(list.body()).doesNotContain(korumbaPayment, "LA KORUMBA");
            }
            assertThat(get(KENDARI + "/disbursements/" + korumbaPayment, admin).statusCode())
                    .isEqualTo(200);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class NarrowRolesDoNoTenantWideWork {
        @Test
        void neitherRetriesResumesChecksImportsOrReconciles() {
            for (String narrow : List.of(worker, operator)) {
                assertProblem(
                        post(KENDARI + "/dead-letters/" + UUID.randomUUID() + "/retry", narrow, null, ""),
                        403,
                        "permission_denied");
                assertProblem(
                        post(KENDARI + "/connectors/DUKCAPIL/resume", narrow, null, ""), 403, "permission_denied");
                assertProblem(
                        postJson(KENDARI + "/nik-checks", narrow, "{\"nik\":\"7471011205850001\"}"),
                        403,
                        "permission_denied");
                assertProblem(
                        postJson(KENDARI + "/nik-checks/batch", narrow, "{\"niks\":[\"7471011205850001\"]}"),
                        403,
                        "permission_denied");
                byte[] students = "nisn;nama;npsn\n0012345678;SITI;40201001\n".getBytes(StandardCharsets.UTF_8);
                assertProblem(
                        postFile(KENDARI + "/students/imports", narrow, "dapodik.csv", students),
                        403,
                        "permission_denied");
                assertProblem(postJson(KENDARI + "/students/pulls", narrow, "{}"), 403, "permission_denied");
                byte[] ministry = "iddtks;nama\nX1;SITI\n".getBytes(StandardCharsets.UTF_8);
                assertProblem(
                        postFile(KENDARI + "/ministry/determinations?period=2026-11", narrow, "sk.csv", ministry),
                        403,
                        "permission_denied");
                assertProblem(
                        post(KENDARI + "/ministry/exchanges/fetches", narrow, null, ""), 403, "permission_denied");
                byte[] result = "H|BNI|20261201|0|0.00\nT|0|0.00\n".getBytes(StandardCharsets.UTF_8);
                assertProblem(
                        postFile(KENDARI + "/disbursements/reconciliations?bank=BNI", narrow, "bni.txt", result),
                        403,
                        "permission_denied");
            }
        }

        @Test
        void theAuditorReadsTheAuditLogOnly() {
            String auditor = login(user("AUDITOR", null));
            assertProblem(get(KENDARI + "/students/pulls", auditor), 403, "permission_denied");
            assertProblem(get(KENDARI + "/ministry/exchanges", auditor), 403, "permission_denied");
            assertProblem(get(KENDARI + "/households", auditor), 403, "permission_denied");
            assertThat(get(KENDARI + "/audit/verify", auditor).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ThePlatformAdminOnboardsOnly {
        @Test
        void itCreatesNoOtherRoleChangesNoRoleAndDisablesNobody() {
            String platform = login("admin");
            String dpo = user("DPO", null);
            assertProblem(
                    postJson(
                            KENDARI + "/users",
                            platform,
                            "{\"username\":\"pa-verifier-"
                                    + UUID.randomUUID().toString().substring(0, 6) + "\",\"password\":\"" + PASSWORD
                                    + "\",\"roles\":[\"VERIFIER\"]}"),
                    403,
                    "permission_denied");
            assertProblem(
                    postJson(KENDARI + "/users/" + dpo + "/password", platform, "{\"password\":\"" + PASSWORD + "x\"}"),
                    403,
                    "permission_denied");
            assertProblem(
                    putJson(KENDARI + "/users/" + dpo + "/roles", platform, "{\"roles\":[\"VERIFIER\"]}"),
                    403,
                    "permission_denied");
            assertProblem(post(KENDARI + "/users/" + dpo + "/disable", platform, null, ""), 403, "permission_denied");
            assertProblem(get(KENDARI + "/households", platform), 403, "permission_denied");
            assertThat(login(dpo)).isNotBlank();
        }

        @Test
        void itResetsATenantAdminsPasswordAndTheDpoSeesThatInTheAuditLog() {
            String tenantAdmin = user("TENANT_ADMIN", null);
            String platform = login("admin");
            var reset = postJson(
                    KENDARI + "/users/" + tenantAdmin + "/password",
                    platform,
                    "{\"password\":\"a-new-password-0123\"}");
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
            String dpo = login(user("DPO", null));
            assertThat(array(get(KENDARI + "/audit?actor=admin&action=USER_PASSWORD_RESET", dpo)))
                    .isNotEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TokensCarryIdentityNotRights {
        @Test
        void rolesWrittenIntoASignedTokenGrantNothing() throws Exception {
            String forged = sign(new JWTClaimsSet.Builder()
                    .subject(workerName)
                    .issuer("lumbung")
                    .claim("roles", List.of("TENANT_ADMIN", "VERIFIER"))
                    .claim("tenants", List.of("7471", "7401"))
                    .claim("ver", 0)
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                    .build());
            assertProblem(get(KENDARI + "/users", forged), 403, "permission_denied");
            assertProblem(get("/api/v1/tenants/7401/households", forged), 404, "tenant_not_found");
            assertThat(get(KENDARI + "/households/" + korumbaHousehold, forged).statusCode())
                    .isEqualTo(404);
        }

        @Test
        void aTokenWithoutExpiryOrExpiringInTenYearsIsRefused() throws Exception {
            String timeless = sign(new JWTClaimsSet.Builder()
                    .subject("admin-7471")
                    .issuer("lumbung")
                    .claim("ver", 0)
                    .issueTime(new Date())
                    .build());
            assertThat(get(KENDARI + "/households", timeless).statusCode()).isEqualTo(401);
            String decade = sign(new JWTClaimsSet.Builder()
                    .subject("admin-7471")
                    .issuer("lumbung")
                    .claim("ver", 0)
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plus(Duration.ofDays(3650))))
                    .build());
            assertThat(get(KENDARI + "/households", decade).statusCode()).isEqualTo(401);
        }

        private String sign(JWTClaimsSet claims) throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class LoginTellsNobodyWhoExists {
        @Test
        void unknownWrongAndLockedAnswerAlike() {
            String victim = user("AUDITOR", null);
            for (int i = 0; i < 6; i++) {
                postJson(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + victim + "\",\"password\":\"wrong-one-0123\"}");
            }
            var locked = postJson(
                    "/api/v1/auth/login", null, "{\"username\":\"" + victim + "\",\"password\":\"" + PASSWORD + "\"}");
            var unknown = postJson(
                    "/api/v1/auth/login",
                    null,
                    "{\"username\":\"nobody-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"password\":\""
                            + PASSWORD + "\"}");
            var wrong = postJson(
                    "/api/v1/auth/login", null, "{\"username\":\"admin-7471\",\"password\":\"wrong-one-0123\"}");
            for (var answer : List.of(locked, unknown, wrong)) {
                assertProblem(answer, 401, "invalid_credentials");
            }
            assertThat(Map.of("locked", locked.body(), "unknown", unknown.body()))
                    .allSatisfy((kind, body) -> assertThat(body).isEqualTo(wrong.body()));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AnotherTenantsThingsInARequest {
        @Test
        void anotherTenantsVillageOrHouseholdIsRefused() {
            assertProblem(
                    postJson(KENDARI + "/verifications", admin, "{\"village\":\"74.01.01.1001\"}"),
                    422,
                    "village_outside_tenant");
            String kolaka = login("admin-7401");
            var kolakaHousehold = postJson(
                    "/api/v1/tenants/7401/households",
                    kolaka,
                    "{\"villageCode\":\"74.01.01.1001\",\"address\":\"Jl. Uji\",\"headName\":\"ANDI\",\"memberCount\":2}");
            String foreign = (String) object(kolakaHousehold).get("id");
            assertProblem(
                    postJson(
                            KENDARI + "/disbursements",
                            admin,
                            "{\"payments\":[{\"bankCode\":\"BNI\",\"householdId\":\"" + foreign
                                    + "\",\"programme\":\"PKH\",\"period\":\"2026-10\",\"accountNo\":\"1234567890\","
                                    + "\"beneficiaryName\":\"ANDI\",\"amount\":750000}]}"),
                    422,
                    "unknown_household");
        }

        @Test
        void metricsNeedThePlatformAdmin() throws Exception {
            assertThat(metrics(null, "/prometheus").statusCode()).isEqualTo(401);
            for (String path : List.of("/prometheus", "/prometheus/", "//prometheus")) {
                // However the path is written, nobody but the platform admin reads the metrics.
                assertThat(metrics(null, path).statusCode()).as(path).isIn(401, 404);
                assertThat(metrics(admin, path).statusCode()).as(path).isIn(403, 404);
            }
            var scraped = metrics(login("admin"), "/prometheus");
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("jvm_");
        }

        private java.net.http.HttpResponse<String> metrics(String token, String path) throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + server.getPort() + path))
                    .header("Accept", "*/*");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }
}
