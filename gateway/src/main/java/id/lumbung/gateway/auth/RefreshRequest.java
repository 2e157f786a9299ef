package id.lumbung.gateway.auth;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/**
 * A refresh token to exchange for new tokens.
 *
 * @param refreshToken the refresh token from the last login or refresh
 */
@Serdeable
record RefreshRequest(@NotBlank @jakarta.validation.constraints.Size(max = 256) String refreshToken) {
    @Override
    public String toString() {
        return "RefreshRequest[***]";
    }
}
