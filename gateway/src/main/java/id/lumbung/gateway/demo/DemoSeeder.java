package id.lumbung.gateway.demo;

import id.lumbung.core.access.Role;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.Household;
import id.lumbung.core.household.HouseholdRepository;
import id.lumbung.core.tenant.TenantService;
import id.lumbung.core.user.UserService;
import id.lumbung.simulators.dapodik.DapodikSimulator;
import id.lumbung.simulators.dukcapil.CivilRecord;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import id.lumbung.simulators.kemensos.KemensosSimulator;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode only ({@code --demo}): province Sulawesi Tenggara (74) with Kota Kendari (7471) and
 * Kabupaten Kolaka (7401), a few households each, the demo users, and the people of those
 * households in the Dukcapil simulator, three schools' pupils in the Dapodik simulator. Safe to run on every start: what exists is kept.
 */
@Singleton
@Requires(property = "lumbung.demo.enabled", value = "true")
final class DemoSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

    /** Demo households: tenant → (village code, address, head of household, members, desil). */
    private static final Map<String, List<Object[]>> HOUSEHOLDS = Map.of(
            "7471",
            List.of(
                    new Object[] {"74.71.01.1005", "Jl. Saranani No. 12, RT 002/RW 001", "LA ODE HASAN", 4, 1},
                    new Object[] {"74.71.01.1006", "Lorong Korumba III, RT 004/RW 002", "WA ODE SITTI", 3, 2},
                    new Object[] {"74.71.01.1007", "Jl. Labibia Raya, RT 001/RW 003", "MUHAMAD RIDWAN", 6, 1}),
            "7401",
            List.of(
                    new Object[] {"74.01.01.1001", "Jl. Pemuda, RT 003/RW 001", "ANDI BASO", 5, 3},
                    new Object[] {"74.01.01.1002", "Dusun II Wundulako, RT 001/RW 001", "SITTI AMINAH", 2, 1}));

    /** People the Dukcapil simulator knows; the second is recorded as deceased. */
    private static final List<CivilRecord> CIVIL_REGISTRY = List.of(
            new CivilRecord(
                    "7471011205850001",
                    "7471010101200001",
                    "LA ODE HASAN",
                    "KENDARI",
                    "12-05-1985",
                    "LAKI-LAKI",
                    false),
            new CivilRecord(
                    "7471015106600002", "7471010202150002", "WA ODE SITTI", "KENDARI", "11-06-1960", "PEREMPUAN", true),
            new CivilRecord(
                    "7471010303790003", "7471010303180003", "MUHAMAD RIDWAN", "RAHA", "03-03-1979", "LAKI-LAKI", false),
            new CivilRecord(
                    "7401012207820004", "7401010404170004", "ANDI BASO", "KOLAKA", "22-07-1982", "LAKI-LAKI", false),
            new CivilRecord(
                    "7401014509900005",
                    "7401010505190005",
                    "SITTI AMINAH",
                    "KOLAKA",
                    "05-09-1990",
                    "PEREMPUAN",
                    false));

    private final TenantService tenants;
    private final UserService users;
    private final HouseholdRepository households;
    private final DukcapilSimulator simulator;
    private final DapodikSimulator schools;
    private final KemensosSimulator ministry;
    private final String password;

    DemoSeeder(
            TenantService tenants,
            UserService users,
            HouseholdRepository households,
            DukcapilSimulator simulator,
            DapodikSimulator schools,
            KemensosSimulator ministry,
            @Value("${lumbung.demo.password}") String password) {
        this.tenants = tenants;
        this.users = users;
        this.households = households;
        this.simulator = simulator;
        this.schools = schools;
        this.ministry = ministry;
        this.password = password;
    }

    @EventListener
    @Order(-100)
    void seed(StartupEvent event) {
        for (String region : List.of("74.71", "74.01")) {
            try {
                tenants.create(region, "demo");
            } catch (LumbungException e) {
                if (!"tenant_exists".equals(e.code())) {
                    throw e;
                }
            }
        }
        users.createOrReset("admin", password, Role.PLATFORM_ADMIN, null, null);
        users.createOrReset("prov-74", password, Role.PROVINCE_ADMIN, null, "74");
        users.createOrReset("admin-7471", password, Role.TENANT_ADMIN, "7471", null);
        users.createOrReset("admin-7401", password, Role.TENANT_ADMIN, "7401", null);
        // The officials of the DTKS cycle in Kendari (README tour): a village operator and a field
        // worker of Kandai and Mandonga, a verifier, and the Bupati/Wali Kota's approver.
        List<String> villages = List.of("74.71.02.1009", "74.71.01.1005");
        users.createOrResetInVillages("operator-7471", password, Role.VILLAGE_OPERATOR, "7471", villages);
        users.createOrResetInVillages("pendamping-7471", password, Role.FIELD_WORKER, "7471", villages);
        users.createOrReset("verifikator-7471", password, Role.VERIFIER, "7471", null);
        users.createOrReset("walikota-7471", password, Role.APPROVER, "7471", null);
        Map<String, Long> existing = households.countByTenant(HOUSEHOLDS.keySet());
        HOUSEHOLDS.forEach((tenantId, rows) -> {
            if (existing.getOrDefault(tenantId, 0L) == 0) {
                for (Object[] row : rows) {
                    households.insert(
                            new Household(
                                    tenantId,
                                    UUID.randomUUID(),
                                    (String) row[0],
                                    (String) row[1],
                                    (String) row[2],
                                    (Integer) row[3],
                                    (Integer) row[4]),
                            "demo");
                }
            }
        });
        CIVIL_REGISTRY.forEach(simulator::register);
        DemoSchools.ALL.forEach((npsn, school) -> schools.register(
                npsn,
                school[1],
                DapodikSimulator.pupils(npsn, school[2], Integer.parseInt(school[3]), npsn.hashCode())));
        // The ministry's determination list of November for each tenant: its heads of household.
        Map<String, StringBuilder> lists = new java.util.TreeMap<>();
        for (CivilRecord head : CIVIL_REGISTRY) {
            lists.computeIfAbsent(
                            head.nik().substring(0, 4),
                            ignored -> new StringBuilder("iddtks;id_art;nomor_nik;nama;program;desil\r\n"))
                    .append("DTKS")
                    .append(head.kk())
                    .append(";ART")
                    .append(head.nik().substring(12))
                    .append(';')
                    .append(head.nik())
                    .append(';')
                    .append(head.fullName())
                    .append(";PKH;1\r\n");
        }
        lists.forEach((tenantId, list) -> ministry.offer(
                tenantId, "PENETAPAN_" + tenantId + "_2026-11.csv", "PENETAPAN", "2026-11", list.toString()));
        LOG.info("Demo ready: tenants 7471 (Kota Kendari) and 7401 (Kabupaten Kolaka), users admin, prov-74,"
                + " admin-7471, admin-7401");
    }
}
