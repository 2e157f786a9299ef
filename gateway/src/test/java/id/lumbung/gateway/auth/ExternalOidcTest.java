package id.lumbung.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A province's own SSO: its JWKS served over real HTTP, its groups mapped to our roles. */
@MicronautTest(transactional = false)
class ExternalOidcTest extends ApiTest {
    private static final String ISSUER = "https://sso.sultra.example";
    private final RSAKey provinceKey;
    private final HttpServer jwks;

    ExternalOidcTest() throws Exception {
        provinceKey = new RSAKeyGenerator(2048).keyID("sultra-1").generate();
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = new JWKSet(provinceKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    void stopJwks() {
        jwks.stop(0);
    }

    @Override
    protected Map<String, String> extraProperties() {
        return with(
                "micronaut.security.token.jwt.signatures.jwks.oidc.url",
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json",
                "lumbung.oidc.issuer",
                ISSUER,
                "lumbung.oidc.role-mapping",
                "dinsos-verifikator=VERIFIER,dinsos-provinsi=PROVINCE_ADMIN",
                "lumbung.oidc.province",
                "74");
    }

    @Test
    void aVerifierFromTheProvinceSsoWorksInItsTenantOnly() throws Exception {
        String token = token(provinceKey, ISSUER, List.of("dinsos-verifikator", "staff"), "7471", null);

        assertThat(array(get("/api/v1/tenants", token)))
                .extracting(tenant -> tenant.get("id"))
                .containsExactly("7471");
        assertThat(postJson("/api/v1/tenants/7471/nik-checks", token, "{\"nik\":\"7471011205850001\"}")
                        .statusCode())
                .isEqualTo(202);
        assertProblem(get("/api/v1/tenants/7401", token), 404, "tenant_not_found");
    }

    @Test
    void aProvinceAdminFromTheSsoSeesItsProvince() throws Exception {
        String token = token(provinceKey, ISSUER, List.of("dinsos-provinsi"), null, "74");
        assertThat(array(get("/api/v1/tenants", token)))
                .extracting(tenant -> tenant.get("id"))
                .contains("7471", "7401");
    }

    @Test
    void unmappedGroupsGrantNothing() throws Exception {
        String token = token(provinceKey, ISSUER, List.of("staff"), "7471", null);
        assertThat(array(get("/api/v1/tenants", token))).isEmpty();
        assertProblem(
                postJson("/api/v1/tenants/7471/nik-checks", token, "{\"nik\":\"7471011205850001\"}"),
                404,
                "tenant_not_found");
    }

    @Test
    void aTokenOfAnotherIssuerOrSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("sultra-1").generate();
        assertProblem(
                get("/api/v1/tenants", token(stranger, ISSUER, List.of("dinsos-verifikator"), "7471", null)),
                401,
                "unauthenticated");
        assertProblem(
                get(
                        "/api/v1/tenants",
                        token(provinceKey, "https://evil.example", List.of("dinsos-verifikator"), "7471", null)),
                401,
                "unauthenticated");
    }

    @Test
    void theProvidersKeyCannotSignOurTokensNorReachAnotherProvince() throws Exception {
        // Signed with the province's key but naming our issuer and our platform admin.
        SignedJWT ours = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(provinceKey.getKeyID())
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer("lumbung")
                        .subject("admin")
                        .claim("ver", 0)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build());
        ours.sign(new RSASSASigner(provinceKey));
        assertProblem(get("/api/v1/tenants", ours.serialize()), 401, "unauthenticated");

        String makassar = token(provinceKey, ISSUER, List.of("dinsos-provinsi"), null, "73");
        assertThat(array(get("/api/v1/tenants", makassar))).isEmpty();
        String foreignTenant = token(provinceKey, ISSUER, List.of("dinsos-verifikator"), "7371", null);
        assertThat(array(get("/api/v1/tenants", foreignTenant))).isEmpty();
    }

    private static String token(RSAKey key, String issuer, List<String> groups, String tenant, String province)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("f3b1c2")
                .claim("preferred_username", "siti.verifikator")
                .claim("groups", groups)
                .issueTime(Date.from(Instant.now().minusSeconds(60)))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        if (tenant != null) {
            claims.claim("lumbung_tenant", tenant);
        }
        if (province != null) {
            claims.claim("lumbung_province", province);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
