package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Turns an authenticated request's token claims into the domain's {@link Caller}. */
public final class Callers {
    /** Claim listing the tenants of a tenant-level role. */
    public static final String TENANTS_CLAIM = "tenants";
    /** Claim naming the province of a province admin. */
    public static final String PROVINCE_CLAIM = "province";

    private Callers() {}

    public static Caller from(Authentication authentication) {
        Role role = authentication.getRoles().stream()
                .map(Role::valueOf)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("A token without a role was accepted"));
        Set<String> tenants = new LinkedHashSet<>();
        if (authentication.getAttributes().get(TENANTS_CLAIM) instanceof Collection<?> claimed) {
            claimed.forEach(tenant -> tenants.add(String.valueOf(tenant)));
        }
        Object province = authentication.getAttributes().get(PROVINCE_CLAIM);
        return new Caller(authentication.getName(), role, tenants, province == null ? null : province.toString());
    }
}
