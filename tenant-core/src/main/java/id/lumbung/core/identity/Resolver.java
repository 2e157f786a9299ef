package id.lumbung.core.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Finds the same person among records: blocking ({@link Blocking}) picks the pairs worth
 * comparing, each pair gets its comparison pattern ({@link Comparison}), the model ({@link
 * MatchModel}) is estimated from those patterns and gives each a probability, and pairs at or
 * above the match threshold join their records into one person (union-find). Pairs between the
 * review and the match thresholds are kept for a person to decide.
 */
public final class Resolver {
    /** Match and review thresholds, as probabilities: per tenant. */
    public record Thresholds(double match, double review) {
        public static final Thresholds DEFAULT = new Thresholds(0.95, 0.5);

        public Thresholds {
            if (!(review > 0 && review <= match && match < 1)) {
                throw new IllegalArgumentException("0 < review <= match < 1");
            }
        }
    }

    /** How the run went, for its record and the benchmark. */
    public record Stats(
            int records,
            long candidatePairs,
            double allPairs,
            long droppedBlocks,
            List<Long> pairsByKey,
            long matchedPairs,
            long reviewPairs,
            int persons,
            int iterations,
            long blockingMillis,
            long comparingMillis,
            long estimatingMillis,
            long clusteringMillis) {
        /** How many times fewer comparisons than every pair. */
        public double reduction() {
            return candidatePairs == 0 ? 0 : allPairs / candidatePairs;
        }
    }

    private Resolver() {}

    public static Resolution resolve(People people, Thresholds thresholds) {
        return resolve(people, thresholds, new long[0], stage -> {});
    }

    /**
     * As {@link #resolve(People, Thresholds)}, never putting into one person two records that
     * {@code apart} names (records {@code (a << 32) | b}, {@code a < b}: people someone said are
     * two) — neither directly nor through a third record: the strongest pairs join first and a
     * pair that would bring two such records together is left for review. {@code stages} hears
     * where it is ("blocking", "comparing", "estimating", "clustering").
     */
    public static Resolution resolve(
            People people, Thresholds thresholds, long[] apart, java.util.function.Consumer<String> stages) {
        stages.accept("blocking");
        long started = System.nanoTime();
        Blocking.Result blocked = Blocking.pairs(people);
        long[] pairs = blocked.pairs();
        long blocking = System.nanoTime();
        stages.accept("comparing");
        NameFrequency frequency = NameFrequency.of(people);
        int[] patterns = new int[pairs.length];
        IntStream.range(0, pairs.length)
                .parallel()
                .forEach(i -> patterns[i] = Comparison.pattern(people, (int) (pairs[i] >>> 32), (int) pairs[i]));
        long comparing = System.nanoTime();
        stages.accept("estimating");
        long[] counts = new long[Field.patterns()];
        for (int pattern : patterns) {
            counts[pattern]++;
        }
        MatchModel model = MatchModel.estimate(people, counts, 20_261_204L);
        float[] probabilities = new float[pairs.length];
        IntStream.range(0, pairs.length)
                .parallel()
                .forEach(i -> probabilities[i] =
                        (float) model.probability(patterns[i], frequency.share((int) (pairs[i] >>> 32))));
        long estimating = System.nanoTime();
        stages.accept("clustering");
        int[] parent = new int[people.size()];
        Arrays.setAll(parent, i -> i);
        long matched = 0;
        long review = 0;
        List<Integer> joining = new ArrayList<>();
        for (int i = 0; i < pairs.length; i++) {
            if (probabilities[i] >= thresholds.match()) {
                joining.add(i);
            } else if (probabilities[i] >= thresholds.review()) {
                review++;
            }
        }
        CannotLink cannot = new CannotLink(apart);
        if (!cannot.isEmpty()) {
            // The strongest first, by weight: probabilities of near-certain pairs all round to 1.
            Map<Integer, Double> weight = new HashMap<>();
            for (int i : joining) {
                weight.put(i, model.matchWeight(patterns[i], frequency.share((int) (pairs[i] >>> 32))));
            }
            joining.sort((x, y) -> Double.compare(weight.get(y), weight.get(x)));
        }
        for (int i : joining) {
            int x = find(parent, (int) (pairs[i] >>> 32));
            int y = find(parent, (int) pairs[i]);
            if (x == y) {
                matched++;
            } else if (cannot.allows(parent, x, y)) {
                parent[Math.max(x, y)] = Math.min(x, y);
                cannot.joined(Math.min(x, y), Math.max(x, y));
                matched++;
            } else {
                review++;
            }
        }
        int persons = 0;
        for (int i = 0; i < parent.length; i++) {
            parent[i] = find(parent, i);
            if (parent[i] == i) {
                persons++;
            }
        }
        long clustering = System.nanoTime();
        Stats stats = new Stats(
                people.size(),
                pairs.length,
                people.size() * (people.size() - 1.0) / 2,
                blocked.droppedBlocks(),
                Arrays.stream(blocked.pairsByKind()).boxed().toList(),
                matched,
                review,
                persons,
                model.iterations(),
                (blocking - started) / 1_000_000,
                (comparing - blocking) / 1_000_000,
                (estimating - comparing) / 1_000_000,
                (clustering - estimating) / 1_000_000);
        return new Resolution(people, model, frequency, thresholds, pairs, patterns, probabilities, parent, stats);
    }

