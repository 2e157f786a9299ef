package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** What a page's user may press. */
final class PagePermissions {
    private PagePermissions() {}

    /**
     * What the caller may do in the tenant, by permission name ({@code may.IMPORT_RUN} in a
     * template): a page offers only the links and buttons its user may press.
     */
    static Map<String, Boolean> may(Authorizer authorizer, Caller caller, String tenantId) {
        Set<Permission> held = authorizer.permissions(caller, tenantId);
        Map<String, Boolean> may = new HashMap<>();
        for (Permission permission : Permission.values()) {
            may.put(permission.name(), held.contains(permission));
        }
        return may;
    }

    /**
     * The start of a tenant page's model: the tenant, who is logged in, what it may press
     * ({@code may}), and the refusal to show ({@code error}, or none).
     */
    static Map<String, Object> model(Caller caller, String tenantId, Map<String, Boolean> may, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("username", caller.username());
        model.put("may", may);
        model.put("error", error);
        return model;
    }
}
