package id.lumbung.gateway.ministry;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.ministry.MinistryExchange;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** The file exchange with the ministry (SIKS-NG), through the Kemensos connector: proposals out, lists in. */
@Controller("/api/v1/tenants/{tenantId}/ministry/exchanges")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ministry")
@SecurityRequirement(name = "bearer")
@SerdeImport(MinistryExchange.Exchange.class)
@SerdeImport(MinistryExchange.FileResult.class)
class MinistryExchangeController {
    private final MinistryExchange exchanges;

    MinistryExchangeController(MinistryExchange exchanges) {
        this.exchanges = exchanges;
    }

    /**
     * Proposals to send.
     *
     * @param period the ministry's round, yyyy-mm
     * @param changedSince the households changed since this day (WIB); every household when absent
     */
    @Serdeable
    record Proposals(@Nullable @Size(max = 7) String period, @Nullable LocalDate changedSince) {}

    @Permits(Permission.MINISTRY_SUBMIT)
    @Post(value = "/proposals", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Send the proposals (usulan) to the ministry: the households changed since a day, in the"
                    + " ministry's layout with full identifiers, under a file name fixed now (a retry is the same"
                    + " file); tenant admin or approver; audited")
    MinistryExchange.Exchange send(@PathVariable String tenantId, @Valid @Body Proposals body, Caller caller) {
        return exchanges.sendProposals(caller, tenantId, body.period(), body.changedSince());
    }

    @Permits(Permission.IMPORT_RUN)
    @Post("/fetches")
    @Status(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Fetch the files the ministry offers (determination lists, returned records): each checked whole"
                    + " and imported once by name and content, into its own period")
    MinistryExchange.Exchange fetch(@PathVariable String tenantId, Caller caller) {
        return exchanges.fetch(caller, tenantId);
    }

    @Permits(Permission.MINISTRY_READ)
    @Get
    @Operation(
            summary = "The tenant's exchanges with the ministry, newest first, with what each did: a page at a time"
                    + " (size 1–500, default 100) with X-Total-Count and Link (next, prev) headers")
    io.micronaut.http.HttpResponse<List<MinistryExchange.Exchange>> recent(
            @PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(exchanges.page(caller, tenantId, page.page()));
    }

    @Permits(Permission.MINISTRY_READ)
    @Get("/{exchangeId}")
    @Operation(summary = "One exchange")
    MinistryExchange.Exchange one(@PathVariable String tenantId, @PathVariable String exchangeId, Caller caller) {
        return exchanges.get(caller, tenantId, PathIds.uuid(exchangeId, ErrorCode.EXCHANGE_NOT_FOUND, "Exchange"));
    }
}
