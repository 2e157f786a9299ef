package id.lumbung.core.nik;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;

/**
 * A NIK (Nomor Induk Kependudukan) whose shape has been checked: 16 digits = region of first
 * registration (6) + birth date DDMMYY with 40 added to the day for women (6) + serial (4).
 *
 * <p>{@link #toString()} is masked, so a NIK that reaches a log line by accident shows only its
 * last four digits. The full value is {@link #value()}.
 */
public final class Nik {
    private static final int LENGTH = 16;
    private static final int WOMEN_DAY_OFFSET = 40;
    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /**
     * The province codes of Kemendagri (the region data's {@code provinces.csv}; {@code
     * RegionDataTest} keeps them equal). A province split off later (Papua's in 2022) has its own
     * code, and the NIKs issued before keep the old one, which stays here.
     */
    static final java.util.Set<String> PROVINCES = java.util.Set.of(
            "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36", "51", "52",
            "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94",
            "95", "96");

    private final String value;

    private Nik(String value) {
        this.value = value;
    }

    /** Checks the shape; a broken rule answers 422 with a code naming it. */
    public static Nik parse(String raw) {
        String nik = raw == null ? "" : raw.strip();
        if (nik.length() != LENGTH || !nik.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(ErrorCode.NIK_NOT_16_DIGITS, "A NIK has exactly 16 digits");
        }
        if (!PROVINCES.contains(nik.substring(0, 2))) {
            throw invalid(
                    ErrorCode.NIK_INVALID_PROVINCE,
                    "The first two digits of a NIK are a province code (11 Aceh to 96 Papua Barat Daya)");
        }
        if (nik.startsWith("00", 2) || nik.startsWith("00", 4)) {
            throw invalid(
                    ErrorCode.NIK_INVALID_REGION,
                    "Digits 3-4 of a NIK are a regency or city and digits 5-6 a district: never 00");
        }
        int month = Integer.parseInt(nik.substring(8, 10));
        if (month < 1 || month > 12) {
            throw invalid(ErrorCode.NIK_INVALID_BIRTH_MONTH, "Digits 9-10 of a NIK are the birth month, 01 to 12");
        }
        int day = Integer.parseInt(nik.substring(6, 8));
        int dayOfMonth = day > WOMEN_DAY_OFFSET ? day - WOMEN_DAY_OFFSET : day;
        if (dayOfMonth < 1 || dayOfMonth > DAYS_IN_MONTH[month - 1]) {
            throw invalid(
                    ErrorCode.NIK_INVALID_BIRTH_DAY,
                    "Digits 7-8 of a NIK are the birth day, 01 to 31, or 41 to 71 for women, valid for the month");
        }
        int year = Integer.parseInt(nik.substring(10, 12));
        if (month == 2 && dayOfMonth == 29 && year % 4 != 0) {
            // 1900 was no leap year and 2000 was, but a year whose last two digits are not a
            // multiple of 4 never is, in either century.
            throw invalid(
                    ErrorCode.NIK_INVALID_BIRTH_DAY, "Digits 7-12 of a NIK say 29 February of a year without one");
        }
        if (nik.endsWith("0000")) {
            throw invalid(ErrorCode.NIK_INVALID_SERIAL, "The last four digits of a NIK are a serial from 0001");
        }
        return new Nik(nik);
    }

    private static LumbungException invalid(ErrorCode code, String message) {
        return new LumbungException(code, message);
    }

    /** The full 16 digits: only for those who need them, never for logs. */
    public String value() {
        return value;
    }

    /** The NIK with all but its last four digits hidden, e.g. {@code ************0001}. */
    public String masked() {
        return mask(value);
    }

    /** Whether the NIK records a woman (day of birth plus 40). */
    public boolean isFemale() {
        return Integer.parseInt(value.substring(6, 8)) > WOMEN_DAY_OFFSET;
    }

    /** Masks any identifier so that only its last four characters show. */
    public static String mask(String identifier) {
        if (identifier == null) {
            return null;
        }
        int shown = Math.min(4, identifier.length());
        return "*".repeat(identifier.length() - shown) + identifier.substring(identifier.length() - shown);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Nik nik && nik.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
