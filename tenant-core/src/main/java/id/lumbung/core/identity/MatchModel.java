package id.lumbung.core.identity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Fellegi-Sunter: for each field and level, how often true matches reach it ({@code m}) and how
 * often two records taken at random do ({@code u}); fields are taken as independent given match
 * or not ({@link #estimate} says how each is estimated). A pattern's match weight is the sum of its fields' {@code log2(m/u)}; its
 * probability follows from the weight and the prior. Nothing is typed in by hand: the data
 * sets the weights, and {@link #explain} says, field by field, what each contributed.
 */
public final class MatchModel {
    private static final int ITERATIONS = 60;
    /**
     * The weights a run starts from, and keeps where its own data are too few to say otherwise (a
     * new tenant, a small one): {@code m} and {@code u} as estimated on the generated registry of a
     * million people ({@code bench/identity}), in the order of {@link Field}'s levels. They enter
     * as pseudo-counts: {@link #M_PSEUDO} pairs in each session, {@link #U_PSEUDO} random pairs,
     * {@link #NIK_U_PSEUDO} pairs for the counted {@code u} of NIKs.
     */
    static final double[][] DEFAULT_M = {
        {0.60, 0.075, 0.055, 0.115, 0.155},
        {0.888, 0.065, 0.034, 0.013, 0.0001},
        {0.93, 0.037, 0.0003, 0.0001, 0.032},
        {0.999, 0.001, 0.0001},
        {0.50, 0.0175, 0.37, 0.11},
        {0.83, 0.02, 0.15, 0.0001}
    };

    static final double[][] DEFAULT_U = {
        {1e-8, 1e-9, 5e-9, 0.968, 0.032},
        {0.00095, 0.00063, 0.0099, 0.9885, 0.0001},
        {0.0006, 0.00106, 0.0126, 0.9794, 0.0063},
        {0.5, 0.4999, 0.0001},
        {0.00004, 0.000003, 0.979, 0.021},
        {0.0194, 0.0904, 0.8902, 0.0001}
    };

    private static final double M_PSEUDO = 200;
    private static final double U_PSEUDO = 10_000;
    private static final double NIK_U_PSEUDO = 1e8;
    private static final double PRIOR_PSEUDO = 1000;
    private static final double FLOOR = 1e-6;

    private final double[][] m;
    private final double[][] u;
    /** {@code u} of the name and birth date between two members of one household (null: as {@code u}). */
    private final double[][] family;

    private final double prior;
    private final double[] probability;
    private final int iterations;

    private MatchModel(double[][] m, double[][] u, double[][] family, double prior, int iterations) {
        this.m = m;
        this.u = u;
        this.family = family;
        this.prior = prior;
        this.iterations = iterations;
        this.probability = new double[Field.patterns()];
        for (int pattern = 0; pattern < probability.length; pattern++) {
            double weight = Math.log(prior / (1 - prior)) / Math.log(2) + weight(pattern);
            probability[pattern] = 1 / (1 + Math.pow(2, -weight));
        }
    }

    /**
     * Estimates the model as Splink does: {@code u} counted on random pairs of the data; {@code m}
     * by EM with {@code u} fixed, in sessions over the compared pairs that agree on one rule, each
     * leaving out the fields of its rule (they agree by construction, and would make every pair a
     * match): the pairs of one NIK give the name, birth date, sex, KK and village; the pairs of
     * one birth date, sex and district give the NIK. The prior — how likely two records taken at
     * random are one person — is then the fixed point of the expected matches among every compared
     * pair over all pairs (pairs not compared count as non-matches), and {@code u} of NIKs equal or a
     * slip apart is counted among the compared pairs, which hold all of them.
     */
    static MatchModel estimate(People people, long[] patternCounts, long seed) {
        double[][] u = randomPairs(people, seed);
        Field[] fields = Field.values();
        double[][] m = new double[fields.length][];
        for (Field field : fields) {
            m[field.ordinal()] = DEFAULT_M[field.ordinal()].clone();
        }
        int iterations = session(
                patternCounts,
                pattern -> Field.NIK.of(pattern) == 0,
                EnumSet.complementOf(EnumSet.of(Field.NIK)),
                m,
                u);
        double[][] second = new double[fields.length][];
        for (Field field : fields) {
            second[field.ordinal()] = m[field.ordinal()].clone();
        }
        iterations += session(
                patternCounts,
                pattern -> Field.NAME.of(pattern) == 0
                        && Field.BIRTH_DATE.of(pattern) == 0
                        && Field.VILLAGE.of(pattern) == 0,
                EnumSet.of(Field.NIK, Field.SEX, Field.KK),
                second,
                u);
        m[Field.NIK.ordinal()] = second[Field.NIK.ordinal()];
        // Missing says nothing: the same share among matches and non-matches.
        for (Field field : fields) {
            m[field.ordinal()][field.missing()] = u[field.ordinal()][field.missing()];
        }
        double[][] family = family(people);
        double allPairs = people.size() * (people.size() - 1.0) / 2;
        double floor = 1 / Math.max(2, allPairs);
        double prior = floor;
        for (int refinement = 0; refinement < 3; refinement++) {
            for (int round = 0; round < ITERATIONS; round++) {
                double matches = 0;
                for (int pattern = 0; pattern < patternCounts.length; pattern++) {
                    if (patternCounts[pattern] > 0) {
                        matches += patternCounts[pattern] * posterior(prior, m, u, family, pattern);
                    }
                }
                // With the default of one duplicate pair for 20 records, as if seen on PRIOR_PSEUDO pairs.
                double next = Math.max(
                        floor,
                        (matches + PRIOR_PSEUDO * 0.1 / Math.max(1, people.size() - 1)) / (allPairs + PRIOR_PSEUDO));
                boolean settled = Math.abs(next - prior) < prior * 1e-6;
                prior = next;
                if (settled) {
                    break;
                }
            }
            // Two NIKs equal or a slip apart are always compared (blocking keeps them all), so
            // their u is counted, not sampled: the non-matches among the compared pairs over all
            // pairs. A sample of millions sees none of them, and a guess would cap their weight.
            double[] nonMatches = new double[3];
            for (int pattern = 0; pattern < patternCounts.length; pattern++) {
                int level = Field.NIK.of(pattern);
                if (patternCounts[pattern] > 0 && level <= 2) {
                    nonMatches[level] += patternCounts[pattern] * (1 - posterior(prior, m, u, family, pattern));
                }
            }
            double[] nik = u[Field.NIK.ordinal()];
            for (int level = 0; level <= 2; level++) {
                nik[level] = (nonMatches[level] + NIK_U_PSEUDO * DEFAULT_U[Field.NIK.ordinal()][level])
                        / (allPairs + NIK_U_PSEUDO);
            }
        }
        return new MatchModel(m, u, family, prior, iterations);
    }

    /** The probability that a pattern's pair is a match, fields counted as {@link #weight(int)} counts them. */
    private static double posterior(double prior, double[][] m, double[][] u, double[][] family, int pattern) {
        double match = prior;
        double other = 1 - prior;
        for (Field field : Field.values()) {
            if (!countedInNik(field, pattern)) {
                match *= m[field.ordinal()][field.of(pattern)];
                other *= u(u, family, field, pattern);
            }
        }
        return match / (match + other);
    }

    /**
     * {@code u} of a field's level in a pattern: between members of one family (the same KK) the
     * name and birth date are those of family members, not of two people taken at random — twins
     * share a birth date, siblings a family name — so their {@code u} is counted in households.
     */
    private static double u(double[][] u, double[][] family, Field field, int pattern) {
        double[] inFamily = family[field.ordinal()];
        return inFamily != null && Field.KK.of(pattern) <= 1
                ? inFamily[field.of(pattern)]
                : u[field.ordinal()][field.of(pattern)];
    }

    /** Default {@code u} of name and birth date in a household, as pseudo-counts of {@link #FAMILY_PSEUDO} pairs. */
    static final double[] DEFAULT_FAMILY_NAME = {0.001, 0.002, 0.1, 0.8969, 0.0001};

    static final double[] DEFAULT_FAMILY_BIRTH = {0.015, 0.02, 0.03, 0.93, 0.005};
    private static final double FAMILY_PSEUDO = 1000;

    /** {@code u} of name and birth date between members of one household (not NIKs a slip apart: those are one person). */
    private static double[][] family(People people) {
        Map<Integer, List<Integer>> households = new HashMap<>();
        for (int record = 0; record < people.size(); record++) {
            households
                    .computeIfAbsent(people.household(record), h -> new ArrayList<>(4))
                    .add(record);
        }
        double[] name = new double[Field.NAME.levels()];
        double[] birth = new double[Field.BIRTH_DATE.levels()];
        long pairs = 0;
        for (List<Integer> members : households.values()) {
            int size = Math.min(members.size(), 30);
            for (int i = 0; i < size; i++) {
                for (int j = i + 1; j < size; j++) {
                    int a = members.get(i);
                    int b = members.get(j);
                    if (Comparison.nik(people, a, b) <= 2) {
                        continue;
                    }
                    name[Comparison.name(people.name(a), people.name(b))]++;
                    birth[Comparison.birth(people.birth(a), people.birth(b))]++;
                    pairs++;
                }
            }
        }
        double[][] family = new double[Field.values().length][];
        family[Field.NAME.ordinal()] = shares(name, DEFAULT_FAMILY_NAME, pairs);
        family[Field.BIRTH_DATE.ordinal()] = shares(birth, DEFAULT_FAMILY_BIRTH, pairs);
        return family;
    }

    private static double[] shares(double[] counts, double[] defaults, long pairs) {
        double[] shares = new double[counts.length];
        for (int level = 0; level < counts.length; level++) {
            shares[level] = (counts[level] + FAMILY_PSEUDO * defaults[level]) / (pairs + FAMILY_PSEUDO);
        }
        return shares;
    }

    /**
     * One EM session over the pairs whose pattern passes {@code rule}: {@code m} of the {@code
     * estimated} fields re-estimated in place, {@code u} fixed; answers its iterations.
     */
    private static int session(
            long[] patternCounts, IntPredicate rule, Set<Field> estimated, double[][] m, double[][] u) {
        double prior = 0.5;
        int iteration = 0;
        for (; iteration < ITERATIONS; iteration++) {
            double[][] expected = new double[Field.values().length][];
            for (Field field : estimated) {
                expected[field.ordinal()] = new double[field.levels()];
            }
            double matches = 0;
            double all = 0;
            for (int pattern = 0; pattern < patternCounts.length; pattern++) {
                long count = patternCounts[pattern];
                if (count == 0 || !rule.test(pattern)) {
                    continue;
                }
                double match = prior;
                double other = 1 - prior;
                for (Field field : estimated) {
                    int level = field.of(pattern);
                    match *= m[field.ordinal()][level];
                    other *= u[field.ordinal()][level];
                }
                double share = match / (match + other);
                for (Field field : estimated) {
                    expected[field.ordinal()][field.of(pattern)] += share * count;
                }
                matches += share * count;
                all += count;
            }
            if (all == 0) {
                return iteration;
            }
            double change = 0;
            for (Field field : estimated) {
                for (int level = 0; level < field.levels(); level++) {
                    expected[field.ordinal()][level] += M_PSEUDO * DEFAULT_M[field.ordinal()][level];
                }
                change = Math.max(change, normalise(expected[field.ordinal()], m[field.ordinal()]));
                m[field.ordinal()] = expected[field.ordinal()];
            }
            double next = Math.min(1 - FLOOR, Math.max(FLOOR, matches / all));
            change = Math.max(change, Math.abs(next - prior));
            prior = next;
            if (change < 1e-7) {
                break;
            }
        }
        return iteration;
    }

    /** Expected counts → shares (floored), in place; answers the largest change from {@code before}. */
    private static double normalise(double[] expected, double[] before) {
        double total = 0;
        for (double value : expected) {
            total += value;
        }
        double change = 0;
        for (int level = 0; level < expected.length; level++) {
            expected[level] = Math.max(FLOOR, expected[level] / Math.max(total, FLOOR));
            change = Math.max(change, Math.abs(expected[level] - before[level]));
        }
        return change;
    }

    /** {@code u}: each level's share among random pairs, smoothed so that no level is impossible. */
    private static double[][] randomPairs(People people, long seed) {
        Field[] fields = Field.values();
        long[][] counts = new long[fields.length][];
        for (Field field : fields) {
            counts[field.ordinal()] = new long[field.levels()];
        }
        int n = people.size();
        // Four random pairs a record, at least 100,000 and at most 4,000,000: the rare levels
        // (a NIK one digit apart) are seen a few times only, and their weights rest on them.
        int samples =
                n < 2 ? 0 : (int) Math.min(Math.min(4_000_000L, (long) n * (n - 1) / 2), Math.max(100_000L, 4L * n));
        int chunks = 16;
        long[][][] byChunk = new long[chunks][][];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(chunk -> {
            long[][] local = new long[fields.length][];
            for (Field field : fields) {
                local[field.ordinal()] = new long[field.levels()];
            }
            SplittableRandom random = new SplittableRandom(seed + chunk);
            for (int i = chunk; i < samples; i += chunks) {
                int a = random.nextInt(n);
                int b = random.nextInt(n - 1);
                if (b >= a) {
                    b++;
                }
                int pattern = Comparison.pattern(people, a, b);
                for (Field field : fields) {
                    local[field.ordinal()][field.of(pattern)]++;
                }
            }
            byChunk[chunk] = local;
        });
        for (long[][] local : byChunk) {
            for (Field field : fields) {
                for (int level = 0; level < field.levels(); level++) {
                    counts[field.ordinal()][level] += local[field.ordinal()][level];
                }
            }
        }
        double[][] u = new double[fields.length][];
        for (Field field : fields) {
            double[] shares = new double[field.levels()];
            for (int level = 0; level < shares.length; level++) {
                // The data, with the default as if seen on U_PSEUDO pairs more: no level is impossible.
                // A small tenant's own pairs weigh as much as the default: how often two records
                // share a KK or a village depends on the tenant's size, which the default cannot know.
                double pseudo = Math.max(1, Math.min(U_PSEUDO, samples)); // never 0/0: fewer than two records
                shares[level] = (counts[field.ordinal()][level] + pseudo * DEFAULT_U[field.ordinal()][level])
                        / (samples + pseudo);
            }
            u[field.ordinal()] = shares;
        }
        return u;
    }

    /** A pattern's match weight: the sum of its fields' {@code log2(m/u)}. */
    double weight(int pattern) {
        double weight = 0;
        for (Field field : Field.values()) {
            if (!countedInNik(field, pattern)) {
                weight += weight(field, pattern);
            }
        }
        return weight;
    }

    /** A field's weight in a pattern: {@code log2(m/u)}, {@code u} of a family where the KK is shared. */
    double weight(Field field, int pattern) {
        return Math.log(m[field.ordinal()][field.of(pattern)] / u(u, family, field, pattern)) / Math.log(2);
    }

    /**
     * A NIK holds its owner's birth date and sex: where two NIKs agree, or nearly (a slip), their
     * agreement already says the birth dates and sexes agree, and counting those fields again
     * would count one fact twice (two people born the same day in one district have NIKs one
     * digit apart). The fields are estimated on their own; they are left out of the sum there.
     */
    static boolean countedInNik(Field field, int pattern) {
        return (field == Field.BIRTH_DATE || field == Field.SEX) && Field.NIK.of(pattern) <= 2;
    }

    public double probability(int pattern) {
        return probability[pattern];
    }

    /**
     * The probability of a pair whose names agree, with {@code u} of the name the share of
     * records writing it ({@code nameShare}) rather than that of all names: a rare name agreeing
     * weighs more, a common one less.
     */
    public double probability(int pattern, double nameShare) {
        if (Field.NAME.of(pattern) != 0) {
            return probability[pattern];
        }
        return 1 / (1 + Math.pow(2, -matchWeight(pattern, nameShare)));
    }

    /**
     * The pair's match weight in bits (the log2 odds of the probability): it orders pairs where
     * the probability rounds to 1.
     */
    public double matchWeight(int pattern, double nameShare) {
        return Math.log(prior / (1 - prior)) / Math.log(2)
                + weight(pattern)
                + (Field.NAME.of(pattern) == 0 ? nameAdjustment(nameShare) : 0);
    }

    /** How much an agreeing name weighs more (or less) than an average one, given its share. */
    double nameAdjustment(double nameShare) {
        double u = Math.max(nameShare, 1e-9);
        return Math.log(this.u[Field.NAME.ordinal()][0] / u) / Math.log(2);
    }

    public double prior() {
        return prior;
    }

    public int iterations() {
        return iterations;
    }

    /** One field's part in a match: its level, what it weighs. */
    public record Reason(Field field, String level, double weight) {}

    /**
     * Why two records match or not, field by field, strongest first; {@code nameShare} NaN when
     * the name's frequency is not known (one record looked up: no adjustment).
     */
    public List<Reason> explain(int pattern, double nameShare) {
        List<Reason> reasons = new ArrayList<>();
        for (Field field : Field.values()) {
            int level = field.of(pattern);
            double weight = countedInNik(field, pattern) ? 0 : weight(field, pattern);
            String said = field.level(level) + (countedInNik(field, pattern) ? " (sudah terhitung di NIK)" : "");
            if (field == Field.NAME && level == 0 && !Double.isNaN(nameShare)) {
                weight += nameAdjustment(nameShare);
                said += nameShare < u[Field.NAME.ordinal()][0] ? " (nama jarang)" : " (nama umum)";
            }
            reasons.add(new Reason(field, said, Math.round(weight * 10) / 10.0));
        }
        reasons.sort((x, y) -> Double.compare(Math.abs(y.weight()), Math.abs(x.weight())));
        return reasons;
    }

    /**
     * The weights a tenant starts from before any run of its own (a new regency): the defaults,
     * missing values saying nothing, and {@code prior} the chance that a compared pair is one person.
     */
    static MatchModel defaults(double prior) {
        Field[] fields = Field.values();
        double[][] m = new double[fields.length][];
        double[][] u = new double[fields.length][];
        double[][] family = new double[fields.length][];
        for (Field field : fields) {
            m[field.ordinal()] = DEFAULT_M[field.ordinal()].clone();
            u[field.ordinal()] = DEFAULT_U[field.ordinal()].clone();
            m[field.ordinal()][field.missing()] = u[field.ordinal()][field.missing()];
        }
        family[Field.NAME.ordinal()] = DEFAULT_FAMILY_NAME.clone();
        family[Field.BIRTH_DATE.ordinal()] = DEFAULT_FAMILY_BIRTH.clone();
        return new MatchModel(m, u, family, prior, 0);
    }

    /** The model as a run keeps it ({@link #read} gives it back): one record is then scored without a run. */
    public String write() {
        StringBuilder text = new StringBuilder("prior=").append(prior).append('\n');
        for (Field field : Field.values()) {
            text.append("m.")
                    .append(field.name())
                    .append('=')
                    .append(join(m[field.ordinal()]))
                    .append('\n');
            text.append("u.")
                    .append(field.name())
                    .append('=')
                    .append(join(u[field.ordinal()]))
                    .append('\n');
            if (family[field.ordinal()] != null) {
                text.append("f.")
                        .append(field.name())
                        .append('=')
                        .append(join(family[field.ordinal()]))
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** A model {@link #write} wrote; {@code IllegalArgumentException} for any other text. */
    public static MatchModel read(String text) {
        Field[] fields = Field.values();
        double[][] m = new double[fields.length][];
        double[][] u = new double[fields.length][];
        double[][] family = new double[fields.length][];
        double prior = Double.NaN;
        try {
            for (String line : text.split("\n")) {
                int at = line.indexOf('=');
                String key = line.substring(0, at);
                String value = line.substring(at + 1);
                if (key.equals("prior")) {
                    prior = Double.parseDouble(value);
                    continue;
                }
                Field field = Field.valueOf(key.substring(2));
                double[] levels = java.util.Arrays.stream(value.split(","))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
                if (levels.length != field.levels()) {
                    throw new IllegalArgumentException("levels of " + field);
                }
                switch (key.charAt(0)) {
                    case 'm' -> m[field.ordinal()] = levels;
                    case 'u' -> u[field.ordinal()] = levels;
                    default -> family[field.ordinal()] = levels;
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a model: " + e.getMessage(), e);
        }
        for (Field field : fields) {
            if (m[field.ordinal()] == null || u[field.ordinal()] == null) {
                throw new IllegalArgumentException("Not a model: " + field + " is missing");
            }
        }
        if (!(prior > 0 && prior < 1)) {
            throw new IllegalArgumentException("Not a model: no prior");
        }
        return new MatchModel(m, u, family, prior, 0);
    }

    private static String join(double[] values) {
        return java.util.Arrays.stream(values)
                .mapToObj(Double::toString)
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The estimated {@code m} and {@code u} of each field's levels, for the record of a run. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (Field field : Field.values()) {
            text.append(field.name()).append(':');
            for (int level = 0; level < field.levels(); level++) {
                text.append(String.format(
                        java.util.Locale.ROOT,
                        " %s m=%.4f u=%.6f",
                        field.level(level),
                        m[field.ordinal()][level],
                        u[field.ordinal()][level]));
            }
            text.append('\n');
        }
        return text.append("prior=").append(prior).toString();
    }
}
