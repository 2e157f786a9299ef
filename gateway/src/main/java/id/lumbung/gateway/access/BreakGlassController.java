package id.lumbung.gateway.access;

import id.lumbung.core.access.BreakGlass;
import id.lumbung.core.access.BreakGlassRow;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.gateway.PathIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Personal data only with a reason: a province admin opens a read-only, time-limited access to a
 * regency's personal data (break-glass); the regency's DPO, admin and auditor list every access.
 */
@Controller("/api/v1/tenants/{tenantId}/break-glass")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "access")
@SecurityRequirement(name = "bearer")
class BreakGlassController {
    private final BreakGlass breakGlass;

    BreakGlassController(BreakGlass breakGlass) {
        this.breakGlass = breakGlass;
    }

    @Permits(Permission.BREAK_GLASS_OPEN)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Open a read-only access to the regency's personal data, with a reason (20 to 500 characters),"
                    + " for 15 to 480 minutes (province admin); audited, listed to the regency's DPO")
    HttpResponse<Access> open(@PathVariable String tenantId, @Valid @Body Open body, Caller caller) {
        BreakGlassRow row =
                breakGlass.open(caller, tenantId, body.reason(), body.minutes() == null ? 60 : body.minutes());
        return HttpResponse.created(
                Access.from(row), URI.create("/api/v1/tenants/" + tenantId + "/break-glass/" + row.id()));
    }

    @Permits(Permission.BREAK_GLASS_READ)
    @Get
    @Operation(summary = "Every access opened with a reason to the regency's personal data, newest first (200)")
    List<Access> list(@PathVariable String tenantId, Caller caller) {
        return breakGlass.list(caller, tenantId).stream().map(Access::from).toList();
    }

    @Permits(Permission.BREAK_GLASS_OPEN)
    @Post("/{id}/close")
    @Operation(summary = "End one's own access early (409 break_glass_closed when it has ended)")
    Access close(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return Access.from(
                breakGlass.close(caller, tenantId, PathIds.uuid(id, ErrorCode.BREAK_GLASS_NOT_FOUND, "Access")));
    }

    /**
     * Opening an access.
     *
     * @param reason why the personal data is needed (a complaint, an audit finding), 20 to 500 characters
     * @param minutes how long, 15 to 480 (default 60)
     */
    @Serdeable
    record Open(
            @NotBlank @Size(min = BreakGlass.SHORTEST_REASON, max = BreakGlass.LONGEST_REASON) String reason,
            @Nullable @Min(BreakGlass.SHORTEST_MINUTES) @Max(BreakGlass.LONGEST_MINUTES) Integer minutes) {}

    /**
     * An access.
     *
     * @param running whether it runs now
     */
    @Serdeable
    record Access(
            String id,
            String tenantId,
            String username,
            String reason,
            Instant openedAt,
            Instant expiresAt,
            @Nullable Instant closedAt,
            boolean running) {
        static Access from(BreakGlassRow row) {
            return new Access(
                    row.id().toString(),
                    row.tenantId(),
                    row.username(),
                    row.reason(),
                    row.openedAt(),
                    row.expiresAt(),
                    row.closedAt(),
                    row.runsAt(Instant.now()));
        }
    }
}
