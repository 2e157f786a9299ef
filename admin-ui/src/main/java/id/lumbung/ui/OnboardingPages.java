package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Public;
import id.lumbung.core.connector.ConnectorCredentials;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.onboarding.Invitations;
import id.lumbung.core.onboarding.Onboarding;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.View;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A regency live the same day, in Bahasa Indonesia: its province's admin (or the platform admin)
 * onboards it and passes on its first admin's one-time link; the admin chooses a password on the
 * link's page; a checklist says what is still missing.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@ExecuteOn(TaskExecutors.BLOCKING)
final class OnboardingPages {
    private final Onboarding onboarding;
    private final id.lumbung.core.onboarding.JoinRequests joinRequests;
    private final Invitations invitations;
    private final TenantService tenants;
    private final RegionRepository regions;
    private final Authorizer access;
    private final RateLimits rateLimits;

    private final ConnectorCredentials credentials;

    OnboardingPages(
            Onboarding onboarding,
            id.lumbung.core.onboarding.JoinRequests joinRequests,
            Invitations invitations,
            TenantService tenants,
            RegionRepository regions,
            Authorizer access,
            RateLimits rateLimits,
            ConnectorCredentials credentials) {
        this.credentials = credentials;
        this.onboarding = onboarding;
        this.joinRequests = joinRequests;
        this.invitations = invitations;
        this.tenants = tenants;
        this.regions = regions;
        this.access = access;
        this.rateLimits = rateLimits;
    }

    @Get("/ui/pendaftaran")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @View("onboarding")
    Map<String, Object> form(@Nullable @QueryValue String provinsi, @Nullable @QueryValue String galat, Caller caller) {
        if (!access.holdsAnywhere(caller, Permission.TENANT_ONBOARD)) {
            throw Authorizer.denied(Permission.TENANT_ONBOARD);
        }
        String province = caller.provinceId() != null ? caller.provinceId() : provinsi == null ? "74" : provinsi;
        Set<String> onboarded =
                tenants.visibleTo(caller).stream().map(Tenant::regionCode).collect(Collectors.toSet());
        List<Map<String, String>> open = regions.children(province).stream()
                .filter(region -> !onboarded.contains(region.code()))
                .map(region -> Map.of("code", region.code(), "name", region.name()))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("username", caller.username());
        model.put("province", province);
        model.put("chooseProvince", caller.provinceId() == null);
        model.put(
                "provinces",
                regions.provinces().stream()
                        .map(region -> Map.of("code", region.code(), "name", region.name()))
                        .toList());
        model.put("regencies", open);
        model.put("error", galat);
        model.put(
                "requests",
                access.oversees(caller, Permission.TENANT_ONBOARD, province)
                        ? joinRequests.list(caller, province).stream()
                                .map(OnboardingPages::request)
                                .toList()
                        : List.of());
        return model;
    }

    private static Map<String, Object> request(id.lumbung.core.onboarding.JoinRequestRow request) {
        return Map.of(
                "id", request.id().toString(),
                "region", request.regionCode(),
                "contact", request.contactName() + " (" + request.contactPosition() + ")",
                "admin", request.adminUsername(),
                "note", request.note() == null ? "" : request.note(),
                "state",
                        switch (request.state()) {
                            case "PENDING" -> "Menunggu";
                            case "APPROVED" -> "Disetujui";
                            default -> "Ditolak: " + (request.decisionNote() == null ? "" : request.decisionNote());
                        },
                "waiting", "PENDING".equals(request.state()));
    }

