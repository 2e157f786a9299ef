package id.lumbung.connectors.camel;

import java.util.Locale;
import java.util.Map;

/** Reading agencies' JSON answers, whose field names come in any case. */
public final class Answers {
    private Answers() {}

    /** The value of the field named {@code name} (lower case) in any case; {@code null} when absent. */
    public static Object field(Map<String, Object> body, String name) {
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
