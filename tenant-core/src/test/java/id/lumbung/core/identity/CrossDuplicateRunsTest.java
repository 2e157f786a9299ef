package id.lumbung.core.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.testing.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A search across regencies holds every record it compares: one larger than the process may hold
 * is refused before it starts, saying how many records it would have compared (here the limit is
 * set below any registry, so the refusal path runs whatever this JVM's other tests imported).
 */
@MicronautTest(transactional = false)
class CrossDuplicateRunsTest extends DatabaseTest {
    @Inject
    CrossDuplicateRuns runs;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("lumbung.identity.maximum-records", "-1");
    }

    @Test
    void aSearchLargerThanTheProcessMayHoldIsRefusedBeforeItStarts() {
        Caller province = Caller.of("prov-74", Role.PROVINCE_ADMIN, Set.of(), "74");
        assertThatThrownBy(() -> runs.start(province, "74", CrossDuplicateRuns.Scope.NATIONAL))
                .isInstanceOfSatisfying(
                        LumbungException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                                .isEqualTo("bad_request"))
                .hasMessageContaining("one search holds at most -1")
                .hasMessageContaining("scope PROVINCE");
        // A regency's admin may not search across regencies at all.
        assertThatThrownBy(() -> runs.start(
                        Caller.of("admin-7471", Role.TENANT_ADMIN, Set.of("7471"), "74"),
                        "74",
                        CrossDuplicateRuns.Scope.PROVINCE))
                .isInstanceOfSatisfying(
                        LumbungException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                                .isEqualTo("permission_denied"));
    }
}
