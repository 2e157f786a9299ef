package id.lumbung.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The search form of a person's name: lower case, without titles (H., Hj., S.Pd, Dr., ...),
 * punctuation or repeated spaces, with old and variant spellings folded (oe → u, dj → j,
 * tj → c, nj → ny, sj → sy, ch → kh; "bin"/"binti" dropped) and the spellings of one name taken as one (the table {@code name-variants.txt}:
 * M./Moh./Muhamad → muhammad, Sitti → siti, Wa Ode → waode, Abd. → abdul). {@code "Hj. SITTI
 * Rahma, S.Pd"}, {@code "Hj.Siti Rahma"} and {@code "siti rahma"} have the same key. Shared by
 * the search, the ministry's lists and (to come) identity resolution.
 */
public final class NameKey {
    private static final Set<String> TITLES = Set.of(
            "h", "hj", "haji", "hajjah", "dr", "drs", "dra", "ir", "prof", "st", "sh", "se", "spd", "skom", "sag",
            "sos", "ssos", "amd", "mpd", "msi", "mm", "mh", "sip", "skm", "ssi", "sked", "sp", "bsc", "ba", "alm",
            "almh", "ny", "tn", "sdr", "sdri", "bpk", "ibu");
    /** Titles written before a name. */
    private static final Set<String> PREFIX_TITLES = Set.of(
            "h", "hj", "haji", "hajjah", "dr", "drs", "dra", "ir", "prof", "ny", "tn", "sdr", "sdri", "bpk", "ibu",
            "alm", "almh");

    /** "Ahmad bin Yusuf", "Aminah binti Said": the word goes, the father's name stays. */
    private static final Set<String> PATRONYMIC = Set.of("bin", "binti", "bt");

    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}\\s,.]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern WORD_BREAKS = Pattern.compile("[\\s,]+");

    private NameKey() {}

    public static String of(String name) {
        String plain = name == null ? "" : name;
        if (!Normalizer.isNormalized(plain, Normalizer.Form.NFKD)) {
            plain = MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFKD))
                    .replaceAll("");
        }
        plain = plain.toLowerCase(Locale.ROOT);
        plain = NOT_LETTER.matcher(plain).replaceAll(" ");
        // Titles are words ending in a dot or separated by commas ("S.Pd", "Hj."): drop the
        // dots inside a word first, then whole words that are titles.
        List<String> words = new ArrayList<>();
        for (String part : WORD_BREAKS.split(plain)) {
            String word = part.replace(".", "");
            if (word.isEmpty() || TITLES.contains(word) || PATRONYMIC.contains(word)) {
                continue;
            }
            // A dot with no space after it still ends a word: "Hj.Asma", "M.Yusuf", "Abd.Rahman".
            for (String piece : part.split("\\.")) {
                if (!piece.isEmpty() && !TITLES.contains(piece)) {
                    words.add(piece);
                }
            }
        }
        StringBuilder key = new StringBuilder(plain.length());
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            // Two words that are one name's spelling ("wa ode" → "waode") are taken together.
            String pair = i + 1 < words.size() ? VARIANTS.get(word + " " + words.get(i + 1)) : null;
            if (key.length() > 0) {
                key.append(' ');
            }
            if (pair != null) {
                key.append(pair);
                i++;
            } else {
                key.append(fold(word));
            }
        }
        return key.toString();
    }

    /**
     * The name as written, without its titles ("HJ. SITI AMINAH, S.PD" → "SITI AMINAH"): how the
     * civil registry holds it (a KTP carries no titles), for comparing with Dukcapil.
     */
    public static String withoutTitles(String name) {
        String written = name == null ? "" : name.strip();
        int comma = written.indexOf(',');
        StringBuilder kept = new StringBuilder(written.length());
        // Before the first comma only the titles written before a name (H., Hj., Dr., Ir.): "ST."
        // there is Sitti abbreviated, as in Bugis names; after it, degrees (S.T, S.Pd) go too.
        for (String part : WORD_BREAKS.split(comma < 0 ? written : written.substring(0, comma))) {
            String word = part.replace(".", "").toLowerCase(Locale.ROOT);
            if (word.isEmpty() || PREFIX_TITLES.contains(word)) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append(' ');
            }
            kept.append(part);
        }
        if (comma >= 0) {
            for (String part : WORD_BREAKS.split(written.substring(comma + 1))) {
                String word = part.replace(".", "").toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !TITLES.contains(word)) {
                    kept.append(kept.length() > 0 ? " " : "").append(part);
                }
            }
        }
        return kept.length() == 0 ? written : kept.toString();
    }

    /** Old spellings, then the table of variants of {@code name-variants.txt}. */
    private static String fold(String word) {
        String known = VARIANTS.get(word);
        if (known != null) {
            return known;
        }
        String folded = word.replace("oe", "u")
                .replace("dj", "j")
                .replace("tj", "c")
                .replace("nj", "ny")
                .replace("sj", "sy")
                .replace("ch", "kh");
        return VARIANTS.getOrDefault(folded, folded);
    }

    /** Spelling (one word, or two joined by a space) → the name's search form. */
    private static final Map<String, String> VARIANTS = variants();

    private static Map<String, String> variants() {
        Map<String, String> variants = new HashMap<>();
        try (InputStream in = NameKey.class.getResourceAsStream("name-variants.txt")) {
            if (in == null) {
                throw new IllegalStateException("name-variants.txt is missing from the build");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                int equals = entry.indexOf('=');
                String name = entry.substring(0, equals).strip();
                variants.put(name, name);
                for (String spelling : entry.substring(equals + 1).split(",")) {
                    variants.put(SPACES.matcher(spelling.strip()).replaceAll(" "), name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(variants);
    }
}
