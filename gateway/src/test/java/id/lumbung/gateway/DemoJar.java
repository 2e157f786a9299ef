package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar in demo mode as a separate process, on a data folder that outlives it. */
final class DemoJar {
    static final String PASSWORD = "jar-test-password-1";
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Path JAR = Path.of("target", "lumbung.jar");
    private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Process process;
    final int port;

    private DemoJar(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the jar and waits until it is healthy. */
    static DemoJar start(Path data, int port, Path log, Map<String, String> environment) throws IOException {
        return start(data, port, log, environment, "--demo");
    }

    /** Starts the jar with these arguments (none: production mode) and waits until it is healthy. */
    static DemoJar start(Path data, int port, Path log, Map<String, String> environment, String... arguments)
            throws IOException {
        DemoJar jar = new DemoJar(launch(data, port, log, environment, arguments), port);
        Eventually.await(
                Duration.ofSeconds(90),
                () -> {
                    try {
                        return jar.get("/health", null);
                    } catch (IllegalStateException e) {
                        return "";
                    }
                },
                body -> body.contains("\"UP\""));
        return jar;
    }

    /** Starts the jar with these arguments, without waiting for anything. */
    static Process launch(Path data, int port, Path log, Map<String, String> environment, String... arguments)
            throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LUMBUNG_DATA_DIR", data.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("LUMBUNG_DEMO_PASSWORD", PASSWORD);
        builder.environment().put("LUMBUNG_SIMULATORS_DUKCAPIL_PORT", "0");
        builder.environment().put("LUMBUNG_SIMULATORS_BANKS_PORT", "0");
        builder.environment().remove("DATASOURCE_URL");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Logs in with a password of one's own; answers the body as it is. */
    String login(String username, String password, String newPassword) {
        return post(
                "/api/v1/auth/login",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\""
                        + (newPassword == null ? "" : ",\"newPassword\":\"" + newPassword + "\"") + "}");
    }

    String login(String username) {
        return match(
                TOKEN,
                post(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"));
    }

    String get(String path, String token) {
        return get(URI.create("http://127.0.0.1:" + port + path), token);
    }

    String post(String path, String token, String body) {
        return post(URI.create("http://127.0.0.1:" + port + path), token, body);
    }

    static String get(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    static String post(URI uri, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("Not reachable: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    /**
     * Starts the agency simulators in a process of their own ({@code --simulators}, every one on a
     * free port) and answers it with the settings Lumbung needs to use them, once written.
     */
    static Map.Entry<Process, Map<String, String>> simulators(Path data, Path log) throws IOException {
        Path settings = data.resolve("simulators.env");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                        JAR.toAbsolutePath().toString(), "--simulators")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        for (String agency : List.of("DUKCAPIL", "DAPODIK", "BANKS", "KEMENSOS")) {
            builder.environment().put("LUMBUNG_SIMULATORS_" + agency + "_PORT", "0");
        }
        builder.environment().put("LUMBUNG_SIMULATORS_ENV_FILE", settings.toString());
        Process process = builder.start();
        Eventually.await(Duration.ofSeconds(30), () -> Files.exists(settings), Boolean::booleanValue);
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(settings)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return Map.entry(process, values);
    }

    /**
     * The settings of a deployment's database outside the jar's process: its owner migrates, the
     * application logs in as {@code lumbung_api}, a login made here that owns nothing.
     */
    static Map<String, String> externalDatabase(id.lumbung.core.database.EmbeddedDatabase database) {
        try (java.sql.Connection owner = java.sql.DriverManager.getConnection(
                        database.jdbcUrl(), database.username(), database.password());
                java.sql.Statement statement = owner.createStatement()) {
            statement.execute("CREATE ROLE lumbung_api LOGIN PASSWORD 'api-login-password'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "DATASOURCE_URL",
                database.jdbcUrl(),
                "DATASOURCE_USERNAME",
                "lumbung_api",
                "DATASOURCE_PASSWORD",
                "api-login-password",
                "MIGRATION_USERNAME",
                database.username(),
                "MIGRATION_PASSWORD",
                database.password(),
                "LUMBUNG_DATABASE_APP_LOGIN",
                "lumbung_api");
    }

    /** One number from a database outside the jar's process, as its owner. */
    static long count(id.lumbung.core.database.EmbeddedDatabase database, String sql) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                        database.jdbcUrl(), database.username(), database.password());
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts through the embedded server's superuser, on the port its pid file names. */
    static long count(Path data, String sql) {
        try {
            String databasePort = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"))
                    .get(3)
                    .strip();
            // The embedded server asks for the superuser's password, kept beside its data folder.
            String password =
                    Files.readString(data.resolve("postgres.password")).strip();
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                            "jdbc:postgresql://localhost:" + databasePort + "/lumbung", "postgres", password);
                    java.sql.Statement statement = connection.createStatement();
                    java.sql.ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
