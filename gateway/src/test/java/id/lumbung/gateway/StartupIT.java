package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.FreePort;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar fails fast and clearly: a start refused for its configuration says why in one
 * line and exits; no embedded PostgreSQL outlives the process that started it, whether its start
 * failed or it was killed outright; a stop behind a load balancer first drains.
 */
class StartupIT {
    @TempDir
    Path data;

    @Test
    void withoutADatabaseUrlAProductionStartRefusesInOneLineAndStartsNoDatabase() throws Exception {
        Path log = data.resolve("no-url.log");
        Process process = DemoJar.launch(data, FreePort.pick(), log, Map.of(), new String[0]);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(78);
        assertThat(errors(log)).singleElement().asString().contains("Lumbung cannot start: DATASOURCE_URL is not set");
        assertThat(Files.exists(data.resolve("postgres")))
                .as("no embedded database")
                .isFalse();
    }

    @Test
    void anUnknownLogFormatRefusesToStartInOneLine() throws Exception {
        Path log = data.resolve("log-format.log");
        Process process = DemoJar.launch(data, FreePort.pick(), log, Map.of("LUMBUNG_LOG_FORMAT", "xml"), "--demo");

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(78);
        assertThat(Files.readString(log))
                .contains("Lumbung cannot start: LUMBUNG_LOG_FORMAT must be text or json, not xml");
        assertThat(Files.exists(data.resolve("postgres")))
                .as("no embedded database")
                .isFalse();
    }

    @Test
    void aStartThatFailsStopsItsEmbeddedDatabase() throws Exception {
        Path log = data.resolve("port-taken.log");
        try (ServerSocket taken = new ServerSocket(0)) {
            Process process =
                    DemoJar.launch(data, taken.getLocalPort(), log, Map.of("LUMBUNG_DEMO_MEMBERS", "0"), "--demo");

            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(78);
        }
        // Netty says which port; then one line of ours, no stack trace.
        assertThat(errors(log)).last().asString().endsWith("Lumbung cannot start: Address already in use");
        assertThat(Files.readString(log)).doesNotContain("\tat ");
        assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                .as("the embedded PostgreSQL was stopped")
                .isFalse();
    }

    @Test
    void aProcessKilledOutrightLeavesNoDatabaseRunning() throws Exception {
        // Logging as a log collector reads it: every line one JSON object.
        DemoJar app = DemoJar.start(
                data,
                FreePort.pick(),
                data.resolve("killed.log"),
                Map.of("LUMBUNG_DEMO_MEMBERS", "0", "LUMBUNG_LOG_FORMAT", "json"));
        List<String> logged = Files.readAllLines(data.resolve("killed.log")).stream()
                .filter(line -> line.startsWith("{"))
                .toList();
        assertThat(logged).hasSizeGreaterThan(3).allSatisfy(line -> assertThat(
                        io.micronaut.serde.ObjectMapper.getDefault().readValue(line, Map.class))
                .containsKeys("time", "level", "logger", "message"));
        assertThat(Files.readAllLines(data.resolve("killed.log")))
                .as("no line in the text format")
                .noneMatch(line -> line.matches("^\\d{4}-\\d{2}-\\d{2}T.*"));
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        long server = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());

        app.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
        app.process.waitFor(30, TimeUnit.SECONDS);

        Eventually.await(
                Duration.ofSeconds(30),
                () -> ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false),
                alive -> !alive);
        assertThat(Files.exists(pidFile))
                .as("stopped cleanly, its pid file removed")
                .isFalse();
    }

    @Test
    void aStopIsNotReadyFirstWhileItStillAnswersThenEndsCleanly() throws Exception {
        int port = FreePort.pick();
        DemoJar app = DemoJar.start(
                data,
                port,
                data.resolve("drain.log"),
                Map.of("LUMBUNG_DEMO_MEMBERS", "0", "LUMBUNG_SHUTDOWN_DRAIN_SECONDS", "3"));
        String token = app.login("admin-7471");
        assertThat(status(port, "/health/readiness", null)).isEqualTo(200);

        app.process.destroy(); // SIGTERM, as Kubernetes or systemd stops it

        Eventually.await(Duration.ofSeconds(2), () -> status(port, "/health/readiness", null), code -> code == 503);
        assertThat(status(port, "/api/v1/tenants/7471/households", token))
                .as("still serving while the balancer takes it out")
                .isEqualTo(200);
        assertThat(app.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(app.process.exitValue()).isZero();
        assertThat(Files.readString(data.resolve("drain.log"))).contains("Stopping: not ready for 3 s");
    }

    private static int status(int port, String path, String token) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The log's error lines (a stack trace's lines are not errors of their own). */
    private static List<String> errors(Path log) throws java.io.IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(" ERROR "))
                .toList();
    }
}