    private static int find(int[] parent, int record) {
        int root = record;
        while (parent[root] != root) {
            root = parent[root];
        }
        int at = record;
        while (parent[at] != root) {
            int next = parent[at];
            parent[at] = root;
            at = next;
        }
        return root;
    }

    /**
     * The records each person's records must never join (pairs said to be two people), kept by
     * the person's first record; a union joins the lists. The sets are few and small (decisions
     * of people), so the check is a walk of the shorter list.
     */
    private static final class CannotLink {
        private final java.util.Map<Integer, List<Integer>> byRoot = new java.util.HashMap<>();

        CannotLink(long[] apart) {
            for (long pair : apart) {
                int a = (int) (pair >>> 32);
                int b = (int) pair;
                byRoot.computeIfAbsent(a, r -> new ArrayList<>()).add(b);
                byRoot.computeIfAbsent(b, r -> new ArrayList<>()).add(a);
            }
        }

        boolean isEmpty() {
            return byRoot.isEmpty();
        }

        /** Whether the persons led by {@code x} and {@code y} may become one. */
        boolean allows(int[] parent, int x, int y) {
            List<Integer> ofX = byRoot.getOrDefault(x, List.of());
            List<Integer> ofY = byRoot.getOrDefault(y, List.of());
            boolean shorterX = ofX.size() <= ofY.size();
            int other = shorterX ? y : x;
            for (int record : shorterX ? ofX : ofY) {
                if (find(parent, record) == other) {
                    return false;
                }
            }
            return true;
        }

        /** {@code lost} now belongs to {@code root}'s person. */
        void joined(int root, int lost) {
            List<Integer> moved = byRoot.remove(lost);
            if (moved != null) {
                byRoot.computeIfAbsent(root, r -> new ArrayList<>()).addAll(moved);
            }
        }
    }

    /** The outcome: every record's person (its cluster's first record) and the pairs as compared. */
    public record Resolution(
            People people,
            MatchModel model,
            NameFrequency frequency,
            Thresholds thresholds,
            long[] pairs,
            int[] patterns,
            float[] probabilities,
            int[] person,
            Stats stats) {

        /** Persons of more than one record, each as its records' numbers, in order. */
        public List<int[]> clusters() {
            int[] sizes = new int[person.length];
            for (int p : person) {
                sizes[p]++;
            }
            int[][] members = new int[person.length][];
            List<int[]> clusters = new ArrayList<>();
            int[] filled = new int[person.length];
            for (int record = 0; record < person.length; record++) {
                int p = person[record];
                if (sizes[p] < 2) {
                    continue;
                }
                if (members[p] == null) {
                    members[p] = new int[sizes[p]];
                    clusters.add(members[p]);
                }
                members[p][filled[p]++] = record;
            }
            return clusters;
        }

        public double probability(int pair) {
            return probabilities[pair];
        }

        /** Why the pair's records are one person or not, field by field. */
        public List<MatchModel.Reason> explain(int pair) {
            return model.explain(patterns[pair], frequency.share(first(pair)));
        }

        public int first(int pair) {
            return (int) (pairs[pair] >>> 32);
        }

        public int second(int pair) {
            return (int) pairs[pair];
        }
    }
}
