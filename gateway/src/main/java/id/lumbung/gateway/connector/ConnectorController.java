package id.lumbung.gateway.connector;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.connector.AgencyConnector;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.connector.ConnectorOverview;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.SerdeImport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The exchanges with agencies: their state, their queues per tenant, dead letters and pauses. */
@Controller("/api/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "connectors")
@SecurityRequirement(name = "bearer")
@SerdeImport(ConnectorControl.DeadLetter.class)
@SerdeImport(ConnectorOverview.Agency.class)
@SerdeImport(ConnectorOverview.TenantQueue.class)
@SerdeImport(AgencyConnector.Status.class)
class ConnectorController {
    private final ConnectorOverview overview;
    private final ConnectorControl control;

    ConnectorController(ConnectorOverview overview, ConnectorControl control) {
        this.overview = overview;
        this.control = control;
    }

    @Permits(Permission.CONNECTOR_READ)
    @Get("/connectors")
    @Operation(
            summary = "Every agency's connector: circuit breaker, throughput, last error, and per tenant of the"
                    + " caller the queue depth, dead letters and pause")
    List<ConnectorOverview.Agency> connectors(Caller caller) {
        return overview.of(caller);
    }

    @Permits(Permission.CONNECTOR_READ)
    @Get("/tenants/{tenantId}/dead-letters")
    @Operation(
            summary = "The tenant's dead letters (messages that exhausted their attempts), newest first;"
                    + " waiting=true only those not retried yet. A page at a time (size 1–500, default 100) with"
                    + " X-Total-Count and Link (next, prev) headers")
    HttpResponse<List<ConnectorControl.DeadLetter>> deadLetters(
            @PathVariable String tenantId,
            @Nullable @QueryValue Boolean waiting,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(control.deadLetters(caller, tenantId, Boolean.TRUE.equals(waiting), page.page()));
    }

    @Permits(Permission.CONNECTOR_OPERATE)
    @Post("/tenants/{tenantId}/dead-letters/{id}/retry")
    @Operation(summary = "Queue a dead letter again with fresh attempts (202); audited")
    HttpResponse<Void> retry(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        control.retryDeadLetter(caller, tenantId, PathIds.uuid(id, ErrorCode.DEAD_LETTER_NOT_FOUND, "Dead letter"));
        return HttpResponse.accepted();
    }

    @Permits(Permission.CONNECTOR_OPERATE)
    @Post("/tenants/{tenantId}/connectors/{agency}/resume")
    @Operation(summary = "Resume an agency's connector paused for the tenant (after fixing its credentials); audited")
    HttpResponse<Void> resume(@PathVariable String tenantId, @PathVariable String agency, Caller caller) {
        control.resume(caller, tenantId, agency);
        return HttpResponse.noContent();
    }
}
