package id.lumbung.gateway.household;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.household.AssignmentService;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Households assigned to a field worker: the only households the worker sees. */
@Controller("/api/v1/tenants/{tenantId}/users/{username}/assignments")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
@SecurityRequirement(name = "bearer")
class AssignmentController {
    private final AssignmentService assignments;

    AssignmentController(AssignmentService assignments) {
        this.assignments = assignments;
    }

    // Another user's list needs HOUSEHOLD_ASSIGN; the worker also reads its own (its identity, not a verb).
    @Permits(Permission.HOUSEHOLD_ASSIGN)
    @Get
    @Operation(summary = "Households assigned to a field worker (HOUSEHOLD_ASSIGN, or the worker itself)")
    Assignments get(@PathVariable String tenantId, @PathVariable String username, Caller caller) {
        return new Assignments(assignments.assigned(caller, tenantId, username));
    }

    @Permits(Permission.HOUSEHOLD_ASSIGN)
    @Put(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a field worker's households, all or nothing (tenant admin or verifier)")
    Assignments replace(
            @PathVariable String tenantId,
            @PathVariable String username,
            @Valid @Body Assignments body,
            Caller caller) {
        return new Assignments(assignments.replace(caller, tenantId, username, body.householdIds()));
    }

    /**
     * A field worker's households.
     *
     * @param householdIds ids of households in the worker's villages
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Assignments(@NotNull @Size(max = 100_000) List<@NotNull UUID> householdIds) {}
}
