package id.lumbung.gateway.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem body with Lumbung's stable snake_case {@code code}, which clients and the
 * UI translate. Never carries a stack trace, a raw agency response or a full NIK.
 *
 * @param type a URN naming the problem type
 * @param title the HTTP reason
 * @param status the HTTP status
 * @param detail what went wrong, for a person
 * @param code the stable machine-readable code
 * @param errors per-field errors, when a request body was invalid
 */
@Serdeable
public record Problem(
        String type, String title, int status, String detail, String code, @Nullable List<FieldError> errors) {

    public static final MediaType MEDIA_TYPE = MediaType.of("application/problem+json");

    public static Problem of(int status, String title, String code, String detail, List<FieldError> errors) {
        return new Problem(
                "urn:lumbung:problem:" + code, title, status, detail, code, errors.isEmpty() ? null : errors);
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
