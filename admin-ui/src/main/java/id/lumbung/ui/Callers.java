package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Role;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Turns an authenticated request's token claims into the domain's {@link Caller}. */
public final class Callers {
    /** Claim listing the tenants of tenant-level roles. */
    public static final String TENANTS_CLAIM = "tenants";
    /** Claim naming the province of a province admin. */
    public static final String PROVINCE_CLAIM = "province";
    /** Claim listing the villages of a village-scoped role. */
    public static final String VILLAGES_CLAIM = "villages";
    /** Claim carrying the user's token version: older versions are refused. */
    public static final String VERSION_CLAIM = "ver";
    /** Header stating why the caller acts (e.g. "verval Mei 2026"), kept in the audit log. */
    public static final String PURPOSE_HEADER = "X-Purpose";
    /** Header carrying the request's correlation id (generated when absent). */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private Callers() {}

    public static Caller from(Authentication authentication) {
        return from(authentication, null);
    }

    public static Caller from(Authentication authentication, HttpRequest<?> request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : authentication.getRoles()) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                // A role another identity provider knows and we do not: it grants nothing here.
            }
        }
        Object province = authentication.getAttributes().get(PROVINCE_CLAIM);
        String requestId = request == null
                ? null
                : request.getHeaders()
                        .get(REQUEST_ID_HEADER, String.class)
                        .filter(id -> id.length() <= 100)
                        .orElse(null);
        return new Caller(
                authentication.getName(),
                roles,
                strings(authentication.getAttributes().get(TENANTS_CLAIM)),
                province == null ? null : province.toString(),
                strings(authentication.getAttributes().get(VILLAGES_CLAIM)),
                requestId == null ? UUID.randomUUID().toString() : requestId,
                request == null ? null : header(request, PURPOSE_HEADER));
    }

    /** A caller-supplied header, bounded and printable, or {@code null}. */
    private static String header(HttpRequest<?> request, String name) {
        return request.getHeaders()
                .get(name, String.class)
                .map(String::strip)
                .filter(value -> !value.isEmpty()
                        && value.length() <= 200
                        && value.chars().noneMatch(Character::isISOControl))
                .orElse(null);
    }

    /**
     * What the caller may do in the tenant, by permission name ({@code may.IMPORT_RUN} in a
     * template): a page offers only the links and buttons its user may press.
     */
    public static Map<String, Boolean> may(Authorizer authorizer, Caller caller, String tenantId) {
        Set<Permission> held = authorizer.permissions(caller, tenantId);
        Map<String, Boolean> may = new HashMap<>();
        for (Permission permission : Permission.values()) {
            may.put(permission.name(), held.contains(permission));
        }
        return may;
    }

    private static Set<String> strings(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof Collection<?> claimed) {
            claimed.forEach(value -> values.add(String.valueOf(value)));
        }
        return values;
    }
}
