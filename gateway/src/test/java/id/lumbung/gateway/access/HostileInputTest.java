package id.lumbung.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Role;
import id.lumbung.core.registry.ImportSettings;
import id.lumbung.core.testing.Eventually;
import id.lumbung.core.upload.Uploads;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * A fixed corpus of hostile values sent to every operation of the OpenAPI document — in each
 * path segment, each query parameter, each field of a JSON body (nested ones too), a file's name
 * and content — by a caller allowed to call it. Nothing may answer 5xx, and no uploaded file may
 * stay on disk.
 */
@MicronautTest(transactional = false)
class HostileInputTest extends SweepTest {
    /** Hostile strings: control characters, broken Unicode, sizes, injections, look-alikes. */
    static final List<String> STRINGS = List.of(
            "\u0000",
            "a\u0000b",
            "%00",
            "\u0007bell",
            "\u001b[31mred",
            "\u007f",
            "\u0085",
            "\u202eevil",
            "\ud800",
            "\udc00x",
            "x".repeat(1_000_000),
            "9".repeat(400),
            "",
            " ",
            "null",
            "-1",
            "1e309",
            "../../etc/passwd",
            "/",
            "..",
            "<script>alert(1)</script>",
            "' OR '1'='1",
            "'; DROP TABLE household; --",
            "${jndi:ldap://127.0.0.1/a}",
            "=1+1",
            "7471 0151 0660 0002",
            "\\",
            "\"",
            "%",
            "😀",
            "n\u0303",
            "\t",
            "\r\n",
            "\ufeff");

    /** Hostile JSON values of another type than the field's. */
    static final List<String> VALUES =
            List.of("null", "123", "-1", "1e400", "true", "[]", "{}", "[null]", "[\"\\u0000\"]");

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final List<String> SERVER_ERRORS = new ArrayList<>();

    @Inject
    Uploads uploads;

    @Inject
    ImportSettings imports;

    private final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private final Map<Role, Set<Permission>> matrix = new EnumMap<>(Role.class);
    private String target;

    @BeforeAll
    void callersForEveryVerb() throws Exception {
        matrixInDatabase().forEach((role, verbs) -> matrix.put(role, verbs.keySet()));
        String admin = login("admin-7471");
        tokens.put(Role.PLATFORM_ADMIN, login("admin"));
        tokens.put(Role.TENANT_ADMIN, admin);
        for (Role role : List.of(Role.VERIFIER, Role.AUDITOR)) {
            tokens.put(role, login(user(admin, role)));
        }
        target = user(admin, Role.TENANT_ADMIN);
    }

