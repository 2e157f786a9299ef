package id.lumbung.connectors.dukcapil;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Says at a worker's start that Dukcapil's connector is off, and why (see {@link DukcapilConfigured}). */
@Singleton
@Requires(property = "lumbung.connectors.worker.enabled", notEquals = "false")
final class DukcapilAbsence {
    private static final Logger LOG = LoggerFactory.getLogger(DukcapilAbsence.class);

    private final boolean configured;

    DukcapilAbsence(
            @Value("${lumbung.connectors.dukcapil.base-url:}") String baseUrl,
            @Value("${lumbung.simulators.enabled:false}") boolean simulators) {
        this.configured = DukcapilConfigured.configured(baseUrl, simulators);
    }

    @EventListener
    void started(StartupEvent event) {
        if (!configured) {
            LOG.warn("Dukcapil's connector is off: DUKCAPIL_BASE_URL is not set. NIK checks, verifications and"
                    + " synchronisations wait in the outbox until it is");
        }
    }

    boolean configured() {
        return configured;
    }
}
