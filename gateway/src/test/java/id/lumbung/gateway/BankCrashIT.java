package id.lumbung.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.Eventually;
import id.lumbung.core.testing.FreePort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lumbung is killed (SIGKILL) while payments are claimed — some transfers carried out by the bank
 * whose answers never arrived, some claimed and not yet sent, some never claimed — and started
 * again. The bank is a simulator in a process of its own, so what it carried out survives the
 * crash and shows whether anything was paid twice.
 */
class BankCrashIT {
    private static final int PAYMENTS = 12;

    @TempDir
    Path data;

    @Test
    void killedWithTransfersInFlightEveryPaymentIsMadeExactlyOnce() throws Exception {
        Map.Entry<Process, Map<String, String>> bank = DemoJar.simulators(data, data.resolve("simulators.log"));
        try {
            URI bankUrl = URI.create(bank.getValue().get("LUMBUNG_CONNECTORS_BANKS_BNI_BASE_URL"));
            Map<String, String> environment = new HashMap<>();
            bank.getValue().entrySet().stream()
                    .filter(setting -> setting.getKey().startsWith("LUMBUNG_CONNECTORS_BANKS_BNI_"))
                    .forEach(setting -> environment.put(setting.getKey(), setting.getValue()));
            // Four calls in flight, four more claimed waiting for a worker; the lease (longer
            // than a call) makes what the killed process claimed claimable again 20 s later.
            environment.put("LUMBUNG_CONNECTORS_BANKS_BNI_CONCURRENCY", "4");
            environment.put("LUMBUNG_CONNECTORS_BANKS_BNI_REQUEST_TIMEOUT", "15s");
            environment.put("LUMBUNG_CONNECTORS_BANKS_BNI_LEASE", "20s");
            int port = FreePort.pick();

            DemoJar first = DemoJar.start(data, port, data.resolve("first-run.log"), environment);
            try {
                // The bank carries each transfer out at once and answers only 60 s later.
                DemoJar.post(bankUrl.resolve("/sim/faults"), null, "{\"hangAfterTransferMs\":60000}");
                String payments = IntStream.range(0, PAYMENTS)
                        .mapToObj(i -> "{\"bankCode\":\"BNI\",\"programme\":\"PKH\",\"period\":\"2026-11\","
                                + "\"accountNo\":\"55500000" + String.format("%02d", i) + "\","
                                + "\"beneficiaryName\":\"PENERIMA " + i + "\",\"amount\":750000}")
                        .collect(Collectors.joining(",", "{\"payments\":[", "]}"));
                String queued = first.post("/api/v1/tenants/7471/disbursements", first.login("admin-7471"), payments);
                assertThat(queued).contains("QUEUED");
                Eventually.await(
                        Duration.ofSeconds(30),
                        () -> DemoJar.get(bankUrl.resolve("/sim/stats"), null),
                        stats -> stats.contains("\"carriedOut\":4"));
                assertThat(count("SELECT count(*) FROM disbursement WHERE status = 'SENT'"))
                        .as("sent, the bank's answer not yet back")
                        .isEqualTo(4);
            } finally {
                first.process.destroyForcibly();
                first.process.waitFor(20, TimeUnit.SECONDS);
            }
            DemoJar.post(bankUrl.resolve("/sim/faults"), null, "{}");

            DemoJar second = DemoJar.start(data, port, data.resolve("second-run.log"), environment);
            try {
                Eventually.await(
                        Duration.ofSeconds(90),
                        () -> count("SELECT count(*) FROM disbursement WHERE status = 'SUCCEEDED'"),
                        done -> done == PAYMENTS);
                String stats = DemoJar.get(bankUrl.resolve("/sim/stats"), null);
                assertThat(stats)
                        .as("every payment carried out once, none sent again under its reference")
                        .contains("\"carriedOut\":" + PAYMENTS)
                        .contains("\"duplicateReferences\":0");
                assertThat(count("SELECT count(*) FROM disbursement WHERE status_source = 'STATUS_INQUIRY'"))
                        .as("the four whose answers were lost, settled by asking the bank")
                        .isEqualTo(4);
                assertThat(count("SELECT count(*) FROM outbox WHERE agency = 'BANK_BNI' AND status = 'DONE'"))
                        .isEqualTo(PAYMENTS);
                assertThat(count("SELECT count(*) FROM dead_letter")).isZero();
                for (String log : java.util.List.of("first-run.log", "second-run.log")) {
                    assertThat(java.nio.file.Files.readString(data.resolve(log)))
                            .as("no account number in the log")
                            .doesNotContain("55500000");
                }
            } finally {
                second.process.destroy();
                second.process.waitFor(40, TimeUnit.SECONDS);
            }
        } finally {
            bank.getKey().destroy();
            bank.getKey().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private long count(String sql) {
        return DemoJar.count(data, sql);
    }
}
