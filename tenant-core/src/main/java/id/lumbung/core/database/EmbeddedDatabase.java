package id.lumbung.core.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL 17 server run from the binaries inside the jar, for the one-command demo
 * and for tests when no other server is configured. Its data folder survives restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** Name of the database Lumbung creates inside the embedded server. */
    public static final String DATABASE = "lumbung";

    private static final String SUPERUSER = "postgres";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server on a free port, keeping its data in {@code dataDirectory}. */
    public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        stopOrphan(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on")
                .start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        database.createDatabaseIfMissing();
        return database;
    }

    /**
     * A process killed with {@code SIGKILL} (or a power cut of the JVM alone) leaves its server
     * running on the data folder, and a new one cannot start there. Such a server has no client
     * left: it is asked to stop (SIGTERM, a smart shutdown), and killed only if it will not.
     */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException e) {
            return; // unreadable: PostgreSQL itself decides whether the lock is stale
        }
        var server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> handle.info()
                .command()
                .map(command -> command.contains("postgres"))
                .orElse(false));
        if (server.isEmpty()) {
            return; // a stale file: PostgreSQL removes it itself
        }
        LOG.warn(
                "An embedded PostgreSQL (pid {}) still runs on {} after an unclean stop; stopping it",
                pid,
                dataDirectory);
        server.get().destroy();
        try {
            server.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            server.get().destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("Could not stop the orphaned PostgreSQL " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the orphaned PostgreSQL " + pid, e);
        }
    }

    private void createDatabaseIfMissing() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rows =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IOException("Could not create the embedded database " + DATABASE, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return "";
    }

    /**
     * Data source settings for Micronaut: the pool logs in as {@link AppLogin#DEFAULT_LOGIN} (a
     * member of {@code appRole} with a password new at every start), migrations as the superuser.
     */
    public Map<String, Object> dataSourceProperties(String appRole) {
        String password = AppLogin.ensure(jdbcUrl(), username(), password(), appRole, AppLogin.DEFAULT_LOGIN);
        return Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", AppLogin.DEFAULT_LOGIN,
                "datasources.default.password", password,
                "lumbung.database.migration-username", username(),
                "lumbung.database.migration-password", password());
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
