package id.lumbung.gateway.metrics;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Permission;
import id.lumbung.gateway.edge.CallerBinder;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The Prometheus metrics name tenants and their queues: on the application's port they need a
 * caller holding {@code METRICS_READ} (the platform admin); on a separate management port
 * ({@code LUMBUNG_MANAGEMENT_PORT}, which Kubernetes exposes to Prometheus only, never through
 * the Service or Ingress) they are scraped without a login.
 */
@Singleton
final class MetricsAccess implements SecurityRule<HttpRequest<?>> {
    private static final String PATH = "/prometheus";

    private final Authorizer authorizer;
    private final Integer managementPort;

    MetricsAccess(Authorizer authorizer, @Nullable @Value("${endpoints.all.port:}") Integer managementPort) {
        this.authorizer = authorizer;
        this.managementPort = managementPort;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication caller) {
        if (request == null || !PATH.equals(normalised(request.getPath()))) {
            return Publishers.just(SecurityRuleResult.UNKNOWN);
        }
        if (managementPort != null && request.getServerAddress().getPort() == managementPort) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        boolean permitted =
                caller != null && authorizer.holdsAnywhere(CallerBinder.of(caller, request), Permission.METRICS_READ);
        return Publishers.just(permitted ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    /** The path as the router reads it: {@code //prometheus/} is {@code /prometheus}. */
    private static String normalised(String path) {
        String collapsed = path.replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/")
                ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }

    @Override
    public int getOrder() {
        return -1_000;
    }
}
