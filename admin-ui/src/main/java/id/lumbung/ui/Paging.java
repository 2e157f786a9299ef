package id.lumbung.ui;

import id.lumbung.core.paging.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** What a page of a list shows, in words, and the links to the pages around it (fragment {@code paging :: links}). */
final class Paging {
    private Paging() {}

    /**
     * @param what the rows, in words ("keluarga", "pembayaran")
     * @param base the page's own address with its query, to which the cursor is added
     */
    static Map<String, Object> of(Page<?> page, String what, String base) {
        Map<String, Object> paging = new HashMap<>();
        // An empty list says so in its own table ("Belum ada …"): the line is for a list with rows.
        paging.put(
                "shown",
                page.items().isEmpty()
                        ? null
                        : "Menampilkan " + page.items().size() + " " + what + " dari " + page.totalText() + ".");
        paging.put("next", page.next());
        paging.put("previous", page.previous());
        String joiner = base.contains("?") ? "&" : "?";
        paging.put("nextUrl", page.next() == null ? null : base + joiner + "setelah=" + encode(page.next()));
        paging.put(
                "previousUrl", page.previous() == null ? null : base + joiner + "sebelum=" + encode(page.previous()));
        return paging;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
