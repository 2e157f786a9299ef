package id.lumbung.gateway.workflow;

import id.lumbung.core.access.Public;
import id.lumbung.core.workflow.CitizenRegistrations;
import id.lumbung.core.workflow.EvidenceFiles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;

/** Citizens registering themselves, without a login: a receipt to follow it, nothing else told. */
@Controller("/api/v1/public/tenants/{tenantId}/registrations")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "workflow")
class CitizenController {
    private final CitizenRegistrations registrations;

    CitizenController(CitizenRegistrations registrations) {
        this.registrations = registrations;
    }

    /**
     * A family's registration.
     *
     * @param ktpPhotoBase64 a photo of the head's KTP, JPEG or PNG, base64 (a data: URL allowed)
     */
    @Serdeable
    record RegistrationBody(
            @Nullable @Size(max = 13) String villageCode,
            @Nullable @Size(max = 200) String headName,
            @Nullable @Size(max = 300) String address,
            @Nullable @Size(max = 40) String nik,
            @Nullable @Size(max = 40) String kk,
            @Nullable @Size(max = 3_500_000) String ktpPhotoBase64) {}

    @Public("a citizen registers a family without an account; limited per address, answers only a receipt")
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register a family (KK, the head's NIK and name, address, a KTP photo): 202 with a receipt, the"
                    + " same answer whether or not the NIK is known; the registration is a submitted proposal of its"
                    + " village; limited per client address (429)")
    HttpResponse<CitizenRegistrations.Receipt> register(
            @PathVariable String tenantId, @Valid @Body RegistrationBody body, HttpRequest<?> http) {
        byte[] photo = body.ktpPhotoBase64() == null || body.ktpPhotoBase64().isBlank()
                ? null
                : EvidenceFiles.fromBase64(body.ktpPhotoBase64(), "ktpPhotoBase64");
        return HttpResponse.accepted()
                .body(registrations.register(
                        tenantId,
                        http.getRemoteAddress().getAddress().getHostAddress(),
                        new CitizenRegistrations.Registration(
                                body.villageCode(), body.headName(), body.address(), body.nik(), body.kk()),
                        photo == null ? null : new ByteArrayInputStream(photo)));
    }

    @Public("a citizen follows a registration by its receipt: where it stands, nothing personal")
    @Get("/{receipt}")
    @Operation(summary = "Where a registration stands, by its receipt (limited per client address)")
    CitizenRegistrations.Receipt status(
            @PathVariable String tenantId, @PathVariable String receipt, HttpRequest<?> http) {
        return registrations.status(
                tenantId, http.getRemoteAddress().getAddress().getHostAddress(), receipt);
    }
}
