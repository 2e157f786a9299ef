package id.lumbung.simulators.bank;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Faults the bank simulator injects ({@code POST /sim/faults} with this record as JSON).
 *
 * @param latencyMs added to every answer
 * @param errorRate share of transfers answered 500 before anything is done, from 0 to 1
 * @param hangAfterTransferMs a transfer is carried out, then the answer waits this long (the
 *     caller times out not knowing: it must ask the status, never send again)
 * @param inProgress transfers answer 202 and are settled later by a notification
 * @param notificationCopies how many times each notification is sent (duplicates)
 * @param outOfOrder send the final notification before a "pending" one
 */
@Serdeable
public record BankFaults(
        long latencyMs,
        double errorRate,
        long hangAfterTransferMs,
        boolean inProgress,
        int notificationCopies,
        boolean outOfOrder) {
    public static final BankFaults NONE = new BankFaults(0, 0, 0, false, 1, false);

    public BankFaults withHangAfterTransferMs(long value) {
        return new BankFaults(latencyMs, errorRate, value, inProgress, notificationCopies, outOfOrder);
    }

    public BankFaults withInProgress(boolean value) {
        return new BankFaults(latencyMs, errorRate, hangAfterTransferMs, value, notificationCopies, outOfOrder);
    }

    public BankFaults withErrorRate(double value) {
        return new BankFaults(latencyMs, value, hangAfterTransferMs, inProgress, notificationCopies, outOfOrder);
    }

    public BankFaults withNotifications(int copies, boolean value) {
        return new BankFaults(latencyMs, errorRate, hangAfterTransferMs, inProgress, copies, value);
    }
}
