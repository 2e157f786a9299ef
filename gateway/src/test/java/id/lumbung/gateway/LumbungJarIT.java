package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, as the README's run command starts it: up, working, stopped cleanly, data kept. */
class LumbungJarIT {
    private static final Path JAR = Path.of("target", "lumbung.jar");
    private static final String PASSWORD = "jar-test-password-1";
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void theDemoStartsChecksANikStopsOnSigtermAndKeepsItsDataAcrossARestart() throws Exception {
        int port = freePort();
        Path log = data.resolve("first-run.log");
        Process app = start(port, log);
        try {
            awaitHealthy(port);
            String token = match(
                    TOKEN,
                    post(
                            port,
                            "/api/v1/auth/login",
                            null,
                            "{\"username\":\"admin-7471\",\"password\":\"" + PASSWORD + "\"}"));
            String id =
                    match(ID, post(port, "/api/v1/tenants/7471/nik-checks", token, "{\"nik\":\"7471011205850001\"}"));
            Eventually.await(
                    Duration.ofSeconds(30),
                    () -> get(port, "/api/v1/tenants/7471/nik-checks/" + id, token),
                    body -> body.contains("\"result\":\"FOUND\""));
        } finally {
            app.destroy();
        }
        assertThat(app.waitFor(40, TimeUnit.SECONDS))
                .as("the process ends on SIGTERM")
                .isTrue();
        assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                .as("the embedded PostgreSQL was stopped cleanly")
                .isFalse();
        assertThat(Files.readString(log)).doesNotContainPattern("(?<![0-9])[0-9]{16}(?![0-9])");

        Process again = start(port, data.resolve("second-run.log"));
        try {
            awaitHealthy(port);
            String token = match(
                    TOKEN,
                    post(
                            port,
                            "/api/v1/auth/login",
                            null,
                            "{\"username\":\"admin-7471\",\"password\":\"" + PASSWORD + "\"}"));
            assertThat(get(port, "/api/v1/tenants/7471/nik-checks", token)).contains("\"result\":\"FOUND\"");
        } finally {
            again.destroy();
            again.waitFor(40, TimeUnit.SECONDS);
        }
    }

    private Process start(int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        JAR.toAbsolutePath().toString(), "--demo")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LUMBUNG_DATA_DIR", data.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("LUMBUNG_DEMO_PASSWORD", PASSWORD);
        builder.environment().put("LUMBUNG_SIMULATORS_DUKCAPIL_PORT", "0");
        builder.environment().remove("DATASOURCE_URL");
        return builder.start();
    }

    private void awaitHealthy(int port) {
        Eventually.await(
                Duration.ofSeconds(90),
                () -> {
                    try {
                        return get(port, "/health", null);
                    } catch (IllegalStateException e) {
                        return "";
                    }
                },
                body -> body.contains("\"UP\""));
    }

    private String get(int port, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    private String post(int port, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("Not reachable: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
