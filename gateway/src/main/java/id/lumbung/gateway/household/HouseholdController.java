package id.lumbung.gateway.household;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.household.Household;
import id.lumbung.core.household.HouseholdDetail;
import id.lumbung.core.household.HouseholdService;
import id.lumbung.core.household.Member;
import id.lumbung.core.household.RegistryReads;
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
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Households of a tenant's registry (the registry issue extends this with members and imports). */
@Controller("/api/v1/tenants/{tenantId}/households")
@SerdeImport(HouseholdDetail.class)
@SerdeImport(HouseholdDetail.Change.class)
@SerdeImport(HouseholdDetail.SameKk.class)
@SerdeImport(Household.class)
@SerdeImport(Member.class)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "households")
@SecurityRequirement(name = "bearer")
class HouseholdController {
    private final HouseholdService households;
    private final RegistryReads reads;

    private final id.lumbung.core.household.CarryOver carryOver;

    HouseholdController(
            HouseholdService households, RegistryReads reads, id.lumbung.core.household.CarryOver carryOver) {
        this.carryOver = carryOver;
        this.households = households;
        this.reads = reads;
    }

    @Permits(Permission.HOUSEHOLD_READ)
    @Get
    @Operation(
            summary = "Households the caller may see, optionally of one village, by village and address: a page at a"
                    + " time (size 1–500, default 100); X-Total-Count and Link (next, prev) headers say the rest")
    HttpResponse<List<HouseholdResponse>> list(
            @PathVariable String tenantId,
            @Nullable @QueryValue String village,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(
                reads.households(caller, tenantId, village, page.page()).map(HouseholdResponse::from));
    }

    @Permits(Permission.HOUSEHOLD_READ)
    @Get("/{id}")
    @Operation(
            summary =
                    "One household with its members (NIK masked), criteria and history (404 outside the caller's reach)")
    HouseholdDetail get(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return reads.detail(caller, tenantId, PathIds.uuid(id, ErrorCode.HOUSEHOLD_NOT_FOUND, "Household"));
    }

    @Permits(Permission.HOUSEHOLD_READ)
    @Post(value = "/search", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Households by exact KK number (in the body, never in a URL)")
    List<HouseholdResponse> search(@PathVariable String tenantId, @Valid @Body KkSearch body, Caller caller) {
        return reads.findByKk(caller, tenantId, body.kk()).stream()
                .map(HouseholdResponse::from)
                .toList();
    }

    /**
     * A search by KK number.
     *
     * @param kk the 16-digit KK number
     */
    @Serdeable
    record KkSearch(@NotNull @Size(max = 64) String kk) {}

    /**
     * A family carried over instead of dropped.
     *
     * @param formerHead DECEASED or MOVED when the head leaves; none when only the KK changes
     * @param leftOn when
     * @param newHeadId the living member who heads the household now
     * @param newKk the family's new KK number
     */
    @Serdeable
    record CarryOverBody(
            @Nullable @Size(max = 10) String formerHead,
            @Nullable java.time.LocalDate leftOn,
            @Nullable UUID newHeadId,
            @Nullable @Size(max = 40) String newKk) {}

    @Permits(Permission.HOUSEHOLD_WRITE)
    @Post(value = "/{id}/carry-over", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Carry a family over when its head dies or moves, or it gets a new KK: the household keeps its"
                    + " id, iddtks, desil and programmes; a living member heads it; every change in the history")
    Household carryOver(
            @PathVariable String tenantId, @PathVariable String id, @Valid @Body CarryOverBody body, Caller caller) {
        return carryOver.carry(
                caller,
                tenantId,
                PathIds.uuid(id, ErrorCode.HOUSEHOLD_NOT_FOUND, "Household"),
                new id.lumbung.core.household.CarryOver.Change(
                        body.formerHead(), body.leftOn(), body.newHeadId(), body.newKk()));
    }

    @Permits(Permission.HOUSEHOLD_WRITE)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a household in a village of the tenant")
    HttpResponse<HouseholdResponse> create(
            @PathVariable String tenantId, @Valid @Body CreateHouseholdRequest body, Caller caller) {
        Household household = households.create(
                caller,
                tenantId,
                body.villageCode(),
                body.address(),
                body.headName(),
                body.memberCount(),
                body.desil());
        return HttpResponse.created(
                HouseholdResponse.from(household),
                URI.create("/api/v1/tenants/" + tenantId + "/households/" + household.id()));
    }

    /**
     * A household to register.
     *
     * @param villageCode Kemendagri village code
     * @param address street address with RT/RW
     * @param headName the head of household's name
     * @param memberCount number of members
     * @param desil welfare decile, 1 to 10, if known
     */
    @Serdeable
    record CreateHouseholdRequest(
            @NotNull @Size(max = 13) String villageCode,
            @NotNull @Size(max = 500) String address,
            @NotNull @Size(max = 200) String headName,
            @NotNull @Max(100) Integer memberCount,
            @Nullable Integer desil) {}

    /**
     * A household.
     *
     * @param id its id
     * @param tenantId the tenant
     * @param villageCode the village
     * @param address the address
     * @param headName the head of household
     * @param memberCount number of members
     * @param desil welfare decile
     */
    @Serdeable
    record HouseholdResponse(
            UUID id,
            String tenantId,
            String villageCode,
            String address,
            String headName,
            int memberCount,
            Integer desil) {
        static HouseholdResponse from(Household household) {
            return new HouseholdResponse(
                    household.id(),
                    household.tenantId(),
                    household.villageCode(),
                    household.address(),
                    household.headName(),
                    household.memberCount(),
                    household.desil());
        }
    }
}
