package id.lumbung.gateway.access;

import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.access.Public;
import id.lumbung.core.access.Role;
import id.lumbung.core.testing.TestDatabase;
import id.lumbung.gateway.ApiTest;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Base of the tests that sweep every operation of the OpenAPI document: builds a request from
 * the samples with any part replaced, and finds what the operation declares it needs.
 */
abstract class SweepTest extends ApiTest {
    protected static final OpenApi OPEN_API = OpenApi.load();

    /** What a sweep set for everyone after it: a province's template, a break-glass still running. */
    @org.junit.jupiter.api.AfterAll
    void undoWhatTheSweepSet() {
        owner("DELETE FROM province_template");
        owner("UPDATE break_glass SET closed_at = now() WHERE closed_at IS NULL");
        // The demo regencies call Dukcapil with the platform's credentials again (tests count its users' calls).
        owner("DELETE FROM connector_credential");
    }

    @Inject
    Router router;

    /**
     * The permission matrix as the database holds it (the data the sweeps hold the application
     * to, not the application's reading of it): each role's verbs and their reach.
     */
    static Map<Role, Map<Permission, String>> matrixInDatabase() {
        Map<Role, Map<Permission, String>> matrix = new EnumMap<>(Role.class);
        try (Connection owner = TestDatabase.get().ownerConnection();
                Statement query = owner.createStatement();
                ResultSet rows = query.executeQuery("SELECT role, permission, reach FROM role_permission")) {
            while (rows.next()) {
                matrix.computeIfAbsent(Role.valueOf(rows.getString(1)), role -> new EnumMap<>(Permission.class))
                        .put(Permission.valueOf(rows.getString(2)), rows.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return matrix;
    }

    /** What the operation declares: its verbs, or why it needs none. */
    record Declared(Permission[] value, Permission[] orElse, String publicReason) {}

    /** The declaration on the controller method serving the operation; empty if it has none. */
    Optional<Declared> declared(OpenApi.Operation operation) {
        String concrete = operation.path().replaceAll("\\{[^}]+}", "x");
        Optional<UriRouteMatch<Object, Object>> match = router.find(
                        HttpMethod.valueOf(operation.method()),
                        concrete,
                        io.micronaut.http.HttpRequest.create(HttpMethod.valueOf(operation.method()), concrete))
                .findFirst();
        if (match.isEmpty()) {
            throw new IllegalStateException("No route serves " + operation.key());
        }
        AnnotationMetadata metadata = match.get().getRouteInfo().getAnnotationMetadata();
        Optional<Permits> permits = metadata.synthesize(Permits.class) == null
                ? Optional.empty()
                : Optional.of(metadata.synthesize(Permits.class));
        if (permits.isPresent()) {
            return Optional.of(new Declared(permits.get().value(), permits.get().orElse(), null));
        }
        Public open = metadata.synthesize(Public.class);
        return open == null
                ? Optional.empty()
                : Optional.of(new Declared(new Permission[0], new Permission[0], open.value()));
    }

    /** The operation with its samples, any part replaced. */
    static final class Call {
        final OpenApi.Operation operation;
        final Map<String, String> path = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        String json;
        String fileName;
        byte[] fileContent;
        final Map<String, String> headers = new LinkedHashMap<>();

        Call(OpenApi.Operation operation, String tenantId, String targetUser) {
            this.operation = operation;
            for (OpenApi.Parameter parameter : operation.parameters()) {
                if (parameter.in().equals("path")) {
                    path.put(parameter.name(), Samples.path(parameter.name(), tenantId, targetUser));
                } else if (parameter.in().equals("query")) {
                    String value = Samples.query(parameter);
                    if (value != null) {
                        query.put(parameter.name(), value);
                    }
                }
            }
            if ("application/json".equals(operation.bodyType())) {
                json = Samples.json(operation);
            } else if ("multipart/form-data".equals(operation.bodyType())) {
                fileName = Samples.fileName(operation);
                fileContent = Samples.fileContent(operation);
            }
        }
    }

    HttpResponse<String> send(Call call, String token) {
        StringBuilder uri = new StringBuilder("http://localhost:" + server.getPort());
        String path = call.operation.path();
        for (Map.Entry<String, String> value : call.path.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", encode(value.getValue()));
        }
        uri.append(path);
        List<String> query = new ArrayList<>();
        call.query.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        if (!query.isEmpty()) {
            uri.append('?').append(String.join("&", query));
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(uri.toString())).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        call.headers.forEach(request::header);
        HttpRequest.BodyPublisher body;
        if (call.json != null) {
            request.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(call.json);
        } else if (call.fileContent != null) {
            String boundary = "lumbung-" + UUID.randomUUID();
            request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
            body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(("--" + boundary
                                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + call.fileName
                                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8)),
                    HttpRequest.BodyPublishers.ofByteArray(call.fileContent),
                    HttpRequest.BodyPublishers.ofByteArray(
                            ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        } else {
            body = HttpRequest.BodyPublishers.noBody();
        }
        request.method(call.operation.method(), body);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(call.operation.key(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encodes every byte but the unreserved characters of RFC 3986. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    /** A problem body's code, or {@code null}. */
    String code(HttpResponse<String> response) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return null;
        }
        Object code = object(response).get("code");
        return code == null ? null : code.toString();
    }
}
