package id.lumbung.gateway.connector;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.connector.ConnectorCredential;
import id.lumbung.core.connector.ConnectorCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** A regency's own credentials for an agency: entered, never shown back, tried by the worker. */
@Controller("/api/v1/tenants/{tenantId}/connector-credentials")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "connectors")
@SecurityRequirement(name = "bearer")
class CredentialController {
    private final ConnectorCredentials credentials;

    CredentialController(ConnectorCredentials credentials) {
        this.credentials = credentials;
    }

    /**
     * The regency's credentials for the agency.
     *
     * @param userId the user id the agency gave the social office
     * @param password its password (stored sealed, never shown back)
     * @param ipUser the client IP address the agency registered, if it asks for one
     */
    @Serdeable
    record Entered(@Nullable String userId, @Nullable String password, @Nullable String ipUser) {
        /** Without the password. */
        @Override
        public String toString() {
            return "Entered[ipUser=" + ipUser + "]";
        }
    }

    @Permits(Permission.CONNECTOR_READ)
    @Get
    @Operation(
            summary = "The regency's own credentials per agency it enters (DUKCAPIL): whether set, the user id masked,"
                    + " who set them and when, and the last try (WAITING, OK, REFUSED, UNREACHABLE) — never the"
                    + " password")
    List<ConnectorCredential> list(@PathVariable String tenantId, Caller caller) {
        return credentials.list(caller, tenantId);
    }

    @Permits(Permission.CONNECTOR_CONFIGURE)
    @Put(uri = "/{agency}", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Enter (or replace) the regency's credentials for the agency: sealed for this regency, used"
                    + " by its calls instead of the platform's; lifts its pause for a configuration error; 422"
                    + " connector_credentials_invalid")
    ConnectorCredential set(
            @PathVariable String tenantId, @PathVariable String agency, @Body Entered body, Caller caller) {
        return credentials.set(caller, tenantId, agency, body.userId(), body.password(), body.ipUser());
    }

    @Permits(Permission.CONNECTOR_CONFIGURE)
    @Delete("/{agency}")
    @Operation(
            summary = "Forget the regency's credentials: its calls use the platform's again (409"
                    + " connector_credentials_missing when none are stored)")
    HttpResponse<Void> remove(@PathVariable String tenantId, @PathVariable String agency, Caller caller) {
        credentials.remove(caller, tenantId, agency);
        return HttpResponse.noContent();
    }

    @Permits(Permission.CONNECTOR_CONFIGURE)
    @Post("/{agency}/try")
    @Operation(
            summary = "Try the stored credentials with the agency (or its simulator): 202, the worker asks it and the"
                    + " list shows the outcome (WAITING until then); 409 connector_credentials_missing")
    HttpResponse<ConnectorCredential> tryThem(
            @PathVariable String tenantId, @PathVariable String agency, Caller caller) {
        return HttpResponse.accepted().body(credentials.tryThem(caller, tenantId, agency));
    }
}
