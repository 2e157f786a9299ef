package id.lumbung.connectors.dapodik;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyPipeline;
import id.lumbung.connectors.camel.ConnectorMetrics;
import id.lumbung.connectors.camel.MessageHandler;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.student.StudentPulls;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Outbox → each school's Dapodik, through the shared {@link AgencyPipeline}: a pull reads every
 * page of {@code getPesertaDidik} (each page a request against the rate limit), then the whole
 * answer is written once. A page that fails fails the pull, which starts again from the first
 * page: the upsert by NISN makes a repeated read harmless.
 */
@Singleton
final class DapodikRoutes extends AgencyPipeline {
    private final DapodikClient client;
    private final DapodikSettings settings;
    private final StudentPulls pulls;

    DapodikRoutes(
            DapodikSettings settings,
            DapodikClient client,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics,
            id.lumbung.core.ratelimit.SharedBuckets buckets,
            id.lumbung.core.observability.Tracing tracing,
            StudentPulls pulls) {
        super(StudentPulls.AGENCY, settings.pipeline(), outbox, control, metrics, buckets, tracing);
        this.client = client;
        this.settings = settings;
        this.pulls = pulls;
        handle(StudentPulls.KIND, new Pulls());
    }

    /** PULL_STUDENTS: every page of one school's students. */
    private final class Pulls implements MessageHandler<List<Map<String, Object>>> {
        @Override
        public List<Map<String, Object>> call(OutboxMessage message) throws AgencyException {
            return students(message);
        }

        @Override
        public boolean record(OutboxMessage message, List<Map<String, Object>> students) {
            return pulls.record(message, students);
        }

        @Override
        public void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
            pulls.recordRetry(message, delay, reason, giveUp);
        }
    }

    private List<Map<String, Object>> students(OutboxMessage message) throws AgencyException {
        String npsn = pulls.npsnOf(message);
        int limit = settings.pageSize();
        List<Map<String, Object>> students = new ArrayList<>();
        DapodikClient.Page page = client.students(message.tenantId(), npsn, 0);
        while (true) {
            if (page.rows().size() > limit) {
                throw new AgencyException(
                        AgencyException.Kind.REJECTED,
                        "School " + npsn + " answered " + page.rows().size() + " students to a page of " + limit);
            }
            students.addAll(page.rows());
            if (students.size() > settings.maximumStudents()) {
                throw new AgencyException(
                        AgencyException.Kind.REJECTED,
                        "School " + npsn + " lists more than " + settings.maximumStudents() + " students");
            }
            // The count when the school gives one; without it, on until an empty page (a server may
            // cap its pages below what we ask, so a short page is not the end).
            boolean more = page.results() >= 0
                    ? students.size() < page.results()
                    : !page.rows().isEmpty();
            if (page.rows().isEmpty() || !more) {
                return students;
            }
            pace();
            DapodikClient.Page next = client.students(message.tenantId(), npsn, students.size());
            if (!next.rows().isEmpty() && next.rows().get(0).equals(page.rows().get(0))) {
                throw new AgencyException(
                        AgencyException.Kind.REJECTED, "School " + npsn + " answers the same page whatever the start");
            }
            page = next;
        }
    }
}
