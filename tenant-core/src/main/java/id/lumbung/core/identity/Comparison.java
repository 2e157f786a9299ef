package id.lumbung.core.identity;

import java.time.LocalDate;

/**
 * The field comparators: which level of {@link Field} two records reach. NIK comparison knows
 * the slips people make typing 16 digits (two neighbours swapped, one digit wrong); names are
 * compared in their search form with Jaro-Winkler and by words, so "siti aminah" and "aminah"
 * are alike; dates know a mistyped digit and a day and month swapped.
 */
final class Comparison {
    private Comparison() {}

    /** The comparison pattern of two records: every field's level, as one number. */
    static int pattern(People people, int a, int b) {
        int pattern = nik(people, a, b);
        int name = name(people.name(a), people.name(b));
        pattern = pattern * Field.NAME.levels() + name;
        pattern = pattern * Field.BIRTH_DATE.levels() + birth(people.birth(a), people.birth(b));
        pattern = pattern * Field.SEX.levels() + same(people.sex(a), people.sex(b), 0);
        pattern = pattern * Field.KK.levels() + kk(people.kk(a), people.kk(b), name);
        return pattern * Field.VILLAGE.levels() + village(people.village(a), people.village(b));
    }

    /**
     * The NIK level. A NIK is region (digits 1-6), birth date (7-12, day + 40 for women) and
     * serial (13-16), so two different people born the same day in neighbouring districts have
     * NIKs one digit apart. A difference of one digit or two swapped neighbours is therefore a
     * slip only where it cannot be explained: in the region or date part when one of the two
     * NIKs disagrees there with its own record (village, birth date, sex); never in the serial
     * alone, which exists to tell such people apart (a swap of two serial digits still is one).
     */
    static int nik(People people, int a, int b) {
        long x = people.nik(a);
        long y = people.nik(b);
        if (x < 0 || y < 0) {
            return Field.NIK.missing();
        }
        if (x == y) {
            return 0;
        }
        int level = nik(x, y);
        if (level == 3) {
            return 3;
        }
        int first = 16;
        int last = -1;
        for (int position = 0; position < 16; position++) {
            if (digit(x, position) != digit(y, position)) {
                first = Math.min(first, position);
                last = position;
            }
        }
        if (first >= 12) {
            return level == 1 ? 1 : 3;
        }
        boolean explained = (first >= 6 || regionAgrees(people, a) && regionAgrees(people, b))
                && (last < 6 || dateAgrees(people, a) && dateAgrees(people, b));
        return explained ? 3 : level;
    }

    /** The NIK's region is the district of the record's village. */
    private static boolean regionAgrees(People people, int record) {
        long village = people.village(record);
        return village >= 0 && people.nik(record) / 10_000_000_000L == village / 10_000;
    }

    /** The NIK's date part is the record's birth date (day + 40 for a woman). */
    private static boolean dateAgrees(People people, int record) {
        int birth = people.birth(record);
        byte sex = people.sex(record);
        if (birth == People.NO_DATE || sex == 0) {
            return false;
        }
        LocalDate born = LocalDate.ofEpochDay(birth);
        long date = (born.getDayOfMonth() + (sex == 'P' ? 40 : 0)) * 10_000L
                + born.getMonthValue() * 100L
                + born.getYear() % 100;
        return people.nik(record) / 10_000 % 1_000_000 == date;
    }

    /** Equal (0), two neighbours swapped (1), one digit apart (2) or further (3). */
    static int nik(long a, long b) {
        if (a == b) {
            return 0;
        }
        int[] differing = new int[3];
        int count = 0;
        long x = a;
        long y = b;
        for (int position = 15; position >= 0; position--, x /= 10, y /= 10) {
            if (x % 10 != y % 10) {
                if (count == 2) {
                    return 3;
                }
                differing[count++] = position;
            }
        }
        if (count == 1) {
            return 2;
        }
        // Two differing digits next to each other, each the other's: a swap.
        int first = differing[1];
        int second = differing[0];
        return second == first + 1 && digit(a, first) == digit(b, second) && digit(a, second) == digit(b, first)
                ? 1
                : 3;
    }

    private static long digit(long nik, int position) {
        long value = nik;
        for (int i = 15; i > position; i--) {
            value /= 10;
        }
        return value % 10;
    }

