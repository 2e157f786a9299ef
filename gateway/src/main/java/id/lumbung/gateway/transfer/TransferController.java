package id.lumbung.gateway.transfer;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.transfer.Transfer;
import id.lumbung.core.transfer.Transfers;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/**
 * A family that moved to another regency: the origin asks, the destination verifies and accepts
 * or refuses, the origin may withdraw while it waits. The family is registered in at most one of
 * the two at every moment, and never dropped.
 */
@Controller("/api/v1/tenants/{tenantId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "households")
@SecurityRequirement(name = "bearer")
class TransferController {
    private final Transfers transfers;

    TransferController(Transfers transfers) {
        this.transfers = transfers;
    }

    /**
     * Where the family moves.
     *
     * @param destinationTenantId the regency or city it moves to, e.g. {@code 7401}
     * @param village its village there, e.g. {@code 74.01.01.2001}
     * @param address its address there
     * @param reason why, 10 to 500 characters (e.g. the SKPWNI number of the move certificate)
     */
    @Serdeable
    record Move(
            @Nullable String destinationTenantId,
            @Nullable String village,
            @Nullable String address,
            @Nullable String reason) {}

    /** A decision's note: why (required to refuse or withdraw, 10 to 500 characters). */
    @Serdeable
    record Note(@Nullable String note) {}

    @Permits(Permission.HOUSEHOLD_TRANSFER)
    @Post(uri = "/households/{householdId}/transfers", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Move a registered family to another regency: in one transaction the household here closes"
                    + " (LEFT) and the destination gets a copy waiting for its verification (PENDING), NIK and KK"
                    + " sealed again for it; 201 with the transfer; 409 transfer_household_not_active (not ACTIVE,"
                    + " or moving already), 409 transfer_already_there (the destination holds the same NIK, KK or"
                    + " DTKS id: a duplicate to settle there), 422 transfer_invalid")
    HttpResponse<Transfer> start(
            @PathVariable String tenantId, @PathVariable String householdId, @Body Move body, Caller caller) {
        Transfer started = transfers.start(
                caller,
                tenantId,
                PathIds.uuid(householdId, ErrorCode.HOUSEHOLD_NOT_FOUND, "Household"),
                new Transfers.Move(body.destinationTenantId(), body.village(), body.address(), body.reason()));
        return HttpResponse.created(started, URI.create("/api/v1/tenants/" + tenantId + "/transfers/" + started.id()));
    }

    @Permits(Permission.HOUSEHOLD_TRANSFER)
    @Get("/transfers")
    @Operation(
            summary = "The regency's transfers, out (direction=OUT) and in (IN), newest first, filtered by state"
                    + " (PENDING, ACCEPTED, REFUSED, WITHDRAWN), a page at a time with X-Total-Count and Link headers")
    HttpResponse<List<Transfer>> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue String direction,
            @Nullable @QueryValue String state,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(transfers.page(caller, tenantId, direction, state, page.page()));
    }

    @Permits(Permission.HOUSEHOLD_TRANSFER)
    @Get("/transfers/{id}")
    @Operation(summary = "A transfer, as this regency sees it (404 for a regency that is neither side)")
    Transfer find(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return transfers.find(caller, tenantId, transferId(id));
    }

    @Permits(Permission.HOUSEHOLD_TRANSFER)
    @Post(uri = "/transfers/{id}/accept", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The destination found the family: its copy is registered (ACTIVE); 409 transfer_decided when"
                    + " decided already, 409 transfer_already_there when the family was registered here meanwhile")
    Transfer accept(@PathVariable String tenantId, @PathVariable String id, @Body Note body, Caller caller) {
        return transfers.accept(caller, tenantId, transferId(id), body.note());
    }

    @Permits(Permission.HOUSEHOLD_TRANSFER)
    @Post(uri = "/transfers/{id}/refuse", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The destination did not find the family (note required): the origin's household is"
                    + " registered again; 409 transfer_decided when decided already")
    Transfer refuse(@PathVariable String tenantId, @PathVariable String id, @Body Note body, Caller caller) {
        return transfers.refuse(caller, tenantId, transferId(id), body.note());
    }

    @Permits(Permission.HOUSEHOLD_TRANSFER)
    @Post(uri = "/transfers/{id}/withdraw", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The origin takes its request back while the destination has not decided (note required):"
                    + " its household is registered again; 409 transfer_decided otherwise")
    Transfer withdraw(@PathVariable String tenantId, @PathVariable String id, @Body Note body, Caller caller) {
        return transfers.withdraw(caller, tenantId, transferId(id), body.note());
    }

    private static java.util.UUID transferId(String raw) {
        return PathIds.uuid(raw, ErrorCode.TRANSFER_NOT_FOUND, "Transfer");
    }
}
