package id.lumbung.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AuthApiTest extends ApiTest {

    @Nested
    class Login {
        @Test
        void withTheRightPasswordAnswersAnAccessAndARefreshToken() {
            var response = postJson(
                    "/api/v1/auth/login", null, "{\"username\":\"admin-7471\",\"password\":\"" + PASSWORD + "\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> tokens = object(response);
            assertThat((String) tokens.get("accessToken")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
            assertThat(tokens).containsKey("refreshToken").containsEntry("tokenType", "Bearer");
        }

        @Test
        void withAWrongPasswordOrUnknownUserAnswersInvalidCredentials() {
            assertProblem(
                    postJson("/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"wrong-password-1\"}"),
                    401,
                    "invalid_credentials");
            assertProblem(
                    postJson("/api/v1/auth/login", null, "{\"username\":\"nobody\",\"password\":\"wrong-password-1\"}"),
                    401,
                    "invalid_credentials");
        }

        @Test
        void withMalformedJsonAWrongContentTypeOrMissingFieldsAnswersAProblem() {
            assertProblem(postJson("/api/v1/auth/login", null, "{\"username\":"), 400, "malformed_request_body");
            assertProblem(post("/api/v1/auth/login", null, "text/plain", "admin"), 415, "unsupported_media_type");
            assertProblem(postJson("/api/v1/auth/login", null, "{\"username\":\"admin\"}"), 422, "validation_failed");
        }
    }

    @Nested
    class Refresh {
        @Test
        void aRefreshTokenGivesNewTokensOnceOnly() {
            var login = object(
                    postJson("/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"));
            String body = "{\"refreshToken\":\"" + login.get("refreshToken") + "\"}";

            var refreshed = postJson("/api/v1/auth/refresh", null, body);
            assertThat(refreshed.statusCode()).isEqualTo(200);
            assertThat(get("/api/v1/tenants", (String) object(refreshed).get("accessToken"))
                            .statusCode())
                    .isEqualTo(200);

            assertProblem(postJson("/api/v1/auth/refresh", null, body), 401, "invalid_refresh_token");
        }
    }

    @Nested
    class EveryOtherApiNeedsAValidToken {
        @Test
        void withoutAToken() {
            assertProblem(get("/api/v1/tenants", null), 401, "unauthenticated");
        }

        @Test
        void withAForgedSignature() throws Exception {
            String forged =
                    sign(claims(Instant.now().plusSeconds(600)), "another-secret-that-is-long-enough-for-hs256-xx");
            assertProblem(get("/api/v1/tenants", forged), 401, "unauthenticated");
        }

        @Test
        void withAnExpiredToken() throws Exception {
            String expired = sign(claims(Instant.now().minusSeconds(60)), JWT_SECRET);
            assertProblem(get("/api/v1/tenants", expired), 401, "unauthenticated");
        }

        @Test
        void withAlgNone() {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
            String payload =
                    b64.encodeToString(("{\"sub\":\"admin\",\"roles\":[\"PLATFORM_ADMIN\"],\"iss\":\"lumbung\",\"exp\":"
                                    + (Instant.now().getEpochSecond() + 600) + "}")
                            .getBytes(StandardCharsets.UTF_8));
            assertProblem(get("/api/v1/tenants", header + "." + payload + "."), 401, "unauthenticated");
        }

        @Test
        void withATamperedPayload() {
            String token = login("admin-7471");
            String[] parts = token.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("admin-7471", "admin");
            String tampered = parts[0] + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2];
            assertProblem(get("/api/v1/tenants", tampered), 401, "unauthenticated");
        }

        @Test
        void withAnotherIssuer() throws Exception {
            JWTClaimsSet foreign = new JWTClaimsSet.Builder(claims(Instant.now().plusSeconds(600)))
                    .issuer("someone-else")
                    .build();
            assertProblem(get("/api/v1/tenants", sign(foreign, JWT_SECRET)), 401, "unauthenticated");
        }

        @Test
        void withATokenNotYetValid() throws Exception {
            JWTClaimsSet early = new JWTClaimsSet.Builder(claims(Instant.now().plusSeconds(3600)))
                    .notBeforeTime(Date.from(Instant.now().plusSeconds(1800)))
                    .build();
            assertProblem(get("/api/v1/tenants", sign(early, JWT_SECRET)), 401, "unauthenticated");
        }

        @Test
        void withAnRsaSignatureFromAKeyWeDoNotTrustEvenIfJkuOrX5uPointToIt() throws Exception {
            RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
            for (JWSHeader header : List.of(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(),
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .jwkURL(URI.create("http://127.0.0.1:9/jwks.json"))
                            .build(),
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .x509CertURL(URI.create("http://127.0.0.1:9/cert.pem"))
                            .build(),
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .jwk(attacker.toPublicJWK())
                            .build())) {
                SignedJWT jwt = new SignedJWT(header, claims(Instant.now().plusSeconds(600)));
                jwt.sign(new RSASSASigner(attacker));
                assertProblem(get("/api/v1/tenants", jwt.serialize()), 401, "unauthenticated");
            }
        }

        @Test
        void withAnHmacSignatureKeyedByAPublicKey() throws Exception {
            RSAKey someKey = new RSAKeyGenerator(2048).generate();
            byte[] publicKeyAsSecret = someKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256), claims(Instant.now().plusSeconds(600)));
            jwt.sign(new MACSigner(publicKeyAsSecret));
            assertProblem(get("/api/v1/tenants", jwt.serialize()), 401, "unauthenticated");
        }

        @Test
        void butAWellSignedTokenOfOurIssuerWorks() throws Exception {
            assertThat(get("/api/v1/tenants", sign(claims(Instant.now().plusSeconds(600)), JWT_SECRET))
                            .statusCode())
                    .as("the control case: the forged tokens above fail for their flaw, not for the test's")
                    .isEqualTo(200);
        }

        private JWTClaimsSet claims(Instant expiry) {
            return new JWTClaimsSet.Builder()
                    .subject("admin")
                    .issuer("lumbung")
                    .claim("roles", List.of("PLATFORM_ADMIN"))
                    .claim("tenants", List.of())
                    .claim("ver", adminTokenVersion())
                    .issueTime(Date.from(Instant.now().minusSeconds(120)))
                    .notBeforeTime(Date.from(Instant.now().minusSeconds(120)))
                    .expirationTime(Date.from(expiry))
                    .build();
        }

        /** The platform admin's current token version (the demo seed's reset bumps it at every start). */
        private int adminTokenVersion() {
            try (java.sql.Connection owner =
                            id.lumbung.core.testing.TestDatabase.get().ownerConnection();
                    java.sql.Statement query = owner.createStatement();
                    java.sql.ResultSet row =
                            query.executeQuery("SELECT token_version FROM app_user WHERE username = 'admin'")) {
                row.next();
                return row.getInt(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private String sign(JWTClaimsSet claims, String secret) throws Exception {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        }
    }
}
