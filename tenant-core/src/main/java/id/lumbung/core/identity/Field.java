package id.lumbung.core.identity;

import java.util.List;

/**
 * What identity resolution compares, each with its levels from "the same" to "missing" (the
 * last level of each field is "missing on one side", which says nothing either way). The labels
 * are what an operator reads beside a proposed match.
 */
public enum Field {
    NIK("NIK", List.of("sama", "dua angka bertukar", "beda satu angka", "beda", "kosong")),
    NAME("nama", List.of("sama", "hampir sama", "mirip", "beda", "kosong")),
    BIRTH_DATE("tanggal lahir", List.of("sama", "salah ketik satu angka", "tahun sama", "beda", "kosong")),
    SEX("jenis kelamin", List.of("sama", "beda", "kosong")),
    /**
     * The KK, taken with the name: two members of one family share it, so a shared KK with
     * names that differ says "another member of the family" (twins share a birth date too), not
     * "the same person".
     */
    KK("nomor KK", List.of("sama", "sama, nama lain", "beda", "kosong")),
    VILLAGE("desa/kelurahan", List.of("sama", "kecamatan sama", "beda", "kosong"));

    private final String label;
    private final List<String> levels;

    Field(String label, List<String> levels) {
        this.label = label;
        this.levels = levels;
    }

    public String label() {
        return label;
    }

    public int levels() {
        return levels.size();
    }

    public String level(int level) {
        return levels.get(level);
    }

    /** The level saying nothing: a value missing on one side. */
    public int missing() {
        return levels.size() - 1;
    }

    /** How many comparison patterns there are: the product of every field's levels. */
    static int patterns() {
        int patterns = 1;
        for (Field field : values()) {
            patterns *= field.levels();
        }
        return patterns;
    }

    /** The field's level inside a pattern (fields are digits of a mixed-radix number). */
    int of(int pattern) {
        int rest = pattern;
        for (int i = values().length - 1; i > ordinal(); i--) {
            rest /= values()[i].levels();
        }
        return rest % levels();
    }
}
