package id.lumbung.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the OpenAPI document, tried as every role of Kendari, as the platform
 * admin, as Sulawesi Tenggara's province admin, and as another tenant of the province and users
 * of another province (Makassar, Sulawesi Selatan), against the permission matrix as the
 * database holds it: a caller who cannot see Kendari gets 404, one whose roles lack the verb
 * 403, and everyone else gets past authorization. An operation that declares neither the verb
 * it needs ({@code @Permits}) nor why it needs none ({@code @Public}) fails the build.
 */
@MicronautTest(transactional = false)
class AccessMatrixTest extends SweepTest {
    private static final String KENDARI = "7471";
    private static final String SULAWESI_TENGGARA = "74";
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger DENIED = new AtomicInteger();
    private static final List<String> VIOLATIONS = new ArrayList<>();

    /** A caller of the sweep. */
    private record Who(String name, String token, Set<Role> roles, String tenantId, String provinceId) {}

    private final List<Who> callers = new ArrayList<>();
    private final Map<Role, Map<Permission, String>> matrix = new EnumMap<>(Role.class);
    private String target;

    @BeforeAll
    void everyRoleAndTheMatrix() throws Exception {
        matrix.putAll(matrixInDatabase());
        String platform = login("admin");
        String kendari = login("admin-7471");
        callers.add(new Who("platform admin", platform, Set.of(Role.PLATFORM_ADMIN), null, null));
        callers.add(new Who("province admin 74", login("prov-74"), Set.of(Role.PROVINCE_ADMIN), null, "74"));
        callers.add(new Who("tenant admin 7471", kendari, Set.of(Role.TENANT_ADMIN), KENDARI, SULAWESI_TENGGARA));
        for (Role role : List.of(
                Role.VERIFIER, Role.APPROVER, Role.VILLAGE_OPERATOR, Role.FIELD_WORKER, Role.AUDITOR, Role.DPO)) {
            String name = user(kendari, KENDARI, role);
            callers.add(new Who(role + " 7471", login(name), Set.of(role), KENDARI, SULAWESI_TENGGARA));
        }
        callers.add(new Who("tenant admin 7401", login("admin-7401"), Set.of(Role.TENANT_ADMIN), "7401", "74"));
        // Another province: Kota Makassar (73.71), its tenant admin and Sulawesi Selatan's province admin.
        var makassar = postJson("/api/v1/tenants", platform, "{\"regionCode\":\"73.71\"}");
        assertThat(makassar.statusCode()).as(makassar.body()).isIn(201, 409);
        String makassarAdmin = user(platform, "7371", Role.TENANT_ADMIN);
        callers.add(new Who("tenant admin 7371", login(makassarAdmin), Set.of(Role.TENANT_ADMIN), "7371", "73"));
        String southSulawesi = "prov-73-" + UUID.randomUUID().toString().substring(0, 6);
        var province = postJson(
                "/api/v1/provinces/73/users",
                platform,
                "{\"username\":\"" + southSulawesi + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(province.statusCode()).as(province.body()).isEqualTo(201);
        callers.add(new Who("province admin 73", login(southSulawesi), Set.of(Role.PROVINCE_ADMIN), null, "73"));
        // Whose account the user operations act on: a tenant admin nobody logs in as here.
        target = user(kendari, KENDARI, Role.TENANT_ADMIN);
    }

    private String user(String by, String tenantId, Role role) {
        String name = "am-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        boolean villages = role == Role.VILLAGE_OPERATOR || role == Role.FIELD_WORKER;
        var created = postJson(
                "/api/v1/tenants/" + tenantId + "/users",
                by,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]"
                        + (villages ? ",\"villageCodes\":[\"74.71.01.1005\"]" : "") + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return name;
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAsEveryCaller() {
        return OPEN_API.operations().stream()
                .map(operation -> DynamicTest.dynamicTest(operation.key(), () -> {
                    SweepTest.Declared declared = declared(operation)
                            .orElseGet(() -> fail(operation.key() + " declares neither @Permits (the verb it needs) nor"
                                    + " @Public (why it needs none): decide, then add it to the matrix"));
                    if (declared.publicReason() != null) {
                        HttpResponse<String> anonymous = send(new Call(operation, KENDARI, target), null);
                        REQUESTS.incrementAndGet();
                        assertThat(anonymous.statusCode()).as(operation.key()).isLessThan(500);
                        return;
                    }
                    HttpResponse<String> anonymous = send(new Call(operation, KENDARI, target), null);
                    REQUESTS.incrementAndGet();
                    assertThat(anonymous.statusCode())
                            .as("%s without a token", operation.key())
                            .isEqualTo(401);
                    for (Who who : callers) {
                        check(operation, declared, who);
                    }
                }));
    }

    private void check(OpenApi.Operation operation, SweepTest.Declared declared, Who who) {
        HttpResponse<String> response = send(new Call(operation, KENDARI, target), who.token());
        REQUESTS.incrementAndGet();
        String code = code(response);
        String seen = response.statusCode() + " " + code;
        String as = operation.key() + " as " + who.name() + " → " + response.body();
        assertThat(response.statusCode()).as(as).isLessThan(500);
        boolean tenantPath = operation.path().contains("{tenantId}");
        boolean sees = !tenantPath || sees(who);
        boolean holds =
                holdsAll(who, declared.value()) || (declared.orElse().length > 0 && holdsAll(who, declared.orElse()));
        if (!sees) {
            DENIED.incrementAndGet();
            record(as, seen, response.statusCode() == 404 && "tenant_not_found".equals(code));
        } else if (holds && onlyWithAReason(who, declared.value()) && !accessRunning(who)) {
            // Personal data of a regency for its province: only while an access opened with a reason runs.
            DENIED.incrementAndGet();
            record(as, seen, response.statusCode() == 403 && "break_glass_required".equals(code));
        } else if (!holds) {
            DENIED.incrementAndGet();
            record(as, seen, response.statusCode() == 403 && "permission_denied".equals(code));
        } else {
            record(
                    as,
                    seen,
                    response.statusCode() != 401
                            && !"permission_denied".equals(code)
                            && !"tenant_not_found".equals(code));
        }
    }

    private static void record(String as, String seen, boolean expected) {
        if (!expected) {
            synchronized (VIOLATIONS) {
                VIOLATIONS.add(as + " (" + seen + ")");
            }
        }
        assertThat(expected).as(as).isTrue();
    }

    /** Whether the caller sees Kendari: the platform, its province, its own tenant. */
    private static boolean sees(Who who) {
        return who.roles().contains(Role.PLATFORM_ADMIN)
                || (who.roles().contains(Role.PROVINCE_ADMIN) && SULAWESI_TENGGARA.equals(who.provinceId()))
                || KENDARI.equals(who.tenantId());
    }

    /** Whether an access of the caller to Kendari opened with a reason runs (the sweep opens one itself). */
    private static boolean accessRunning(Who who) {
        try (var connection = id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                var query = connection.prepareStatement("SELECT count(*) FROM break_glass WHERE tenant_id = ?"
                        + " AND username = ? AND closed_at IS NULL AND expires_at > now()")) {
            query.setString(1, KENDARI);
            query.setString(2, who.name().startsWith("province admin 74") ? "prov-74" : who.name());
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether some verb is held by the caller only with a reason (break-glass), none of its roles holding it outright. */
    private boolean onlyWithAReason(Who who, Permission[] permissions) {
        for (Permission permission : permissions) {
            boolean reasoned = who.roles().stream().anyMatch(role -> "REASONED"
                    .equals(matrix.getOrDefault(role, Map.of()).get(permission)));
            boolean outright = who.roles().stream().anyMatch(role -> {
                String reach = matrix.getOrDefault(role, Map.of()).get(permission);
                return reach != null && !"REASONED".equals(reach);
            });
            if (reasoned && !outright) {
                return true;
            }
        }
        return false;
    }

    private boolean holdsAll(Who who, Permission[] permissions) {
        for (Permission permission : permissions) {
            boolean held = who.roles().stream()
                    .anyMatch(role -> matrix.getOrDefault(role, Map.of()).containsKey(permission));
            if (!held) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theMatrixNamesOnlyKnownVerbsAndOnlyScopedOnesReachPartOfATenant() {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        matrix.forEach((role, permissions) -> permissions.forEach((permission, reach) -> {
            granted.add(permission);
            if (role.level() == Role.Level.PROVINCE) {
                // A province reads a regency's personal data only with a reason (break-glass).
                assertThat(reach).as("%s holds %s", role, permission).isIn("TENANT", "REASONED");
            } else if (!permission.scoped() || role.level() != Role.Level.TENANT) {
                assertThat(reach).as("%s holds %s", role, permission).isEqualTo("TENANT");
            }
        }));
        assertThat(granted).as("every verb is granted to some role").containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void theReadmeTableIsTheMatrix() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher header = Pattern.compile("\\| permission \\|(.+)\\|\\n").matcher(readme);
        assertThat(header.find()).as("README has the permission table").isTrue();
        List<Role> columns = new ArrayList<>();
        for (String cell : header.group(1).split("\\|")) {
            columns.add(Role.valueOf(cell.strip().replace("`", "")));
        }
        assertThat(columns).containsExactly(Role.values());
        Map<Permission, List<String>> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("\\| `([A-Z_]+)` \\|(.+)\\|\\n").matcher(readme);
        Set<String> verbs = new java.util.HashSet<>();
        for (Permission permission : Permission.values()) {
            verbs.add(permission.name());
        }
        while (row.find()) {
            if (!verbs.contains(row.group(1))) {
                continue; // another table of the README (the roles)
            }
            List<String> cells = new ArrayList<>();
            for (String cell : row.group(2).split("\\|", -1)) {
                cells.add(cell.strip());
            }
            documented.put(Permission.valueOf(row.group(1)), cells);
        }
        assertThat(documented.keySet()).containsExactly(Permission.values());
        documented.forEach((permission, cells) -> {
            for (int i = 0; i < columns.size(); i++) {
                String reach = matrix.getOrDefault(columns.get(i), Map.of()).get(permission);
                String expected = reach == null
                        ? ""
                        : switch (reach) {
                            case "TENANT" -> "✓";
                            case "VILLAGES" -> "villages";
                            case "REASONED" -> "with reason";
                            default -> "assigned";
                        };
                assertThat(cells.get(i))
                        .as("README: %s of %s", permission, columns.get(i))
                        .isEqualTo(expected);
            }
        });
    }

    @AfterAll
    void figures() {
        System.out.printf(
                "Access sweep: %d operations × %d callers (+ anonymous): %d requests, %d refused as the matrix says,"
                        + " %d violations%n",
                OPEN_API.operations().size(), callers.size(), REQUESTS.get(), DENIED.get(), VIOLATIONS.size());
        VIOLATIONS.forEach(violation -> System.out.println("  violation: " + violation));
    }
}
