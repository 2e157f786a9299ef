package id.lumbung.gateway.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DTKS cycle through the API, as each official does it in Kendari: a village operator of
 * Kandai (74.71.02.1009) records a village meeting and proposes a household, a verifier checks
 * and sends it to a field worker, verifies it and puts it on a list; the head of office and the
 * Bupati approve the list step by step; the list goes to the ministry once. And every way it must
 * refuse: illegal steps, four eyes, stale versions, forged files, other villages, other tenants.
 */
@MicronautTest(transactional = false)
class WorkflowApiTest extends ApiTest {
    @Override
    protected java.util.Map<String, String> extraProperties() {
        // Five registrations a minute from one address, in a bucket of this class's own (61 s).
        return with("lumbung.rate-limits.registrations-per-ip", "5", "lumbung.rate-limits.window", "61s");
    }

    static final String T = "/api/v1/tenants/7471";
    static final String VILLAGE = "74.71.02.1009";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @jakarta.inject.Inject
    id.lumbung.simulators.dukcapil.DukcapilSimulator civilRegistry;

    String admin;
    String operator;
    String operatorName;
    String verifier;
    String verifierName;
    String secondVerifier;
    String secondVerifierName;
    String bupati;
    String bupatiName;
    String worker;
    String workerName;
    String meeting;

    @BeforeAll
    void theOfficialsOfKendariAndAMeetingInKandai() {
        admin = login("admin-7471");
        operatorName = user("VILLAGE_OPERATOR", "[\"" + VILLAGE + "\"]");
        operator = login(operatorName);
        verifierName = user("VERIFIER", "[]");
        verifier = login(verifierName);
        secondVerifierName = user("VERIFIER", "[]");
        secondVerifier = login(secondVerifierName);
        bupatiName = user("APPROVER", "[]");
        bupati = login(bupatiName);
        workerName = user("FIELD_WORKER", "[\"" + VILLAGE + "\"]");
        worker = login(workerName);
        HttpResponse<String> recorded = postFile(meetingPath(VILLAGE), operator, "berita-acara.pdf", PDF);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        meeting = (String) object(recorded).get("id");
    }