    private String user(String admin, Role role) {
        String name = "hi-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        var created = postJson(
                "/api/v1/tenants/7471/users",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    /** A token of a role holding every verb the operation needs (the tenant admin when it needs none). */
    private String tokenFor(OpenApi.Operation operation) {
        SweepTest.Declared declared = declared(operation).orElseThrow();
        for (Map.Entry<Role, String> candidate : tokens.entrySet()) {
            if (matrix.getOrDefault(candidate.getKey(), Set.of()).containsAll(List.of(declared.value()))) {
                return candidate.getValue();
            }
        }
        return tokens.get(Role.TENANT_ADMIN);
    }

    @TestFactory
    Stream<DynamicTest> noHostileValueAnswers5xx() {
        return OPEN_API.operations().stream()
                .map(operation -> DynamicTest.dynamicTest(operation.key(), () -> sweep(operation)));
    }

    private void sweep(OpenApi.Operation operation) {
        String token = tokenFor(operation);
        for (OpenApi.Parameter parameter : operation.parameters()) {
            for (String value : STRINGS) {
                Call call = new Call(operation, "7471", target);
                String bounded = value.length() > 2_000 ? value.substring(0, 2_000) : value;
                (parameter.in().equals("path") ? call.path : call.query).put(parameter.name(), bounded);
                expectNo5xx(call, token, parameter.in() + " " + parameter.name() + "=" + describe(value));
            }
        }
        for (String value : List.of("\u0000", "lumbung\u0000", "x".repeat(5_000))) {
            for (String header : List.of("X-Request-Id", "X-Purpose")) {
                Call call = new Call(operation, "7471", target);
                if (value.chars().noneMatch(Character::isISOControl)) {
                    call.headers.put(header, value);
                    expectNo5xx(call, token, header + "=" + describe(value));
                }
            }
        }
        if ("application/json".equals(operation.bodyType())) {
            for (List<String> field : fields(operation.bodySchema(), List.of())) {
                for (String value : STRINGS) {
                    expectNo5xx(withField(operation, field, json(value)), token, field + "=" + describe(value));
                }
                for (String value : VALUES) {
                    expectNo5xx(withField(operation, field, value), token, field + "=" + value);
                }
            }
            for (String body : List.of("", "null", "[]", "{", "{\"a\":\"\\u0000\"}", "\"\\ud800\"", "[null]")) {
                Call call = new Call(operation, "7471", target);
                call.json = body;
                expectNo5xx(call, token, "body " + body);
            }
        } else if ("multipart/form-data".equals(operation.bodyType())) {
            for (String name :
                    List.of("/", "..", "a\u0000b.csv", "../../etc/passwd", "", "x".repeat(5_000), "😀.xlsx")) {
                Call call = new Call(operation, "7471", target);
                call.fileName = name;
                expectNo5xx(call, token, "file name " + describe(name));
            }
            for (byte[] content : List.of(
                    new byte[0],
                    "\u0000\u0000".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0x41},
                    "PK\u0003\u0004broken".getBytes(StandardCharsets.ISO_8859_1),
                    ("a;b\n" + "x".repeat(200_000) + "\n").getBytes(StandardCharsets.UTF_8))) {
                Call call = new Call(operation, "7471", target);
                call.fileContent = content;
                expectNo5xx(call, token, "file of " + content.length + " bytes");
            }
        }
    }

