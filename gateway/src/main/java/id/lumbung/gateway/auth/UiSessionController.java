package id.lumbung.gateway.auth;

import id.lumbung.core.access.Public;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.user.UserAccount;
import id.lumbung.core.user.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.Optional;

/** The admin UI's login form and logout: the session is a signed token in an HttpOnly cookie. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
class UiSessionController {
    static final String COOKIE = "LUMBUNG_SESSION";

    private final UserService users;
    private final TokenIssuer issuer;
    private final RateLimits rateLimits;

    UiSessionController(UserService users, TokenIssuer issuer, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.users = users;
        this.issuer = issuer;
    }

    @Public("logging in to the pages: who the caller is, not what it may do")
    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> login(@Body LoginForm form, HttpRequest<?> request) {
        if (form.username() == null || form.password() == null) {
            return HttpResponse.seeOther(URI.create("/login?gagal=1"));
        }
        rateLimits.login(request.getRemoteAddress().getAddress().getHostAddress(), form.username());
        String newPassword = form.newPassword() == null || form.newPassword().isEmpty() ? null : form.newPassword();
        if (newPassword != null && !newPassword.equals(form.newPasswordAgain())) {
            return HttpResponse.seeOther(URI.create("/login?ganti=beda"));
        }
        Optional<UserAccount> account;
        try {
            account = users.logIn(form.username(), form.password(), newPassword);
        } catch (LumbungException e) {
            return switch (e.errorCode()) {
                case PASSWORD_CHANGE_REQUIRED -> HttpResponse.seeOther(URI.create("/login?ganti=wajib"));
                case WEAK_PASSWORD, PASSWORD_TOO_LONG -> HttpResponse.seeOther(URI.create("/login?ganti=lemah"));
                case PASSWORD_UNCHANGED -> HttpResponse.seeOther(URI.create("/login?ganti=sama"));
                default -> throw e;
            };
        }
        return account.<HttpResponse<?>>map(user -> HttpResponse.seeOther(URI.create("/ui/tenants"))
                        .cookie(Cookie.of(COOKIE, issuer.uiSession(user))
                                .httpOnly(true)
                                .sameSite(SameSite.Strict)
                                .path("/")
                                .maxAge(issuer.uiSessionExpiry())))
                .orElseGet(() -> HttpResponse.seeOther(URI.create("/login?gagal=1")));
    }

    @Public("logging out ends the caller's own session")
    @Get("/logout")
    HttpResponse<?> logout() {
        return HttpResponse.seeOther(URI.create("/login?keluar=1"))
                .cookie(Cookie.of(COOKIE, "").httpOnly(true).path("/").maxAge(0));
    }

    /**
     * The login form's fields.
     *
     * @param username the login name
     * @param password the password
     * @param newPassword the new password, at the first login of an account that must change it
     * @param newPasswordAgain the new password typed again
     */
    @Serdeable
    record LoginForm(
            @Nullable String username,
            @Nullable String password,
            @Nullable String newPassword,
            @Nullable String newPasswordAgain) {
        @Override
        public String toString() {
            return "LoginForm[username=" + username + "]";
        }
    }
}
