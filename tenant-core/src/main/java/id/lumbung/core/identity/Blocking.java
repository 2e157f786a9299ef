package id.lumbung.core.identity;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Which pairs of records are compared at all: those sharing at least one blocking key. The keys
 * are chosen so that one slip anywhere still leaves a shared key:
 *
 * <ul>
 *   <li>the NIK; its last ten digits with the name's first letter (a slip in the region part);
 *       its first twelve (a slip in the serial); the region, the birth date <em>from the record's own birth date and sex</em>
 *       and the serial's last three digits (a slip in the NIK's date part, or across its edges);
 *   <li>for records without a NIK or with more than one slip: the name's consonant skeleton
 *       (first and last word) with the birth month; birth date, sex and district; the whole
 *       name, village and decade of birth; the KK with the first name's skeleton.
 * </ul>
 *
 * A key shared by more than {@link #LARGEST_BLOCK} records is dropped (a serial "0001" of a
 * whole province, a name everyone writes): it would cost more than it finds; the {@link
 * Result} counts them. Keys are 40-bit hashes beside a 24-bit record number in one long, so a
 * million records sort in one primitive array.
 */
final class Blocking {
    static final int LARGEST_BLOCK = 60;
    private static final int KINDS = 8;

    /** What blocking did: keys made, pairs kept, blocks too large to keep and their records. */
    record Result(long[] pairs, long keys, long droppedBlocks, long droppedRecords, long[] pairsByKind) {}

    private Blocking() {}

    /** The candidate pairs, each {@code (a << 32) | b} with {@code a < b}, sorted and distinct. */
    static Result pairs(People people) {
        int n = people.size();
        LongList pairs = new LongList(n * 4L);
        long[] keys = new long[n];
        long dropped = 0;
        long droppedRecords = 0;
        long keysMade = 0;
        long[] byKind = new long[KINDS];
        for (int kind = 0; kind < KINDS; kind++) {
            int count = 0;
            for (int record = 0; record < n; record++) {
                long key = key(people, record, kind);
                if (key != NONE) {
                    keys[count++] = (mix(key * KINDS + kind) & 0xFF_FFFF_FFFFL) << 24 | record;
                }
            }
            keysMade += count;
            Arrays.parallelSort(keys, 0, count);
            int start = 0;
            while (start < count) {
                long block = keys[start] >>> 24;
                int end = start + 1;
                while (end < count && keys[end] >>> 24 == block) {
                    end++;
                }
                int size = end - start;
                if (size > LARGEST_BLOCK) {
                    dropped++;
                    droppedRecords += size;
                } else {
                    byKind[kind] += (long) size * (size - 1) / 2;
                    for (int i = start; i < end; i++) {
                        long a = keys[i] & 0xFF_FFFF;
                        for (int j = i + 1; j < end; j++) {
                            long b = keys[j] & 0xFF_FFFF;
                            pairs.add(a < b ? a << 32 | b : b << 32 | a);
                        }
                    }
                }
                start = end;
            }
        }
        return new Result(pairs.sortedDistinct(), keysMade, dropped, droppedRecords, byKind);
    }

    static final long NONE = Long.MIN_VALUE;

    /** The record's key of one kind, or {@link #NONE} when its fields cannot make one. */
    static long key(People people, int record, int kind) {
        long nik = people.nik(record);
        int birth = people.birth(record);
        long village = people.village(record);
        String name = people.name(record);
        return switch (kind) {
            case 0 -> nik < 0 ? NONE : nik;
            case 1 -> nik < 0 || name.isEmpty() ? NONE : nik % 10_000_000_000L * 128 + name.charAt(0) % 128;
            case 2 -> nik < 0 ? NONE : nik / 10_000;
            case 3 -> {
                byte sex = people.sex(record);
                if (nik < 0 || birth == People.NO_DATE || sex == 0) {
                    yield NONE;
                }
                LocalDate born = LocalDate.ofEpochDay(birth);
                long day = born.getDayOfMonth() + (sex == 'P' ? 40 : 0);
                long date = day * 10_000 + born.getMonthValue() * 100L + born.getYear() % 100;
                yield (nik / 100_000_000_000L) * 10_000_000_000L + date * 1000 + nik % 1000;
            }
            case 4 -> {
                if (name.isEmpty() || birth == People.NO_DATE) {
                    yield NONE;
                }
                LocalDate born = LocalDate.ofEpochDay(birth);
                yield hash(skeleton(firstWord(name)) + "|" + skeleton(lastWord(name))) * 1_000_003
                        + born.getYear() * 13L
                        + born.getMonthValue();
            }
            case 5 ->
                birth == People.NO_DATE || village < 0
                        ? NONE
                        : (birth * 3L + (people.sex(record) == 'L' ? 1 : people.sex(record) == 'P' ? 2 : 0)) * 1_000_000
                                + village / 10_000;
            case 6 ->
                name.isEmpty() || village < 0
                        ? NONE
                        : (hash(name) * 1_000_003 + village) * 1009
                                + (birth == People.NO_DATE
                                        ? 0
                                        : LocalDate.ofEpochDay(birth).getYear() / 10);
            case 7 ->
                people.kk(record) < 0 || name.isEmpty()
                        ? NONE
                        : people.kk(record) * 31 + hash(skeleton(firstWord(name)));
            default -> throw new IllegalArgumentException("no blocking key of kind " + kind);
        };
    }

    /** The consonants of a word, with h, w and y dropped and repeats taken once: "muhammad" → "mmd" → "md". */
    static String skeleton(String word) {
        StringBuilder skeleton = new StringBuilder(word.length());
        char last = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean kept = i == 0 || "aeiouhwy".indexOf(c) < 0;
            if (kept && c != last) {
                skeleton.append(c);
            }
            if (kept) {
                last = c;
            }
        }
        return skeleton.toString();
    }

    private static String firstWord(String name) {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    private static String lastWord(String name) {
        return name.substring(name.lastIndexOf(' ') + 1);
    }

    private static long hash(String text) {
        long hash = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }

    /** A 64-bit finaliser (SplitMix64), spreading keys over the 40 bits kept. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A growing array of longs. */
    static final class LongList {
        private long[] values;
        private int size;

        LongList(long capacity) {
            values = new long[(int) Math.min(Math.max(capacity, 16), Integer.MAX_VALUE - 16)];
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, (int) Math.min((long) size * 2, Integer.MAX_VALUE - 16));
            }
            values[size++] = value;
        }

        long[] sortedDistinct() {
            Arrays.parallelSort(values, 0, size);
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (kept == 0 || values[kept - 1] != values[i]) {
                    values[kept++] = values[i];
                }
            }
            return Arrays.copyOf(values, kept);
        }
    }
}
