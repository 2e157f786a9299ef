package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.testing.DatabaseTest;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of tests that drive the running application over real HTTP, in demo mode: tenants 7471
 * and 7401, the demo users with {@link #PASSWORD}, and the Dukcapil simulator.
 */
public abstract class ApiTest extends DatabaseTest {
    protected static final String PASSWORD = "test-password-0123";
    protected static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    private static final Argument<List<Map<String, Object>>> JSON_ARRAY = Argument.listOf(JSON_OBJECT);

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected JsonMapper json;

    protected final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    protected Map<String, String> extraProperties() {
        return with();
    }

    /** A demo school of Kendari (the demo seeder fills it in the Dapodik simulator), polled often: for {@link #with}. */
    protected static final String[] KENDARI_SCHOOL = {
        "lumbung.connectors.dapodik.schools.40201001.tenant-id", "7471",
        "lumbung.connectors.dapodik.schools.40201001.name", "SD NEGERI 1 KENDARI",
        "lumbung.connectors.dapodik.poll-interval", "100ms"
    };

    /**
     * These tests' settings and then the given ones ({@code key, value, key, value, …}): for a class
     * whose context needs settings of its own, as its {@code extraProperties()}.
     */
    protected static Map<String, String> with(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("settings come as key, value pairs");
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("micronaut.server.port", "-1");
        properties.put("lumbung.demo.enabled", "true");
        properties.put("lumbung.demo.password", PASSWORD);
        properties.put("lumbung.simulators.enabled", "true");
        properties.put("lumbung.connectors.banks.bni.simulated", "true");
        properties.put("lumbung.jwt.secret", JWT_SECRET);
        // A break-glass a test ends (by SQL) ends at once for the next request.
        properties.put("lumbung.access.break-glass-fresh", "0s");
        // Credentials a test removes (by SQL) are not used for the next call.
        properties.put("lumbung.connectors.credentials-fresh", "0s");
        properties.put("lumbung.connectors.dukcapil.poll-interval", "100ms");
        properties.put("lumbung.connectors.kemensos.poll-interval", "100ms");
        properties.put("lumbung.connectors.dukcapil.breaker-open-for", "1s");
        properties.put("lumbung.connectors.dukcapil.max-retry-delay", "1s");
        // Tests log in and look up far more than a person would; RateLimitTest sets real budgets.
        properties.put("lumbung.rate-limits.login-per-ip", "1000000");
        properties.put("lumbung.rate-limits.login-per-user", "1000000");
        properties.put("lumbung.rate-limits.lookup-per-user", "1000000");
        properties.put("lumbung.rate-limits.lookup-per-tenant", "1000000");
        // Budgets are shared by every context of this JVM (one database): a class testing one
        // sets a capacity or window of its own, and so a bucket of its own.
        properties.put("lumbung.rate-limits.registrations-per-ip", "1000000");
        // No context verifies the audit chains on its own: WatchGaugesTest does, when it means to.
        properties.put("lumbung.audit.verify-initial-delay", "1h");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    protected String login(String username) {
        HttpResponse<String> response = post(
                "/api/v1/auth/login",
                null,
                "application/json",
                "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(response.statusCode()).as("login of %s", username).isEqualTo(200);
        return (String) object(response).get("accessToken");
    }

    protected HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    protected HttpResponse<byte[]> getBytes(String path, String token) {
        try {
            return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> post(String path, String token, String contentType, String body) {
        HttpRequest.Builder request = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    protected HttpResponse<String> postJson(String path, String token, String body) {
        return post(path, token, "application/json", body);
    }

    /** Uploads a file as multipart/form-data field {@code file}. */
    protected HttpResponse<String> postFile(String path, String token, String fileName, byte[] content) {
        String boundary = "lumbung-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(request(path, token)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(content),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .build());
    }

    /**
     * Onboards a regency of its own (its whole registry is what the test imports) with a first
     * tenant admin, and answers that admin's token.
     */
    protected String regencyOfItsOwn(String regionCode, String adminName) {
        String platform = login("admin");
        var tenant = postJson("/api/v1/tenants", platform, "{\"regionCode\":\"" + regionCode + "\"}");
        assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
        var admin = postJson(
                "/api/v1/tenants/" + regionCode.replace(".", "") + "/users",
                platform,
                "{\"username\":\"" + adminName + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"TENANT_ADMIN\"]}");
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(201);
        return login(adminName);
    }

    /** Runs SQL as the database owner (past row-level security): to set up what no API makes, e.g. a run a dead process left. */
    protected static void owner(String sql) {
        try (var connection = id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Imports a registry file (its text) into the tenant and waits until the import has succeeded. */
    protected void importFile(String tenantId, String token, String fileName, String content) {
        var upload = postFile(
                "/api/v1/tenants/" + tenantId + "/imports",
                token,
                fileName,
                content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String job =
                "/api/v1/tenants/" + tenantId + "/imports/" + object(upload).get("id");
        id.lumbung.core.testing.Eventually.await(
                java.time.Duration.ofSeconds(30), () -> object(get(job, token)).get("status"), "SUCCEEDED"::equals);
    }

    protected HttpResponse<String> putJson(String path, String token, String body) {
        return send(request(path, token)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build());
    }

    protected Map<String, Object> object(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JSON_OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON object: " + response.body(), e);
        }
    }

    protected List<Map<String, Object>> array(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), JSON_ARRAY);
        } catch (IOException e) {
            throw new UncheckedIOException("Not a JSON array: " + response.body(), e);
        }
    }

    /** Asserts a problem body with the given status and code, and no stack trace. */
    protected void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        Map<String, Object> problem = object(response);
        assertThat(problem).containsEntry("code", code).containsEntry("status", status);
        // Every code has its words; the title says them in Bahasa Indonesia unless English is asked for.
        assertThat(problem)
                .containsEntry("title", ErrorCode.of(code).orElseThrow().indonesian());
        assertThat(response.body()).doesNotContain("at id.lumbung", "at io.micronaut", "Exception");
    }

    /** A GET with one more header (e.g. {@code Accept-Language}). */
    protected HttpResponse<String> get(String path, String token, String header, String value) {
        return send(request(path, token).header(header, value).GET().build());
    }

    protected HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
