package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.FreePort;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process is killed (SIGKILL: no shutdown hook runs) while NIK checks are claimed — some
 * waiting for a worker, some in a call to Dukcapil — and started again on the same data.
 */
class ConnectorCrashIT {
    private static final int CHECKS = 40;

    @TempDir
    Path data;

    @Test
    void killedWithChecksClaimedAndInFlightNothingIsLostAndNothingIsAnsweredTwice() throws Exception {
        int port = FreePort.pick();
        int simulatorPort = FreePort.pick();
        Map<String, String> environment = Map.of(
                "LUMBUNG_SIMULATORS_DUKCAPIL_PORT", Integer.toString(simulatorPort),
                // A short lease (longer than a call): what the killed process claimed is claimed again 8 s later.
                "LUMBUNG_CONNECTORS_DUKCAPIL_LEASE", "8s",
                "LUMBUNG_CONNECTORS_DUKCAPIL_CONCURRENCY", "8",
                "LUMBUNG_RATE_LIMITS_LOOKUP_PER_USER", "100000",
                "LUMBUNG_RATE_LIMITS_LOOKUP_PER_TENANT", "100000");
        URI simulator = URI.create("http://127.0.0.1:" + simulatorPort);
        DemoJar first = DemoJar.start(data, port, data.resolve("first-run.log"), environment);
        try {
            // Every call takes 4 s: when the process dies, 8 calls are in flight and 8 more
            // messages are claimed and wait for a worker; the rest were never claimed.
            DemoJar.post(simulator.resolve("/sim/faults"), null, "{\"latencyMs\":4000}");
            String niks = IntStream.range(0, CHECKS)
                    .mapToObj(i -> i % 2 == 0 ? "\"7471011205850001\"" : "\"7471012208900009\"")
                    .collect(Collectors.joining(",", "{\"niks\":[", "]}"));
            String queued = first.post("/api/v1/tenants/7471/nik-checks/batch", first.login("admin-7471"), niks);
            assertThat(queued).contains("QUEUED");
            Eventually.await(
                    Duration.ofSeconds(30),
                    () -> DemoJar.get(simulator.resolve("/sim/stats"), null),
                    stats -> stats.contains("\"hits\":8"));
            assertThat(count("SELECT count(*) FROM outbox WHERE locked_until > now()"))
                    .as("claimed when the process dies")
                    .isEqualTo(16);
        } finally {
            first.process.destroyForcibly();
            first.process.waitFor(20, TimeUnit.SECONDS);
        }

        DemoJar second = DemoJar.start(data, port, data.resolve("second-run.log"), environment);
        try {
            String token = second.login("admin-7471");
            Eventually.await(
                    Duration.ofSeconds(60),
                    () -> count("SELECT count(*) FROM nik_check WHERE status = 'DONE'"),
                    done -> done == CHECKS);
            assertThat(count("SELECT count(*) FROM nik_check WHERE result = 'FOUND'"))
                    .isEqualTo(CHECKS / 2);
            assertThat(count("SELECT count(*) FROM outbox WHERE status = 'DONE'"))
                    .as("every message answered once")
                    .isEqualTo(CHECKS);
            assertThat(count("SELECT count(*) FROM dead_letter")).isZero();
            assertThat(second.get("/api/v1/tenants/7471/dead-letters", token)).isEqualTo("[]");
            // The killed process's database was stopped by its watchdog (StartupIT), or by this
            // start if it came first ("still runs on"): either way the second start found it free.
            assertThat(Files.readString(data.resolve("second-run.log")))
                    .doesNotContainPattern("(?<![0-9])[0-9]{16}(?![0-9])");
        } finally {
            second.process.destroy();
            second.process.waitFor(40, TimeUnit.SECONDS);
        }
    }

    private long count(String sql) {
        return DemoJar.count(data, sql);
    }
}
