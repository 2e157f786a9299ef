package id.lumbung.core.database;

import id.lumbung.core.protection.PrivateFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL 17 server run from the binaries inside the jar, for the one-command demo
 * and for tests when no other server is configured. Its data folder survives restarts. It
 * listens on loopback only and asks every login for its password (SCRAM): the superuser's is
 * random, made at the first start and kept owner-only beside the data folder ({@code
 * <folder>.password}), so no other local user can log in as it.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** Name of the database Lumbung creates inside the embedded server. */
    public static final String DATABASE = "lumbung";

    private static final String SUPERUSER = "postgres";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** Every login, local or over loopback, gives its password. */
    private static final String PASSWORDS_REQUIRED =
            """
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /**
     * Before the superuser has a password (a new data folder, or one from before passwords): only
     * the superuser over loopback, for the moment it takes to set it.
     */
    private static final String SETTING_THE_PASSWORD =
            """
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            """;

    /**
     * Stops the server (a fast shutdown, SIGINT) once the process that started it is gone, if the
     * server is still the one its pid file names: a JVM killed with SIGKILL runs no shutdown hook.
     * Arguments: the JVM's pid, the server's pid, the pid file.
     */
    private static final String WATCHDOG = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done;"
            + " if [ \"$(head -n 1 \"$3\" 2>/dev/null)\" = \"$2\" ]; then kill -INT \"$2\"; fi";

    private final EmbeddedPostgres postgres;
    private final String password;
    private Process watchdog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /** Starts a server on a free port, keeping its data in {@code dataDirectory}. */
    public static EmbeddedDatabase start(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        stopOrphan(dataDirectory);
        Path passwordFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
        // A password belongs to its cluster: a data folder made anew (initdb) gets a new one.
        boolean secured = Files.exists(passwordFile) && Files.exists(dataDirectory.resolve("postgresql.conf"));
        String password = secured ? Files.readString(passwordFile).strip() : newPassword();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "on")
                // Commits are acknowledged before their WAL reaches the disk (weak disks, a demo):
                // a crash may lose the last moments — except for money and the audit log, whose
                // transactions commit synchronously (TenantTransactions.commitSynchronously).
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setDataDirectoryCustomizer(folder -> writeAccessRules(folder.toPath(), secured));
        if (secured) {
            builder.setConnectConfig("password", password);
        }
        EmbeddedPostgres postgres = builder.start();
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, password);
        if (!secured) {
            database.requirePasswords(dataDirectory, passwordFile);
        }
        database.createDatabaseIfMissing();
        database.watchdog = watch(dataDirectory);
        return database;
    }

    /** A shell that outlives this JVM only to stop its server ({@link #WATCHDOG}); none where there is no shell. */
    private static Process watch(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            String serverPid = Files.readAllLines(pidFile).get(0).strip();
            return new ProcessBuilder(
                            "sh",
                            "-c",
                            WATCHDOG,
                            "lumbung-pg-watchdog",
                            Long.toString(ProcessHandle.current().pid()),
                            serverPid,
                            pidFile.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            LOG.warn("No watchdog for the embedded PostgreSQL ({}): kill this process only with SIGTERM", e.toString());
            return null;
        }
    }

    /** The superuser gets its password, kept owner-only; from then on every login needs one. */
    private void requirePasswords(Path dataDirectory, Path passwordFile) throws IOException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            // Random URL-safe base64: no quote can end the literal.
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            Path fresh = PrivateFiles.newFile(passwordFile.toAbsolutePath().getParent(), "postgres-", ".password");
            Files.writeString(fresh, password);
            Files.move(fresh, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            writeAccessRules(dataDirectory, true);
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not give the embedded PostgreSQL's superuser its password", e);
        }
        LOG.info("The embedded PostgreSQL now asks every login for its password");
    }

    private static void writeAccessRules(Path dataDirectory, boolean passwordSet) {
        try {
            Files.writeString(
                    dataDirectory.resolve("pg_hba.conf"), passwordSet ? PASSWORDS_REQUIRED : SETTING_THE_PASSWORD);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write the embedded PostgreSQL's pg_hba.conf", e);
        }
    }

    private static String newPassword() {
        byte[] secret = new byte[24];
        new java.security.SecureRandom().nextBytes(secret);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
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
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, password);
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

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    public String jdbcUrl() {
        return url(DATABASE);
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
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
        if (watchdog != null) {
            watchdog.destroy();
        }
    }
}
