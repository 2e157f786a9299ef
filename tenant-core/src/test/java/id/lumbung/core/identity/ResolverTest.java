package id.lumbung.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The whole engine on people with a known truth: 4,000 persons, one in five written a second
 * time with the slips of the field (a name typo or title, a NIK digit wrong or swapped or left
 * out, a birth-date digit, another village, a new KK), and twins in one family.
 */
class ResolverTest {
    private static final String[] GIVEN = {
        "SITI", "NUR", "AHMAD", "MUHAMMAD", "RAHMAT", "WA ODE", "LA ODE", "ANDI", "PUTRI", "DEWI", "BUDI", "AGUS",
        "RINA", "YULI", "HASAN", "ASMA", "NURUL", "FITRI", "INDAH", "RISKI", "SARI", "DIMAS", "REZA", "ARIF"
    };
    private static final String[] FAMILY = {
        "AMINAH", "RAHMAN", "HALIMA", "SAPUTRA", "LESTARI", "WULANDARI", "HIDAYAT", "KURNIAWAN", "PRATAMA",
        "SANTOSO", "SIREGAR", "TAMBUNAN", "LAKIDENDE", "POMBILI", "TAWULO", "KONGGOASA", "HANDAYANI", "SAFITRI"
    };

    record Written(String nik, String kk, String name, LocalDate born, String sex, String village, int person) {}

