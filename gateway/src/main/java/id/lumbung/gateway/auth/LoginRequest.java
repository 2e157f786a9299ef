package id.lumbung.gateway.auth;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/**
 * Credentials.
 *
 * @param username the login name
 * @param password the password
 * @param newPassword the new password, needed at the first login of an account that must change it
 */
@Serdeable
record LoginRequest(
        @NotBlank @jakarta.validation.constraints.Size(max = 256) String username,
        @NotBlank @jakarta.validation.constraints.Size(max = 256) String password,
        @io.micronaut.core.annotation.Nullable @jakarta.validation.constraints.Size(max = 256) String newPassword) {
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
