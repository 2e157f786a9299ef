package id.lumbung.gateway.auth;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/**
 * Credentials.
 *
 * @param username the login name
 * @param password the password
 */
@Serdeable
record LoginRequest(
        @NotBlank @jakarta.validation.constraints.Size(max = 256) String username,
        @NotBlank @jakarta.validation.constraints.Size(max = 256) String password) {
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