    @Post(value = "/ui/pendaftaran/permohonan/{id}/setujui", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> approve(@PathVariable String id, @Nullable String provinsi, HttpRequest<?> request, Caller caller) {
        String province = caller.provinceId() != null ? caller.provinceId() : provinsi == null ? "" : provinsi;
        try {
            return onboarded(joinRequests.approve(caller, province, uuid(id)), request, caller);
        } catch (LumbungException e) {
            return back(province, e);
        }
    }

    @Post(value = "/ui/pendaftaran/permohonan/{id}/tolak", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> reject(@PathVariable String id, @Nullable String provinsi, @Nullable String alasan, Caller caller) {
        String province = caller.provinceId() != null ? caller.provinceId() : provinsi == null ? "" : provinsi;
        try {
            joinRequests.reject(caller, province, uuid(id), alasan);
            return HttpResponse.seeOther(URI.create("/ui/pendaftaran?provinsi=" + province));
        } catch (LumbungException e) {
            return back(province, e);
        }
    }

    @Get("/gabung")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Public("a regency not on the platform has no account yet")
    @View("join")
    Map<String, Object> joinForm(@Nullable @QueryValue String galat, @Nullable @QueryValue String terkirim) {
        Map<String, Object> model = new HashMap<>();
        model.put("error", galat);
        model.put("sent", terkirim != null);
        return model;
    }

    @Post(value = "/gabung", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Public("a regency not on the platform has no account yet")
    HttpResponse<?> join(
            @Nullable String kode,
            @Nullable String nama,
            @Nullable String jabatan,
            @Nullable String admin,
            @Nullable String catatan,
            HttpRequest<?> request) {
        rateLimits.login(request.getRemoteAddress().getAddress().getHostAddress(), "join-request");
        return Redirects.to("/gabung", () -> {
            joinRequests.ask(kode, nama, jabatan, admin, catatan);
            return "/gabung?terkirim=1";
        });
    }

    private static java.util.UUID uuid(String raw) {
        try {
            return java.util.UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new LumbungException(
                    id.lumbung.core.error.ErrorCode.JOIN_REQUEST_NOT_FOUND, "Permohonan tidak ditemukan");
        }
    }

    private static HttpResponse<?> back(String province, LumbungException e) {
        return HttpResponse.seeOther(UriBuilder.of("/ui/pendaftaran")
                .queryParam("provinsi", province)
                .queryParam("galat", Messages.of(e))
                .build());
    }

    @Post(value = "/ui/pendaftaran", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> onboard(
            @Nullable String kode,
            @Nullable String admin,
            @Nullable String provinsi,
            HttpRequest<?> request,
            Caller caller) {
        try {
            return onboarded(onboarding.onboard(caller, kode == null ? "" : kode, admin), request, caller);
        } catch (LumbungException e) {
            return back(provinsi == null ? "" : provinsi, e);
        }
    }

    /** The page after onboarding: the first admin's link, shown this once. */
    private static HttpResponse<?> onboarded(Onboarding.Onboarded onboarded, HttpRequest<?> request, Caller caller) {
        Map<String, Object> model = new HashMap<>();
        model.put("username", caller.username());
        model.put("tenantId", onboarded.tenant().id());
        model.put("name", onboarded.tenant().name());
        model.put("templateApplied", onboarded.templateApplied());
        model.put(
                "invitation",
                onboarded.invitation() == null ? null : onboarded.invitation().username());
        model.put(
                "link",
                onboarded.invitation() == null
                        ? null
                        : origin(request) + onboarded.invitation().path());
        return HttpResponse.ok(new ModelAndView<>("onboarded", model));
    }

    @Get("/ui/tenants/{tenantId}/persiapan")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @View("checklist")
    Map<String, Object> checklist(@PathVariable String tenantId, @Nullable @QueryValue String galat, Caller caller) {
        Onboarding.Checklist checklist = onboarding.checklist(caller, tenantId);
        Map<String, Object> model = new HashMap<>();
        model.put("error", galat);
        boolean configures = access.permits(caller, Permission.CONNECTOR_CONFIGURE, tenantId);
        model.put("mayConfigure", configures);
        model.put("dukcapil", configures ? credentials.of(tenantId, "DUKCAPIL") : null);
        model.put("username", caller.username());
        model.put("tenantId", tenantId);
        model.put("name", checklist.tenant().name());
        model.put("done", checklist.done());
        model.put("total", checklist.total());
        model.put(
                "items",
                checklist.items().stream()
                        .map(item -> Map.of(
                                "key", item.key(),
                                "label", item.label(),
                                "state",
                                        item.done() == null
                                                ? "belum dapat diperiksa"
                                                : item.done() ? "selesai" : "belum",
                                "css", item.done() == null ? "muted" : item.done() ? "done" : "todo",
                                "detail", item.detail()))
                        .toList());
        return model;
    }

    /** The regency's own Dukcapil credentials, entered on its checklist (never shown back). */
    @Post(uri = "/ui/tenants/{tenantId}/persiapan/dukcapil", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> credentials(
            @PathVariable String tenantId,
            @Nullable String userId,
            @Nullable String password,
            @Nullable String ipUser,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/persiapan";
        return Redirects.after(page, () -> credentials.set(caller, tenantId, "DUKCAPIL", userId, password, ipUser));
    }

    /** Try them: the worker asks Dukcapil; the page shows the answer (it refreshes while waiting). */
    @Post(uri = "/ui/tenants/{tenantId}/persiapan/dukcapil/coba", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> tryCredentials(@PathVariable String tenantId, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/persiapan";
        return Redirects.after(page, () -> credentials.tryThem(caller, tenantId, "DUKCAPIL"));
    }

    @Get("/undangan/{token}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Public("an invitation's token is its own credential")
    @View("invitation")
    Map<String, Object> invitation(@PathVariable String token, @Nullable @QueryValue String galat) {
        Map<String, Object> model = new HashMap<>();
        model.put("token", token);
        model.put("error", galat);
        try {
            Invitations.Pending pending = invitations.pending(token);
            model.put("invitee", pending.username());
            model.put("tenant", tenants.name(pending.tenantId()));
        } catch (LumbungException e) {
            model.put("invitee", null);
            model.put("unknown", Messages.of(e));
        }
        return model;
    }

    @Post(value = "/undangan/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Public("an invitation's token is its own credential")
    HttpResponse<?> accept(
            @PathVariable String token,
            @Nullable String password,
            @Nullable String passwordAgain,
            HttpRequest<?> request) {
        rateLimits.login(request.getRemoteAddress().getAddress().getHostAddress(), "invitation");
        String page = "/undangan/" + token;
        if (password == null || !password.equals(passwordAgain)) {
            return HttpResponse.seeOther(UriBuilder.of(page)
                    .queryParam("galat", "Kata sandi dan ulangannya tidak sama.")
                    .build());
        }
        return Redirects.to(page, () -> {
            invitations.accept(token, password);
            return "/login?undangan=1";
        });
    }

    /** The scheme, host and port the browser used, for a link to pass on. */
    private static String origin(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        String scheme = request.getHeaders()
                .findFirst("X-Forwarded-Proto")
                .orElse(request.isSecure() ? "https" : "http")
                .toLowerCase(Locale.ROOT);
        return host == null ? "" : scheme + "://" + host;
    }
}
