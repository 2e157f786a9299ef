package id.lumbung.core.region;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class RegionDataTest extends DatabaseTest {
    @Inject
    RegionRepository regions;

    @Test
    void allOfIndonesiasRegionsAreLoaded() throws Exception {
        Map<Integer, Integer> perLevel = new LinkedHashMap<>();
        try (Connection connection = TestDatabase.get().ownerConnection();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT level, count(*) FROM region GROUP BY level ORDER BY level")) {
            while (rows.next()) {
                perLevel.put(rows.getInt(1), rows.getInt(2));
            }
        }
        assertThat(perLevel.get(1)).isEqualTo(38);
        assertThat(perLevel.get(2)).isEqualTo(514);
        assertThat(perLevel.get(3)).isBetween(7_000, 7_500);
        assertThat(perLevel.get(4)).isBetween(83_000, 84_500);
    }

    @Test
    void kotaKendariIsARegencyOfSulawesiTenggaraWithItsDistricts() {
        Region kendari = regions.find("74.71").orElseThrow();
        assertThat(kendari.name()).isEqualTo("Kota Kendari");
        assertThat(kendari.level()).isEqualTo(RegionLevel.REGENCY);
        assertThat(kendari.parentCode()).isEqualTo("74");
        assertThat(regions.find("74").orElseThrow().name()).isEqualTo("Sulawesi Tenggara");
        assertThat(regions.children("74.71")).isNotEmpty().allSatisfy(district -> {
            assertThat(district.level()).isEqualTo(RegionLevel.DISTRICT);
            assertThat(district.code()).startsWith("74.71.");
        });
    }

    @Test
    void codesWithoutDotsAreNormalised() {
        assertThat(RegionCode.normalise("7471")).isEqualTo("74.71");
        assertThat(RegionCode.normalise("7471011001")).isEqualTo("74.71.01.1001");
        assertThat(RegionCode.normalise("74.71.01")).isEqualTo("74.71.01");
    }
}
