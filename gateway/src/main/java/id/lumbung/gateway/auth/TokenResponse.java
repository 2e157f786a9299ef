package id.lumbung.gateway.auth;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Tokens after a login or refresh.
 *
 * @param accessToken the signed JWT to send as {@code Authorization: Bearer …}
 * @param refreshToken an opaque, single-use token for {@code POST /api/v1/auth/refresh}
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 */
@Serdeable
record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    @Override
    public String toString() {
        return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
