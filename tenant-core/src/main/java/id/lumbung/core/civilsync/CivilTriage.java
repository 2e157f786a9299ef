package id.lumbung.core.civilsync;

import id.lumbung.core.error.LumbungException;
import id.lumbung.core.nik.Nik;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What can be told about a record without asking Dukcapil: whether a NIK agrees with the record
 * it sits on (its region, birth date and sex are written inside it), which NIKs it could have
 * been before two digits were swapped, and whether a name holds a word no one else in the regency
 * writes that way while a word one letter away is common (a slip of the keyboard, not a name).
 */
final class CivilTriage {
    /**
     * A word this rare (at most one member in {@code RARE_PER} writes it, and at least two may)
     * is looked at; a neighbour {@link #COMMONER} times commoner makes it a suspect.
     */
    static final int RARE_PER = 5_000;

    static final int COMMONER = 20;
    static final int COMMON_AT_LEAST = 5;
    static final int MOST_CANDIDATES = 4;

    private final Set<String> districts;
    private final Map<String, Integer> wordCounts;
    private final Map<String, Boolean> verdicts = new HashMap<>();
    private final char[] alphabet;
    private final int rare;

    /**
     * @param districts every district code, six digits without dots (the NIK's region)
     * @param wordCounts how many members of the regency have each word in their name key
     * @param members how many members the regency has
     */
    CivilTriage(Set<String> districts, Map<String, Integer> wordCounts, int members) {
        this.districts = districts;
        this.rare = Math.max(2, members / RARE_PER);
        this.wordCounts = wordCounts;
        StringBuilder letters = new StringBuilder();
        wordCounts.keySet().stream()
                .flatMapToInt(String::chars)
                .distinct()
                .sorted()
                .forEach(c -> letters.append((char) c));
        this.alphabet = letters.toString().toCharArray();
    }

    /** Whether the NIK is well formed and its region, birth date and sex are the record's. */
    boolean agrees(String nik, LocalDate born, String sex) {
        Nik parsed;
        try {
            parsed = Nik.parse(nik);
        } catch (LumbungException e) {
            return false;
        }
        if (!districts.isEmpty() && !districts.contains(nik.substring(0, 6))) {
            return false;
        }
        if (born != null) {
            int day = Integer.parseInt(nik.substring(6, 8)) % 40;
            if (day != born.getDayOfMonth()
                    || Integer.parseInt(nik.substring(8, 10)) != born.getMonthValue()
                    || Integer.parseInt(nik.substring(10, 12)) != born.getYear() % 100) {
                return false;
            }
        }
        return sex == null || parsed.isFemale() == "P".equals(sex);
    }

    /**
     * The NIKs to ask Dukcapil about for a NIK that disagrees with its record: the NIK itself (if
     * it is well formed) and each NIK two neighbouring digits apart that agrees with the record,
     * at most {@link #MOST_CANDIDATES}.
     */
    List<String> candidates(String nik, LocalDate born, String sex) {
        List<String> candidates = new ArrayList<>();
        if (wellFormed(nik)) {
            candidates.add(nik);
        }
        if (nik.length() != 16) {
            return candidates;
        }
        char[] digits = nik.toCharArray();
        for (int i = 0; i + 1 < digits.length && candidates.size() < MOST_CANDIDATES; i++) {
            if (digits[i] == digits[i + 1]) {
                continue;
            }
            char[] swapped = digits.clone();
            swapped[i] = digits[i + 1];
            swapped[i + 1] = digits[i];
            String candidate = new String(swapped);
            if (agrees(candidate, born, sex)) {
                candidates.add(candidate);
            }
        }
        return candidates;
    }

    /**
     * The birth date a well-formed NIK holds, when the row's own date is no date but names the
     * same year ("31-02-1980" beside a NIK of 13-02-80): the repair a person would make.
     */
    static java.util.Optional<LocalDate> birthDateFromNik(String nik, String written) {
        if (!wellFormed(nik) || date(written) != null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher year =
                java.util.regex.Pattern.compile("(?:^|\\D)(\\d{4})(?:$|\\D)").matcher(written);
        if (!year.find()) {
            return java.util.Optional.empty();
        }
        int full = Integer.parseInt(year.group(1));
        if (full % 100 != Integer.parseInt(nik.substring(10, 12))) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.of(
                    full, Integer.parseInt(nik.substring(8, 10)), Integer.parseInt(nik.substring(6, 8)) % 40));
        } catch (java.time.DateTimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** A date as a registry file writes it (dd-mm-yyyy or yyyy-mm-dd), or {@code null}. */
    static LocalDate date(String written) {
        try {
            return written.length() == 10 && written.charAt(4) == '-'
                    ? LocalDate.parse(written)
                    : LocalDate.parse(
                            written,
                            java.time.format.DateTimeFormatter.ofPattern("dd-MM-uuuu")
                                    .withResolverStyle(java.time.format.ResolverStyle.STRICT));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** L or P as a registry file writes the sex (L/P, 1/2, Laki-laki/Perempuan), or {@code null}. */
    static String sex(String written) {
        String v = written.strip().toUpperCase(java.util.Locale.ROOT);
        if (v.startsWith("L") || v.equals("1")) {
            return "L";
        }
        return v.startsWith("P") || v.equals("2") ? "P" : null;
    }

    /** Where two texts of one length first differ. */
    static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static boolean wellFormed(String nik) {
        try {
            Nik.parse(nik);
            return true;
        } catch (LumbungException e) {
            return false;
        }
    }

    /**
     * Whether a name key holds a rare word while a word one letter away (replaced, dropped or
     * added) is {@link #COMMONER} times commoner: "LA RAHMT" beside a hundred RAHMATs, "A SITI"
     * beside ten thousand WAs.
     */
    boolean oddlySpelt(String nameKey) {
        for (String word : nameKey.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            int count = wordCounts.getOrDefault(word, 0);
            if (count > rare) {
                continue;
            }
            if (verdicts.computeIfAbsent(word, w -> commonNeighbour(w, Math.max(count, 1)))) {
                return true;
            }
        }
        return false;
    }

    private boolean commonNeighbour(String word, int count) {
        int needed = Math.max(COMMON_AT_LEAST, COMMONER * count);
        StringBuilder variant = new StringBuilder(word.length() + 1);
        for (int i = 0; i <= word.length(); i++) {
            if (i < word.length()) {
                variant.setLength(0);
                variant.append(word, 0, i).append(word, i + 1, word.length());
                if (wordCounts.getOrDefault(variant.toString(), 0) >= needed) {
                    return true;
                }
            }
            for (char letter : alphabet) {
                variant.setLength(0);
                variant.append(word, 0, i).append(letter).append(word, i, word.length());
                if (wordCounts.getOrDefault(variant.toString(), 0) >= needed) {
                    return true;
                }
                if (i < word.length() && letter != word.charAt(i)) {
                    variant.setLength(0);
                    variant.append(word, 0, i).append(letter).append(word, i + 1, word.length());
                    if (wordCounts.getOrDefault(variant.toString(), 0) >= needed) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** 1 for equal texts, else 1 − edit distance / the longer length. */
    static double similarity(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1 : 1 - (double) distance(a, b) / longer;
    }

    /** The edit distance: letters replaced, dropped or added. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
