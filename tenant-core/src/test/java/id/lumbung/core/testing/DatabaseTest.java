package id.lumbung.core.testing;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of tests that run a Micronaut context on this JVM's real PostgreSQL. Subclasses add
 * {@code @MicronautTest} and may add properties by overriding {@link #extraProperties()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTest implements TestPropertyProvider {
    /** The test-only audit key, for tests that seal or forge entries themselves. */
    public static final String AUDIT_KEY = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=";

    private static final String AUDIT_KEYS = "a1:" + AUDIT_KEY;

    @Override
    public final Map<String, String> getProperties() {
        started = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1));
        Map<String, String> properties =
                new java.util.HashMap<>(TestDatabase.get().properties());
        // Fixed, test-only protection keys (never used anywhere else).
        properties.put("lumbung.protection.keys", "t1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        properties.put("lumbung.protection.active-key-id", "t1");
        properties.put("lumbung.protection.blind-index-key", "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=");
        properties.put("lumbung.audit.keys", AUDIT_KEYS);
        // Agency simulators (when a test enables them) on free ports: tests never collide with a running demo.
        for (String simulator : java.util.List.of("dukcapil", "dapodik", "banks", "kemensos")) {
            properties.put("lumbung.simulators." + simulator + ".port", "0");
        }
        properties.putAll(extraProperties());
        return properties;
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    /** When the class's context was asked for (its start may already queue agency work). */
    private java.sql.Timestamp started;

    /**
     * What a class left for the agencies goes with it: every test class of this JVM shares one
     * database, and agency work it queued (with no worker, or a worker whose simulator it
     * stopped) or the pauses it caused would otherwise be the next class's queue to wait behind.
     */
    @org.junit.jupiter.api.AfterAll
    final void forgetTheAgencyWorkThisClassLeft() throws java.sql.SQLException {
        if (started == null) {
            return;
        }
        try (var owner = TestDatabase.get().ownerConnection();
                var outbox = owner.prepareStatement(
                        "DELETE FROM outbox WHERE status IN ('QUEUED', 'RETRYING') AND created_at >= ?");
                var pauses = owner.prepareStatement("DELETE FROM connector_pause WHERE paused_at >= ?")) {
            outbox.setTimestamp(1, started);
            outbox.executeUpdate();
            pauses.setTimestamp(1, started);
            pauses.executeUpdate();
        }
    }
}
