package id.lumbung.core.user;

import id.lumbung.core.access.Role;
import id.lumbung.core.error.LumbungException;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** Logging in and creating users. */
@Singleton
public final class UserService {
    /** BSSN guidance: at least 12 characters. */
    public static final int MINIMUM_PASSWORD_LENGTH = 12;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final String unknownUserHash;

    UserService(UserRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
        this.unknownUserHash = hasher.hash(UUID.randomUUID().toString());
    }

    /** The enabled user with this name and password, if any. Takes as long for unknown users. */
    public Optional<UserAccount> authenticate(String username, String password) {
        Optional<UserAccount> user = users.findByUsername(username);
        boolean matches =
                hasher.matches(password, user.map(UserAccount::passwordHash).orElse(unknownUserHash));
        return user.filter(found -> matches && found.enabled());
    }

    /** Creates or resets a user (used by onboarding and the demo seed). */
    public UserAccount createOrReset(String username, String password, Role role, String tenantId, String provinceId) {
        if (password == null || password.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new LumbungException(
                    422, "weak_password", "A password needs at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        return users.upsert(
                new UserAccount(UUID.randomUUID(), username, hasher.hash(password), role, tenantId, provinceId, true));
    }
}