    String user(String role, String villages) {
        String name = "wf-" + role.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> response = postJson(
                T + "/users",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role
                        + "\"],\"villageCodes\":" + villages + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return name;
    }

    static String meetingPath(String village) {
        return T + "/musyawarah?villageCode=" + village + "&heldOn="
                + LocalDate.now().minusDays(2) + "&place=Balai%20Kelurahan&attendees=31";
    }

    /** A NIK of Kendari no other test uses: a man born 12-05-1985, a serial of its own. */
    /** Serials 1 … 8999 are this class's, one each (random ones met again one run in ten). */
    private static final java.util.concurrent.atomic.AtomicInteger NIK_SERIAL =
            new java.util.concurrent.atomic.AtomicInteger();

    private static final java.util.concurrent.atomic.AtomicInteger KK_SERIAL =
            new java.util.concurrent.atomic.AtomicInteger();

    static String freshNik() {
        return "747102120585" + String.format("%04d", NIK_SERIAL.incrementAndGet());
    }

    static String freshKk() {
        return "747102040411" + String.format("%04d", KK_SERIAL.incrementAndGet());
    }

    Map<String, Object> draft(String token, String nik) {
        HttpResponse<String> created = postJson(
                T + "/proposals",
                token,
                "{\"kind\":\"ADD\",\"villageCode\":\"" + VILLAGE + "\",\"musyawarahId\":\"" + meeting
                        + "\",\"headName\":\"WA ODE SITI\",\"address\":\"Jl. Sao-Sao No. 4\",\"nik\":\"" + nik
                        + "\",\"kk\":\"" + freshKk() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return object(created);
    }

    HttpResponse<String> step(String token, Map<String, Object> proposal, String command, String extra) {
        return postJson(
                T + "/proposals/" + proposal.get("id") + "/steps",
                token,
                "{\"command\":\"" + command + "\",\"version\":" + proposal.get("version") + extra + "}");
    }

    Map<String, Object> stepOk(String token, Map<String, Object> proposal, String command, String extra) {
        HttpResponse<String> response = step(token, proposal, command, extra);
        assertThat(response.statusCode()).as(command + ": " + response.body()).isEqualTo(200);
        return object(response);
    }

    /** A proposal made by {@code maker}, submitted, taken by the verifier and sent to the field worker. */
    Map<String, Object> inTheField(String maker, String nik) {
        Map<String, Object> proposal = stepOk(maker, draft(maker, nik), "SUBMIT", "");
        proposal = stepOk(verifier, proposal, "TAKE", "");
        return stepOk(verifier, proposal, "SEND_TO_FIELD", ",\"assignee\":\"" + workerName + "\"");
    }

    /** A proposal of the operator taken to VERIFIED by the verifier through a field visit. */
    Map<String, Object> verified(String nik) {
        return stepOk(verifier, visited(inTheField(operator, nik)), "VERIFY", "");
    }

    static final String ANSWERS = "{\"lantai\":\"TANAH\",\"dinding\":\"BAMBU\",\"atap\":\"SENG\","
            + "\"penerangan\":\"LISTRIK_450\",\"air_minum\":\"SUMUR_TIDAK_TERLINDUNG\",\"luas_lantai\":\"24\","
            + "\"penghasilan\":\"1200000\",\"persen_pangan\":\"70\",\"akses_kesehatan\":\"YA\","
            + "\"pakaian\":\"TIDAK\",\"anak_tidak_sekolah\":\"TIDAK\"}";

    HttpResponse<String> visit(String token, Object proposalId, String key) {
        return postJson(
                T + "/proposals/" + proposalId + "/visits",
                token,
                "{\"idempotencyKey\":\"" + key + "\",\"membersPresent\":4,\"latitude\":-3.99,\"longitude\":122.51,"
                        + "\"answers\":" + ANSWERS + "}");
    }

    /** The field worker's visit recorded; answers the proposal as it is then. */
    Map<String, Object> visited(Map<String, Object> proposal) {
        HttpResponse<String> recorded =
                visit(worker, proposal.get("id"), UUID.randomUUID().toString());
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        return object(get(T + "/proposals/" + proposal.get("id"), verifier));
    }

    Map<String, Object> list(String token, List<Object> ids) {
        StringBuilder body = new StringBuilder("{\"title\":\"Usulan Desember\",\"proposalIds\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append('"').append(ids.get(i)).append('"');
        }
        HttpResponse<String> opened =
                postJson(T + "/approval-lists", token, body.append("]}").toString());
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return object(opened);
    }

    /** The official ({@code token}) lets the second verifier decide in its place for {@code days}. */
    HttpResponse<String> delegate(String token, int days, String reason) {
        return postJson(
                T + "/delegations",
                token,
                "{\"toUser\":\"" + secondVerifierName + "\",\"startsAt\":\""
                        + Instant.now().minusSeconds(60)
                        + "\",\"endsAt\":\"" + Instant.now().plus(Duration.ofDays(days)) + "\",\"reason\":\""
                        + reason + "\"}");
    }

    HttpResponse<String> decide(String token, Map<String, Object> list) {
        return postJson(
                T + "/approval-lists/" + list.get("id") + "/decisions",
                token,
                "{\"version\":" + list.get("version") + ",\"listSha256\":\"" + list.get("listSha256") + "\"}");
    }

    @Test
    void aProposalGoesFromTheVillageMeetingToTheMinistryWithEveryStepInItsHistory() throws Exception {
        Map<String, Object> proposal = draft(operator, freshNik());
        assertThat(proposal.get("state")).isEqualTo("DRAFT");
        assertThat((String) proposal.get("receipt")).matches("USL-7471-[2-9A-HJ-NP-Z]{8}");
        assertThat((String) proposal.get("nikMasked")).startsWith("************");

        proposal = stepOk(operator, proposal, "SUBMIT", "");
        assertThat(proposal.get("state")).isEqualTo("SUBMITTED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) proposal.get("checks");
        assertThat(checks)
                .extracting(check -> check.get("code") + "=" + check.get("outcome"))
                .contains("nik_rules=OK", "kk_rules=OK", "duplicate_tenant=OK", "duplicate_province=OK");
        // Dukcapil was asked through the connector; the simulator does not know this NIK.
        String id = (String) proposal.get("id");
        assertThat(eventually(() -> dukcapil(id), outcome -> !"PENDING".equals(outcome)))
                .isEqualTo("FAILED");

        proposal = stepOk(verifier, proposal, "TAKE", "");
        assertProblem(step(verifier, proposal, "VERIFY", ""), 409, "field_visit_missing");
        proposal = stepOk(verifier, proposal, "SEND_TO_FIELD", ",\"assignee\":\"" + workerName + "\"");
        assertThat(proposal.get("assignedTo")).isEqualTo(workerName);
        // The field worker now reaches it (assigned), and nothing else of the village.
        assertThat(get(T + "/proposals/" + id, worker).statusCode()).isEqualTo(200);
        proposal = stepOk(verifier, visited(proposal), "VERIFY", "");
        assertThat(proposal.get("desilEstimate")).isEqualTo(1);

        Map<String, Object> list = list(verifier, List.of(id));
        assertThat(list.get("proposals")).isEqualTo(1);
        assertThat((String) list.get("listSha256")).matches("[0-9a-f]{64}");
        assertThat(((Map<?, ?>) list.get("nextStep")).get("role")).isEqualTo("TENANT_ADMIN");
        // The Bupati's step is not the next one.
        assertProblem(decide(bupati, list), 403, "approval_step_not_yours");
        HttpResponse<String> first = decide(admin, list);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        // Deciding on the list as read before: stale.
        assertProblem(decide(bupati, list), 409, "stale_update");
        list = object(first);
        HttpResponse<String> second = decide(bupati, list);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        list = object(second);
        assertThat(list.get("state")).isEqualTo("APPROVED");
        assertThat((List<?>) list.get("decisions")).hasSize(2);
        assertThat(object(get(T + "/proposals/" + id, operator)).get("state")).isEqualTo("APPROVED");

        HttpResponse<byte[]> pdf = getBytes(T + "/approval-lists/" + list.get("id") + "/document.pdf", verifier);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("BERITA ACARA PERSETUJUAN USULAN DTKS")
                    .contains((String) list.get("listSha256"))
                    .contains((String) proposal.get("receipt"))
                    .contains("Disetujui oleh admin-7471")
                    .contains("Disetujui oleh " + bupatiName)
                    .doesNotContain(freshNik().substring(0, 12) + "x");
        }

        HttpResponse<String> sent =
                postJson(T + "/approval-lists/" + list.get("id") + "/sending", admin, "{\"period\":\"2026-12\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(object(sent).get("exchangeId")).isNotNull();
        assertProblem(
                postJson(T + "/approval-lists/" + list.get("id") + "/sending", admin, "{\"period\":\"2026-12\"}"),
                409,
                "already_sent");
        Map<String, Object> done = object(get(T + "/proposals/" + id, operator));
        assertThat(done.get("state")).isEqualTo("SENT");
        assertThat(((List<?>) done.get("history"))
                        .stream()
                                .map(event -> (String) ((Map<?, ?>) event).get("command"))
                                .toList())
                .containsExactly(
                        "CREATE", "SUBMIT", "TAKE", "SEND_TO_FIELD", "FIELD_VISIT", "VERIFY", "APPROVE", "SEND");
        // The ministry receives the list through the Kemensos connector.
        String exchange = (String) object(sent).get("exchangeId");
        assertThat(eventually(
                        () -> (String) object(get(T + "/ministry/exchanges/" + exchange, admin))
                                .get("status"),
                        status -> !"QUEUED".equals(status)))
                .isEqualTo("DONE");
    }

    @Test
    void aVisitSentTenTimesAtOnceIsRecordedOnceWithItsScoreAndTheWeightsVersion() throws Exception {
        Map<String, Object> proposal = stepOk(operator, draft(operator, freshNik()), "SUBMIT", "");
        proposal = stepOk(verifier, proposal, "TAKE", "");
        // Before it is sent to the field, no visit is recorded.
        assertProblem(visit(worker, proposal.get("id"), UUID.randomUUID().toString()), 404, "proposal_not_found");
        assertProblem(visit(verifier, proposal.get("id"), UUID.randomUUID().toString()), 409, "illegal_transition");
        proposal = stepOk(verifier, proposal, "SEND_TO_FIELD", ",\"assignee\":\"" + workerName + "\"");
        String key = UUID.randomUUID().toString();
        Object id = proposal.get("id");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(pool.submit(() -> visit(worker, id, key)));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<HttpResponse<String>> one : sent) {
            statuses.add(one.get().statusCode());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(status -> status == 201).count()).isEqualTo(1);
        List<Map<String, Object>> visits = array(get(T + "/proposals/" + id + "/visits", verifier));
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0))
                .containsEntry("score", 83)
                .containsEntry("desil", 1)
                .containsEntry("weightsVersion", "pmt-2026.1");
        // The same key for another proposal is refused; a checklist with a wrong answer too.
        Map<String, Object> other = inTheField(operator, freshNik());
        assertProblem(visit(worker, other.get("id"), key), 409, "idempotency_key_reused");
        assertProblem(
                postJson(
                        T + "/proposals/" + other.get("id") + "/visits",
                        worker,
                        "{\"idempotencyKey\":\"" + UUID.randomUUID() + "\",\"membersPresent\":4,"
                                + "\"answers\":{\"lantai\":\"MARMER\"}}"),
                422,
                "invalid_visit");
    }

