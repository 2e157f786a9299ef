package id.lumbung.gateway.edge;

import id.lumbung.core.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What the edge refuses in text a request carries: characters no field of Lumbung holds and
 * PostgreSQL cannot store or index sensibly. Control characters (C0 but tab, line feed and
 * carriage return where text may hold lines; DEL; C1), unpaired surrogates, bytes that are not
 * UTF-8, and percent-escapes that decode to any of those.
 */
final class Hostile {
    private Hostile() {}

    /** Why a text is refused, or {@code null} when it is acceptable. */
    enum Finding {
        CONTROL_CHARACTER(ErrorCode.CONTROL_CHARACTER, "The request holds a control character (such as NUL)"),
        UNPAIRED_SURROGATE(
                ErrorCode.INVALID_UNICODE, "The request holds a broken Unicode character (an unpaired surrogate)"),
        INVALID_ENCODING(ErrorCode.INVALID_ENCODING, "The request is not UTF-8 text"),
        MALFORMED_ESCAPE(ErrorCode.MALFORMED_ESCAPE, "The request holds a malformed %-escape or JSON \\\\u escape");

        final ErrorCode code;
        final String detail;

        Finding(ErrorCode code, String detail) {
            this.code = code;
            this.detail = detail;
        }
    }

    /** A character no text field may hold; {@code lines} allows tab, line feed and carriage return. */
    static boolean forbidden(int c, boolean lines) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return !lines;
        }
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    /** Strict UTF-8, or {@code null} if the bytes are not. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * A JSON text: raw characters and {@code \\uXXXX} escapes inside strings and keys alike.
     * (Malformed JSON otherwise is left to the parser, which answers 400 itself.)
     */
    static Finding inJson(byte[] body) {
        String text = utf8(body);
        if (text == null) {
            return Finding.INVALID_ENCODING;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next != 'u') {
                    i++; // \\, \", \n and the like: a character already allowed or refused by the parser
                    continue;
                }
                int unit = hex4(text, i + 2);
                if (unit < 0) {
                    return Finding.MALFORMED_ESCAPE;
                }
                i += 5;
                if (forbidden(unit, true)) {
                    return Finding.CONTROL_CHARACTER;
                }
                if (Character.isHighSurrogate((char) unit)) {
                    int low = i + 2 < text.length() && text.charAt(i + 1) == '\\' && text.charAt(i + 2) == 'u'
                            ? hex4(text, i + 3)
                            : -1;
                    if (low < 0 || !Character.isLowSurrogate((char) low)) {
                        return Finding.UNPAIRED_SURROGATE;
                    }
                    i += 6;
                } else if (Character.isLowSurrogate((char) unit)) {
                    return Finding.UNPAIRED_SURROGATE;
                }
            } else if (forbidden(c, true)) {
                return Finding.CONTROL_CHARACTER;
            }
        }
        return null;
    }

    /** A percent-encoded component (path, query, form body): decoded strictly, then checked. */
    static Finding inEncoded(String raw, boolean plusIsSpace, boolean lines) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return Finding.MALFORMED_ESCAPE;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        String text = utf8(bytes.toByteArray());
        if (text == null) {
            return Finding.INVALID_ENCODING;
        }
        return inText(text, lines);
    }

    /** Decoded text. */
    static Finding inText(CharSequence text, boolean lines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (forbidden(c, lines)) {
                return Finding.CONTROL_CHARACTER;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return Finding.UNPAIRED_SURROGATE;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Finding.UNPAIRED_SURROGATE;
            }
        }
        return null;
    }

    private static int hex4(String text, int from) {
        if (from + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
