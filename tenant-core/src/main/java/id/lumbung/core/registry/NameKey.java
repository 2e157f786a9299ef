package id.lumbung.core.registry;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The search form of a person's name: lower case, without titles (H., Hj., S.Pd, Dr., ...),
 * punctuation or repeated spaces, with old and variant spellings folded (oe → u, dj → j,
 * tj → c, Moh./Muhamad → muhammad, Sitti → siti). {@code "Hj. SITTI  Rahma, S.Pd"} and
 * {@code "siti rahma"} have the same key.
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
        StringBuilder key = new StringBuilder(plain.length());
        // Titles are words ending in a dot or separated by commas ("S.Pd", "Hj."): drop the
        // dots inside a word first, then whole words that are titles.
        for (String part : WORD_BREAKS.split(plain)) {
            String word = part.replace(".", "");
            if (word.isEmpty() || TITLES.contains(word)) {
                continue;
            }
            if (key.length() > 0) {
                key.append(' ');
            }
            key.append(fold(word));
        }
        return SPACES.matcher(key).replaceAll(" ").strip();
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

    private static String fold(String word) {
        String folded = word.replace("oe", "u").replace("dj", "j").replace("tj", "c");
        return switch (folded) {
            case "moh",
                    "muh",
                    "mohd",
                    "muhamad",
                    "muhammad",
                    "mochammad",
                    "mochamad",
                    "mohammad",
                    "mohamad",
                    "muhamat" -> "muhammad";
            case "sitti" -> "siti";
            default -> folded;
        };
    }
}
