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
}