    @Test
    void illegalStepsAnswer409WithTheirCode() {
        Map<String, Object> proposal = draft(operator, freshNik());
        // Approve before verification: not a step of one proposal, and not on a list either.
        assertProblem(step(admin, proposal, "APPROVE", ""), 409, "illegal_transition");
        assertProblem(
                postJson(T + "/approval-lists", verifier, "{\"proposalIds\":[\"" + proposal.get("id") + "\"]}"),
                409,
                "illegal_transition");
        assertProblem(step(verifier, proposal, "TAKE", ""), 409, "illegal_transition");
        // A stale version changes nothing.
        Map<String, Object> submitted = stepOk(operator, proposal, "SUBMIT", "");
        assertProblem(step(operator, proposal, "WITHDRAW", ""), 409, "stale_update");
        assertThat(object(get(T + "/proposals/" + proposal.get("id"), operator)).get("state"))
                .isEqualTo("SUBMITTED");
        // Rejecting needs a reason.
        Map<String, Object> taken = stepOk(verifier, submitted, "TAKE", "");
        assertProblem(step(verifier, taken, "REJECT", ""), 422, "invalid_proposal");
        Map<String, Object> rejected = stepOk(verifier, taken, "REJECT", ",\"note\":\"Tidak memenuhi kriteria\"");
        assertThat(rejected.get("state")).isEqualTo("REJECTED");
        assertProblem(step(verifier, rejected, "VERIFY", ""), 409, "illegal_transition");
        assertProblem(step(verifier, rejected, "FLY", ""), 422, "invalid_proposal");
    }

