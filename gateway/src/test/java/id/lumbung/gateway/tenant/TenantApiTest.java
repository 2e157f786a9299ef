package id.lumbung.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class TenantApiTest extends ApiTest {

    @Nested
    class Onboarding {
        @Test
        void thePlatformAdminOnboardsARegencyByItsCode() {
            var response = postJson("/api/v1/tenants", login("admin"), "{\"regionCode\":\"74.03\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(object(response))
                    .containsEntry("id", "7403")
                    .containsEntry("name", "KABUPATEN MUNA")
                    .containsEntry("provinceId", "74");
            assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/tenants/7403");
        }

        @Test
        void aCodeWithoutDotsWorksToo() {
            var response = postJson("/api/v1/tenants", login("admin"), "{\"regionCode\":\"7404\"}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(object(response)).containsEntry("id", "7404");
        }

        @Test
        void anExistingTenantIsAConflict() {
            assertProblem(
                    postJson("/api/v1/tenants", login("admin"), "{\"regionCode\":\"74.71\"}"), 409, "tenant_exists");
        }

        @Test
        void anUnknownRegionOrOneThatIsNotARegencyIsUnprocessable() {
            String admin = login("admin");
            assertProblem(postJson("/api/v1/tenants", admin, "{\"regionCode\":\"74.98\"}"), 422, "unknown_region");
            assertProblem(postJson("/api/v1/tenants", admin, "{\"regionCode\":\"74\"}"), 422, "region_not_regency");
            assertProblem(
                    postJson("/api/v1/tenants", admin, "{\"regionCode\":\"kendari\"}"), 422, "invalid_region_code");
        }

        @Test
        void badBodiesAnswerProblemsNeverA500() {
            String admin = login("admin");
            assertProblem(postJson("/api/v1/tenants", admin, "{\"regionCode\":"), 400, "malformed_request_body");
            assertProblem(postJson("/api/v1/tenants", admin, "[1,2]"), 400, "malformed_request_body");
            assertProblem(postJson("/api/v1/tenants", admin, "{}"), 422, "validation_failed");
            assertProblem(post("/api/v1/tenants", admin, "text/plain", "74.71"), 415, "unsupported_media_type");
            assertProblem(post("/api/v1/tenants", admin, "application/json", ""), 400, "missing_request_value");
        }

        @Test
        void onlyThePlatformAndTheRegencysOwnProvinceOnboard() {
            assertProblem(
                    postJson("/api/v1/tenants", login("prov-74"), "{\"regionCode\":\"73.05\"}"),
                    422,
                    "region_outside_province");
            assertProblem(
                    postJson("/api/v1/tenants", login("admin-7471"), "{\"regionCode\":\"74.05\"}"),
                    403,
                    "permission_denied");
        }
    }

    @Nested
    class Listing {
        @Test
        void aTenantAdminSeesOnlyItsTenant() {
            assertThat(array(get("/api/v1/tenants", login("admin-7471"))))
                    .extracting(tenant -> tenant.get("id"))
                    .containsExactly("7471");
        }

        @Test
        void aProvinceAdminSeesTheTenantsOfItsProvince() {
            assertThat(array(get("/api/v1/tenants", login("prov-74"))))
                    .extracting(tenant -> (String) tenant.get("id"))
                    .contains("7471", "7401")
                    .allMatch(id -> id.startsWith("74"));
        }

        @Test
        void anotherTenantAnswers404LikeAnUnknownOne() {
            String kendari = login("admin-7471");
            assertThat(object(get("/api/v1/tenants/7471", kendari))).containsEntry("name", "KOTA KENDARI");
            assertProblem(get("/api/v1/tenants/7401", kendari), 404, "tenant_not_found");
            assertProblem(get("/api/v1/tenants/9999", kendari), 404, "tenant_not_found");
        }
    }

    @Test
    void regionsComeWithTheirChildren() {
        Map<String, Object> kendari = object(get("/api/v1/regions/7471", login("admin-7471")));
        assertThat(kendari).containsEntry("code", "74.71").containsEntry("name", "Kota Kendari");
        assertThat((java.util.List<?>) kendari.get("children")).hasSizeGreaterThan(5);
        assertProblem(get("/api/v1/regions/74.99", login("admin-7471")), 404, "region_not_found");
    }
}
