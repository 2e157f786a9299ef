package id.lumbung.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A token says who the caller is, never what it may do. Our own tokens carry the username and
 * its token version: roles, tenant, province and villages are read from the database on every
 * request ({@link Identities}), so a token signed with roles of its own grants nothing. A token of
 * the province's OpenID Connect provider is the province's word on its users: its groups are
 * mapped to our roles and its tenant and province claims carried over (decision 0010).
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class LumbungJwtAuthenticationFactory extends DefaultJwtAuthenticationFactory {
    private final OidcSettings oidc;
    private final Identities identities;

    LumbungJwtAuthenticationFactory(
            TokenConfiguration configuration, RolesFinder rolesFinder, OidcSettings oidc, Identities identities) {
        super(configuration, rolesFinder);
        this.oidc = oidc;
        this.identities = identities;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        JWTClaimsSet claims;
        try {
            claims = token.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        // The issuer must match the key: our tokens are signed with our secret (HS256), the
        // provider's with its published keys — never one passing for the other.
        boolean hmac = token instanceof SignedJWT signed
                && JWSAlgorithm.Family.HMAC_SHA.contains(signed.getHeader().getAlgorithm());
        if (!oidc.trusts(claims.getIssuer())) {
            return hmac ? ours(claims) : Optional.empty();
        }
        if (hmac || !(token instanceof SignedJWT)) {
            return Optional.empty();
        }
        Object name = claims.getClaim(oidc.usernameClaim());
        String username = "oidc:" + (name == null ? claims.getSubject() : name);
        Map<String, String> mapping = oidc.roles();
        Set<String> roles = new LinkedHashSet<>();
        if (claims.getClaim(oidc.rolesClaim()) instanceof Collection<?> groups) {
            groups.stream()
                    .map(String::valueOf)
                    .map(mapping::get)
                    .filter(role -> role != null)
                    .forEach(roles::add);
        }
        Map<String, Object> attributes = new HashMap<>();
        // A province's provider speaks for its own province only (lumbung.oidc.province).
        Object tenant = claims.getClaim(oidc.tenantClaim());
        boolean ownTenant = tenant != null && oidc.serves(String.valueOf(tenant));
        attributes.put(Claims.TENANTS, ownTenant ? List.of(String.valueOf(tenant)) : List.of());
        Object province = claims.getClaim(oidc.provinceClaim());
        if (province != null && oidc.serves(String.valueOf(province))) {
            attributes.put(Claims.PROVINCE, String.valueOf(province));
        }
        attributes.put("iss", claims.getIssuer());
        return Optional.of(Authentication.build(username, List.copyOf(roles), attributes));
    }

    private Optional<Authentication> ours(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        if (subject == null || !(claims.getClaim(Claims.VERSION) instanceof Number version)) {
            return Optional.empty();
        }
        return identities.current(subject, version.intValue()).map(user -> {
            Map<String, Object> attributes = new HashMap<>();
            attributes.put(Claims.TENANTS, user.tenantId() == null ? List.of() : List.of(user.tenantId()));
            if (user.provinceId() != null) {
                attributes.put(Claims.PROVINCE, user.provinceId());
            }
            attributes.put(Claims.VILLAGES, List.copyOf(user.villageCodes()));
            return Authentication.build(
                    user.username(),
                    user.roles().stream().map(Enum::name).sorted().toList(),
                    attributes);
        });
    }
}
