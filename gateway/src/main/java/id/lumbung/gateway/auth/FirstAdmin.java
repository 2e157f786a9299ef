package id.lumbung.gateway.auth;

import id.lumbung.core.user.UserService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real deployment's first day: {@code LUMBUNG_BOOTSTRAP_USERNAME} and {@code
 * LUMBUNG_BOOTSTRAP_PASSWORD} (from a Secret) create the first platform admin at start-up if the
 * platform has none; its first login must choose a new password. Once a platform admin exists
 * the setting does nothing (remove the Secret after the first login).
 */
@Singleton
@Requires(property = "lumbung.bootstrap.username")
final class FirstAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private final UserService users;
    private final String username;
    private final String password;

    FirstAdmin(
            UserService users,
            @Value("${lumbung.bootstrap.username}") String username,
            @Value("${lumbung.bootstrap.password:}") String password) {
        this.users = users;
        this.username = username;
        this.password = password;
    }

    @EventListener
    void atStart(StartupEvent event) {
        if (users.bootstrapPlatformAdmin(username, password)) {
            LOG.warn(
                    "First platform admin {} created: log in and choose a new password, then remove"
                            + " LUMBUNG_BOOTSTRAP_USERNAME and LUMBUNG_BOOTSTRAP_PASSWORD",
                    username);
        } else {
            LOG.info("A platform admin exists: LUMBUNG_BOOTSTRAP_USERNAME is ignored");
        }
    }
}
