package id.lumbung.gateway.household;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A village operator of Mandonga (74.71.01.1005), a field worker of both villages, and households
 * in Mandonga and Korumba (74.71.01.1006), all in Kendari.
 */
@MicronautTest(transactional = false)
class VillageScopeTest extends ApiTest {
    private static final String HOUSEHOLDS = "/api/v1/tenants/7471/households";
    private String operator;
    private String korumbaHousehold;
    private String mandongaHousehold;
    private String worker;
    private String workerName;

    @BeforeAll
    void anOperatorOfOneVillageAndAHouseholdInEachVillage() {
        String admin = login("admin-7471");
        String name = "op-mandonga-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(postJson(
                                "/api/v1/tenants/7471/users",
                                admin,
                                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                                        + "\",\"roles\":[\"VILLAGE_OPERATOR\"],\"villageCodes\":[\"74.71.01.1005\"]}")
                        .statusCode())
                .isEqualTo(201);
        operator = (String) object(postJson(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"))
                .get("accessToken");
        korumbaHousehold = created(admin, "74.71.01.1006");
        mandongaHousehold = created(operator, "74.71.01.1005");
        workerName = user(admin, "FIELD_WORKER", "[\"74.71.01.1005\",\"74.71.01.1006\"]");
        worker = (String) object(postJson(
                        "/api/v1/auth/login",
                        null,
                        "{\"username\":\"" + workerName + "\",\"password\":\"" + PASSWORD + "\"}"))
                .get("accessToken");
        var assigned = putJson(assignmentsOf(workerName), admin, "{\"householdIds\":[\"" + korumbaHousehold + "\"]}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
    }

    private String user(String admin, String role, String villages) {
        String name = role.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        var response = postJson(
                "/api/v1/tenants/7471/users",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role
                        + "\"],\"villageCodes\":" + villages + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return name;
    }

    private static String assignmentsOf(String username) {
        return "/api/v1/tenants/7471/users/" + username + "/assignments";
    }

    @Test
    void aFieldWorkerSeesOnlyTheHouseholdsAssignedToIt() {
        assertThat(get(HOUSEHOLDS + "/" + korumbaHousehold, worker).statusCode())
                .isEqualTo(200);
        // Mandonga is one of its villages, but the household is not assigned to it.
        assertProblem(get(HOUSEHOLDS + "/" + mandongaHousehold, worker), 404, "household_not_found");
        assertThat(array(get(HOUSEHOLDS, worker)))
                .extracting(household -> household.get("id"))
                .containsExactly(korumbaHousehold);
        assertThat(array(get(HOUSEHOLDS + "?village=74.71.01.1005", worker))).isEmpty();
        assertThat(object(get(assignmentsOf(workerName), worker)).get("householdIds"))
                .isEqualTo(java.util.List.of(korumbaHousehold));
    }

    @Test
    void assignmentsAreAllOrNothingAndOnlyForFieldWorkersInTheirVillages() {
        String admin = login("admin-7471");
        String narrowWorker = user(admin, "FIELD_WORKER", "[\"74.71.01.1005\"]");
        assertProblem(
                putJson(
                        assignmentsOf(narrowWorker),
                        admin,
                        "{\"householdIds\":[\"" + mandongaHousehold + "\",\"" + korumbaHousehold + "\"]}"),
                422,
                "household_outside_worker_villages");
        assertProblem(
                putJson(
                        assignmentsOf(narrowWorker),
                        admin,
                        "{\"householdIds\":[\"" + mandongaHousehold + "\",\"" + UUID.randomUUID() + "\"]}"),
                422,
                "unknown_household");
        assertThat(object(get(assignmentsOf(narrowWorker), admin)).get("householdIds"))
                .isEqualTo(java.util.List.of());
        assertProblem(putJson(assignmentsOf(workerName), operator, "{\"householdIds\":[]}"), 403, "permission_denied");
        String operatorName = user(admin, "VILLAGE_OPERATOR", "[\"74.71.01.1005\"]");
        assertProblem(putJson(assignmentsOf(operatorName), admin, "{\"householdIds\":[]}"), 422, "not_a_field_worker");
        assertProblem(get(assignmentsOf(workerName), login("admin-7401")), 404, "tenant_not_found");
        assertProblem(
                putJson(
                        "/api/v1/tenants/7401/users/" + workerName + "/assignments",
                        login("admin-7401"),
                        "{\"householdIds\":[]}"),
                404,
                "user_not_found");
    }

    private String created(String token, String village) {
        var response = postJson(
                HOUSEHOLDS,
                token,
                "{\"villageCode\":\"" + village
                        + "\",\"address\":\"Jl. Uji RT 001/RW 001\",\"headName\":\"LA UJI\",\"memberCount\":3,\"desil\":2}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) object(response).get("id");
    }

    @Test
    void theOperatorReadsHouseholdsOfItsVillage() {
        assertThat(get(HOUSEHOLDS + "/" + mandongaHousehold, operator).statusCode())
                .isEqualTo(200);
        assertThat(array(get(HOUSEHOLDS, operator)))
                .extracting(household -> household.get("villageCode"))
                .isNotEmpty()
                .containsOnly("74.71.01.1005");
    }

    @Test
    void theOperatorCannotReadAHouseholdOfAnotherVillage() {
        assertProblem(get(HOUSEHOLDS + "/" + korumbaHousehold, operator), 404, "household_not_found");
        assertThat(array(get(HOUSEHOLDS + "?village=74.71.01.1006", operator))).isEmpty();
    }

    @Test
    void theOperatorCannotWriteInAnotherVillage() {
        assertProblem(
                postJson(
                        HOUSEHOLDS,
                        operator,
                        "{\"villageCode\":\"74.71.01.1006\",\"address\":\"x\","
                                + "\"headName\":\"x\",\"memberCount\":1}"),
                403,
                "village_not_in_scope");
    }

    @Test
    void aVillageOperatorDoesNotImportOrExportBeyondItsVillages() {
        assertProblem(
                postFile("/api/v1/tenants/7471/imports", operator, "dtks.csv", "iddtks\n".getBytes()),
                403,
                "permission_denied");
        assertProblem(
                get("/api/v1/tenants/7471/exports/registry.csv?village=74.71.01.1006", operator),
                403,
                "village_not_in_scope");
        assertProblem(get("/api/v1/tenants/7471/exports/registry.csv", worker), 403, "permission_denied");
        assertThat(get("/api/v1/tenants/7471/exports/registry.csv", operator).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theTenantAdminSeesBothVillages() {
        String admin = login("admin-7471");
        assertThat(get(HOUSEHOLDS + "/" + korumbaHousehold, admin).statusCode()).isEqualTo(200);
        assertThat(get(HOUSEHOLDS + "/" + mandongaHousehold, admin).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aHouseholdOutsideTheTenantOrWithBadFieldsIsRefused() {
        String admin = login("admin-7471");
        assertProblem(
                postJson(
                        HOUSEHOLDS,
                        admin,
                        "{\"villageCode\":\"74.01.01.1001\",\"address\":\"x\","
                                + "\"headName\":\"x\",\"memberCount\":1}"),
                422,
                "village_outside_tenant");
        assertProblem(
                postJson(
                        HOUSEHOLDS,
                        admin,
                        "{\"villageCode\":\"74.71.01.1005\",\"address\":\"x\","
                                + "\"headName\":\"x\",\"memberCount\":0}"),
                422,
                "invalid_household");
        // The API checks a field by the rule the import checks it by: a formula is no name.
        HttpResponse<String> formula = postJson(
                HOUSEHOLDS,
                admin,
                "{\"villageCode\":\"74.71.01.1005\",\"address\":\"Jl. Mawar 1\","
                        + "\"headName\":\"=1+1\",\"memberCount\":2}");
        assertProblem(formula, 422, "invalid_household");
        assertThat(formula.body()).contains("formula_in_cell").contains("nama");
        assertThat(postJson(
                                HOUSEHOLDS,
                                admin,
                                "{\"villageCode\":\"74.71.01.1005\",\"address\":\"@SUM(A1)\","
                                        + "\"headName\":\"Siti\",\"memberCount\":2}")
                        .body())
                .contains("formula_in_cell")
                .contains("alamat");
    }

    @Test
    void aHouseholdRegisteredByHandHasItsHistoryAndItsCriteriaByTheCatalogue() {
        String admin = login("admin-7471");
        HttpResponse<String> created = postJson(
                HOUSEHOLDS,
                admin,
                "{\"villageCode\":\"74.71.01.1005\",\"address\":\"Jl. Mawar 9\","
                        + "\"headName\":\"Wa Ode Sitti\",\"memberCount\":3,\"desil\":2}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        var detail = object(get(HOUSEHOLDS + "/" + object(created).get("id"), admin));
        assertThat(detail.get("history").toString())
                .contains("entity=HOUSEHOLD", "kind=CREATED", "source=OPERATOR", "changedBy=admin-7471", "desil");
        @SuppressWarnings("unchecked")
        var criteria = (java.util.Map<String, Object>) detail.get("criteria");
        assertThat(criteria)
                .containsOnlyKeys(
                        "income",
                        "foodShare",
                        "healthAccess",
                        "buysClothing",
                        "schooling",
                        "walls",
                        "floor",
                        "roof",
                        "lighting",
                        "floorAreaPerPerson",
                        "drinkingWater");
    }
}
