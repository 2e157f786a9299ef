package id.lumbung.connectors.kemensos;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * A tenant's account at the ministry's file exchange ({@code
 * lumbung.connectors.kemensos.tenants.<tenant id>.key}; a secret, e.g. {@code
 * LUMBUNG_CONNECTORS_KEMENSOS_TENANTS_7471_KEY}).
 *
 * @param tenantId the tenant
 * @param key its bearer key
 */
@EachProperty("lumbung.connectors.kemensos.tenants")
public record KemensosAccount(@Parameter String tenantId, String key) {

    /** Without the key. */
    @Override
    public String toString() {
        return "KemensosAccount[tenantId=" + tenantId + "]";
    }
}
