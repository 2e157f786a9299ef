package id.lumbung.gateway.problem;

import id.lumbung.core.error.LumbungException;
import id.lumbung.core.ratelimit.RateLimits;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;

/** Domain failures answer with their code, at the status of its kind. */
@Produces
@Singleton
final class LumbungExceptionHandler implements ExceptionHandler<LumbungException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, LumbungException exception) {
        MutableHttpResponse<Problem> response =
                Problems.respond(request, exception.errorCode(), exception.getMessage(), List.of());
        if (ErrorPage.wanted(request)) {
            return ErrorPage.of(response, response.status(), exception.errorCode());
        }
        if (exception instanceof RateLimits.RateLimitedException limited) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return response;
    }
}
