package id.lumbung.gateway.ui;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A minimal W3C WebDriver client for Debian's chromedriver and headless Chromium: enough to
 * open pages, type, click and read text, without pulling Selenium's dependency tree.
 */
final class WebDriver implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final Process driver;
    private final String base;
    private final String session;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Path profile;

    WebDriver(JsonMapper json) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(
                    "Chromium is missing: run scripts/ensure-chromium.sh (the test build does)");
        }
        this.json = json;
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        this.driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        this.base = "http://127.0.0.1:" + port;
        awaitReady();
        this.profile = Files.createTempDirectory("lumbung-chromium");
        Map<String, Object> capabilities = Map.of(
                "capabilities",
                Map.of(
                        "alwaysMatch",
                        Map.of(
                                "browserName",
                                "chrome",
                                "goog:chromeOptions",
                                Map.of(
                                        "binary", CHROMIUM.toString(),
                                        "args",
                                                List.of(
                                                        "--headless",
                                                        "--no-sandbox",
                                                        "--disable-gpu",
                                                        "--disable-dev-shm-usage",
                                                        "--disable-quic",
                                                        "--no-first-run",
                                                        "--disable-background-networking",
                                                        "--disable-component-update",
                                                        "--disable-sync",
                                                        "--user-data-dir=" + profile)))));
        Map<String, Object> value = call("POST", "/session", capabilities);
        this.session = (String) value.get("sessionId");
    }

    void open(String url) {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    /** Runs a script in the page and answers its value (arguments as {@code arguments[0]}, …). */
    Object script(String script, Object... arguments) {
        return retryingWhilePageChanges(() -> call(
                "POST", "/session/" + session + "/execute/sync", Map.of("script", script, "args", List.of(arguments))));
    }

    /** Runs a script that ends by calling {@code arguments[arguments.length - 1]} with its value. */
    Object scriptAsync(String script, Object... arguments) {
        return call(
                "POST", "/session/" + session + "/execute/async", Map.of("script", script, "args", List.of(arguments)));
    }

    /** A Chrome DevTools Protocol command on the page, through chromedriver (e.g. network conditions). */
    Object devTools(String command, Map<String, Object> parameters) {
        return call("POST", "/session/" + session + "/goog/cdp/execute", Map.of("cmd", command, "params", parameters));
    }

    /** The network switched off (or on again) for the page, as DevTools' "Offline" does. */
    void offline(boolean offline) {
        devTools("Network.enable", Map.of());
        devTools(
                "Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** A phone's screen: {@code width} CSS pixels wide, touch, as DevTools' device mode. */
    void phone(int width, int height) {
        devTools(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    }

    void type(String cssSelector, String text) {
        retryingWhilePageChanges(() ->
                call("POST", "/session/" + session + "/element/" + find(cssSelector) + "/value", Map.of("text", text)));
    }

    void click(String cssSelector) {
        retryingWhilePageChanges(
                () -> call("POST", "/session/" + session + "/element/" + find(cssSelector) + "/click", Map.of()));
    }

    /**
     * The rendered text of the first element matching the selector, read in one script run: no
     * element reference outlives the call, so a page that reloads itself between two calls (the
     * import page does when a job finishes) cannot leave us holding a node of the old document.
     */
    String text(String cssSelector) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Object text = retryingWhilePageChanges(() -> call(
                    "POST",
                    "/session/" + session + "/execute/sync",
                    Map.of(
                            "script",
                            "const e = document.querySelector(arguments[0]);"
                                    + " return e === null ? null : e.innerText.trim();",
                            "args",
                            List.of(cssSelector))));
            if (text != null) {
                return String.valueOf(text);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No element " + cssSelector + " on " + currentUrl());
            }
            sleep(100);
        }
    }

    /** Errors that mean "the document changed under you": the same step, tried again, succeeds. */
    private static final List<String> PAGE_CHANGED = List.of(
            "stale element",
            "does not belong to the document",
            "no such execution context",
            "Execution context was destroyed",
            "Cannot find context",
            "detached");

    private <T> T retryingWhilePageChanges(java.util.function.Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (IllegalStateException e) {
                String message = String.valueOf(e.getMessage());
                if (attempt >= 20 || PAGE_CHANGED.stream().noneMatch(message::contains)) {
                    throw e;
                }
                sleep(100);
            }
        }
    }

    String currentUrl() {
        return String.valueOf((Object) call("GET", "/session/" + session + "/url", null));
    }

    String pageSource() {
        return String.valueOf((Object) call("GET", "/session/" + session + "/source", null));
    }

    String title() {
        return String.valueOf((Object) call("GET", "/session/" + session + "/title", null));
    }

    private String find(String cssSelector) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                Object value = call(
                        "POST",
                        "/session/" + session + "/element",
                        Map.of("using", "css selector", "value", cssSelector));
                @SuppressWarnings("unchecked")
                Map<String, Object> element = (Map<String, Object>) value;
                // W3C names the reference ELEMENT's long key; older drivers say "ELEMENT".
                Object reference = element.containsKey(ELEMENT) ? element.get(ELEMENT) : element.get("ELEMENT");
                if (reference == null) {
                    throw new IllegalStateException("No element reference in " + element);
                }
                return String.valueOf(reference);
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("No element " + cssSelector + " on " + currentUrl(), e);
                }
                sleep(100);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if ("GET".equals(method)) {
                request.GET();
            } else if ("DELETE".equals(method)) {
                request.DELETE();
            } else {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, Object> answer = json.readValue(response.body(), JSON_OBJECT);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + path + " answered "
                        + response.statusCode() + ": " + answer.get("value"));
            }
            return (T) answer.get("value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> status = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("chromedriver did not start");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } finally {
            driver.destroy();
        }
    }
}
