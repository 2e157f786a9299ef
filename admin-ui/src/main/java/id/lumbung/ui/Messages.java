package id.lumbung.ui;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;

/** Refusals as the pages say them: in Bahasa Indonesia, from the code's text (messages_id.properties). */
final class Messages {
    private Messages() {}

    /** Refusals whose words are general: the page adds which field and rule (the detail never holds a value). */
    private static final java.util.Set<ErrorCode> GENERAL = java.util.EnumSet.of(
            ErrorCode.INVALID_PROPOSAL,
            ErrorCode.INVALID_VISIT,
            ErrorCode.INVALID_HOUSEHOLD,
            ErrorCode.INVALID_APPROVAL_CHAIN,
            ErrorCode.INVALID_DELEGATION);

    static String of(LumbungException e) {
        return e.errorCode().indonesian() + (GENERAL.contains(e.errorCode()) ? " (" + e.getMessage() + ")" : "");
    }
}