    @Test
    void whoeverMadeAProposalNeverChecksOrApprovesItNotEvenThroughADelegation() {
        // A verifier's own proposal: another verifier checks it.
        Map<String, Object> own = stepOk(verifier, draft(verifier, freshNik()), "SUBMIT", "");
        assertProblem(step(verifier, own, "TAKE", ""), 409, "own_proposal");
        Map<String, Object> taken = stepOk(secondVerifier, own, "TAKE", "");
        assertThat(taken.get("state")).isEqualTo("CHECKING");

        // The head of office proposed a household; it is verified and put on a list.
        Map<String, Object> byHead = stepOk(verifier, visited(inTheField(admin, freshNik())), "VERIFY", "");
        Map<String, Object> list = list(verifier, List.of(byHead.get("id")));
        assertProblem(decide(admin, list), 409, "own_proposal");
        // While away the head delegates to the second verifier: still the maker's step, refused.
        HttpResponse<String> delegated = delegate(admin, 3, "Dinas luar ke Jakarta");
        assertThat(delegated.statusCode()).as(delegated.body()).isEqualTo(201);
        assertProblem(decide(secondVerifier, list), 409, "own_proposal");
        // The verifier who made the list does not decide either (it holds no approving step here anyway).
        assertThat(decide(verifier, list).statusCode()).isIn(403, 409);
        HttpResponse<String> revoked =
                send(request(T + "/delegations/" + object(delegated).get("id"), admin)
                        .DELETE()
                        .build());
        assertThat(revoked.statusCode()).isEqualTo(204);
    }

