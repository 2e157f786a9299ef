package id.lumbung.core.user;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import java.util.Set;
import java.util.UUID;

/**
 * A person who logs in.
 *
 * @param id the user's id
 * @param username the login name
 * @param passwordHash the Argon2id hash of the password
 * @param role the role
 * @param tenantId the tenant of a tenant-level role, else {@code null}
 * @param provinceId the province of a province admin, else {@code null}
 * @param enabled whether the user may log in
 */
public record UserAccount(
        UUID id, String username, String passwordHash, Role role, String tenantId, String provinceId, boolean enabled) {

    /** The caller this user becomes after logging in. */
    public Caller toCaller() {
        return new Caller(username, role, tenantId == null ? Set.of() : Set.of(tenantId), provinceId);
    }
}
