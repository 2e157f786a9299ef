package id.lumbung.core.connector;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantService;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Every agency's connector with, per tenant the caller may see, its queue, dead letters and pause. */
@Singleton
public final class ConnectorOverview {
    private final List<AgencyConnector> connectors;
    private final ConnectorControl control;
    private final TenantService tenants;

    private final Authorizer authorizer;

    ConnectorOverview(
            List<AgencyConnector> connectors, ConnectorControl control, TenantService tenants, Authorizer authorizer) {
        this.authorizer = authorizer;
        this.connectors = connectors;
        this.control = control;
        this.tenants = tenants;
    }

    /**
     * One agency's connector.
     *
     * @param status its state in this process
     * @param answeredLastMinute answers written in the last minute, for the caller's tenants
     * @param tenants its queue for each of the caller's tenants that has one
     */
    public record Agency(AgencyConnector.Status status, long answeredLastMinute, List<TenantQueue> tenants) {}

    /**
     * An agency's queue for one tenant.
     *
     * @param tenantId the tenant
     * @param waiting messages queued or waiting for a retry
     * @param deadLetters dead letters not retried
     * @param answeredLastMinute answers in the last minute
     * @param lastError the latest failure of a waiting message
     * @param paused why the connector is paused for this tenant, if it is
     * @param pausedUntil until when ({@code null}: until an operator resumes it)
     * @param pauseMessage what the agency said
     */
    public record TenantQueue(
            String tenantId,
            long waiting,
            long deadLetters,
            long answeredLastMinute,
            String lastError,
            String paused,
            Instant pausedUntil,
            String pauseMessage) {}

    /** The connectors, with the queues of the tenants where the caller may see them. */
    public List<Agency> of(Caller caller) {
        if (!authorizer.holdsAnywhere(caller, Permission.CONNECTOR_READ)) {
            throw Authorizer.denied(Permission.CONNECTOR_READ);
        }
        List<String> visible = tenants.visibleTo(caller).stream()
                .map(Tenant::id)
                .filter(tenantId -> authorizer.permits(caller, Permission.CONNECTOR_READ, tenantId))
                .toList();
        List<ConnectorControl.Queue> queues = visible.isEmpty() ? List.of() : control.queues(visible);
        List<ConnectorControl.Pause> pauses = visible.isEmpty() ? List.of() : control.pauses(visible);
        return connectors.stream()
                .sorted(Comparator.comparing(AgencyConnector::agency))
                .map(connector -> agency(connector.status(), queues, pauses))
                .toList();
    }

    private static Agency agency(
            AgencyConnector.Status status, List<ConnectorControl.Queue> queues, List<ConnectorControl.Pause> pauses) {
        Set<String> tenantIds = new TreeSet<>();
        queues.stream()
                .filter(queue -> queue.agency().equals(status.agency()))
                .forEach(queue -> tenantIds.add(queue.tenantId()));
        pauses.stream()
                .filter(pause -> pause.agency().equals(status.agency()))
                .forEach(pause -> tenantIds.add(pause.tenantId()));
        List<TenantQueue> rows = tenantIds.stream()
                .map(tenantId -> {
                    Optional<ConnectorControl.Queue> queue = queues.stream()
                            .filter(q -> q.agency().equals(status.agency())
                                    && q.tenantId().equals(tenantId))
                            .findFirst();
                    Optional<ConnectorControl.Pause> pause = pauses.stream()
                            .filter(p -> p.agency().equals(status.agency())
                                    && p.tenantId().equals(tenantId))
                            .findFirst();
                    return new TenantQueue(
                            tenantId,
                            queue.map(ConnectorControl.Queue::waiting).orElse(0L),
                            queue.map(ConnectorControl.Queue::deadLetters).orElse(0L),
                            queue.map(ConnectorControl.Queue::doneLastMinute).orElse(0L),
                            queue.map(ConnectorControl.Queue::lastError).orElse(null),
                            pause.map(p -> p.reason().name()).orElse(null),
                            pause.map(ConnectorControl.Pause::pausedUntil).orElse(null),
                            pause.map(ConnectorControl.Pause::message).orElse(null));
                })
                .toList();
        return new Agency(
                status, rows.stream().mapToLong(TenantQueue::answeredLastMinute).sum(), rows);
    }
}
