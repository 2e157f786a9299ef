package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.workflow.FieldVisit;
import id.lumbung.core.workflow.FieldVisitService;
import id.lumbung.core.workflow.Proposal;
import id.lumbung.core.workflow.ProposalService;
import id.lumbung.core.workflow.ProposalState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.View;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The field worker's page, made for a phone on a poor connection: its assigned proposals and the
 * verification checklist are kept on the device (a service worker and IndexedDB), so the form
 * opens and saves without a signal; saved visits wait on the device with an idempotency key and
 * are sent when the connection returns — a resend never records a visit twice.
 */
@Controller("/ui/tenants/{tenantId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class FieldPages {
    private static final String WORKER = readResource("/field/sw.js");

    private final ProposalService proposals;
    private final FieldVisitService visits;

    FieldPages(ProposalService proposals, FieldVisitService visits) {
        this.proposals = proposals;
        this.visits = visits;
    }

    @Get("/lapangan")
    @Produces(MediaType.TEXT_HTML)
    @View("lapangan")
    Map<String, Object> page(@PathVariable String tenantId, Caller caller) {
        visits.checklist(caller, tenantId); // the verb, checked before the page is offered
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("username", caller.username());
        return model;
    }

    /** What the device keeps: the checklist and the proposals waiting for the caller's visit. */
    @Serdeable
    record Assignments(String username, Instant at, List<?> checklist, List<Map<String, Object>> proposals) {}

    @Get("/lapangan/tugas.json")
    @Produces(MediaType.APPLICATION_JSON)
    Assignments assignments(@PathVariable String tenantId, Caller caller) {
        List<?> checklist = visits.checklist(caller, tenantId);
        List<Map<String, Object>> waiting = proposals
                .page(caller, tenantId, ProposalState.FIELD_VERIFICATION, null, PageRequest.of(null, null, 500))
                .items()
                .stream()
                .map(FieldPages::assignment)
                .toList();
        return new Assignments(caller.username(), Instant.now(), checklist, waiting);
    }

    private static Map<String, Object> assignment(Proposal proposal) {
        Map<String, Object> shown = new HashMap<>();
        shown.put("id", proposal.id().toString());
        shown.put("receipt", proposal.receipt());
        shown.put("village", proposal.villageCode());
        shown.put("headName", proposal.headName());
        shown.put("address", proposal.address());
        shown.put("nik", proposal.nikMasked() == null ? "" : proposal.nikMasked());
        shown.put("kind", proposal.kind().name());
        return shown;
    }

    /** A visit as the page queued it. */
    @Serdeable
    record VisitForm(
            @Nullable UUID idempotencyKey,
            @Nullable Instant visitedAt,
            @Nullable Map<String, String> answers,
            @Nullable Integer membersPresent,
            @Nullable Double latitude,
            @Nullable Double longitude,
            @Nullable String photoBase64,
            @Nullable String note) {}

    @Post(value = "/lapangan/kunjungan/{proposalId}", consumes = MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<FieldVisit> send(
            @PathVariable String tenantId, @PathVariable String proposalId, @Body VisitForm form, Caller caller) {
        UUID id = ProposalPages.uuid(proposalId);
        FieldVisit recorded = visits.record(
                caller,
                tenantId,
                id,
                new FieldVisitService.Visit(
                        form.idempotencyKey(),
                        form.visitedAt(),
                        form.answers(),
                        form.membersPresent(),
                        form.latitude(),
                        form.longitude(),
                        form.photoBase64(),
                        form.note()));
        return recorded.resent() ? HttpResponse.ok(recorded) : HttpResponse.created(recorded);
    }

    /** The service worker, served from the tenant's pages so that its scope covers the field page. */
    @Get("/sw-lapangan.js")
    @Produces("text/javascript")
    HttpResponse<String> worker(@PathVariable String tenantId) {
        return HttpResponse.ok(WORKER).header("Cache-Control", "no-cache");
    }

    private static String readResource(String name) {
        try (InputStream in = FieldPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
