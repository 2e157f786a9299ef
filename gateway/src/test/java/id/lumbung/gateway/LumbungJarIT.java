package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.database.EmbeddedDatabase;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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

    @Test
    void aRealDeploymentsFirstDayBootstrapsOnePlatformAdminWhoMustChooseItsOwnPassword() throws Exception {
        // The deployment's PostgreSQL, outside the process: the owner migrates, the application
        // logs in with a login of its own that owns nothing.
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data.resolve("external-postgres"))) {
            Map<String, String> external = DemoJar.externalDatabase(database);
            // A setting forgotten names itself in one line, and nothing is left running.
            Path forgot = data.resolve("no-secret.log");
            Map<String, String> withoutSecret = new java.util.HashMap<>(production());
            withoutSecret.remove("LUMBUNG_JWT_SECRET");
            withoutSecret.putAll(external);
            Process refused = DemoJar.launch(data, FreePort.pick(), forgot, withoutSecret, new String[0]);
            assertThat(refused.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.exitValue()).isEqualTo(78);
            assertThat(Files.readAllLines(forgot).stream().filter(line -> line.contains(" ERROR ")))
                    .singleElement()
                    .asString()
                    .endsWith("Lumbung cannot start: the setting LUMBUNG_JWT_SECRET is not set");
            assertThat(Files.readString(forgot)).doesNotContain("\tat ");
            firstDay(external);
        }
    }

    private static final String KEY =
            java.util.Base64.getEncoder().encodeToString(new byte[32]).replace("AAAA", "AbCd");

    /** A production start's own settings (the database apart). */
    private static Map<String, String> production() {
        return Map.of(
                "LUMBUNG_JWT_SECRET", "a-production-secret-of-at-least-32-characters",
                "LUMBUNG_PROTECTION_KEYS", "p1:" + KEY,
                "LUMBUNG_PROTECTION_ACTIVE_KEY_ID", "p1",
                "LUMBUNG_PROTECTION_BLIND_INDEX_KEY", KEY,
                "LUMBUNG_AUDIT_KEYS", "a1:" + KEY,
                "LUMBUNG_AUDIT_ACTIVE_KEY_ID", "a1",
                "LUMBUNG_CONNECTORS_WORKER_ENABLED", "false",
                "LUMBUNG_BOOTSTRAP_USERNAME", "root",
                "LUMBUNG_BOOTSTRAP_PASSWORD", "first-day-password");
    }

    private void firstDay(Map<String, String> database) throws Exception {
        String key = KEY;
        Map<String, String> production = production();
        // A data folder of its own: the demo's (with its platform admin) may share the class's folder.
        Path home = Files.createDirectories(data.resolve("production"));
        int port = FreePort.pick();
        Map<String, String> first = new java.util.HashMap<>(production);
        first.putAll(database);
        DemoJar app = DemoJar.start(home, port, home.resolve("production.log"), first, new String[0]);
        try {
            assertThat(app.login("root", "wrong-password-here", null)).contains("invalid_credentials");
            assertThat(app.login("root", "first-day-password", null))
                    .as("the right password, but it must be changed first")
                    .contains("password_change_required")
                    .doesNotContain("accessToken");
            assertThat(app.login("root", "first-day-password", "first-day-password"))
                    .contains("password_unchanged");
            assertThat(app.login("root", "first-day-password", "short")).contains("weak_password");
            String token = DemoJar.match(
                    Pattern.compile("\"accessToken\":\"([^\"]+)\""),
                    app.login("root", "first-day-password", "the-admins-own-password"));
            assertThat(app.post("/api/v1/tenants", token, "{\"regionCode\":\"74.71\"}"))
                    .contains("KOTA KENDARI");
            assertThat(app.login("root", "first-day-password", null)).contains("invalid_credentials");
            assertThat(app.login("root", "the-admins-own-password", null)).contains("accessToken");
        } finally {
            app.process.destroy();
            app.process.waitFor(40, TimeUnit.SECONDS);
        }
        Map<String, String> second = new java.util.HashMap<>(Map.of(
                "LUMBUNG_JWT_SECRET", production.get("LUMBUNG_JWT_SECRET"),
                "LUMBUNG_PROTECTION_KEYS", production.get("LUMBUNG_PROTECTION_KEYS"),
                "LUMBUNG_PROTECTION_ACTIVE_KEY_ID", "p1",
                "LUMBUNG_PROTECTION_BLIND_INDEX_KEY", key,
                "LUMBUNG_AUDIT_KEYS", production.get("LUMBUNG_AUDIT_KEYS"),
                "LUMBUNG_AUDIT_ACTIVE_KEY_ID", "a1",
                "LUMBUNG_CONNECTORS_WORKER_ENABLED", "false",
                "LUMBUNG_BOOTSTRAP_USERNAME", "root2",
                "LUMBUNG_BOOTSTRAP_PASSWORD", "second-day-password"));
        second.putAll(database);
        DemoJar again = DemoJar.start(home, port, home.resolve("production-again.log"), second, new String[0]);
        try {
            assertThat(again.login("root2", "second-day-password", "another-own-password"))
                    .as("the setting is read once: a platform admin exists, no second one is made")
                    .contains("invalid_credentials");
            assertThat(again.login("root", "the-admins-own-password", null)).contains("accessToken");
        } finally {
            again.process.destroy();
            again.process.waitFor(40, TimeUnit.SECONDS);
        }
    }
}
