package id.lumbung.gateway.audit;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.audit.AuditEntry;
import id.lumbung.core.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/** The tenant's audit log: search and chain verification (auditor and DPO). */
@Controller("/api/v1/tenants/{tenantId}/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
class AuditController {
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Permits(Permission.AUDIT_READ)
    @Get
    @Operation(summary = "Search the audit log, newest first")
    List<AuditEntry> search(
            @PathVariable String tenantId,
            @Nullable @QueryValue String actor,
            @Nullable @QueryValue String action,
            @Nullable @QueryValue Instant from,
            @Nullable @QueryValue Instant to,
            @Nullable @QueryValue Integer limit,
            Caller caller) {
        return audit.search(caller, tenantId, actor, action, from, to, limit == null ? 100 : limit);
    }

    @Permits(Permission.AUDIT_READ)
    @Get("/verify")
    @Operation(summary = "Recompute the hash chain; reports the first broken entry")
    AuditLog.Verification verify(@PathVariable String tenantId, Caller caller) {
        return audit.verify(caller, tenantId);
    }
}
