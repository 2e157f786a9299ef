/*
 * LookupBench - one record at a time against a registry already imported: the records of
 * IdentityData that repeat a registered person (written again with the field's slips) are looked
 * up through POST /identity-matches, one after the other, and timed; a lookup finds its person
 * when the registered member it names first has the person's iddtks and name.
 *
 *   java bench/identity/LookupBench.java REGISTRY.csv RECORDS.csv PORT TOKEN [lookups]
 */
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class LookupBench {
    public static void main(String[] args) throws Exception {
        List<String[]> registered = new ArrayList<>(); // person p: iddtks, name
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            List<String> header = Arrays.asList(reader.readLine().split(";", -1));
            int iddtks = header.indexOf("iddtks"), nik = header.indexOf("nomor_nik"), name = header.indexOf("nama");
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(";", -1);
                if (!f[nik].isEmpty()) {
                    registered.add(new String[] {f[iddtks], f[name].replace("\"", "")});
                }
            }
        }
        Map<Integer, Integer> first = new HashMap<>();
        List<String[]> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(";", -1);
                records.add(f);
                first.merge(Integer.parseInt(f[1].substring(1)), Integer.parseInt(f[0].substring(1)), Math::min);
            }
        }
        int limit = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        HttpClient http = HttpClient.newHttpClient();
        List<Long> micros = new ArrayList<>();
        int asked = 0, top = 0, listed = 0, sure = 0, none = 0;
        for (String[] f : records) {
            int person = Integer.parseInt(f[1].substring(1));
            if (Integer.parseInt(f[0].substring(1)) == first.get(person)) {
                continue; // the registered record itself
            }
            if (asked++ == limit) {
                break;
            }
            // A birth date typed as no calendar has it (30-02) is one a form refuses: sent as unknown.
            String born = "null";
            try {
                born = f[5].isEmpty() ? "null" : "\"" + java.time.LocalDate.parse(f[5],
                        java.time.format.DateTimeFormatter.ofPattern("dd-MM-uuuu")
                                .withResolverStyle(java.time.format.ResolverStyle.STRICT)) + "\"";
            } catch (java.time.format.DateTimeParseException e) {
                born = "null";
            }
            String body = "{\"fullName\":" + quote(f[4]) + ",\"nik\":" + quote(f[2]) + ",\"kk\":" + quote(f[3])
                    + ",\"birthDate\":" + born + ",\"sex\":" + quote(f[6]) + ",\"villageCode\":" + quote(f[7]) + "}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + args[2]
                            + "/api/v1/tenants/7471/identity-matches"))
                    .header("Authorization", "Bearer " + args[3])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            micros.add((System.nanoTime() - start) / 1000);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            String[] truth = registered.get(person);
            String answer = response.body();
            int at = answer.indexOf("\"iddtks\":\"" + truth[0] + "\"");
            if (answer.equals("[]")) {
                none++;
            } else if (at >= 0) {
                listed++;
                int next = answer.indexOf("\"memberId\"", answer.indexOf("\"memberId\"") + 1);
                if (next < 0 || at < next) {
                    top++;
                    if (answer.substring(0, next < 0 ? answer.length() : next).contains("\"sure\":true")) {
                        sure++;
                    }
                }
            }
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("lookups %d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted.length,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.95)] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
        System.out.printf("its person first: %d (%.1f %%), %d of them sure; listed lower: %d; nobody found: %d%n",
                top, 100.0 * top / sorted.length, sure, listed - top, none);
    }

    static String quote(String value) {
        return value == null || value.isEmpty() ? "null" : "\"" + value.replace("\"", "") + "\"";
    }
}
