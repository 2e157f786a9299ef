package id.lumbung.gateway.identity;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.identity.IdentityLookup;
import id.lumbung.core.identity.IdentitySettings;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** One record against the registry (is this person here already?) and the tenant's thresholds. */
@Controller("/api/v1/tenants/{tenantId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "identity")
@SecurityRequirement(name = "bearer")
@SerdeImport(IdentityLookup.Probe.class)
@SerdeImport(IdentityLookup.Match.class)
@SerdeImport(IdentitySettings.Setting.class)
class IdentityController {
    private final IdentityLookup lookup;
    private final IdentitySettings settings;

    IdentityController(IdentityLookup lookup, IdentitySettings settings) {
        this.lookup = lookup;
        this.settings = settings;
    }

    @Permits(Permission.DUPLICATE_RUN)
    @Post(uri = "/identity-matches", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Is this person registered already? The members who may be the person given (fullName, and"
                    + " nik, kk, birthDate, sex, villageCode where known), likeliest first, at most ten, each with its"
                    + " probability, sure (at or above the match threshold) and why field by field; a NIK typed"
                    + " wrong or missing still finds its person. Scored with the weights of the tenant's latest"
                    + " search for duplicates (the defaults before its first); audited")
    List<IdentityLookup.Match> matches(@PathVariable String tenantId, @Body IdentityLookup.Probe probe, Caller caller) {
        return lookup.matches(caller, tenantId, probe);
    }

    @Permits(Permission.DUPLICATE_RUN)
    @Get("/identity-settings")
    @Operation(
            summary = "The thresholds of identity resolution in force: own=false while the tenant uses the platform's")
    IdentitySettings.Setting setting(@PathVariable String tenantId, Caller caller) {
        return settings.find(caller, tenantId);
    }

    /** New thresholds, as probabilities: {@code 0 < reviewThreshold <= matchThreshold < 1}. */
    @Serdeable
    record Thresholds(@NotNull Double matchThreshold, @NotNull Double reviewThreshold) {}

    @Permits(Permission.IDENTITY_SETTINGS)
    @Put(uri = "/identity-settings", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set the tenant's thresholds (400 bad_request unless 0 < review <= match < 1); later searches,"
                    + " comparisons and lookups use them; audited")
    IdentitySettings.Setting save(@PathVariable String tenantId, @Valid @Body Thresholds body, Caller caller) {
        return settings.save(caller, tenantId, body.matchThreshold(), body.reviewThreshold());
    }
}
