package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, as the README's run command starts it: up, working, stopped cleanly, data kept. */
class LumbungJarIT {

    @TempDir
    Path data;

    @Test
    void theDemoStartsChecksANikStopsOnSigtermAndKeepsItsDataAcrossARestart() throws Exception {
        int port = FreePort.pick();
        Path log = data.resolve("first-run.log");
        DemoJar app = DemoJar.start(data, port, log, Map.of());
        try {
            String token = app.login("admin-7471");
            String id = DemoJar.match(
                    DemoJar.ID, app.post("/api/v1/tenants/7471/nik-checks", token, "{\"nik\":\"7471011205850001\"}"));
            Eventually.await(
                    Duration.ofSeconds(30),
                    () -> app.get("/api/v1/tenants/7471/nik-checks/" + id, token),
                    body -> body.contains("\"result\":\"FOUND\""));
        } finally {
            app.process.destroy();
        }
        assertThat(app.process.waitFor(40, TimeUnit.SECONDS))
                .as("the process ends on SIGTERM")
                .isTrue();
        assertThat(Files.exists(data.resolve("postgres").resolve("postmaster.pid")))
                .as("the embedded PostgreSQL was stopped cleanly")
                .isFalse();
        assertThat(Files.readString(log)).doesNotContainPattern("(?<![0-9])[0-9]{16}(?![0-9])");

        DemoJar again = DemoJar.start(data, port, data.resolve("second-run.log"), Map.of());
        try {
            String token = again.login("admin-7471");
            assertThat(again.get("/api/v1/tenants/7471/nik-checks", token)).contains("\"result\":\"FOUND\"");
        } finally {
            again.process.destroy();
            again.process.waitFor(40, TimeUnit.SECONDS);
        }
    }
}
