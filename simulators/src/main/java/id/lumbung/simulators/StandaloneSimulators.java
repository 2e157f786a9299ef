package id.lumbung.simulators;

import id.lumbung.simulators.bank.BankSimulator;
import id.lumbung.simulators.dapodik.DapodikSimulator;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import id.lumbung.simulators.kemensos.KemensosSimulator;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The four agency simulators in a process of their own ({@code java -jar lumbung.jar
 * --simulators}), so that Lumbung talks to them as to real agencies, configured by URL and
 * secrets, and so that killing Lumbung does not kill the bank: what the bank carried out
 * outlives the crash. Ports from {@code LUMBUNG_SIMULATORS_<AGENCY>_PORT} (9091 Dukcapil, 9092
 * Dapodik, 9093 bank, 9094 Kemensos: beside a demo's in-process ones on 8091–8094); the settings Lumbung needs to use them (URLs and the
 * simulators' per-start secrets) are written as an environment file to {@code
 * LUMBUNG_SIMULATORS_ENV_FILE} (owner-only), for {@code set -a; . simulators.env}. The
 * simulators start empty: no civil records, schools or ministry files.
 */
public final class StandaloneSimulators {
    /** The tenants whose Kemensos account keys are written (the demo's). */
    private static final List<String> TENANTS = List.of("7471", "7401");

    private StandaloneSimulators() {}

    public static void run(Function<String, String> environment) throws IOException {
        JsonMapper json = ObjectMapper.getDefault();
        DukcapilSimulator dukcapil = new DukcapilSimulator(json, port(environment, "DUKCAPIL", 9091));
        DapodikSimulator dapodik = new DapodikSimulator(json, port(environment, "DAPODIK", 9092));
        KemensosSimulator kemensos = new KemensosSimulator(json, port(environment, "KEMENSOS", 9094));
        BankSimulator bank = new BankSimulator(
                json, port(environment, "BANKS", 9093), environment.apply("LUMBUNG_SIMULATORS_BANKS_NOTIFICATION_URL"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("DUKCAPIL_BASE_URL", dukcapil.baseUrl());
        settings.put("DUKCAPIL_USER_ID", dukcapil.userId());
        settings.put("DUKCAPIL_PASSWORD", dukcapil.password());
        settings.put("KEMENSOS_BASE_URL", kemensos.baseUrl());
        TENANTS.forEach(tenant ->
                settings.put("LUMBUNG_CONNECTORS_KEMENSOS_TENANTS_" + tenant + "_KEY", kemensos.keyFor(tenant)));
        settings.put("LUMBUNG_CONNECTORS_BANKS_BNI_BASE_URL", bank.baseUrl());
        settings.put("LUMBUNG_CONNECTORS_BANKS_BNI_CLIENT_ID", bank.clientId());
        settings.put("LUMBUNG_CONNECTORS_BANKS_BNI_CLIENT_SECRET", bank.clientSecret());
        settings.put(
                "LUMBUNG_CONNECTORS_BANKS_BNI_PRIVATE_KEY",
                Base64.getEncoder().encodeToString(bank.clientPrivateKey().getEncoded()));
        settings.put(
                "LUMBUNG_CONNECTORS_BANKS_BNI_BANK_PUBLIC_KEY",
                Base64.getEncoder().encodeToString(bank.bankPublicKey().getEncoded()));
        String file = environment.apply("LUMBUNG_SIMULATORS_ENV_FILE");
        Path target = Path.of(file == null || file.isBlank() ? "simulators.env" : file)
                .toAbsolutePath();
        write(target, settings);
        System.out.println("Simulators running (Dukcapil " + dukcapil.baseUrl() + ", Dapodik " + dapodik.baseUrl()
                + ", bank BNI " + bank.baseUrl() + ", Kemensos " + kemensos.baseUrl() + "); Lumbung's settings for them"
                + " are in " + target);
    }

    private static int port(Function<String, String> environment, String agency, int fallback) {
        String value = environment.apply("LUMBUNG_SIMULATORS_" + agency + "_PORT");
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /** Written whole to a temporary owner-only file, then moved in place: a reader never sees half of it. */
    private static void write(Path target, Map<String, String> settings) throws IOException {
        StringBuilder text =
                new StringBuilder("# Lumbung's settings for the running simulators (secrets: new at every start)\n");
        settings.forEach(
                (name, value) -> text.append(name).append('=').append(value).append('\n'));
        Path temporary = Files.createTempFile(
                target.getParent(),
                ".simulators",
                ".env",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, text);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
