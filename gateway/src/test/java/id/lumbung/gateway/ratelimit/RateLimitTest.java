package id.lumbung.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class RateLimitTest extends ApiTest {

    @Override
    protected Map<String, String> extraProperties() {
        return with(
                "lumbung.rate-limits.lookup-per-user",
                "5",
                "lumbung.rate-limits.login-per-user",
                "3",
                "lumbung.rate-limits.window",
                "1h");
    }

    @Test
    void aBulkPullOfNikChecksIsStoppedWithRetryAfterAndAudited() {
        String admin = login("admin-7401");
        String name = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        postJson(
                "/api/v1/tenants/7401/users",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"VERIFIER\"]}");
        String verifier = (String) object(postJson(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"))
                .get("accessToken");

        for (int i = 0; i < 5; i++) {
            assertThat(postJson("/api/v1/tenants/7401/nik-checks", verifier, "{\"nik\":\"7401012207820004\"}")
                            .statusCode())
                    .isEqualTo(202);
        }
        var limited = postJson("/api/v1/tenants/7401/nik-checks", verifier, "{\"nik\":\"7401012207820004\"}");

        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(postJson("/api/v1/tenants/7401/nik-checks", admin, "{\"nik\":\"7401012207820004\"}")
                        .statusCode())
                .as("another user of the tenant still has its own budget")
                .isEqualTo(202);
    }

    @Test
    void loginsPerUserAreLimited() {
        String body = "{\"username\":\"guess-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"not-the-password\"}";
        for (int i = 0; i < 3; i++) {
            assertProblem(postJson("/api/v1/auth/login", null, body), 401, "invalid_credentials");
        }
        assertProblem(postJson("/api/v1/auth/login", null, body), 429, "rate_limited");
    }
}
