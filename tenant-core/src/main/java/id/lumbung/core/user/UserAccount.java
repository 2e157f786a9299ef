package id.lumbung.core.user;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person who logs in.
 *
 * @param id the user's id
 * @param username the login name
 * @param passwordHash the Argon2id hash of the password
 * @param roles the roles
 * @param tenantId the tenant of tenant-level roles, else {@code null}
 * @param provinceId the province of a province admin, else {@code null}
 * @param enabled whether the user may log in
 * @param tokenVersion tokens issued with an older version are refused (disable, role change, reset)
 * @param failedLogins consecutive failed logins
 * @param lockedUntil no login is accepted before this instant
 * @param villageCodes the villages a village-scoped role is limited to
 */
public record UserAccount(
        UUID id,
        String username,
        String passwordHash,
        Set<Role> roles,
        String tenantId,
        String provinceId,
        boolean enabled,
        int tokenVersion,
        int failedLogins,
        Instant lockedUntil,
        Set<String> villageCodes) {

    public UserAccount {
        roles = Set.copyOf(roles);
        villageCodes = Set.copyOf(villageCodes);
    }

    /** The caller this user becomes after logging in. */
    public Caller toCaller(String requestId) {
        return new Caller(
                username,
                roles,
                tenantId == null ? Set.of() : Set.of(tenantId),
                provinceId,
                villageCodes,
                requestId,
                null);
    }

    public UserAccount withVillages(Set<String> villages) {
        return new UserAccount(
                id,
                username,
                passwordHash,
                roles,
                tenantId,
                provinceId,
                enabled,
                tokenVersion,
                failedLogins,
                lockedUntil,
                villages);
    }

    @Override
    public String toString() {
        return "UserAccount[username=" + username + ", roles=" + roles + ", tenantId=" + tenantId + "]";
    }
}