    @Test
    void aDelegateDecidesForTheBupatiWhileAwayAndTheDecisionSaysSo() {
        Map<String, Object> list = list(verifier, List.of(verified(freshNik()).get("id")));
        HttpResponse<String> first = decide(admin, list);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        list = object(first);
        assertProblem(decide(secondVerifier, list), 403, "approval_step_not_yours");
        HttpResponse<String> delegated = delegate(bupati, 7, "Cuti tahunan");
        assertThat(delegated.statusCode()).as(delegated.body()).isEqualTo(201);
        // A delegation of more than 90 days is refused.
        assertProblem(
                postJson(
                        T + "/delegations",
                        bupati,
                        "{\"toUser\":\"" + secondVerifierName + "\",\"startsAt\":\"" + Instant.now()
                                + "\",\"endsAt\":\"" + Instant.now().plus(Duration.ofDays(120))
                                + "\",\"reason\":\"Cuti\"}"),
                422,
                "invalid_delegation");
        HttpResponse<String> second = decide(secondVerifier, list);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        Map<?, ?> decision = (Map<?, ?>) ((List<?>) object(second).get("decisions")).get(1);
        assertThat(decision.get("decidedBy")).isEqualTo(secondVerifierName);
        assertThat(decision.get("onBehalfOf")).isEqualTo(bupatiName);
        assertThat(object(second).get("state")).isEqualTo("APPROVED");
        assertThat(((Number) decision.get("waitedMs")).longValue()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aForgedOrOversizedFileIsRefusedAndNothingIsRecorded() {
        int before = array(get(T + "/musyawarah", operator)).size();
        assertProblem(
                postFile(meetingPath(VILLAGE), operator, "berita-acara.pdf", "<html>not a pdf</html>".getBytes()),
                415,
                "file_type_refused");
        // A PDF cut short (no end marker) is not a PDF.
        assertProblem(
                postFile(meetingPath(VILLAGE), operator, "berita-acara.pdf", "%PDF-1.4\n1 0 obj".getBytes()),
                415,
                "file_type_refused");
        byte[] huge = new byte[6 * 1024 * 1024];
        System.arraycopy(PDF, 0, huge, 0, PDF.length);
        assertProblem(postFile(meetingPath(VILLAGE), operator, "besar.pdf", huge), 413, "file_too_large");
        assertThat(array(get(T + "/musyawarah", operator))).hasSize(before);
        // A removal without its evidence is not submitted; with a JPEG it is.
        Map<String, Object> household = object(postJson(
                T + "/households",
                admin,
                "{\"villageCode\":\"" + VILLAGE + "\",\"address\":\"Jl. Sao-Sao No. 9\",\"headName\":\"LA BAA\","
                        + "\"memberCount\":1}"));
        HttpResponse<String> created = postJson(
                T + "/proposals",
                operator,
                "{\"kind\":\"REMOVE\",\"reason\":\"DIED\",\"householdId\":\"" + household.get("id")
                        + "\",\"musyawarahId\":\"" + meeting + "\",\"note\":\"Meninggal 2 November 2026\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, Object> removal = object(created);
        assertProblem(step(operator, removal, "SUBMIT", ""), 422, "invalid_proposal");
        byte[] jpeg = {
            (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, (byte) 0xFF, (byte) 0xD9
        };
        HttpResponse<String> attached = postFile(
                T + "/proposals/" + removal.get("id") + "/evidence?version=" + removal.get("version"),
                operator,
                "akta-kematian.jpg",
                jpeg);
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
        Map<String, Object> submitted = stepOk(operator, object(attached), "SUBMIT", "");
        assertThat(submitted.get("state")).isEqualTo("SUBMITTED");
        HttpResponse<byte[]> evidence = getBytes(T + "/proposals/" + removal.get("id") + "/files/evidence", verifier);
        assertThat(evidence.statusCode()).isEqualTo(200);
        assertThat(evidence.body()).isEqualTo(jpeg);
        assertThat(evidence.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }

    @Test
    void anotherVillageAndAnotherTenantDoNotSeeAProposal() {
        Map<String, Object> proposal = draft(operator, freshNik());
        String path = T + "/proposals/" + proposal.get("id");
        String otherOperator = login(user("VILLAGE_OPERATOR", "[\"74.71.02.1010\"]"));
        assertProblem(get(path, otherOperator), 404, "proposal_not_found");
        assertThat(array(get(T + "/proposals", otherOperator)))
                .extracting(found -> found.get("id"))
                .doesNotContain(proposal.get("id"));
        assertProblem(get(path, worker), 404, "proposal_not_found");
        String konawe = login("admin-7401");
        assertProblem(get(path, konawe), 404, "tenant_not_found");
        assertProblem(get("/api/v1/tenants/7401/proposals/" + proposal.get("id"), konawe), 404, "proposal_not_found");
        // An operator proposes only in its villages.
        assertProblem(
                postJson(
                        T + "/proposals",
                        otherOperator,
                        "{\"kind\":\"ADD\",\"villageCode\":\"" + VILLAGE + "\",\"headName\":\"LA ODE\","
                                + "\"address\":\"Jl. A\",\"nik\":\"" + freshNik() + "\",\"kk\":\"" + freshKk() + "\"}"),
                403,
                "village_not_in_scope");
    }

    @Test
    void aNikTwoSwappedDigitsAwayFromARegisteredPersonOfTheSameNameIsFlaggedOnSubmission() {
        String registered = freshNik(); // 747102 120585 ssss: born 12-05-85
        imported("7471", "admin-7471", "74.71.02.1009", registered, "WA ODE SITI");
        // Digits 7 and 8 swapped (21-05-85), the same name with a title: perhaps the same woman.
        String swapped = registered.substring(0, 6) + "21" + registered.substring(8);
        Map<String, Object> submitted = stepOk(operator, draft(operator, swapped), "SUBMIT", "");
        assertThat(outcomes(submitted)).contains("duplicate_tenant=OK", "nik_slip=WARNING", "same_person=WARNING");
        assertThat(message(submitted, "nik_slip")).contains("WA ODE SITI").doesNotContain(registered);
        // Identity resolution's lookup weighs the slip, the name and the village together.
        assertThat(message(submitted, "same_person"))
                .contains("WA ODE SITI", "%")
                .doesNotContain(registered);
        // Another name a slip away is someone else: no warning.
        String other = freshNik();
        imported("7471", "admin-7471", "74.71.02.1009", other, "LA BAKRI");
        String otherSwapped = other.substring(0, 6) + "21" + other.substring(8);
        assertThat(outcomes(stepOk(operator, draft(operator, otherSwapped), "SUBMIT", "")))
                .contains("nik_slip=OK");
    }

    @Test
    void theSameNikInTheRegistryInAnOpenProposalOrInAnotherRegencyIsFlaggedOnSubmission() {
        String inKendari = freshNik();
        String inKolaka = freshNik();
        imported("7471", "admin-7471", "74.71.02.1009", inKendari);
        imported("7401", "admin-7401", "74.01.01.1001", inKolaka);

        Map<String, Object> again = stepOk(operator, draft(operator, inKendari), "SUBMIT", "");
        assertThat(outcomes(again)).contains("duplicate_tenant=FAILED", "duplicate_province=OK");
        Map<String, Object> elsewhere = stepOk(operator, draft(operator, inKolaka), "SUBMIT", "");
        assertThat(outcomes(elsewhere)).contains("duplicate_tenant=OK", "duplicate_province=WARNING");
        assertThat(message(elsewhere, "duplicate_province")).contains("KOLAKA").doesNotContain(inKolaka);
        Map<String, Object> twice = stepOk(operator, draft(operator, inKolaka), "SUBMIT", "");
        assertThat(outcomes(twice)).contains("open_proposal=WARNING");
        // A NIK breaking the rules is refused when drafted, naming the rule.
        HttpResponse<String> bad = postJson(
                T + "/proposals",
                operator,
                "{\"kind\":\"ADD\",\"villageCode\":\"" + VILLAGE + "\",\"headName\":\"LA ODE\",\"address\":"
                        + "\"Jl. A\",\"nik\":\"7471023002850001\",\"kk\":\"" + freshKk() + "\"}");
        assertProblem(bad, 422, "invalid_proposal");
        assertThat(bad.body()).doesNotContain("7471023002850001");
    }

    @Test
    void aHeadDukcapilRecordsAsDeceasedBecomesAProposalAndTheFamilyIsCarriedOver() {
        // Gunung Jati: a head the civil registry records as deceased, and her son.
        String village = "74.71.02.1010";
        String iddtks = "WFLE" + UUID.randomUUID().toString().substring(0, 6);
        String head = "747102510660"
                + String.format("%04d", ThreadLocalRandom.current().nextInt(1, 10_000));
        String kk = "747102020215" + head.substring(12);
        civilRegistry.register(new id.lumbung.simulators.dukcapil.CivilRecord(
                head, kk, "WA ODE SITTI", "KENDARI", "11-06-1960", "PEREMPUAN", true));
        String file = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;status_art;desil;lantai\n"
                + String.join(
                        ";",
                        iddtks,
                        iddtks + "-01",
                        village,
                        "Jl. Gunung Jati",
                        "001",
                        "2",
                        kk,
                        head,
                        "WA ODE SITTI",
                        "KENDARI",
                        "11-06-1960",
                        "P",
                        "Kepala Keluarga",
                        "WA ODE",
                        "Hidup",
                        "2",
                        "Semen")
                + "\n"
                + String.join(
                        ";",
                        iddtks,
                        iddtks + "-02",
                        village,
                        "Jl. Gunung Jati",
                        "001",
                        "2",
                        kk,
                        "747102030385" + head.substring(12),
                        "LA ODE MUHAMMAD",
                        "KENDARI",
                        "03-03-1985",
                        "L",
                        "Anak",
                        "WA ODE SITTI",
                        "Hidup",
                        "2",
                        "Semen")
                + "\n";
        HttpResponse<String> upload =
                postFile(T + "/imports", admin, "dtks.csv", file.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        String job = (String) object(upload).get("id");
        assertThat(eventually(
                        () -> (String) object(get(T + "/imports/" + job, admin)).get("status"),
                        status -> !"QUEUED".equals(status) && !"RUNNING".equals(status)))
                .isEqualTo("SUCCEEDED");

        HttpResponse<String> started = postJson(T + "/verifications", verifier, "{\"village\":\"" + village + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        List<Map<String, Object>> proposals = eventually(
                () -> array(get(T + "/proposals?village=" + village + "&state=SUBMITTED", verifier)),
                found -> found.stream().anyMatch(one -> "NEW_HEAD".equals(one.get("reason"))));
        Map<String, Object> event = proposals.stream()
                .filter(one -> "NEW_HEAD".equals(one.get("reason")))
                .findFirst()
                .orElseThrow();
        assertThat(event)
                .containsEntry("source", "LIFE_EVENT")
                .containsEntry("kind", "CHANGE")
                .containsEntry("createdBy", "dukcapil");
        String household = (String) event.get("householdId");

        // The next verification proposes nothing new for the same event.
        postJson(T + "/verifications", verifier, "{\"village\":\"" + village + "\"}");
        // The verifier carries the family over: the son heads it; id, iddtks and desil stay.
        Map<String, Object> detail = object(get(T + "/households/" + household, verifier));
        String son = ((List<?>) detail.get("members"))
                .stream()
                        .map(member -> (Map<?, ?>) member)
                        .filter(member -> "LA ODE MUHAMMAD".equals(member.get("fullName")))
                        .map(member -> (String) member.get("id"))
                        .findFirst()
                        .orElseThrow();
        assertProblem(
                postJson(T + "/households/" + household + "/carry-over", verifier, "{\"formerHead\":\"DECEASED\"}"),
                422,
                "invalid_household");
        HttpResponse<String> carried = postJson(
                T + "/households/" + household + "/carry-over",
                verifier,
                "{\"formerHead\":\"DECEASED\",\"leftOn\":\"2026-11-02\",\"newHeadId\":\"" + son + "\"}");
        assertThat(carried.statusCode()).as(carried.body()).isEqualTo(200);
        assertThat(object(carried))
                .containsEntry("headName", "LA ODE MUHAMMAD")
                .containsEntry("id", household)
                .containsEntry("desil", 2);
        Map<String, Object> after = object(get(T + "/households/" + household, verifier));
        assertThat(after.get("iddtks")).isEqualTo(iddtks);
        assertThat(((List<?>) after.get("members"))
                        .stream()
                                .map(member -> (Map<?, ?>) member)
                                .map(member -> member.get("fullName") + ":" + member.get("relationship") + ":"
                                        + member.get("status"))
                                .toList())
                .contains("LA ODE MUHAMMAD:KEPALA_KELUARGA:ALIVE", "WA ODE SITTI:FAMILI_LAIN:DECEASED");
        assertThat(array(get(T + "/proposals?village=" + village, verifier)).stream()
                        .filter(one -> "NEW_HEAD".equals(one.get("reason")) && household.equals(one.get("householdId")))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theDeterminationSettlesWhatWasSentAndARemovalThatComesBackIsFlaggedAndResubmitted() throws Exception {
        // A registered household to remove (its head died), and a new household, both approved and sent.
        String registeredNik = freshNik();
        String iddtks = imported("7471", "admin-7471", VILLAGE, registeredNik);
        String household = (String) array(postJson(
                        T + "/households/search",
                        admin,
                        "{\"kk\":\"747102040411" + registeredNik.substring(12) + "\"}"))
                .stream()
                .filter(found -> VILLAGE.equals(found.get("villageCode")))
                .findFirst()
                .orElseThrow()
                .get("id");
        Map<String, Object> removal = object(postJson(
                T + "/proposals",
                operator,
                "{\"kind\":\"REMOVE\",\"reason\":\"DIED\",\"householdId\":\"" + household + "\",\"musyawarahId\":\""
                        + meeting + "\",\"note\":\"Kepala keluarga tunggal meninggal 1 Oktober\"}"));
        removal = object(postFile(
                T + "/proposals/" + removal.get("id") + "/evidence?version=" + removal.get("version"),
                operator,
                "akta-kematian.pdf",
                PDF));
        removal = stepOk(operator, removal, "SUBMIT", "");
        removal = stepOk(verifier, removal, "TAKE", "");
        removal = stepOk(verifier, removal, "VERIFY", "");
        String newNik = freshNik();
        Map<String, Object> addition = verified(newNik);
        Map<String, Object> list = list(verifier, List.of(removal.get("id"), addition.get("id")));
        list = object(decide(admin, list));
        list = object(decide(bupati, list));
        HttpResponse<String> sent =
                postJson(T + "/approval-lists/" + list.get("id") + "/sending", admin, "{\"period\":\"2019-10\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

        // October's determination lists the new family and no longer the removed one.
        String header = "iddtks;id_art;nomor_nik;nama;program;desil\n";
        assertThat(postFile(
                                T + "/ministry/determinations?period=2019-10",
                                admin,
                                "penetapan-2019-10.csv",
                                (header + "N" + newNik + ";N" + newNik + "-01;" + newNik + ";WA ODE SITI;PKH;1\n")
                                        .getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        // The ministry also returns a household nobody proposed anything for: a correction task for Kandai.
        String returnedNik = freshNik();
        String returnedIddtks = imported("7471", "admin-7471", VILLAGE, returnedNik);
        assertThat(postFile(
                                T + "/ministry/returns?period=2019-10",
                                admin,
                                "pengembalian-2019-10.csv",
                                ("iddtks;id_art;nomor_nik;nama;alasan\n" + returnedIddtks + ";" + returnedIddtks
                                                + "-01;" + returnedNik
                                                + ";LA ODE KAIMU;NIK tidak padan dengan Dukcapil\n")
                                        .getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> settled = postJson(T + "/ministry/determinations/2019-10/comparison", admin, "");
        assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
        assertThat(object(get(T + "/proposals/" + addition.get("id"), verifier)).get("state"))
                .isEqualTo("DETERMINED");
        assertThat(object(get(T + "/proposals/" + removal.get("id"), verifier)).get("state"))
                .isEqualTo("DETERMINED");
        Map<?, ?> kandai = ((List<?>) object(settled).get("villages"))
                .stream()
                        .map(village -> (Map<?, ?>) village)
                        .filter(village -> VILLAGE.equals(village.get("villageCode")))
                        .findFirst()
                        .orElseThrow();
        assertThat(((Number) kandai.get("added")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) kandai.get("removed")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(correctionTasks()).isEqualTo(1);
        // Settling again changes nothing more.
        assertThat(object(postJson(T + "/ministry/determinations/2019-10/comparison", admin, ""))
                        .get("determined"))
                .isEqualTo(0);
        assertThat(correctionTasks()).isEqualTo(1);

        // November's list brings the removed household back: flagged at once, and resubmitted.
        assertThat(postFile(
                                T + "/ministry/determinations?period=2019-11",
                                admin,
                                "penetapan-2019-11.csv",
                                (header + iddtks + ";" + iddtks + "-01;" + registeredNik + ";LA ODE KAIMU;PKH;2\n")
                                        .getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(200);
        Object removed = removal.get("id");
        Map<String, Object> november = object(postJson(T + "/ministry/determinations/2019-11/comparison", admin, ""));
        Map<?, ?> comeback = ((List<?>) november.get("comebacks"))
                .stream()
                        .map(entry -> (Map<?, ?>) entry)
                        .filter(entry -> removed.equals(entry.get("proposalId")))
                        .findFirst()
                        .orElseThrow();
        assertThat((String) comeback.get("message"))
                .startsWith("Muncul kembali di daftar 2019-11 setelah dihapus")
                .contains("bukti: ");
        Map<String, Object> resubmission = object(get(T + "/proposals/" + comeback.get("resubmissionId"), verifier));
        assertThat(resubmission)
                .containsEntry("state", "VERIFIED")
                .containsEntry("source", "RESUBMISSION")
                .containsEntry("kind", "REMOVE")
                .containsEntry("householdId", household);
        HttpResponse<byte[]> workbook = getBytes(T + "/ministry/determinations/2019-10/comparison.xlsx", verifier);
        assertThat(workbook.statusCode()).isEqualTo(200);
        try (var book =
                new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("kode_wilayah");
            assertThat(sheet.getLastRowNum()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aCitizenRegistersAFamilyAndTheAnswerNeverTellsWhetherTheNikIsKnown() {
        String nik = freshNik();
        String photo = "data:image/jpeg;base64,"
                + java.util.Base64.getEncoder().encodeToString(new byte[] {
                    (byte) 0xFF,
                    (byte) 0xD8,
                    (byte) 0xFF,
                    (byte) 0xE0,
                    0,
                    0x10,
                    'J',
                    'F',
                    'I',
                    'F',
                    0,
                    (byte) 0xFF,
                    (byte) 0xD9
                });
        String form = "{\"villageCode\":\"" + VILLAGE + "\",\"headName\":\"WA ODE HALIMAH\",\"address\":"
                + "\"Jl. Kandai Lorong 7\",\"nik\":\"" + nik + "\",\"kk\":\"" + freshKk() + "\",\"ktpPhotoBase64\":\""
                + photo + "\"}";
        String registrations = "/api/v1/public/tenants/7471/registrations";
        HttpResponse<String> first = postJson(registrations, null, form);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        HttpResponse<String> again = postJson(registrations, null, form);
        assertThat(again.statusCode()).isEqualTo(202);
        // The same answer, bar the receipt: nothing says the NIK was registered a minute ago.
        assertThat(object(again).keySet()).isEqualTo(object(first).keySet());
        assertThat(object(again).get("message")).isEqualTo(object(first).get("message"));
        assertThat(first.body() + again.body()).doesNotContain(nik).doesNotContain(nik.substring(12));
        String receipt = (String) object(first).get("receipt");
        HttpResponse<String> status = get(registrations + "/" + receipt, null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(object(status)).containsEntry("status", "Diajukan");
        assertThat(status.body()).doesNotContain("WA ODE HALIMAH");
        assertProblem(postJson(registrations, null, form.replace(nik, "7471023002850001")), 422, "invalid_proposal");
        assertProblem(postJson(registrations, null, form.replace(photo, "PGh0bWw+")), 415, "file_type_refused");
        // Five a minute from one address.
        assertProblem(postJson(registrations, null, form), 429, "rate_limited");

        // The registrations are submitted proposals of Kandai, with the KTP photo as evidence.
        List<Map<String, Object>> submitted =
                array(get(T + "/proposals?village=" + VILLAGE + "&state=SUBMITTED", verifier));
        Map<String, Object> landed = submitted.stream()
                .filter(one -> receipt.equals(one.get("receipt")))
                .findFirst()
                .orElseThrow();
        assertThat(landed).containsEntry("source", "CITIZEN").containsEntry("createdBy", "warga");
        Map<String, Object> second = submitted.stream()
                .filter(one -> object(again).get("receipt").equals(one.get("receipt")))
                .findFirst()
                .orElseThrow();
        assertThat(outcomes(object(get(T + "/proposals/" + second.get("id"), verifier))))
                .contains("open_proposal=WARNING");
        assertThat(getBytes(T + "/proposals/" + landed.get("id") + "/files/evidence", verifier)
                        .statusCode())
                .isEqualTo(200);
    }

    /** The correction tasks in Kandai made from the ministry's returned records of October 2019. */
    long correctionTasks() {
        return array(get(T + "/proposals?village=" + VILLAGE + "&state=DRAFT&size=500", operator)).stream()
                .filter(one -> "kemensos".equals(one.get("createdBy"))
                        && String.valueOf(one.get("note")).contains("NIK tidak padan dengan Dukcapil"))
                .count();
    }

    /** A household of one registered by a file in the tenant, its head holding the NIK. */
    String imported(String tenantId, String adminName, String village, String nik) {
        return imported(tenantId, adminName, village, nik, "LA ODE KAIMU");
    }

    String imported(String tenantId, String adminName, String village, String nik, String name) {
        String token = login(adminName);
        String iddtks = "WF" + UUID.randomUUID().toString().substring(0, 8);
        String file = "iddtks;id_art;kode_wilayah;alamat;rt;rw;nomor_kk;nomor_nik;nama;tempat_lahir;tanggal_lahir;"
                + "jenis_kelamin;hubungan_keluarga;nama_ibu_kandung;status_art;desil;lantai\n"
                + String.join(
                        ";",
                        iddtks,
                        iddtks + "-01",
                        village,
                        "Jl. Poros",
                        "001",
                        "2",
                        tenantId.substring(0, 4) + "02040411" + nik.substring(12),
                        nik,
                        name,
                        "KENDARI",
                        "12-05-1985",
                        "L",
                        "Kepala Keluarga",
                        "WA ODE HAWA",
                        "Hidup",
                        "2",
                        "Semen")
                + "\n";
        HttpResponse<String> response = postFile(
                "/api/v1/tenants/" + tenantId + "/imports", token, "dtks.csv", file.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = (String) object(response).get("id");
        Map<String, Object> job = eventually(
                () -> object(get("/api/v1/tenants/" + tenantId + "/imports/" + id, token)),
                found -> List.of("SUCCEEDED", "REJECTED", "FAILED").contains(found.get("status")));
        assertThat(job.get("status")).as(job.toString()).isEqualTo("SUCCEEDED");
        return iddtks;
    }

    @SuppressWarnings("unchecked")
    static List<String> outcomes(Map<String, Object> proposal) {
        return ((List<Map<String, Object>>) proposal.get("checks"))
                .stream()
                        .map(check -> check.get("code") + "=" + check.get("outcome"))
                        .toList();
    }

    @SuppressWarnings("unchecked")
    static String message(Map<String, Object> proposal, String code) {
        return ((List<Map<String, Object>>) proposal.get("checks"))
                .stream()
                        .filter(check -> code.equals(check.get("code")))
                        .map(check -> (String) check.get("message"))
                        .findFirst()
                        .orElse("");
    }

    String dukcapil(String id) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>)
                object(get(T + "/proposals/" + id, operator)).get("checks");
        return checks.stream()
                .filter(check -> "dukcapil".equals(check.get("code")))
                .map(check -> (String) check.get("outcome"))
                .findFirst()
                .orElse("none");
    }

    static <T> T eventually(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = read.get();
        }
        return value;
    }
}
