/*
 * IdentityData - records with a known truth for identity resolution, from a registry written by
 * GenerateRegistry (run with --errors 0: every row one person).
 *
 *   java bench/identity/IdentityData.java REGISTRY.csv OUT.csv [--seed 7] [--again 0.10] [--third 0.02]
 *        [--false-nik 0.005]
 *
 * Every person of the registry is one record; a share of them (--again) is written a second time
 * and some (--third) a third, as another office or another year would list them, with the slips
 * the field reports: the name (15 % of repeated records: a letter replaced or dropped, a title
 * added, the old spelling, a word dropped or "bin/binti <father>" added, a variant of
 * Muhammad/Siti/Nur), the NIK (8 % one digit wrong, 8 % two neighbours swapped, 15 % missing),
 * the birth date (4 % one digit wrong, 1 % day and month swapped, 3 % missing), the village
 * (15 % moved within the regency), the KK (35 % a new KK, 10 % missing). --false-nik records are
 * other people written with an existing person's NIK (a different person, not a duplicate).
 * Output "id;person;nik;nomor_kk;nama;tanggal_lahir;jenis_kelamin;kode_wilayah", the order
 * shuffled; "person" is the truth and is read only by the evaluation.
 */
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

public class IdentityData {
    record Person(String nik, String kk, String name, String born, String sex, String village) {}

    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        long seed = 7;
        double again = 0.10;
        double third = 0.02;
        double falseNik = 0.005;
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--again" -> again = Double.parseDouble(args[i + 1]);
                case "--third" -> third = Double.parseDouble(args[i + 1]);
                case "--false-nik" -> falseNik = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Person> people = new ArrayList<>();
        List<String> villages = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            String[] header = reader.readLine().split(";");
            int nik = column(header, "nomor_nik"), kk = column(header, "nomor_kk"), name = column(header, "nama");
            int born = column(header, "tanggal_lahir"), sex = column(header, "jenis_kelamin");
            int village = column(header, "kode_wilayah");
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(";", -1);
                if (f[nik].isEmpty()) {
                    continue;
                }
                String date = f[born].contains("-") && f[born].indexOf('-') == 4
                        ? LocalDate.parse(f[born]).format(DMY)
                        : f[born];
                String s = f[sex].equals("1") ? "L" : f[sex].equals("2") ? "P" : f[sex];
                String v = f[village].replace(".", "");
                people.add(new Person(f[nik], f[kk], unquote(f[name]), date, s, v));
                villages.add(v);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String[]> records = new ArrayList<>();
        int id = 0;
        for (int p = 0; p < people.size(); p++) {
            Person person = people.get(p);
            records.add(row(++id, p, person.nik, person.kk, person.name, person.born, person.sex, person.village));
            double roll = random.nextDouble();
            int copies = roll < third ? 2 : roll < again ? 1 : 0;
            for (int c = 0; c < copies; c++) {
                records.add(noisy(++id, p, person, random, villages));
            }
            if (random.nextDouble() < falseNik && p > 0) {
                // Another person (one listed earlier) written with this person's NIK.
                int other = random.nextInt(p);
                Person them = people.get(other);
                records.add(row(++id, other, person.nik, them.kk, them.name, them.born, them.sex, them.village));
            }
        }
        for (int i = records.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String[] t = records.get(i);
            records.set(i, records.get(j));
            records.set(j, t);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("id;person;nik;nomor_kk;nama;tanggal_lahir;jenis_kelamin;kode_wilayah\n");
            for (String[] r : records) {
                writer.write(String.join(";", r));
                writer.write('\n');
            }
        }
        System.err.printf("%d people, %d records -> %s%n", people.size(), records.size(), out);
    }

    static String[] noisy(int id, int p, Person person, SplittableRandom r, List<String> villages) {
        String nik = person.nik;
        double n = r.nextDouble();
        if (n < 0.08) {
            int at = r.nextInt(16);
            char d = (char) ('0' + (nik.charAt(at) - '0' + 1 + r.nextInt(9)) % 10);
            nik = nik.substring(0, at) + d + nik.substring(at + 1);
        } else if (n < 0.16) {
            for (int tries = 0; tries < 20; tries++) {
                int at = r.nextInt(15);
                if (nik.charAt(at) != nik.charAt(at + 1)) {
                    nik = nik.substring(0, at) + nik.charAt(at + 1) + nik.charAt(at) + nik.substring(at + 2);
                    break;
                }
            }
        } else if (n < 0.31) {
            nik = "";
        }
        String name = r.nextDouble() < 0.15 ? slip(person.name, r) : person.name;
        String born = person.born;
        double b = r.nextDouble();
        if (b < 0.04) {
            int at = "0123456789".indexOf(born.charAt(0)) >= 0 ? new int[] {0, 1, 3, 4, 8, 9}[r.nextInt(6)] : 0;
            String candidate = born.substring(0, at) + (char) ('0' + r.nextInt(10)) + born.substring(at + 1);
            if (valid(candidate)) {
                born = candidate;
            }
        } else if (b < 0.05) {
            String swapped = born.substring(3, 5) + "-" + born.substring(0, 2) + born.substring(5);
            if (valid(swapped)) {
                born = swapped;
            }
        } else if (b < 0.08) {
            born = "";
        }
        String village = r.nextDouble() < 0.15 ? villages.get(r.nextInt(villages.size())) : person.village;
        double k = r.nextDouble();
        String kk = k < 0.35 ? person.kk.substring(0, 6) + String.format("%010d", r.nextLong(10_000_000_000L)) : k < 0.45 ? "" : person.kk;
        return row(id, p, nik, kk, name, born, person.sex, village);
    }

    static boolean valid(String dmy) {
        try {
            LocalDate.parse(dmy, DMY);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static final String[] FATHERS = {"ABDULLAH", "HASAN", "SAID", "LA ODE SAFI", "YUSUF", "SUKARDI", "MADE"};

    static String slip(String name, SplittableRandom r) {
        String[] words = name.split(" ");
        switch (r.nextInt(8)) {
            case 0, 1 -> { // a letter replaced or dropped
                int at = r.nextInt(name.length());
                if (name.charAt(at) == ' ' || name.charAt(at) == '.' || name.charAt(at) == ',') {
                    return name;
                }
                return r.nextBoolean()
                        ? name.substring(0, at) + (char) ('A' + r.nextInt(26)) + name.substring(at + 1)
                        : name.substring(0, at) + name.substring(at + 1);
            }
            case 2 -> {
                return (r.nextBoolean() ? "H. " : "HJ. ") + name;
            }
            case 3 -> {
                return name.replace("U", "OE").replace("J", "DJ").replace("C", "TJ");
            }
            case 4 -> {
                if (words.length < 3) {
                    return name + " " + FATHERS[r.nextInt(FATHERS.length)];
                }
                return name.substring(0, name.lastIndexOf(' '));
            }
            case 5 -> {
                return name + " BIN " + FATHERS[r.nextInt(FATHERS.length)];
            }
            case 6 -> {
                return name.replace("MUHAMMAD", "MOCH.").replace("SITI", "SITTI").replace("NUR ", "NURUL ")
                        .replace("MUHAMAD", "M.");
            }
            default -> { // two neighbouring letters swapped
                int at = r.nextInt(Math.max(1, name.length() - 1));
                if (at + 1 >= name.length()) {
                    return name;
                }
                return name.substring(0, at) + name.charAt(at + 1) + name.charAt(at) + name.substring(at + 2);
            }
        }
    }

    static String[] row(int id, int person, String nik, String kk, String name, String born, String sex, String village) {
        return new String[] {"R" + id, "P" + person, nik, kk, name.replace(';', ' '), born, sex, village};
    }

    static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    static String unquote(String value) {
        return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1).replace("\"\"", "\"") : value;
    }
}
