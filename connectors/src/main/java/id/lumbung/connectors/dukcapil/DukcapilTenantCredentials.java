package id.lumbung.connectors.dukcapil;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One tenant's own Dukcapil credentials ({@code lumbung.connectors.dukcapil.tenants.<tenant
 * id>.user-id}, {@code .password}, {@code .ip-user}; from secrets, e.g. {@code
 * LUMBUNG_CONNECTORS_DUKCAPIL_TENANTS_7471_PASSWORD}). A tenant without them uses the default
 * ones.
 *
 * @param tenantId the tenant
 * @param userId its user id
 * @param password its password
 * @param ipUser its registered client IP
 */
@EachProperty("lumbung.connectors.dukcapil.tenants")
public record DukcapilTenantCredentials(
        @Parameter String tenantId, @Nullable String userId, @Nullable String password, @Nullable String ipUser) {

    /** Without the password. */
    @Override
    public String toString() {
        return "DukcapilTenantCredentials[tenantId=" + tenantId + ", userId=" + userId + ", ipUser=" + ipUser + "]";
    }
}
