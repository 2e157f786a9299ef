package id.lumbung.gateway;

import id.lumbung.core.database.DatabaseMigrator;
import id.lumbung.core.database.DatabaseSettings;
import id.lumbung.core.database.EmbeddedDatabase;
import id.lumbung.core.user.UserService;
import id.lumbung.gateway.demo.DemoSchools;
import id.lumbung.simulators.StandaloneSimulators;
import io.micronaut.context.ApplicationContext;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts Lumbung. {@code --demo} runs an embedded PostgreSQL whose data is kept in {@code
 * LUMBUNG_DATA_DIR} when no {@code DATASOURCE_URL} is given (outside demo mode that URL is
 * required), and adds the agency simulators and the demo
 * tenants and users; {@code --migrate} applies the migrations and exits (the Helm job);
 * {@code --simulators} runs only the four agency simulators ({@link StandaloneSimulators}).
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "lumbung",
                        version = "0.1",
                        description =
                                "Lumbung: integrated social-welfare data (DTKS/DTSEN) for regency/city social offices"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class Lumbung {
    private static final String DEFAULT_DATA_DIR = "lumbung-data";
    private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(30);

    private Lumbung() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--simulators")) {
            // The agency simulators alone, in a process of their own: no database, no API.
            StandaloneSimulators.run(System::getenv);
            return;
        }
        boolean demo = arguments.contains("--demo");
        boolean migrateOnly = arguments.contains("--migrate");
        Map<String, Object> properties = new HashMap<>();

        String logFormat = System.getenv("LUMBUNG_LOG_FORMAT");
        if (logFormat != null && !List.of("text", "json").contains(logFormat)) {
            // Logback already wrote text (and said why): a misspelt setting stops the start.
            System.err.println("Lumbung cannot start: LUMBUNG_LOG_FORMAT must be text or json, not " + logFormat);
            System.exit(Startup.CONFIGURATION);
        }
        String url = System.getenv("DATASOURCE_URL");
        if ((url == null || url.isBlank()) && !demo) {
            // The embedded database is the demo's: a production start never falls back to it quietly.
            Startup.refuse("DATASOURCE_URL is not set (the JDBC URL of the PostgreSQL database; only --demo runs"
                    + " an embedded one)");
        }
        String appRole = env("LUMBUNG_DATABASE_APP_ROLE", DatabaseSettings.DEFAULT_APP_ROLE);
        EmbeddedDatabase embedded = null;
        String migrationUrl;
        String migrationUser;
        String migrationPassword;
        if (url == null || url.isBlank()) {
            Path dataDir = Path.of(env("LUMBUNG_DATA_DIR", DEFAULT_DATA_DIR))
                    .resolve("postgres")
                    .toAbsolutePath();
            embedded = EmbeddedDatabase.start(dataDir);
            migrationUrl = embedded.jdbcUrl();
            migrationUser = embedded.username();
            migrationPassword = embedded.password();
            if (!migrateOnly) {
                properties.putAll(embedded.dataSourceProperties(appRole));
            }
        } else {
            properties.put("datasources.default.url", url);
            properties.put("datasources.default.username", env("DATASOURCE_USERNAME", ""));
            properties.put("datasources.default.password", env("DATASOURCE_PASSWORD", ""));
            // Migrations as the schema owner when given; the pool keeps the application's login.
            properties.put("lumbung.database.migration-username", env("MIGRATION_USERNAME", ""));
            properties.put("lumbung.database.migration-password", env("MIGRATION_PASSWORD", ""));
            migrationUrl = url;
            boolean ownerGiven = !env("MIGRATION_USERNAME", "").isEmpty();
            migrationUser = ownerGiven ? env("MIGRATION_USERNAME", "") : env("DATASOURCE_USERNAME", "");
            migrationPassword = ownerGiven ? env("MIGRATION_PASSWORD", "") : env("DATASOURCE_PASSWORD", "");
        }
        if (migrateOnly) {
            DatabaseMigrator.migrate(
                    migrationUrl,
                    migrationUser,
                    migrationPassword,
                    appRole,
                    System.getenv("LUMBUNG_DATABASE_APP_LOGIN"));
            if (embedded != null) {
                embedded.close();
            }
            return;
        }
        String managementPort = System.getenv("LUMBUNG_MANAGEMENT_PORT");
        if (managementPort != null && !managementPort.isBlank()) {
            // Health and metrics on a port of their own, which only the cluster's probes and Prometheus reach.
            properties.put("endpoints.all.port", managementPort);
        }
        String jwks = System.getenv("LUMBUNG_OIDC_JWKS_URL");
        if (jwks != null && !jwks.isBlank()) {
            properties.put("micronaut.security.token.jwt.signatures.jwks.oidc.url", jwks);
        }
        if (demo) {
            properties.put("lumbung.simulators.enabled", true);
            properties.put("lumbung.demo.enabled", true);
            // A generated registry per demo tenant, imported once, its people known to the Dukcapil simulator.
            properties.put("lumbung.demo.registry-members", env("LUMBUNG_DEMO_MEMBERS", "3000"));
            // One paying bank, played by the bank simulator, which notifies this process.
            properties.put("lumbung.connectors.banks.bni.simulated", true);
            // Two schools per demo tenant, played by the Dapodik simulator (DemoSeeder fills them).
            DemoSchools.ALL.forEach((npsn, school) -> {
                properties.put("lumbung.connectors.dapodik.schools." + npsn + ".tenant-id", school[0]);
                properties.put("lumbung.connectors.dapodik.schools." + npsn + ".name", school[1]);
            });
            properties.put(
                    "lumbung.simulators.banks.notification-url",
                    "http://127.0.0.1:" + env("PORT", "8080") + "/api/v1/partners/banks/BNI/notifications");
            if (System.getenv("LUMBUNG_JWT_SECRET") == null) {
                // Tokens signed with a per-start secret: a demo restart logs everyone out, nothing leaks.
                properties.put("lumbung.jwt.secret", randomSecret(48));
            }
            String password = System.getenv("LUMBUNG_DEMO_PASSWORD");
            if (password != null && !password.isBlank() && password.length() < UserService.MINIMUM_PASSWORD_LENGTH) {
                System.err.println("LUMBUNG_DEMO_PASSWORD must have at least " + UserService.MINIMUM_PASSWORD_LENGTH
                        + " characters (BSSN guidance); unset it to get a random one.");
                System.exit(2);
            }
            if (password == null || password.isBlank()) {
                password = randomSecret(12);
                System.out.println(
                        "Demo users admin, prov-74, admin-7471 and admin-7401 have the password: " + password);
            }
            properties.put("lumbung.demo.password", password);
            boolean protectionKeys = System.getenv("LUMBUNG_PROTECTION_KEYS") == null;
            boolean auditKeys = System.getenv("LUMBUNG_AUDIT_KEYS") == null;
            if (protectionKeys || auditKeys) {
                properties.putAll(DemoKeys.loadOrCreate(
                        Path.of(env("LUMBUNG_DATA_DIR", DEFAULT_DATA_DIR)).resolve("demo-keys.properties"),
                        protectionKeys,
                        auditKeys));
            }
        }

        AtomicReference<ApplicationContext> started = new AtomicReference<>();
        if (embedded != null) {
            EmbeddedDatabase database = embedded;
            // Micronaut's own shutdown hook stops the application (Camel finishes its writes);
            // this one waits for that, then stops the database — also when the start fails
            // (Startup exits) or is interrupted. Stopping the context here too would deadlock
            // with Micronaut's hook.
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
                                ApplicationContext context = started.get();
                                while (context != null && context.isRunning() && System.nanoTime() < deadline) {
                                    sleep(50);
                                }
                                closeQuietly(database);
                            },
                            "lumbung-stop-database"));
        }
        String drain = env("LUMBUNG_SHUTDOWN_DRAIN_SECONDS", "0");
        if (!drain.matches("[0-9]{1,3}")) {
            Startup.refuse("LUMBUNG_SHUTDOWN_DRAIN_SECONDS must be a number of seconds, not " + drain);
        }
        id.lumbung.gateway.health.Drain.onTerm(java.time.Duration.ofSeconds(Long.parseLong(drain)));
        started.set(new Startup()
                .args(args)
                .mainClass(Lumbung.class)
                .banner(false)
                .properties(properties)
                .start());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(EmbeddedDatabase database) {
        try {
            database.close();
        } catch (Exception e) {
            System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
