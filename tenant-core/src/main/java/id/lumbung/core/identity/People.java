package id.lumbung.core.identity;

import id.lumbung.core.registry.NameKey;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The records identity resolution compares, column by column (a million people in a few hundred
 * megabytes, no object per person): NIK and KK as numbers, the name's search form ({@link
 * NameKey}), birth date, sex and village. A value that is missing is {@code -1} (NIK, KK,
 * village), {@link #NO_DATE} or {@code 0} (sex). Each record carries the caller's own id
 * ({@link #id}) and the household it belongs to.
 */
public final class People {
    public static final int NO_DATE = Integer.MIN_VALUE;
    /** Records are numbered in 24 bits inside the blocking keys. */
    public static final int MAXIMUM = 1 << 24;

    private int size;
    private String[] ids = new String[1024];
    private long[] nik = new long[1024];
    private long[] kk = new long[1024];
    private String[] name = new String[1024];
    private int[] birth = new int[1024];
    private byte[] sex = new byte[1024];
    private long[] village = new long[1024];
    private int[] household = new int[1024];

    /**
     * Adds one record as written: a NIK or KK that is not 16 digits counts as missing, the name is
     * taken to its search form, the sex is {@code L} or {@code P}, the village a 10-digit code
     * with or without dots. Answers the record's number.
     */
    public int add(
            String id,
            String nikText,
            String kkText,
            String fullName,
            LocalDate birthDate,
            String sexText,
            String villageCode,
            int householdNumber) {
        if (size == MAXIMUM) {
            throw new IllegalStateException("identity resolution takes at most " + MAXIMUM + " records at once");
        }
        if (size == ids.length) {
            grow();
        }
        int at = size++;
        ids[at] = id;
        nik[at] = digits(nikText, 16);
        kk[at] = digits(kkText, 16);
        name[at] = NameKey.of(fullName);
        birth[at] = birthDate == null ? NO_DATE : (int) birthDate.toEpochDay();
        sex[at] = sexText == null ? 0 : sexText.startsWith("L") ? (byte) 'L' : sexText.startsWith("P") ? (byte) 'P' : 0;
        village[at] = digits(villageCode == null ? null : villageCode.replace(".", ""), 10);
        household[at] = householdNumber;
        return at;
    }

    private void grow() {
        int capacity = ids.length * 2;
        ids = Arrays.copyOf(ids, capacity);
        nik = Arrays.copyOf(nik, capacity);
        kk = Arrays.copyOf(kk, capacity);
        name = Arrays.copyOf(name, capacity);
        birth = Arrays.copyOf(birth, capacity);
        sex = Arrays.copyOf(sex, capacity);
        village = Arrays.copyOf(village, capacity);
        household = Arrays.copyOf(household, capacity);
    }

    /** The number the text's digits make when it has exactly {@code length} of them, else -1. */
    static long digits(String text, int length) {
        if (text == null) {
            return -1;
        }
        String value = text.strip();
        if (value.length() != length) {
            return -1;
        }
        long number = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    public int size() {
        return size;
    }

    public String id(int record) {
        return ids[record];
    }

    public long nik(int record) {
        return nik[record];
    }

    public long kk(int record) {
        return kk[record];
    }

    public String name(int record) {
        return name[record];
    }

    public int birth(int record) {
        return birth[record];
    }

    public byte sex(int record) {
        return sex[record];
    }

    public long village(int record) {
        return village[record];
    }

    public int household(int record) {
        return household[record];
    }

    /** The NIK's digits as text, zero-padded, or empty when missing. */
    public String nikText(int record) {
        return nik[record] < 0 ? "" : String.format("%016d", nik[record]);
    }

    public LocalDate birthDate(int record) {
        return birth[record] == NO_DATE ? null : LocalDate.ofEpochDay(birth[record]);
    }
}
