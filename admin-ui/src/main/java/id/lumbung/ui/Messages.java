package id.lumbung.ui;

import id.lumbung.core.error.LumbungException;

/** Refusals as the pages say them: in Bahasa Indonesia, from the code's text (messages_id.properties). */
final class Messages {
    private Messages() {}

    static String of(LumbungException e) {
        return e.errorCode().indonesian();
    }
}