    /** The paths of every field of a body schema, into objects of arrays too (e.g. payments.0.programme). */
    private List<List<String>> fields(Map<String, Object> schema, List<String> prefix) {
        List<List<String>> fields = new ArrayList<>();
        OPEN_API.properties(schema).forEach((name, property) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            fields.add(path);
            if ("array".equals(property.get("type")) && property.get("items") instanceof Map<?, ?> items) {
                Map<String, Object> item = OPEN_API.resolve(OpenApi.map(items));
                if (!OPEN_API.properties(item).isEmpty()) {
                    List<String> element = new ArrayList<>(path);
                    element.add("0");
                    fields.addAll(fields(item, element));
                }
            }
        });
        return fields;
    }

    /** The sample body with one field set to raw JSON (the field is created where the sample lacks it). */
    @SuppressWarnings("unchecked")
    private Call withField(OpenApi.Operation operation, List<String> field, String rawJson) {
        Call call = new Call(operation, "7471", target);
        Map<String, Object> body;
        try {
            body = json.readValue(call.json, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object node = body;
        for (int i = 0; i < field.size() - 1; i++) {
            String part = field.get(i);
            if (node instanceof Map<?, ?> map) {
                Object next = map.get(part);
                if (next == null) {
                    next = field.get(i + 1).equals("0")
                            ? new ArrayList<>(List.of(new LinkedHashMap<>()))
                            : new LinkedHashMap<>();
                    ((Map<String, Object>) map).put(part, next);
                }
                node = next;
            } else if (node instanceof List<?> list) {
                node = list.get(Integer.parseInt(part));
            }
        }
        String marker = "§HOSTILE§";
        ((Map<String, Object>) node).put(field.get(field.size() - 1), marker);
        try {
            call.json = new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8)
                    .replace("\"" + marker + "\"", rawJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return call;
    }

    private void expectNo5xx(Call call, String token, String what) {
        HttpResponse<String> response = send(call, token);
        REQUESTS.incrementAndGet();
        if (response.statusCode() >= 500) {
            synchronized (SERVER_ERRORS) {
                SERVER_ERRORS.add(call.operation.key() + " with " + what + " → " + response.statusCode());
            }
        }
        assertThat(response.statusCode())
                .as("%s with %s → %s", call.operation.key(), what, abbreviate(response.body()))
                .isLessThan(500);
    }

    /** A JSON string literal of the value, every character outside printable ASCII escaped. */
    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String describe(String value) {
        String shown = value.length() > 20 ? value.substring(0, 20) + "…(" + value.length() + ")" : value;
        StringBuilder out = new StringBuilder();
        shown.chars()
                .forEach(c ->
                        out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheEdgeSaysWhatIsWrong {
        @Test
        void aNulByteAnywhereIsRefusedWithItsCode() {
            String admin = tokens.get(Role.TENANT_ADMIN);
            assertProblem(
                    postJson("/api/v1/auth/login", null, "{\"username\":\"ad\\u0000min\",\"password\":\"x\"}"),
                    400,
                    "control_character");
            assertProblem(get("/api/v1/tenants/7471/households?village=74%00", admin), 400, "control_character");
            assertProblem(get("/api/v1/tenants/74%0071/households", admin), 400, "control_character");
            assertProblem(
                    postJson(
                            "/api/v1/tenants/7471/households",
                            admin,
                            "{\"villageCode\":\"74.71.01.1005\",\"address\":\"Jl.\\u0000\",\"headName\":\"X\",\"memberCount\":1}"),
                    400,
                    "control_character");
            assertProblem(
                    postJson("/api/v1/tenants/7471/members/search", admin, "{\"name\":\"\\ud800abc\"}"),
                    400,
                    "invalid_unicode");
        }

        @Test
        void aFieldTooLongOrANullInAListIsRefusedNamingIt() {
            String admin = tokens.get(Role.TENANT_ADMIN);
            var tooLong = postJson(
                    "/api/v1/tenants/7471/households",
                    admin,
                    "{\"villageCode\":\"74.71.01.1005\",\"address\":\"" + "x".repeat(1_000_000)
                            + "\",\"headName\":\"X\",\"memberCount\":1}");
            assertProblem(tooLong, 422, "validation_failed");
            assertThat(tooLong.body()).contains("\"field\":\"address\"");
            assertProblem(
                    postJson("/api/v1/tenants/7471/disbursements", admin, "{\"payments\":[null]}"),
                    422,
                    "validation_failed");
        }

        @Test
        void anEmptyOrNamelessFileIsRefused() {
            String admin = tokens.get(Role.TENANT_ADMIN);
            var empty = postFile(
                    "/api/v1/tenants/7471/disbursements/reconciliations?bank=BNI", admin, "bni.txt", new byte[0]);
            assertThat(empty.statusCode()).as(empty.body()).isBetween(400, 499);
            var slash =
                    postFile("/api/v1/tenants/7471/imports", admin, "/", "iddtks\n".getBytes(StandardCharsets.UTF_8));
            assertThat(slash.statusCode()).as(slash.body()).isBetween(400, 499);
        }
    }

    @AfterAll
    void nothingIsLeftOnDisk() throws IOException {
        Path importFolder = imports.directory();
        Eventually.await(
                Duration.ofSeconds(60), () -> count(importFolder) + count(uploads.folder()), left -> left == 0);
        assertThat(Files.getPosixFilePermissions(uploads.folder()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        System.out.printf(
                "Hostile sweep: %d requests over %d operations, %d answered 5xx, files left on disk: %d%n",
                REQUESTS.get(),
                OPEN_API.operations().size(),
                SERVER_ERRORS.size(),
                count(importFolder) + count(uploads.folder()));
        SERVER_ERRORS.forEach(error -> System.out.println("  5xx: " + error));
        assertThat(REQUESTS.get()).as("requests sent").isGreaterThanOrEqualTo(1_500);
    }

    private static long count(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
