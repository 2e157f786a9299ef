package id.lumbung.gateway.household;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.household.RegistryReads;
import id.lumbung.gateway.edge.PageQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import jakarta.validation.constraints.Size;
import java.util.List;

/** Finding people in a tenant's registry. */
@Controller("/api/v1/tenants/{tenantId}/members")
@SerdeImport(RegistryReads.Match.class)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "households")
@SecurityRequirement(name = "bearer")
class MemberController {
    private final RegistryReads reads;

    MemberController(RegistryReads reads) {
        this.reads = reads;
    }

    @Permits(Permission.HOUSEHOLD_READ)
    @Post(value = "/search", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Members by exact NIK, or by name (case, spaces, titles and old spellings do not matter);"
                    + " the NIK goes in the body, never in a URL. A search by name answers a page at a time (size"
                    + " 1–500, default 100) with X-Total-Count and Link (next, prev) headers")
    HttpResponse<List<RegistryReads.Match>> search(
            @PathVariable String tenantId, @Valid @Body MemberSearch body, @RequestBean PageQuery page, Caller caller) {
        if ((body.nik() == null || body.nik().isBlank()) && body.name() != null) {
            return page.answer(reads.findByName(caller, tenantId, body.name(), page.page()));
        }
        return HttpResponse.ok(reads.findMembers(caller, tenantId, body.nik(), body.name()));
    }

    @Permits(Permission.HOUSEHOLD_READ)
    @io.micronaut.http.annotation.Get("/turning-17")
    @Operation(
            summary = "Members who turn 17 in the next six months (they record their KTP-el then), oldest first,"
                    + " optionally of one village; NIK masked (absent when the registry has none). A page at a time"
                    + " with X-Total-Count and Link (next, prev) headers")
    HttpResponse<List<RegistryReads.Match>> turningSeventeen(
            @PathVariable String tenantId,
            @Nullable @QueryValue String village,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(reads.turningSeventeen(caller, tenantId, village, page.page()));
    }

    /**
     * A search: by NIK or by name.
     *
     * @param nik a 16-digit NIK
     * @param name part of a name, at least 3 letters, from its start
     */
    @Serdeable
    record MemberSearch(@Nullable @Size(max = 64) String nik, @Nullable @Size(max = 200) String name) {}
}
