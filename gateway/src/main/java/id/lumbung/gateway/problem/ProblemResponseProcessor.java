package id.lumbung.gateway.problem;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.logging.Redaction;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error Micronaut itself answers (malformed JSON, wrong content type, missing fields,
 * unknown routes, failed authentication) becomes a problem body with a stable code.
 */
@Singleton
@Primary
final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponseProcessor.class);
    private static final int MAX_DETAIL = 300;

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Optional<Throwable> cause = context.getRootCause();
        if (cause.filter(ConstraintViolationException.class::isInstance).isPresent()) {
            // A field that breaks its rule (missing, too long) is understood but not acceptable: 422, naming it.
            response.status(HttpStatus.UNPROCESSABLE_ENTITY);
        }
        HttpStatus status = response.status();
        ErrorCode code = code(status, cause.orElse(null));
        String detail;
        List<Problem.FieldError> errors = List.of();
        if (status.getCode() >= 500) {
            cause.ifPresent(failure -> LOG.error(
                    "Unhandled failure on {} {}",
                    context.getRequest().getMethod(),
                    context.getRequest().getPath(),
                    failure));
            detail = "An unexpected error occurred; it has been logged";
        } else {
            errors = cause.filter(ConstraintViolationException.class::isInstance)
                    .map(violation -> fieldsOf((ConstraintViolationException) violation))
                    .orElseGet(() -> context.getErrors().stream()
                            .filter(error -> error.getPath().isPresent())
                            .map(error -> new Problem.FieldError(fieldOf(error), safe(error.getMessage())))
                            .toList());
            detail = context.getErrors().stream()
                    .findFirst()
                    .map(Error::getMessage)
                    .map(ProblemResponseProcessor::safe)
                    .orElse(status.getReason());
        }
        if (ErrorPage.wanted(context.getRequest())) {
            return ErrorPage.of(response, status, code);
        }
        return response.contentType(Problem.MEDIA_TYPE)
                .body(Problem.of(status, code, detail, errors, Problems.prefersEnglish(context.getRequest())));
    }

    /** The code of a failure Micronaut answered itself (its status already chosen). */
    private static ErrorCode code(HttpStatus status, Throwable cause) {
        if (cause instanceof ConstraintViolationException) {
            return ErrorCode.VALIDATION_FAILED;
        }
        if (status == HttpStatus.BAD_REQUEST) {
            if (cause instanceof UnsatisfiedRouteException) {
                return ErrorCode.MISSING_REQUEST_VALUE;
            }
            if (cause instanceof CodecException
                    || cause instanceof ConversionErrorException
                    || (cause != null && cause.getClass().getName().contains("Json"))) {
                return ErrorCode.MALFORMED_REQUEST_BODY;
            }
            return ErrorCode.BAD_REQUEST;
        }
        return switch (status) {
            case UNAUTHORIZED -> ErrorCode.UNAUTHENTICATED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> ErrorCode.NOT_ACCEPTABLE;
            case REQUEST_ENTITY_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> ErrorCode.TOO_MANY_REQUESTS;
            default -> status.getCode() >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }

    /** Each broken field by its name in the body ({@code payments[0].programme}), sorted. */
    private static List<Problem.FieldError> fieldsOf(ConstraintViolationException violations) {
        return violations.getConstraintViolations().stream()
                .map(violation ->
                        new Problem.FieldError(fieldName(violation.getPropertyPath()), safe(violation.getMessage())))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
    }

    /** The path after the method and its parameter: {@code create.body.address} → {@code address}. */
    private static String fieldName(jakarta.validation.Path path) {
        List<String> nodes = new java.util.ArrayList<>();
        path.forEach(node -> {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY
                    || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                String name = node.getName() == null || node.getName().startsWith("<") ? "" : node.getName();
                String index = node.getIndex() == null ? "" : "[" + node.getIndex() + "]";
                nodes.add(name + index);
            }
        });
        String joined = String.join(".", nodes).replace(".[", "[");
        return joined.isEmpty() ? path.toString() : joined;
    }

    private static String fieldOf(Error error) {
        String path = error.getPath().orElse("");
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** Messages may quote input: mask identifier-like digit runs and keep them short. */
    private static String safe(String message) {
        String masked = Redaction.maskIdentifiers(message);
        return masked.length() > MAX_DETAIL ? masked.substring(0, MAX_DETAIL) + "…" : masked;
    }
}
