package id.lumbung.gateway.demo;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.registry.ImportJob;
import id.lumbung.core.registry.ImportService;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import id.lumbung.simulators.registry.GenerateRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's registry: for each demo tenant, a registry written by the generator (the one of
 * {@code bench/GenerateRegistry.java}; 5% of households with one error, 2% of people recorded by
 * Dukcapil as deceased), imported once as its tenant admin, and the same people as Dukcapil
 * knows them loaded into the Dukcapil simulator at every start — so a verification of a demo
 * village finds most people and names what differs, as the README's tour shows. The generator is
 * deterministic: the same registry every start.
 */
@Singleton
@Requires(property = "lumbung.demo.enabled", value = "true")
@Requires(property = "lumbung.demo.registry-members")
final class DemoRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRegistry.class);
    /** Tenant → share of the members setting (Kolaka is the smaller one). */
    private static final Map<String, Integer> TENANTS = new java.util.LinkedHashMap<>(Map.of("7471", 2, "7401", 1));
    /** Heads of Kendari's households who moved to Kolaka and were registered there again. */
    static final int MOVED = 5;

    static final String FILE_PREFIX = "dtks-demo-";

    private final ImportService imports;
    private final DukcapilSimulator dukcapil;
    private final int members;

    DemoRegistry(
            ImportService imports, DukcapilSimulator dukcapil, @Value("${lumbung.demo.registry-members}") int members) {
        this.imports = imports;
        this.dukcapil = dukcapil;
        this.members = members;
    }

    @EventListener
    // After DemoSeeder (-100: the tenants and their admins exist) and after the import service has
    // resumed the jobs a stopped process left (0): a job queued before that would be resumed twice.
    @Order(100)
    void seed(StartupEvent event) {
        if (members <= 0) {
            return;
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("lumbung-demo-registry");
            Path villages = regions(folder);
            for (Map.Entry<String, Integer> tenant : TENANTS.entrySet()) {
                generate(folder, villages, tenant.getKey(), Math.max(10, members * tenant.getValue() / 2));
            }
            moved(folder.resolve(FILE_PREFIX + "7471.csv"), folder.resolve(FILE_PREFIX + "7401.csv"));
            for (String tenantId : TENANTS.keySet()) {
                submit(folder, tenantId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The demo registry could not be generated", e);
        } finally {
            delete(folder);
        }
    }

    private void generate(Path folder, Path villages, String tenantId, int rows) throws IOException {
        Path registry = folder.resolve(FILE_PREFIX + tenantId + ".csv");
        Path civil = folder.resolve("civil-" + tenantId + ".csv");
        GenerateRegistry.generate(
                "--members", Integer.toString(rows),
                "--tenant", tenantId,
                "--seed", tenantId,
                "--errors", "0.05",
                "--deceased", "0.02",
                "--out", registry.toString(),
                "--truth", folder.resolve("truth-" + tenantId + ".csv").toString(),
                "--civil", civil.toString(),
                "--regions", villages.toString());
        List<Long> unreadable = new ArrayList<>();
        long known;
        try (InputStream in = Files.newInputStream(civil)) {
            known = dukcapil.load(in, unreadable);
        }
        LOG.info(
                "Demo registry of tenant {}: {} rows; {} people known to the Dukcapil simulator",
                tenantId,
                rows,
                known);
    }

    /**
     * The demo's people registered in two regencies (the province's search for them, README): the
     * first heads of Kendari's households, with their NIK, name and birth date, listed again in
     * Kolaka as new households in one of its villages — as a family that moved is, when the office
     * it left does not remove it.
     */
    static void moved(Path from, Path to) throws IOException {
        List<String> source = Files.readAllLines(from);
        List<String> target = Files.readAllLines(to);
        List<String> header = List.of(source.get(0).split(";", -1));
        List<String> targetHeader = List.of(target.get(0).split(";", -1));
        if (!header.equals(targetHeader)) {
            throw new IOException("The demo registries have different columns");
        }
        String[] place = target.get(1).split(";", -1);
        int relationship = header.indexOf("hubungan_keluarga");
        int nik = header.indexOf("nomor_nik");
        List<String> added = new ArrayList<>();
        for (String line : source.subList(1, source.size())) {
            String[] row = line.split(";", -1);
            if (added.size() == MOVED) {
                break;
            }
            if (!"Kepala Keluarga".equals(row[relationship]) || row[nik].length() != 16) {
                continue;
            }
            String iddtks = String.format("DTKS7401PINDAH%04d", added.size() + 1);
            for (String column : List.of(
                    "provinsi", "kabupaten_kota", "kecamatan", "desa_kelurahan", "kode_wilayah", "dusun", "alamat")) {
                row[header.indexOf(column)] = place[header.indexOf(column)];
            }
            row[header.indexOf("iddtks")] = iddtks;
            row[header.indexOf("id_art")] = iddtks + "-01";
            row[header.indexOf("nomor_kk")] = String.format("740101%010d", 9_900_000_000L + added.size());
            added.add(String.join(";", row));
        }
        Files.write(to, added, java.nio.file.StandardOpenOption.APPEND);
    }

    private void submit(Path folder, String tenantId) throws IOException {
        Path registry = folder.resolve(FILE_PREFIX + tenantId + ".csv");
        Caller admin = Caller.of("admin-" + tenantId, Role.TENANT_ADMIN, Set.of(tenantId), tenantId.substring(0, 2));
        String fileName = registry.getFileName().toString();
        boolean imported = imports.recent(admin, tenantId).stream()
                .map(ImportJob::fileName)
                .anyMatch(fileName::equals);
        if (!imported) {
            try (InputStream in = Files.newInputStream(registry)) {
                imports.submit(admin, tenantId, fileName, in, ImportService.Mode.KEEP_GOOD_ROWS);
            }
        }
        LOG.info("Demo registry of tenant {} {}", tenantId, imported ? "imported before" : "being imported");
    }

    /** The region files the generator reads, copied out of the application's resources. */
    private static Path regions(Path folder) throws IOException {
        Path regions = Files.createDirectories(folder.resolve("regions"));
        for (String name : List.of("provinces", "regencies", "districts", "villages")) {
            try (InputStream in =
                    DemoRegistry.class.getClassLoader().getResourceAsStream("regions/" + name + ".csv.gz")) {
                if (in == null) {
                    throw new IOException("Region data missing from the build: " + name);
                }
                Files.copy(in, regions.resolve(name + ".csv.gz"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return regions.resolve("villages.csv.gz");
    }

    /** The generated files hold NIKs in full: they go as soon as the import has its own copy. */
    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Demo registry files not deleted from {}", folder);
        }
    }
}
