package id.lumbung.core.error;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every refusal Lumbung answers, as one list: its stable snake_case code (the constant's name in
 * lower case) and what kind of failure it is. The HTTP status is chosen from the kind at the
 * edge (the gateway), never here. What a person reads is in {@code messages_id.properties} (next to this class)
 * (Bahasa Indonesia) and {@code messages.properties} (English), keyed by the code.
 */
public enum ErrorCode {
    ALREADY_DISBURSED(Kind.CONFLICT),
    ALREADY_SENT(Kind.CONFLICT),
    APPROVAL_BATCH_NOT_FOUND(Kind.NOT_FOUND),
    APPROVAL_STEP_NOT_YOURS(Kind.FORBIDDEN),
    BAD_REQUEST(Kind.BAD_REQUEST),
    BANK_NOT_FOUND(Kind.NOT_FOUND),
    CIVIL_SYNC_NOT_FOUND(Kind.NOT_FOUND),
    CIVIL_SYNC_RUNNING(Kind.CONFLICT),
    DUPLICATE_RUN_NOT_FOUND(Kind.NOT_FOUND),
    DUPLICATE_CLUSTER_NOT_FOUND(Kind.NOT_FOUND),
    DUPLICATE_RUN_RUNNING(Kind.CONFLICT),
    DUPLICATE_ALREADY_DECIDED(Kind.CONFLICT),
    DUPLICATE_NOT_MERGED(Kind.CONFLICT),
    RECONCILIATION_NOT_FOUND(Kind.NOT_FOUND),
    RECONCILIATION_RUNNING(Kind.CONFLICT),
    BINARY_FILE(Kind.BAD_REQUEST),
    BREAK_GLASS_CLOSED(Kind.CONFLICT),
    BREAK_GLASS_DURATION(Kind.INVALID),
    BREAK_GLASS_REASON(Kind.INVALID),
    BREAK_GLASS_NOT_FOUND(Kind.NOT_FOUND),
    BREAK_GLASS_REQUIRED(Kind.FORBIDDEN),
    CONNECTOR_NOT_PAUSED(Kind.NOT_FOUND),
    CONNECTOR_CREDENTIALS_INVALID(Kind.INVALID),
    CONNECTOR_CREDENTIALS_MISSING(Kind.CONFLICT),
    CONTROL_CHARACTER(Kind.BAD_REQUEST),
    DEAD_LETTER_NOT_FOUND(Kind.NOT_FOUND),
    DISBURSEMENT_BATCH_SIZE(Kind.BAD_REQUEST),
    DISBURSEMENT_NOT_FOUND(Kind.NOT_FOUND),
    EMPTY_FILE(Kind.BAD_REQUEST),
    EXCHANGE_NOT_FOUND(Kind.NOT_FOUND),
    EXPORT_NOT_PERMITTED(Kind.FORBIDDEN),
    FETCH_IN_PROGRESS(Kind.CONFLICT),
    FIELD_VISIT_MISSING(Kind.CONFLICT),
    FILE_TOO_LARGE(Kind.TOO_LARGE),
    FILE_TYPE_REFUSED(Kind.UNSUPPORTED_MEDIA_TYPE),
    FORBIDDEN(Kind.FORBIDDEN),
    HOUSEHOLD_NOT_FOUND(Kind.NOT_FOUND),
    HOUSEHOLD_OUTSIDE_WORKER_VILLAGES(Kind.INVALID),
    TRANSFER_ALREADY_THERE(Kind.CONFLICT),
    TRANSFER_DECIDED(Kind.CONFLICT),
    TRANSFER_HOUSEHOLD_NOT_ACTIVE(Kind.CONFLICT),
    TRANSFER_INVALID(Kind.INVALID),
    TRANSFER_NOT_FOUND(Kind.NOT_FOUND),
    IDEMPOTENCY_KEY_REUSED(Kind.CONFLICT),
    ILLEGAL_TRANSITION(Kind.CONFLICT),
    IMPORT_NOT_FOUND(Kind.NOT_FOUND),
    INTERNAL_ERROR(Kind.INTERNAL),
    INVALID_ACCOUNT(Kind.INVALID),
    INVALID_AMOUNT(Kind.INVALID),
    INVALID_APPROVAL_CHAIN(Kind.INVALID),
    INVALID_BANK_CODE(Kind.INVALID),
    INVALID_CHANGED_SINCE(Kind.BAD_REQUEST),
    INVALID_CREDENTIALS(Kind.UNAUTHENTICATED),
    INVALID_DELEGATION(Kind.INVALID),
    INVALID_ENCODING(Kind.BAD_REQUEST),
    INVALID_HOUSEHOLD(Kind.INVALID),
    INVALID_MODE(Kind.BAD_REQUEST),
    INVALID_PAGE(Kind.BAD_REQUEST),
    INVALID_PERIOD(Kind.BAD_REQUEST),
    INVALID_PROPOSAL(Kind.INVALID),
    INVALID_REFRESH_TOKEN(Kind.UNAUTHENTICATED),
    INVALID_REGION_CODE(Kind.INVALID),
    INVALID_UNICODE(Kind.BAD_REQUEST),
    INVALID_USERNAME(Kind.INVALID),
    INVITATION_NOT_FOUND(Kind.NOT_FOUND),
    JOIN_REQUEST_DECIDED(Kind.CONFLICT),
    JOIN_REQUEST_NOT_FOUND(Kind.NOT_FOUND),
    JOIN_REQUEST_PENDING(Kind.CONFLICT),
    REGION_OUTSIDE_PROVINCE(Kind.INVALID),
    INVALID_VISIT(Kind.INVALID),
    KK_NOT_16_DIGITS(Kind.INVALID),
    LENGTH_REQUIRED(Kind.LENGTH_REQUIRED),
    MALFORMED_ESCAPE(Kind.BAD_REQUEST),
    MALFORMED_REQUEST_BODY(Kind.BAD_REQUEST),
    METHOD_NOT_ALLOWED(Kind.METHOD_NOT_ALLOWED),
    MISSING_REQUEST_VALUE(Kind.BAD_REQUEST),
    MISSING_VALUE(Kind.INVALID),
    MUSYAWARAH_NOT_FOUND(Kind.NOT_FOUND),
    NIK_BATCH_INVALID(Kind.BAD_REQUEST),
    NIK_BATCH_SIZE(Kind.BAD_REQUEST),
    NIK_CHECK_NOT_FOUND(Kind.NOT_FOUND),
    NIK_INVALID_BIRTH_DAY(Kind.INVALID),
    NIK_INVALID_BIRTH_MONTH(Kind.INVALID),
    NIK_INVALID_PROVINCE(Kind.INVALID),
    NIK_INVALID_REGION(Kind.INVALID),
    NIK_INVALID_SERIAL(Kind.INVALID),
    NIK_NOT_16_DIGITS(Kind.INVALID),
    NOTHING_TO_APPROVE(Kind.CONFLICT),
    NOT_ACCEPTABLE(Kind.NOT_ACCEPTABLE),
    NOT_A_FIELD_WORKER(Kind.INVALID),
    NOT_A_WORKBOOK(Kind.BAD_REQUEST),
    NOT_FOUND(Kind.NOT_FOUND),
    NO_ROWS(Kind.BAD_REQUEST),
    NO_SCHOOLS(Kind.INVALID),
    OWN_PROPOSAL(Kind.CONFLICT),
    PASSWORD_TOO_LONG(Kind.INVALID),
    PASSWORD_CHANGE_REQUIRED(Kind.FORBIDDEN),
    PASSWORD_UNCHANGED(Kind.INVALID),
    PAYLOAD_TOO_LARGE(Kind.TOO_LARGE),
    PERMISSION_DENIED(Kind.FORBIDDEN),
    PERMISSION_NOT_GRANTED_NATIONALLY(Kind.INVALID),
    PERMISSION_NOT_NARROWABLE(Kind.INVALID),
    PROPOSAL_NOT_FOUND(Kind.NOT_FOUND),
    PROVINCE_NOT_FOUND(Kind.NOT_FOUND),
    PULL_NOT_FOUND(Kind.NOT_FOUND),
    RATE_LIMITED(Kind.TOO_MANY),
    RECONCILIATION_FILE_REFUSED(Kind.BAD_REQUEST),
    REGION_NOT_FOUND(Kind.NOT_FOUND),
    REGION_NOT_REGENCY(Kind.INVALID),
    ROLE_NOT_ALLOWED_HERE(Kind.INVALID),
    ROLE_NOT_FOUND(Kind.NOT_FOUND),
    ROLE_NOT_OF_TENANT(Kind.INVALID),
    ROLE_REQUIRED(Kind.INVALID),
    SEARCH_NEEDS_NIK_OR_NAME(Kind.INVALID),
    SEARCH_NEEDS_NIK_OR_NISN(Kind.INVALID),
    STALE_UPDATE(Kind.CONFLICT),
    TENANT_ADMIN_EXISTS(Kind.CONFLICT),
    TENANT_EXISTS(Kind.CONFLICT),
    TENANT_NOT_FOUND(Kind.NOT_FOUND),
    TOO_MANY_HOUSEHOLDS(Kind.INVALID),
    TOO_MANY_REQUESTS(Kind.TOO_MANY),
    TOO_MANY_ROWS(Kind.BAD_REQUEST),
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    UNKNOWN_BANK(Kind.INVALID),
    UNKNOWN_HOUSEHOLD(Kind.INVALID),
    UNKNOWN_PERMISSION(Kind.INVALID),
    UNKNOWN_REGION(Kind.INVALID),
    UNKNOWN_ROLE(Kind.INVALID),
    UNKNOWN_SCHOOL(Kind.INVALID),
    UNKNOWN_VILLAGE(Kind.INVALID),
    UNREADABLE_FILE(Kind.BAD_REQUEST),
    UNSUPPORTED_ENCODING(Kind.BAD_REQUEST),
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE),
    UPLOAD_FAILED(Kind.BAD_REQUEST),
    USERNAME_TAKEN(Kind.CONFLICT),
    USER_NOT_FOUND(Kind.NOT_FOUND),
    VALIDATION_FAILED(Kind.INVALID),
    VERIFICATION_NOT_FOUND(Kind.NOT_FOUND),
    VERIFICATION_TOO_LARGE(Kind.INVALID),
    VILLAGE_NOT_IN_SCOPE(Kind.FORBIDDEN),
    VILLAGE_OUTSIDE_TENANT(Kind.INVALID),
    VILLAGE_SCOPE_REQUIRED(Kind.INVALID),
    WEAK_PASSWORD(Kind.INVALID),
    WORKBOOK_TOO_LARGE(Kind.BAD_REQUEST),
    WRONG_HEADER(Kind.BAD_REQUEST);

    /** What kind of failure a code is: the edge turns each into its HTTP status. */
    public enum Kind {
        /** The request cannot be read (a broken body, a bad parameter, a file we cannot read). */
        BAD_REQUEST,
        /** Who is calling is not established. */
        UNAUTHENTICATED,
        /** The caller is known but may not do this. */
        FORBIDDEN,
        /** It does not exist, or the caller may not know it does. */
        NOT_FOUND,
        METHOD_NOT_ALLOWED,
        NOT_ACCEPTABLE,
        /** It clashes with what exists (a duplicate, a step already taken). */
        CONFLICT,
        /** A body must say its length. */
        LENGTH_REQUIRED,
        TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        /** Read, but its content breaks a rule. */
        INVALID,
        /** Too many requests for now. */
        TOO_MANY,
        /** Our own failure. */
        INTERNAL,
        /** A service we depend on is not there. */
        UNAVAILABLE
    }

    private static final String BUNDLE = "id.lumbung.core.error.messages";
    private static final Locale INDONESIAN = Locale.forLanguageTag("id");

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The stable code, e.g. {@code tenant_not_found}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a person reads, in Bahasa Indonesia. */
    public String indonesian() {
        return text(INDONESIAN);
    }

    /** What a person reads, in English. */
    public String english() {
        return text(Locale.ROOT);
    }

    private String text(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            return bundle.getString(code());
        } catch (MissingResourceException e) {
            return code();
        }
    }

    /** The code a string names, if it is one of ours. */
    public static java.util.Optional<ErrorCode> of(String code) {
        try {
            return java.util.Optional.of(valueOf(code.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
