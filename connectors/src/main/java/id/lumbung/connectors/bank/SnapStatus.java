package id.lumbung.connectors.bank;

import java.util.Optional;

/**
 * SNAP's {@code latestTransactionStatus} as our payment states, in one place for the status
 * inquiry and the bank's notification: 00 paid; 01–03 still under way (initiated, paying,
 * pending); 04–06 failed (refunded, cancelled, failed); 07 the bank does not know it.
 */
public enum SnapStatus {
    SUCCEEDED,
    IN_PROGRESS,
    FAILED,
    NOT_FOUND;

    /** The state a code names, or empty for a code SNAP does not define. */
    public static Optional<SnapStatus> of(String latestTransactionStatus) {
        if (latestTransactionStatus == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                switch (latestTransactionStatus) {
                    case "00" -> SUCCEEDED;
                    case "01", "02", "03" -> IN_PROGRESS;
                    case "04", "05", "06" -> FAILED;
                    case "07" -> NOT_FOUND;
                    default -> null;
                });
    }
}
