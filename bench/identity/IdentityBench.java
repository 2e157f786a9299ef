/*
 * IdentityBench - runs Lumbung's identity resolution on IdentityData's records and scores it
 * against the truth; or scores another tool's links with the same measures.
 *
 *   java -Xmx4g -cp tenant-core/target/classes bench/identity/IdentityBench.java RECORDS.csv
 *   java -cp tenant-core/target/classes bench/identity/IdentityBench.java RECORDS.csv --links LINKS.csv
 *
 * LINKS.csv: one matched pair of record ids per line ("R12,R907"); the pairs are closed into
 * persons (connected components) as ours are. Measures: pairwise precision, recall and F1 over
 * the pairs inside persons; cluster precision/recall/F1 over persons of 2+ records found exactly;
 * blocking recall (true pairs among the compared pairs: ours only); wall time and heap.
 */
import id.lumbung.core.identity.People;
import id.lumbung.core.identity.Resolver;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

public class IdentityBench {
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    public static void main(String[] args) throws Exception {
        long read = System.nanoTime();
        People people = new People();
        int[] truth = new int[16];
        Map<String, Integer> index = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(";", -1);
                LocalDate born = null;
                try {
                    born = f[5].isEmpty() ? null : LocalDate.parse(f[5], DMY);
                } catch (RuntimeException e) {
                    born = null;
                }
                int at = people.add(f[0], f[2], f[3], f[4], born, f[6], f[7], f[3].hashCode());
                if (at == truth.length) {
                    truth = Arrays.copyOf(truth, at * 2);
                }
                truth[at] = Integer.parseInt(f[1].substring(1));
                index.put(f[0], at);
            }
        }
        truth = Arrays.copyOf(truth, people.size());
        double readSeconds = (System.nanoTime() - read) / 1e9;
        if (args.length > 2 && args[1].equals("--links")) {
            int[] parent = new int[people.size()];
            Arrays.setAll(parent, i -> i);
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                String[] ids = line.split(",");
                if (ids.length == 2 && index.containsKey(ids[0].strip()) && index.containsKey(ids[1].strip())) {
                    union(parent, index.get(ids[0].strip()), index.get(ids[1].strip()));
                }
            }
            for (int i = 0; i < parent.length; i++) {
                parent[i] = find(parent, i);
            }
            score(truth, parent);
            return;
        }
        System.gc();
        long start = System.nanoTime();
        Resolver.Resolution resolution = Resolver.resolve(people, Resolver.Thresholds.DEFAULT);
        double seconds = (System.nanoTime() - start) / 1e9;
        Runtime runtime = Runtime.getRuntime();
        long heap = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
        Resolver.Stats stats = resolution.stats();
        System.out.printf(
                "records %d, read %.1f s; resolve %.1f s (blocking %.1f, comparing %.1f, estimating %.1f, clustering %.1f), heap after %d MB%n",
                stats.records(), readSeconds, seconds, stats.blockingMillis() / 1e3, stats.comparingMillis() / 1e3,
                stats.estimatingMillis() / 1e3, stats.clusteringMillis() / 1e3, heap);
        System.out.printf(
                "candidate pairs %d (%.0fx fewer than all %.3g; by key before merging %s), blocks dropped %d, EM iterations %d, prior %.5f%n",
                stats.candidatePairs(), stats.reduction(), stats.allPairs(), stats.pairsByKey(), stats.droppedBlocks(), stats.iterations(),
                resolution.model().prior());
        // Blocking recall: true pairs that were compared.
        long truePairs = 0;
        long compared = 0;
        int[] order = order(truth);
        for (int s = 0; s < order.length; ) {
            int e = s;
            while (e < order.length && truth[order[e]] == truth[order[s]]) {
                e++;
            }
            for (int i = s; i < e; i++) {
                for (int j = i + 1; j < e; j++) {
                    long a = Math.min(order[i], order[j]);
                    long b = Math.max(order[i], order[j]);
                    truePairs++;
                    if (Arrays.binarySearch(resolution.pairs(), a << 32 | b) >= 0) {
                        compared++;
                    }
                }
            }
            s = e;
        }
        System.out.printf("blocking recall %.4f (%d of %d true pairs compared)%n", (double) compared / truePairs, compared, truePairs);
        if (args.length > 1 && args[1].equals("--model")) {
            System.out.println(resolution.model().describe());
        }
        score(truth, resolution.person());
        System.out.printf("seconds %.2f%n", seconds);
        if (args.length > 1 && args[1].equals("--patterns")) {
            // The patterns of the compared pairs judged wrongly, commonest first.
            Map<String, Integer> wrong = new HashMap<>();
            for (int pair = 0; pair < resolution.pairs().length; pair++) {
                boolean same = truth[resolution.first(pair)] == truth[resolution.second(pair)];
                boolean matched = resolution.probability(pair) >= Resolver.Thresholds.DEFAULT.match();
                if (same != matched) {
                    StringBuilder key = new StringBuilder(same ? "MISSED" : "FALSE ");
                    String.format("%.3f", resolution.probability(pair));
                    for (var reason : resolution.explain(pair)) {
                        key.append(" ").append(reason.field()).append('=').append(reason.level());
                    }
                    key.append(String.format(" p=%.3f", resolution.probability(pair)));
                    wrong.merge(key.toString(), 1, Integer::sum);
                }
            }
            wrong.entrySet().stream()
                    .sorted((x, y) -> y.getValue() - x.getValue())
                    .limit(25)
                    .forEach(e -> System.out.println(e.getValue() + " " + e.getKey()));
        }
        if (args.length > 2 && args[1].equals("--show")) {
            // A few compared pairs judged wrongly, with the model's reasons.
            int shown = 0;
            int limit = Integer.parseInt(args[2]);
            for (int pair = 0; pair < resolution.pairs().length && shown < limit; pair++) {
                int a = resolution.first(pair);
                int b = resolution.second(pair);
                boolean same = truth[a] == truth[b];
                boolean matched = resolution.probability(pair) >= Resolver.Thresholds.DEFAULT.match();
                if (same != matched) {
                    shown++;
                    System.out.printf("%s p=%.3f%n  %s%n  %s%n  %s%n", same ? "MISSED" : "FALSE", resolution.probability(pair),
                            describe(people, a), describe(people, b), resolution.explain(pair));
                }
            }
        }
    }

    static String describe(People people, int r) {
        return String.join(" | ", people.nikText(r), people.name(r), String.valueOf(people.birthDate(r)),
                String.valueOf((char) people.sex(r)), String.valueOf(people.kk(r)), String.valueOf(people.village(r)));
    }

    static int[] order(int[] labels) {
        Integer[] boxed = new Integer[labels.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (x, y) -> Integer.compare(labels[x], labels[y]));
        int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /** Pairwise and cluster precision, recall, F1 of {@code found} (a label per record) against {@code truth}. */
    static void score(int[] truth, int[] found) {
        Map<Long, Integer> both = new HashMap<>();
        Map<Integer, Integer> truthSizes = new HashMap<>();
        Map<Integer, Integer> foundSizes = new HashMap<>();
        for (int i = 0; i < truth.length; i++) {
            both.merge((long) truth[i] << 32 | found[i], 1, Integer::sum);
            truthSizes.merge(truth[i], 1, Integer::sum);
            foundSizes.merge(found[i], 1, Integer::sum);
        }
        long tp = 0;
        long truePairs = 0;
        long foundPairs = 0;
        long exact = 0;
        for (Map.Entry<Long, Integer> cell : both.entrySet()) {
            long n = cell.getValue();
            tp += n * (n - 1) / 2;
            int t = (int) (cell.getKey() >>> 32);
            int f = (int) (long) cell.getKey();
            if (n >= 2 && truthSizes.get(t) == n && foundSizes.get(f) == n) {
                exact++;
            }
        }
        for (int n : truthSizes.values()) {
            truePairs += (long) n * (n - 1) / 2;
        }
        for (int n : foundSizes.values()) {
            foundPairs += (long) n * (n - 1) / 2;
        }
        long trueClusters = truthSizes.values().stream().filter(n -> n >= 2).count();
        long foundClusters = foundSizes.values().stream().filter(n -> n >= 2).count();
        double p = (double) tp / Math.max(1, foundPairs);
        double r = (double) tp / Math.max(1, truePairs);
        double cp = (double) exact / Math.max(1, foundClusters);
        double cr = (double) exact / Math.max(1, trueClusters);
        System.out.printf("pairwise precision %.4f recall %.4f F1 %.4f (%d found, %d true, %d right)%n", p, r, 2 * p * r / (p + r), foundPairs, truePairs, tp);
        System.out.printf("cluster precision %.4f recall %.4f F1 %.4f (%d found, %d true, %d exact)%n", cp, cr, 2 * cp * cr / (cp + cr), foundClusters, trueClusters, exact);
    }

    static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    static void union(int[] parent, int a, int b) {
        int x = find(parent, a);
        int y = find(parent, b);
        if (x != y) {
            parent[Math.max(x, y)] = Math.min(x, y);
        }
    }
}
