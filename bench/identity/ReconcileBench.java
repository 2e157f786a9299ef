/*
 * ReconcileBench - another list set beside a registry, scored against the truth.
 *
 *   java -Xmx6g -cp tenant-core/target/classes bench/identity/ReconcileBench.java RECORDS.csv
 *
 * From IdentityData's records (a person's records share its "person" column): the registry is
 * each person's first record, except one person in twenty who is left out of it; the other list
 * is each person's second record (the same person written again: a name slip, a NIK typo or
 * swap, a missing NIK, another village...) plus the first record of the people left out. So every
 * row of the list is either in both (its person is in the registry) or only there. Measured:
 * the list's rows paired with the right registry record (precision, recall of "in both"), rows
 * rightly said to be only there, and the same with exact NIK matching, what an operator does in
 * Excel; wall time of the resolution and pairing (the registry's reading aside).
 */
import id.lumbung.core.identity.ListReconciliations;
import id.lumbung.core.identity.People;
import id.lumbung.core.identity.Resolver;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class ReconcileBench {
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    public static void main(String[] args) throws Exception {
        Map<Integer, List<String[]>> byPerson = new HashMap<>();
        List<Integer> persons = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(";", -1);
                int person = Integer.parseInt(f[1].substring(1));
                byPerson.computeIfAbsent(person, p -> {
                    persons.add(p);
                    return new ArrayList<>();
                }).add(f);
            }
        }
        List<String[]> ours = new ArrayList<>();
        List<String[]> theirs = new ArrayList<>();
        for (int person : persons) {
            List<String[]> records = byPerson.get(person);
            boolean leftOut = person % 20 == 0;
            if (!leftOut) {
                ours.add(records.get(0));
                if (records.size() > 1) {
                    theirs.add(records.get(1));
                }
            } else {
                theirs.add(records.get(0));
            }
        }
        People people = new People();
        int[] truth = new int[ours.size() + theirs.size()];
        for (String[] f : ours) {
            truth[add(people, f)] = Integer.parseInt(f[1].substring(1));
        }
        for (String[] f : theirs) {
            truth[add(people, f)] = Integer.parseInt(f[1].substring(1));
        }
        int registry = ours.size();
        long inBoth = theirs.stream().filter(f -> Integer.parseInt(f[1].substring(1)) % 20 != 0).count();
        System.out.printf("registry %d records; list %d rows: %d in both, %d only there%n",
                registry, theirs.size(), inBoth, theirs.size() - inBoth);

        System.gc();
        long start = System.nanoTime();
        Resolver.Resolution resolution = Resolver.resolve(people, Resolver.Thresholds.DEFAULT);
        ListReconciliations.Pairing pairing = ListReconciliations.pair(resolution, registry);
        double seconds = (System.nanoTime() - start) / 1e9;
        report("Lumbung", truth, registry, theirs.size(), inBoth, i -> pairing.ours(i));
        long review = 0;
        long reviewRight = 0;
        for (int i = 0; i < theirs.size(); i++) {
            if (pairing.taken()[i] < 0 && pairing.likely()[i] >= 0) {
                review++;
                if (truth[pairing.likely()[i]] == truth[registry + i]) {
                    reviewRight++;
                }
            }
        }
        System.out.printf("           to look at: %d rows, %d of them beside their right registry record%n", review,
                reviewRight);
        System.out.printf("seconds %.2f (resolution and pairing, %d pairs compared)%n", seconds,
                resolution.stats().candidatePairs());

        // Exact NIK: a row is in both when a registry record has its NIK (the first one).
        Map<String, Integer> byNik = new HashMap<>();
        for (int r = 0; r < registry; r++) {
            if (!people.nikText(r).isEmpty()) {
                byNik.putIfAbsent(people.nikText(r), r);
            }
        }
        report("Exact NIK", truth, registry, theirs.size(), inBoth,
                i -> byNik.getOrDefault(people.nikText(registry + i), -1));
    }

    interface Chosen {
        int ours(int listRow);
    }

    static void report(String who, int[] truth, int registry, int rows, long inBoth, Chosen chosen) {
        long said = 0;
        long right = 0;
        long onlyThereRight = 0;
        for (int i = 0; i < rows; i++) {
            int ours = chosen.ours(i);
            boolean reallyBoth = truth[registry + i] % 20 != 0;
            if (ours >= 0) {
                said++;
                if (truth[ours] == truth[registry + i]) {
                    right++;
                }
            } else if (!reallyBoth) {
                onlyThereRight++;
            }
        }
        double precision = (double) right / Math.max(1, said);
        double recall = (double) right / Math.max(1, inBoth);
        System.out.printf(
                "%-10s in both: precision %.4f, recall %.4f, F1 %.4f (%d said, %d right of %d); only there: %d of %d found%n",
                who, precision, recall, 2 * precision * recall / Math.max(1e-9, precision + recall), said, right, inBoth,
                onlyThereRight, rows - inBoth);
    }

    static int add(People people, String[] f) {
        LocalDate born;
        try {
            born = f[5].isEmpty() ? null : LocalDate.parse(f[5], DMY);
        } catch (RuntimeException e) {
            born = null;
        }
        return people.add(f[0], f[2], f[3], f[4], born, f[6], f[7], f[3].hashCode());
    }
}