    @Test
    void findsTheSamePersonAndNotTheirTwin() {
        SplittableRandom random = new SplittableRandom(11);
        List<Written> records = new ArrayList<>();
        int serial = 0;
        for (int person = 0; person < 4000; person++) {
            LocalDate born = LocalDate.of(1950 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String sex = random.nextBoolean() ? "L" : "P";
            int district = 1 + random.nextInt(9);
            String village = String.format("74710%d10%02d", district, 1 + random.nextInt(12));
            String nik = String.format(
                    "74710%d%02d%02d%02d%04d",
                    district,
                    born.getDayOfMonth() + ("P".equals(sex) ? 40 : 0),
                    born.getMonthValue(),
                    born.getYear() % 100,
                    1 + serial++ % 9000);
            String kk = String.format("74710%d%010d", district, random.nextLong(10_000_000_000L));
            String name = GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)]
                    + (random.nextInt(3) == 0 ? " " + FAMILY[random.nextInt(FAMILY.length)] : "");
            records.add(new Written(nik, kk, name, born, sex, village, person));
            if (person % 50 == 1) { // a twin: the family's KK, the same birth date, the next serial, another name
                String twinNik = nik.substring(0, 12) + String.format("%04d", 1 + serial++ % 9000);
                records.add(new Written(twinNik, kk, twinName(name), born, sex, village, ++person));
            }
            if (random.nextInt(5) == 0) {
                records.add(slipped(records.get(records.size() - 1), random));
            }
        }
        People people = new People();
        int[] truth = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            Written w = records.get(i);
            people.add("r" + i, w.nik, w.kk, w.name, w.born, w.sex, w.village, i);
            truth[i] = w.person;
        }

        Resolver.Resolution resolution = Resolver.resolve(people, Resolver.Thresholds.DEFAULT);

        long truePairs = 0;
        long foundPairs = 0;
        long right = 0;
        Map<Integer, Integer> perPerson = new HashMap<>();
        for (int p : truth) {
            perPerson.merge(p, 1, Integer::sum);
        }
        for (int n : perPerson.values()) {
            truePairs += (long) n * (n - 1) / 2;
        }
        for (int[] cluster : resolution.clusters()) {
            foundPairs += (long) cluster.length * (cluster.length - 1) / 2;
            for (int i = 0; i < cluster.length; i++) {
                for (int j = i + 1; j < cluster.length; j++) {
                    if (truth[cluster[i]] == truth[cluster[j]]) {
                        right++;
                    }
                }
            }
        }
        double precision = (double) right / foundPairs;
        double recall = (double) right / truePairs;
        assertThat(precision).as("precision (%d of %d)", right, foundPairs).isGreaterThan(0.97);
        assertThat(recall).as("recall (%d of %d)", right, truePairs).isGreaterThan(0.9);
        assertThat(resolution.stats().reduction())
                .as("fewer comparisons than every pair")
                .isGreaterThan(100);
        // Twins (one family, one birth date, serials apart, names apart) stay two people.
        for (int i = 0; i < records.size(); i++) {
            for (int j = i + 1; j < Math.min(records.size(), i + 3); j++) {
                if (truth[i] != truth[j]
                        && records.get(i).kk().equals(records.get(j).kk())) {
                    assertThat(resolution.person()[i])
                            .as(
                                    "twins %s / %s",
                                    records.get(i).name(), records.get(j).name())
                            .isNotEqualTo(resolution.person()[j]);
                }
            }
        }
        // Every compared pair says why, field by field.
        assertThat(resolution.explain(0)).hasSize(Field.values().length);
        // The weights a run keeps score a pattern as the run did (a lookup of one record uses them).
        MatchModel kept = MatchModel.read(resolution.model().write());
        for (int pattern = 0; pattern < Field.patterns(); pattern++) {
            assertThat(kept.probability(pattern)).isEqualTo(resolution.model().probability(pattern));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MatchModel.read("prior=0.5\nm.NIK=1,2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoRecordsSaidToBeTwoPeopleNeverBecomeOneThroughAThird() {
        People people = new People();
        LocalDate born = LocalDate.of(1980, 5, 17);
        // One person written three times: B and C carry the same slip, so B–C is the strongest pair.
        people.add("a", "7471021705800001", "7471020000000001", "SITI AMINAH", born, "P", "7471021001", 0);
        people.add("b", "7471021705800001", "7471020000000001", "SITI AMINA", born, "P", "7471021001", 1);
        people.add("c", "7471021705800001", "7471020000000001", "SITI AMINA", born, "P", "7471021001", 2);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            LocalDate other = LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
            people.add(
                    "x" + i,
                    String.format(
                            "747103%02d%02d%02d%04d",
                            other.getDayOfMonth(), other.getMonthValue(), other.getYear() % 100, i + 1),
                    null,
                    GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)],
                    other,
                    random.nextBoolean() ? "L" : "P",
                    "7471031002",
                    3 + i);
        }

        int[] together = Resolver.resolve(people, Resolver.Thresholds.DEFAULT).person();
        assertThat(together[0]).isEqualTo(together[1]).isEqualTo(together[2]);

        // A person said a and b are two people: b and c stay one, a stays apart from both.
        long apart = (0L << 32) | 1;
        int[] person = Resolver.resolve(people, Resolver.Thresholds.DEFAULT, new long[] {apart}, stage -> {})
                .person();
        assertThat(person[0]).isNotEqualTo(person[1]);
        assertThat(person[1]).isEqualTo(person[2]);
        assertThat(person[0]).as("a must not join b through c").isNotEqualTo(person[2]);
    }

    /** Another given name, the family's name. */
    private static String twinName(String name) {
        String given = name.split(" ")[0];
        for (String other : GIVEN) {
            if (!name.startsWith(other) && other.charAt(0) != given.charAt(0)) {
                return other + name.substring(name.lastIndexOf(' '));
            }
        }
        throw new IllegalStateException();
    }

    private static Written slipped(Written w, SplittableRandom random) {
        String nik = w.nik;
        String name = w.name;
        LocalDate born = w.born;
        String village = w.village;
        String kk = w.kk;
        switch (random.nextInt(6)) {
            case 0 -> {
                int at = random.nextInt(15);
                nik = nik.substring(0, at) + nik.charAt(at + 1) + nik.charAt(at) + nik.substring(at + 2);
            }
            case 1 -> nik = "";
            case 2 -> name = "HJ. " + name;
            case 3 -> name = name.substring(0, name.length() - 1);
            case 4 -> born = born.plusDays(1);
            default -> village = village.substring(0, 8) + "99";
        }
        if (random.nextBoolean()) {
            kk = kk.substring(0, 6) + "0000000000";
        }
        return new Written(nik, kk, name, born, w.sex, village, w.person);
    }
}
