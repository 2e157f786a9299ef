package id.lumbung.connectors.camel;

import id.lumbung.core.outbox.OutboxMessage;
import java.time.Duration;

/**
 * One kind of message to one agency, typed end to end: the request it makes, the answer it gets
 * and the effect that answer has in the domain. An {@link AgencyPipeline} runs one per message
 * kind (e.g. Dukcapil's {@code NIK_CHECK} and {@code VERIFY_ELEMENT}); delivery, retries, the
 * breaker, pauses and failure handling are the pipeline's.
 *
 * @param <A> the agency's answer
 */
public interface MessageHandler<A> {
    /**
     * Calls the agency for the message. A {@link AgencyException.Kind#TRANSPORT} failure is
     * retried and counted by the breaker; every other failure is classified without a retry.
     *
     * @return the agency's answer (a success or a business negative)
     */
    A call(OutboxMessage message) throws AgencyException;

    /**
     * Writes the answer in the domain, once.
     *
     * @return {@code false} if the message had been answered already (nothing written)
     */
    boolean record(OutboxMessage message, A answer);

    /**
     * Records a failed attempt in the domain and the outbox (it must call {@code
     * Outbox.retryLater} in its transaction): the message waits {@code delay}, or becomes a dead
     * letter when {@code giveUp}.
     */
    void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp);

    /** Whether an answer is a business negative (for the metrics); none by default. */
    default boolean negative(A answer) {
        return false;
    }
}
