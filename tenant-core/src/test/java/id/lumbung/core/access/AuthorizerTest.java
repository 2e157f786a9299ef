package id.lumbung.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.lumbung.core.error.LumbungException;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Tenants;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one place that decides, asked directly: which tenant a caller sees, which verb, how far. */
@MicronautTest(transactional = false)
class AuthorizerTest extends DatabaseTest {
    private static final String KENDARI = "7471";
    private static final String KOLAKA = "7401";

    @Inject
    Authorizer authorizer;

    @Inject
    Tenants tenants;

    @BeforeAll
    void twoTenantsOfOneProvince() {
        tenants.ensure("74.71");
        tenants.ensure("74.01");
    }

    private static Caller of(Role role, String tenant, String... villages) {
        return new Caller(
                role.name().toLowerCase() + "-" + tenant,
                Set.of(role),
                tenant == null ? Set.of() : Set.of(tenant),
                role == Role.PROVINCE_ADMIN ? "74" : null,
                Set.of(villages),
                null,
                null);
    }

    private static String codeOf(Runnable call) {
        try {
            call.run();
        } catch (LumbungException e) {
            return e.code();
        }
        return "allowed";
    }

    @Test
    void anotherTenantDoesNotExistForACallerAndAMissingVerbIsRefused() {
        Caller admin = of(Role.TENANT_ADMIN, KENDARI);

        assertThat(authorizer.visible(admin, KENDARI).id()).isEqualTo(KENDARI);
        assertThat(codeOf(() -> authorizer.visible(admin, KOLAKA))).isEqualTo("tenant_not_found");
        assertThat(codeOf(() -> authorizer.visible(admin, "9999"))).isEqualTo("tenant_not_found");
        assertThat(codeOf(() -> authorizer.require(of(Role.AUDITOR, KENDARI), Permission.IMPORT_RUN, KENDARI)))
                .isEqualTo("permission_denied");
    }

    @Test
    void aProvinceAdminOverseesItsProvinceOnlyAndAPlatformAdminReadsNoRegistry() {
        Caller province = of(Role.PROVINCE_ADMIN, null);
        Caller platform = of(Role.PLATFORM_ADMIN, null);

        assertThat(authorizer.visible(province, KOLAKA).id()).isEqualTo(KOLAKA);
        assertThat(authorizer.permits(platform, Permission.HOUSEHOLD_READ, KENDARI))
                .isFalse();
        assertThatThrownBy(() -> authorizer.requirePlatform(province, Permission.TENANT_ONBOARD))
                .isInstanceOfSatisfying(
                        LumbungException.class, e -> assertThat(e.code()).isEqualTo("permission_denied"));
    }

    @Test
    void aVillageOperatorReachesItsVillagesAndNeverTheWholeTenant() {
        Caller operator = of(Role.VILLAGE_OPERATOR, KENDARI, "74.71.01.1005");

        Reach reach =
                authorizer.grant(operator, Permission.HOUSEHOLD_READ, KENDARI).reach();
        assertThat(reach.everything()).isFalse();
        assertThat(reach.coversVillage("74.71.01.1005")).isTrue();
        assertThat(reach.coversVillage("74.71.01.1006")).isFalse();
        // A verb on the whole tenant is not granted by part of it.
        assertThat(codeOf(() -> authorizer.require(operator, Permission.HOUSEHOLD_READ, KENDARI)))
                .isEqualTo("permission_denied");
        assertThat(authorizer.needVillages(Set.of(Role.VILLAGE_OPERATOR))).isTrue();
        assertThat(authorizer.needVillages(Set.of(Role.VERIFIER))).isFalse();
        assertThat(authorizer.takeAssignments(Set.of(Role.FIELD_WORKER))).isTrue();
    }

    @Test
    void theOnboardingAdminMakesATenantAdminAndNoOtherAccount() {
        Caller platform = of(Role.PLATFORM_ADMIN, null);

        assertThat(authorizer
                        .requireAccount(platform, KENDARI, Set.of(Role.TENANT_ADMIN))
                        .id())
                .isEqualTo(KENDARI);
        assertThat(codeOf(() -> authorizer.requireAccount(platform, KENDARI, Set.of(Role.VERIFIER))))
                .isEqualTo("permission_denied");
        assertThat(codeOf(() -> authorizer.requireAccount(platform, KENDARI, Set.of(Role.TENANT_ADMIN, Role.DPO))))
                .isEqualTo("permission_denied");
        assertThat(authorizer.permissions(of(Role.TENANT_ADMIN, KENDARI), KOLAKA))
                .isEmpty();
    }
}
