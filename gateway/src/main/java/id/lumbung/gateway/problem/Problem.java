package id.lumbung.gateway.problem;

import id.lumbung.core.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem body with Lumbung's stable snake_case {@code code}, which clients and the
 * UI translate. Never carries a stack trace, a raw agency response or a full NIK.
 *
 * @param type a URN naming the problem type
 * @param title what the code means, for a person: in Bahasa Indonesia unless the request's
 *     {@code Accept-Language} prefers English
 * @param status the HTTP status
 * @param detail what exactly went wrong (English)
 * @param code the stable machine-readable code
 * @param errors per-field errors, when a request body was invalid
 */
@Serdeable
public record Problem(
        String type, String title, int status, String detail, String code, @Nullable List<FieldError> errors) {

    public static final MediaType MEDIA_TYPE = MediaType.of("application/problem+json");

    /** A problem whose status the edge chose and whose title is its code's text in the caller's language. */
    public static Problem of(
            HttpStatus status, ErrorCode code, String detail, List<FieldError> errors, boolean english) {
        return new Problem(
                "urn:lumbung:problem:" + code.code(),
                english ? code.english() : code.indonesian(),
                status.getCode(),
                detail,
                code.code(),
                errors.isEmpty() ? null : errors);
    }

    /**
     * One invalid field.
     *
     * @param field the field's path, e.g. {@code nik}
     * @param message what is wrong with it
     */
    @Serdeable
    public record FieldError(String field, String message) {}
}
