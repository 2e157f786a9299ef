package id.lumbung.gateway.problem;

import id.lumbung.core.error.ErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * A refusal or failure on a page a person opened (the admin pages, an invitation, the citizens'
 * form): a page in Bahasa Indonesia (whatever the browser's language: the pages are Indonesian)
 * with a way back, never a problem JSON in a browser tab.
 */
final class ErrorPage {
    private ErrorPage() {}

    /** Whether the request is a page's (answered with a page), not the API's. */
    static boolean wanted(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals("/ui")
                || path.startsWith("/ui/")
                || path.startsWith("/undangan/")
                || path.startsWith("/daftar/")
                || path.equals("/gabung");
    }

    /** The page: what went wrong in the code's own words, and links back. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static MutableHttpResponse<Problem> of(MutableHttpResponse<?> response, HttpStatus status, ErrorCode code) {
        String heading =
                switch (status.getCode()) {
                    case 403 -> "Tidak diizinkan";
                    case 404 -> "Tidak ditemukan";
                    default -> status.getCode() >= 500 ? "Terjadi kesalahan" : "Permintaan tidak dapat diproses";
                };
        String html = "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + heading
                + " · Lumbung</title><link rel=\"stylesheet\" href=\"/static/lumbung.css\"></head>"
                + "<body><header class=\"top\"><span class=\"brand\">Lumbung</span>"
                + "<span class=\"tagline\">Data Terpadu Kesejahteraan Sosial</span></header>"
                + "<main><h1 id=\"error-heading\">" + heading + "</h1>"
                + "<p class=\"alert\" id=\"error-message\" data-code=\"" + escape(code.code()) + "\">"
                + escape(code.indonesian()) + "</p>"
                + "<p><a id=\"error-home\" href=\"/ui/tenants\">Kembali ke daftar Dinas Sosial</a> · "
                + "<a href=\"/logout\">Keluar</a></p></main></body></html>";
        return ((MutableHttpResponse) response.status(status))
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .body(html);
    }

    private static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
