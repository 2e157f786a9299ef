package id.lumbung.ui;

import id.lumbung.core.error.LumbungException;

/** Refusals as the pages say them: in Bahasa Indonesia, from the code's text (messages_id.properties). */
final class Messages {
    private Messages() {}

    /** A rule broken by what was typed also says which field and rule (the detail never holds a value). */
    static String of(LumbungException e) {
        boolean typed = e.errorCode().kind() == id.lumbung.core.error.ErrorCode.Kind.INVALID;
        return e.errorCode().indonesian() + (typed ? " (" + e.getMessage() + ")" : "");
    }
}
