package id.lumbung.gateway;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micronaut's start, whose failure says why in one line — a missing setting names itself (its
 * environment variable) — the whole trace only with {@code LUMBUNG_STARTUP_TRACE=true} — and exits; the shutdown hooks then stop
 * what was started (the embedded database).
 */
final class Startup extends Micronaut {
    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("Could not resolve placeholder \\$\\{([^}:]+)}");
    /** The exit code of a start refused for its configuration (as {@code EX_CONFIG}). */
    static final int CONFIGURATION = 78;

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        LOG.error("Lumbung cannot start: {}", reason(exception));
        if ("true".equalsIgnoreCase(System.getenv("LUMBUNG_STARTUP_TRACE"))) {
            LOG.error("The start-up failure, whole", exception);
        }
        System.exit(CONFIGURATION);
    }

    /** Refuses to start before anything is started, in one line. */
    static void refuse(String why) {
        LOG.error("Lumbung cannot start: {}", why);
        System.exit(CONFIGURATION);
    }

    /** The innermost cause's first line; a placeholder left unresolved, as the setting it names. */
    static String reason(Throwable exception) {
        String why = null;
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank()) {
                why = message;
            }
            Matcher placeholder = PLACEHOLDER.matcher(message == null ? "" : message);
            if (placeholder.find()) {
                return "the setting " + environmentVariable(placeholder.group(1)) + " is not set";
            }
        }
        if (why == null) {
            return exception.getClass().getSimpleName();
        }
        String firstLine = why.strip().lines().findFirst().orElse(why);
        return firstLine;
    }

    /** {@code lumbung.jwt.secret} as {@code LUMBUNG_JWT_SECRET}; an environment variable's name as it is. */
    static String environmentVariable(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
