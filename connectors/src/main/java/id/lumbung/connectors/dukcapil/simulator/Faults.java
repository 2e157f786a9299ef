package id.lumbung.connectors.dukcapil.simulator;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Faults the simulator injects.
 *
 * @param latencyMs added to every answer
 * @param errorRate share of calls answered with HTTP 503, from 0 to 1
 * @param quotaExhausted answer every call with "Kuota akses hari ini telah habis" (code 05)
 */
@Serdeable
public record Faults(long latencyMs, double errorRate, boolean quotaExhausted) {
    /** No faults. */
    public static final Faults NONE = new Faults(0, 0, false);
}
