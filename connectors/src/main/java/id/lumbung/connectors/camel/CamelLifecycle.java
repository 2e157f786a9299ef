package id.lumbung.connectors.camel;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds every route bean and starts Camel once the application has started (migrations are
 * done by then); stops it first on shutdown so no exchange is cut mid-write. Only in the
 * {@code worker} role: an {@code api}-only process writes the outbox and consumes nothing.
 */
@Singleton
@Requires(property = "lumbung.connectors.worker.enabled", notEquals = "false")
final class CamelLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(CamelLifecycle.class);

    private final CamelContext camel;
    private final List<RouteBuilder> routes;

    CamelLifecycle(CamelContext camel, List<RouteBuilder> routes) {
        this.camel = camel;
        this.routes = routes;
    }

    @EventListener
    void start(StartupEvent event) throws Exception {
        for (RouteBuilder route : routes) {
            camel.addRoutes(route);
        }
        camel.start();
        LOG.info("Connectors started: {} route(s)", camel.getRoutes().size());
    }

    @EventListener
    void stop(ShutdownEvent event) {
        camel.stop();
        routes.stream()
                .filter(AgencyPipeline.class::isInstance)
                .map(AgencyPipeline.class::cast)
                .forEach(AgencyPipeline::shutdown);
    }
}
