package id.lumbung.ui;

import id.lumbung.core.error.LumbungException;
import io.micronaut.http.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** After a form: back to the page (post/redirect/get), with the refusal's message when there is one. */
final class Redirects {
    private Redirects() {}

    /** Runs the action and sends the browser to {@code page}, or to {@code page?galat=<why>} when refused. */
    static HttpResponse<?> after(String page, Runnable action) {
        return to(page, () -> {
            action.run();
            return page;
        });
    }

    /** Runs the action and sends the browser where it says, or back to {@code page} with the refusal. */
    static HttpResponse<?> to(String page, Supplier<String> action) {
        try {
            return HttpResponse.seeOther(URI.create(action.get()));
        } catch (LumbungException e) {
            return back(page, Messages.of(e));
        } catch (IllegalArgumentException e) {
            return back(page, e.getMessage());
        }
    }

    private static HttpResponse<?> back(String page, String message) {
        return HttpResponse.seeOther(URI.create(page + (page.contains("?") ? "&" : "?") + "galat="
                + URLEncoder.encode(message, StandardCharsets.UTF_8)));
    }
}