    static int name(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Field.NAME.missing();
        }
        if (a.equals(b)) {
            return 0;
        }
        double similarity = jaroWinkler(a, b);
        if (similarity >= 0.94 || oneEdit(a, b)) {
            return 1;
        }
        if (wordsWithin(a, b) || wordsWithin(b, a)) {
            return 2;
        }
        // Siblings share the family's words ("la ode rizal", "la ode faisal"): what is alike
        // besides those decides, or two given names would look like one name's slip.
        String[] own = withoutSharedEnds(a, b);
        if (similarity >= 0.85 && (own == null || jaroWinkler(own[0], own[1]) >= 0.8)) {
            return 2;
        }
        return 3;
    }

    static int birth(int a, int b) {
        if (a == People.NO_DATE || b == People.NO_DATE) {
            return Field.BIRTH_DATE.missing();
        }
        if (a == b) {
            return 0;
        }
        LocalDate x = LocalDate.ofEpochDay(a);
        LocalDate y = LocalDate.ofEpochDay(b);
        int digits = differingDigits(x.getDayOfMonth(), y.getDayOfMonth(), 2)
                + differingDigits(x.getMonthValue(), y.getMonthValue(), 2)
                + differingDigits(x.getYear(), y.getYear(), 4);
        boolean swapped = x.getYear() == y.getYear()
                && x.getDayOfMonth() == y.getMonthValue()
                && x.getMonthValue() == y.getDayOfMonth();
        if (digits == 1 || swapped) {
            return 1;
        }
        return x.getYear() == y.getYear() ? 2 : 3;
    }

    private static int differingDigits(int a, int b, int width) {
        int count = 0;
        for (int i = 0; i < width; i++, a /= 10, b /= 10) {
            if (a % 10 != b % 10) {
                count++;
            }
        }
        return count;
    }

    static int kk(long a, long b, int nameLevel) {
        if (a < 0 || b < 0) {
            return Field.KK.missing();
        }
        if (a != b) {
            return 2;
        }
        return nameLevel <= 1 ? 0 : 1;
    }

    private static int same(long a, long b, long missing) {
        if (a == missing || b == missing) {
            return 2;
        }
        return a == b ? 0 : 1;
    }

    static int village(long a, long b) {
        if (a < 0 || b < 0) {
            return Field.VILLAGE.missing();
        }
        if (a == b) {
            return 0;
        }
        return a / 10_000 == b / 10_000 ? 1 : 2;
    }

    /**
     * The two names without the words they share at their beginning and end, or {@code null}
     * when they share none (or nothing else is left of one).
     */
    static String[] withoutSharedEnds(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        int front = 0;
        while (front < x.length && front < y.length && x[front].equals(y[front])) {
            front++;
        }
        int back = 0;
        while (back < x.length - front
                && back < y.length - front
                && x[x.length - 1 - back].equals(y[y.length - 1 - back])) {
            back++;
        }
        if (front + back == 0 || front + back >= x.length || front + back >= y.length) {
            return null;
        }
        return new String[] {
            String.join(" ", java.util.Arrays.copyOfRange(x, front, x.length - back)),
            String.join(" ", java.util.Arrays.copyOfRange(y, front, y.length - back))
        };
    }

    /** Every word of {@code some} is a word of {@code all} (at least one word, names of 2+ words). */
    static boolean wordsWithin(String some, String all) {
        int words = 0;
        int from = 0;
        String padded = " " + all + " ";
        while (from <= some.length()) {
            int space = some.indexOf(' ', from);
            int end = space < 0 ? some.length() : space;
            if (end > from) {
                if (!padded.contains(" " + some.substring(from, end) + " ")) {
                    return false;
                }
                words++;
            }
            from = end + 1;
        }
        return words > 0 && all.indexOf(' ') > 0;
    }

    /** One letter replaced, dropped or added. */
    static boolean oneEdit(String a, String b) {
        int lengthA = a.length();
        int lengthB = b.length();
        if (Math.abs(lengthA - lengthB) > 1) {
            return false;
        }
        int i = 0;
        while (i < lengthA && i < lengthB && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (lengthA == lengthB) {
            return a.regionMatches(i + 1, b, i + 1, lengthA - i - 1);
        }
        return lengthA > lengthB
                ? a.regionMatches(i + 1, b, i, lengthB - i)
                : b.regionMatches(i + 1, a, i, lengthA - i);
    }

    /** Jaro-Winkler similarity, 0 to 1, with the usual prefix scale 0.1 over at most 4 letters. */
    static double jaroWinkler(String a, String b) {
        int lengthA = a.length();
        int lengthB = b.length();
        if (lengthA == 0 || lengthB == 0) {
            return 0;
        }
        int window = Math.max(0, Math.max(lengthA, lengthB) / 2 - 1);
        boolean[] matchedA = new boolean[lengthA];
        boolean[] matchedB = new boolean[lengthB];
        int matches = 0;
        for (int i = 0; i < lengthA; i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(lengthB - 1, i + window);
            char c = a.charAt(i);
            for (int j = from; j <= to; j++) {
                if (!matchedB[j] && b.charAt(j) == c) {
                    matchedA[i] = true;
                    matchedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int transpositions = 0;
        for (int i = 0, j = 0; i < lengthA; i++) {
            if (matchedA[i]) {
                while (!matchedB[j]) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    transpositions++;
                }
                j++;
            }
        }
        double m = matches;
        double jaro = (m / lengthA + m / lengthB + (m - transpositions / 2.0) / m) / 3;
        int prefix = 0;
        while (prefix < Math.min(4, Math.min(lengthA, lengthB)) && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
