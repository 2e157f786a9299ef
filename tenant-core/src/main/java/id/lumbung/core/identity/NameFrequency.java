package id.lumbung.core.identity;

import java.util.HashMap;
import java.util.Map;

/**
 * How many records write each record's name (its search form): two records agreeing on a name
 * a thousand people write say less than two agreeing on a rare one. The chance that a record
 * taken at random has this name stands in for {@code u} of an exact name (term frequency).
 */
final class NameFrequency {
    private final int[] counts;
    private final int records;

    private NameFrequency(int[] counts, int records) {
        this.counts = counts;
        this.records = records;
    }

    static NameFrequency of(People people) {
        Map<String, Integer> byName = new HashMap<>(Math.max(16, people.size() * 2));
        for (int i = 0; i < people.size(); i++) {
            byName.merge(people.name(i), 1, Integer::sum);
        }
        int[] counts = new int[people.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = byName.get(people.name(i));
        }
        return new NameFrequency(counts, people.size());
    }

    /** How many records write this record's name. */
    int count(int record) {
        return counts[record];
    }

    /**
     * The share of records that write this record's name, with the default share of an agreeing
     * name counted as if over {@link #PSEUDO} records more: in a village of eight people, two
     * writing one name says little of how common it is.
     */
    double share(int record) {
        return (counts[record] + PSEUDO * MatchModel.DEFAULT_U[Field.NAME.ordinal()][0]) / (records + PSEUDO);
    }

    private static final double PSEUDO = 1000;
}
