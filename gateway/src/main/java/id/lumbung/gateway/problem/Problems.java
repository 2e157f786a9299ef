package id.lumbung.gateway.problem;

import id.lumbung.core.error.ErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Locale;

/**
 * The edge's one mapping from what failed to how it is answered: the HTTP status of each kind of
 * {@link ErrorCode}, and the problem body in the caller's language.
 */
public final class Problems {
    private Problems() {}

    /** The HTTP status a kind of failure answers with. */
    public static HttpStatus statusOf(ErrorCode.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case CONFLICT -> HttpStatus.CONFLICT;
            case LENGTH_REQUIRED -> HttpStatus.LENGTH_REQUIRED;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The answer to a refusal: its status, and a problem body titled in the caller's language. */
    public static MutableHttpResponse<Problem> respond(
            HttpRequest<?> request, ErrorCode code, String detail, List<Problem.FieldError> errors) {
        HttpStatus status = statusOf(code.kind());
        return HttpResponse.<Problem>status(status)
                .contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(status, code, detail, errors, prefersEnglish(request)));
    }

    /** Bahasa Indonesia first: English only when the request's first language is English. */
    public static boolean prefersEnglish(HttpRequest<?> request) {
        if (request == null) {
            return false;
        }
        return request.getHeaders()
                .findFirst("Accept-Language")
                .map(value -> value.strip().toLowerCase(Locale.ROOT))
                .filter(value -> value.startsWith("en"))
                .isPresent();
    }
}
