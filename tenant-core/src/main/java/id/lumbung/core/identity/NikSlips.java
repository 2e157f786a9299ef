package id.lumbung.core.identity;

import id.lumbung.core.registry.NameKey;
import java.util.ArrayList;
import java.util.List;

/**
 * One record against the registry without a run: the NIKs a slip away from a NIK (two
 * neighbouring digits swapped anywhere, one digit wrong in the region or birth-date part — not in
 * the serial alone, which tells twins apart), to look up by blind index, and whether two names
 * are alike as identity resolution compares them. The checks on submission use it, so a family
 * proposed with a mistyped NIK is caught before it is registered twice.
 */
public final class NikSlips {
    private NikSlips() {}

    /** The 16-digit NIKs one slip away, or none for a NIK that is not 16 digits. */
    public static List<String> of(String nik) {
        List<String> slips = new ArrayList<>();
        if (nik == null || nik.length() != 16 || !nik.chars().allMatch(Character::isDigit)) {
            return slips;
        }
        char[] digits = nik.toCharArray();
        for (int at = 0; at < 15; at++) {
            if (digits[at] != digits[at + 1]) {
                char[] swapped = digits.clone();
                swapped[at] = digits[at + 1];
                swapped[at + 1] = digits[at];
                slips.add(new String(swapped));
            }
        }
        for (int at = 0; at < 12; at++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != digits[at]) {
                    char[] changed = digits.clone();
                    changed[at] = d;
                    slips.add(new String(changed));
                }
            }
        }
        return slips;
    }

    /** Whether two names, as written, are the same, nearly or alike (not two different names). */
    public static boolean namesAlike(String a, String b) {
        return Comparison.name(NameKey.of(a), NameKey.of(b)) <= 2;
    }
}
