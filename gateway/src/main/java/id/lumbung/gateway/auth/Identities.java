package id.lumbung.gateway.auth;

import id.lumbung.core.user.UserAccount;
import id.lumbung.core.user.UserRepository;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a token's subject is now: its roles, tenant, province and villages read from the database,
 * never from the token. Each request reads the user's current token version (one indexed read,
 * so a disabled user or an older version is refused at once); the rest is cached per user and
 * version, and every change of roles, villages or password bumps the version (a demo reset too).
 */
@Singleton
final class Identities {
    private final UserRepository users;
    private final Map<String, UserAccount> cached = new ConcurrentHashMap<>();

    Identities(UserRepository users) {
        this.users = users;
    }

    /** The enabled user named by the token, if the token's version is the user's current one. */
    Optional<UserAccount> current(String username, int tokenVersion) {
        Optional<Integer> active = users.activeTokenVersion(username);
        if (active.isEmpty() || active.get() != tokenVersion) {
            cached.remove(username);
            return Optional.empty();
        }
        UserAccount known = cached.get(username);
        if (known != null && known.tokenVersion() == tokenVersion) {
            return Optional.of(known);
        }
        Optional<UserAccount> loaded =
                users.findByUsername(username).filter(user -> user.enabled() && user.tokenVersion() == tokenVersion);
        loaded.ifPresentOrElse(user -> cached.put(username, user), () -> cached.remove(username));
        return loaded;
    }
}
