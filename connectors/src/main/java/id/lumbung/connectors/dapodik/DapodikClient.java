package id.lumbung.connectors.dapodik;

import static id.lumbung.connectors.camel.Answers.field;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyException.Kind;
import id.lumbung.core.connector.AgencyStandIns;
import id.lumbung.core.observability.Tracing;
import id.lumbung.core.student.SchoolDirectory;
import id.lumbung.core.student.StudentPulls;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a school's Dapodik web service ({@code getPesertaDidik}), one page at a time, with the
 * school's bearer token: field names in any case, the count as a number or a string. Never logs
 * or quotes an answer (children's data).
 */
@Singleton
public final class DapodikClient implements SchoolDirectory {
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    /** A page of students is tens of kilobytes; 8 MB is a server gone wrong. */
    private static final int MAXIMUM_PAGE_BYTES = 8 << 20;

    private final HttpClient http;
    private final JsonMapper json;
    private final DapodikSettings settings;
    private final AgencyStandIns.Dapodik standIn;
    private final Map<String, DapodikSchool> schools = new LinkedHashMap<>();

    /**
     * One page of students.
     *
     * @param rows the students on it (Dapodik's field names)
     * @param results how many students the school has in all (-1 when it does not say)
     */
    public record Page(List<Map<String, Object>> rows, int results) {}

    DapodikClient(
            DapodikSettings settings,
            JsonMapper json,
            @Nullable AgencyStandIns.Dapodik standIn,
            List<DapodikSchool> configured) {
        this.settings = settings;
        this.json = json;
        this.standIn = standIn;
        for (DapodikSchool school : configured) {
            if (!school.npsn().matches("[0-9A-Z]{8}")) {
                throw new ConfigurationException(
                        "lumbung.connectors.dapodik.schools." + school.npsn() + ": an NPSN has 8 characters");
            }
            if (isBlank(school.url()) && standIn == null) {
                throw new ConfigurationException("lumbung.connectors.dapodik.schools." + school.npsn()
                        + ".url is not set and no Dapodik simulator runs: set it, or start in demo mode");
            }
            if (!isBlank(school.url()) && isBlank(school.token())) {
                throw new ConfigurationException(
                        "lumbung.connectors.dapodik.schools." + school.npsn() + ".token is not set");
            }
            schools.put(school.npsn(), school);
        }
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public List<StudentPulls.School> schoolsOf(String tenantId) {
        return schools.values().stream()
                .filter(school -> school.tenantId().equals(tenantId))
                .map(school -> new StudentPulls.School(school.npsn(), school.name()))
                .toList();
    }

    /** The page of the tenant's school's students from {@code start}. */
    public Page students(String tenantId, String npsn, int start) throws AgencyException {
        DapodikSchool school = schools.get(npsn);
        if (school == null || !school.tenantId().equals(tenantId)) {
            // Moved to another tenant since the pull was asked: its children are not this tenant's.
            throw new AgencyException(
                    Kind.REJECTED,
                    "School " + npsn + " is no longer configured for this tenant (lumbung.connectors.dapodik.schools)");
        }
        boolean simulated = isBlank(school.url());
        String base = simulated ? standIn.baseUrl() : school.url().replaceAll("/+$", "");
        String token = simulated ? standIn.tokenFor(npsn) : school.token();
        HttpRequest request = Tracing.traced(
                        HttpRequest.newBuilder(URI.create(base + "/WebService/getPesertaDidik?npsn="
                                + URLEncoder.encode(npsn, StandardCharsets.UTF_8) + "&start=" + start + "&limit="
                                + settings.pageSize())))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + (token == null ? "" : token))
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<java.io.InputStream> response;
        byte[] answer;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = response.body()) {
                // A page is tens of kilobytes: a longer answer is a server gone wrong, never read whole.
                answer = in.readNBytes(MAXIMUM_PAGE_BYTES + 1);
            }
            if (answer.length > MAXIMUM_PAGE_BYTES) {
                throw new AgencyException(Kind.TRANSPORT, "School " + npsn + " sent an answer over 8 MB");
            }
        } catch (IOException e) {
            throw new AgencyException(
                    Kind.TRANSPORT,
                    "School " + npsn + " did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgencyException(Kind.TRANSPORT, "Interrupted");
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new AgencyException(
                    Kind.REJECTED,
                    "School " + npsn + " refused our token (HTTP " + status + "): renew"
                            + " lumbung.connectors.dapodik.schools." + npsn + ".token, then retry");
        }
        if (status == 404) {
            throw new AgencyException(
                    Kind.REJECTED, "No Dapodik web service for school " + npsn + " at its address (HTTP 404)");
        }
        if (status == 429 || status >= 500) {
            throw new AgencyException(Kind.TRANSPORT, "School " + npsn + " answered HTTP " + status);
        }
        if (status != 200) {
            throw new AgencyException(Kind.BAD_REQUEST, "School " + npsn + " answered HTTP " + status);
        }
        Map<String, Object> body;
        try {
            body = json.readValue(answer, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            throw new AgencyException(Kind.TRANSPORT, "School " + npsn + " sent an unreadable answer");
        }
        Object rows = field(body, "rows");
        Object results = field(body, "results");
        if (Boolean.FALSE.equals(field(body, "success")) || !(rows instanceof List<?> list)) {
            throw new AgencyException(Kind.TRANSPORT, "School " + npsn + " sent an answer without rows");
        }
        List<Map<String, Object>> students = new java.util.ArrayList<>(list.size());
        for (Object row : list) {
            if (row instanceof Map<?, ?> map) {
                Map<String, Object> student = new LinkedHashMap<>();
                map.forEach((name, value) -> student.put(String.valueOf(name), value));
                students.add(student);
            } else {
                students.add(Map.of()); // refused when checked, as its row
            }
        }
        int total;
        try {
            total = results == null
                    ? -1
                    : Integer.parseInt(String.valueOf(results).strip());
        } catch (NumberFormatException e) {
            throw new AgencyException(Kind.TRANSPORT, "School " + npsn + " sent an unreadable count");
        }
        return new Page(students, total);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
