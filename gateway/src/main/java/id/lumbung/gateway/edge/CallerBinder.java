package id.lumbung.gateway.edge;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.gateway.auth.Claims;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Gives a controller method its {@link Caller}: declare a {@code Caller caller} parameter and the
 * request's authentication, request id and stated purpose arrive as the domain's caller. The one
 * place a token's contents become a caller.
 */
@Singleton
public final class CallerBinder implements TypedRequestArgumentBinder<Caller> {
    /** Header stating why the caller acts (e.g. "verval Mei 2026"), kept in the audit log. */
    public static final String PURPOSE_HEADER = "X-Purpose";
    /** Header carrying the request's correlation id (generated when absent). */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            // Bound before the security filter has run: asked again once it has.
            return BindingResult.unsatisfied();
        }
        Caller caller = of(authentication.get(), request);
        return () -> Optional.of(caller);
    }

    /** The caller an authentication (and, when there is one, its request) names. */
    public static Caller of(Authentication authentication, HttpRequest<?> request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : authentication.getRoles()) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                // A role another identity provider knows and we do not: it grants nothing here.
            }
        }
        Object province = authentication.getAttributes().get(Claims.PROVINCE);
        // The id RequestContext gave the request (the caller's X-Request-Id when it was sane).
        String requestId = request == null
                ? null
                : request.getAttribute(RequestContext.REQUEST_ID_ATTRIBUTE, String.class)
                        .orElse(null);
        return new Caller(
                authentication.getName(),
                roles,
                strings(authentication.getAttributes().get(Claims.TENANTS)),
                province == null ? null : province.toString(),
                strings(authentication.getAttributes().get(Claims.VILLAGES)),
                requestId == null ? UUID.randomUUID().toString() : requestId,
                request == null ? null : header(request, PURPOSE_HEADER));
    }

    /** A caller-supplied header, bounded and printable, or {@code null}. */
    private static String header(HttpRequest<?> request, String name) {
        return request.getHeaders()
                .get(name, String.class)
                .map(String::strip)
                .filter(value -> !value.isEmpty()
                        && value.length() <= 200
                        && value.chars().noneMatch(Character::isISOControl))
                .orElse(null);
    }

    private static Set<String> strings(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof Collection<?> claimed) {
            claimed.forEach(value -> values.add(String.valueOf(value)));
        }
        return values;
    }
}
