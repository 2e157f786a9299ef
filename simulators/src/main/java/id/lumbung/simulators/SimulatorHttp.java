package id.lumbung.simulators;

import com.sun.net.httpserver.HttpExchange;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** What every agency simulator's HTTP handlers share: JSON answers, injected latency, the faults endpoint. */
public final class SimulatorHttp {
    private SimulatorHttp() {}

    /** Answers {@code body} as JSON with {@code status}. */
    public static void respond(JsonMapper json, HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The request's query parameters, decoded (the first of a repeated name). */
    public static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new java.util.HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.putIfAbsent(
                        java.net.URLDecoder.decode(pair.substring(0, equals), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(
                                pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Waits {@code millis} (nothing for 0 or less), as a slow agency would. */
    public static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code GET /sim/faults} answers the faults in force; {@code POST} replaces them with the
     * body (answered 400 with {@code usage} when it is not a {@code type}).
     *
     * @return the faults in force afterwards
     */
    public static <T> T faults(JsonMapper json, HttpExchange exchange, Class<T> type, T current, String usage)
            throws IOException {
        try (exchange) {
            T faults = current;
            if ("POST".equals(exchange.getRequestMethod())) {
                try (InputStream body = exchange.getRequestBody()) {
                    faults = json.readValue(body.readAllBytes(), type);
                } catch (IOException | RuntimeException e) {
                    respond(json, exchange, 400, Map.of("message", usage));
                    return current;
                }
            }
            respond(json, exchange, 200, faults);
            return faults;
        }
    }
}
