package id.lumbung.gateway.household;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A village operator of Mandonga (74.71.01.1005) and a household in Korumba (74.71.01.1006), both in Kendari. */
@MicronautTest(transactional = false)
class VillageScopeTest extends ApiTest {
    private static final String HOUSEHOLDS = "/api/v1/tenants/7471/households";
    private String operator;
    private String korumbaHousehold;
    private String mandongaHousehold;

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
    }
}
