package id.lumbung.simulators;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Faults an agency simulator injects (set from code, or over HTTP: {@code POST /sim/faults} with this
 * record as JSON).
 *
 * @param latencyMs added to every answer
 * @param errorRate share of calls answered with HTTP 503, from 0 to 1
 * @param quotaExhausted answer every call with "Kuota akses hari ini telah habis" (code 05)
 * @param ratePerSecond calls a second served; above it HTTP 429 (0: no limit)
 * @param dailyQuota calls a day served per user id; then code 05 (0: no quota)
 * @param outsideHours answer every call with code 06, outside access hours
 * @param down drop every connection without an answer, as in an outage
 * @param duplicates deliver everything twice: every file a listing offers is listed twice (and
 *     listings come newest first, so periods arrive out of order)
 */
@Serdeable
public record Faults(
        long latencyMs,
        double errorRate,
        boolean quotaExhausted,
        double ratePerSecond,
        int dailyQuota,
        boolean outsideHours,
        boolean down,
        boolean duplicates) {
    /** No faults. */
    public static final Faults NONE = new Faults(0, 0, false, 0, 0, false, false, false);

    public Faults withLatencyMs(long value) {
        return new Faults(value, errorRate, quotaExhausted, ratePerSecond, dailyQuota, outsideHours, down, duplicates);
    }

    public Faults withErrorRate(double value) {
        return new Faults(latencyMs, value, quotaExhausted, ratePerSecond, dailyQuota, outsideHours, down, duplicates);
    }

    public Faults withQuotaExhausted(boolean value) {
        return new Faults(latencyMs, errorRate, value, ratePerSecond, dailyQuota, outsideHours, down, duplicates);
    }

    public Faults withRatePerSecond(double value) {
        return new Faults(latencyMs, errorRate, quotaExhausted, value, dailyQuota, outsideHours, down, duplicates);
    }

    public Faults withDailyQuota(int value) {
        return new Faults(latencyMs, errorRate, quotaExhausted, ratePerSecond, value, outsideHours, down, duplicates);
    }

    public Faults withOutsideHours(boolean value) {
        return new Faults(latencyMs, errorRate, quotaExhausted, ratePerSecond, dailyQuota, value, down, duplicates);
    }

    public Faults withDown(boolean value) {
        return new Faults(
                latencyMs, errorRate, quotaExhausted, ratePerSecond, dailyQuota, outsideHours, value, duplicates);
    }

    public Faults withDuplicates(boolean value) {
        return new Faults(latencyMs, errorRate, quotaExhausted, ratePerSecond, dailyQuota, outsideHours, down, value);
    }
}
