package id.lumbung.core.testing;

import id.lumbung.core.database.AppLogin;
import id.lumbung.core.database.DatabaseSettings;
import id.lumbung.core.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The one real PostgreSQL of this test JVM, chosen in order: {@code LUMBUNG_TEST_JDBC_URL}
 * (a fresh database is created on that server for this JVM), Testcontainers when a Docker
 * engine answers, else an embedded server in a temporary folder.
 */
public final class TestDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static TestDatabase instance;

    private final String url;
    private final String username;
    private final String password;
    private String appPassword;

    private TestDatabase(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestDatabase start() {
        String configured = System.getenv("LUMBUNG_TEST_JDBC_URL");
        if (configured != null && !configured.isBlank()) {
            return freshDatabaseOn(
                    configured, System.getenv("LUMBUNG_TEST_JDBC_USER"), System.getenv("LUMBUNG_TEST_JDBC_PASSWORD"));
        }
        if (dockerAnswers()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            LOG.info("Tests use a PostgreSQL container");
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            Path folder = Files.createTempDirectory("lumbung-test-pg");
            EmbeddedDatabase embedded = EmbeddedDatabase.start(folder);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    embedded.close();
                                } catch (IOException e) {
                                    System.err.println("Test PostgreSQL did not stop cleanly: " + e.getMessage());
                                }
                            },
                            "test-postgres-stop"));
            LOG.info("Tests use an embedded PostgreSQL in {}", folder);
            return new TestDatabase(embedded.jdbcUrl(), embedded.username(), embedded.password());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static TestDatabase freshDatabaseOn(String serverUrl, String username, String password) {
        String name =
                "lumbung_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(serverUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database on LUMBUNG_TEST_JDBC_URL", e);
        }
        String url = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        LOG.info("Tests use database {} on the configured server", name);
        return new TestDatabase(url, username, password);
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** A direct connection with the owner's rights, for tests that inspect the database itself. */
    public Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /**
     * The data source properties for a Micronaut test context: the pool logs in as the
     * application's login (owning nothing, not a superuser), migrations as the owner.
     */
    public synchronized Map<String, String> properties() {
        if (appPassword == null) {
            appPassword =
                    AppLogin.ensure(url, username, password, DatabaseSettings.DEFAULT_APP_ROLE, AppLogin.DEFAULT_LOGIN);
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("datasources.default.url", url);
        properties.put("datasources.default.username", AppLogin.DEFAULT_LOGIN);
        properties.put("datasources.default.password", appPassword);
        properties.put("lumbung.database.migration-username", username);
        properties.put("lumbung.database.migration-password", password == null ? "" : password);
        return properties;
    }
}
