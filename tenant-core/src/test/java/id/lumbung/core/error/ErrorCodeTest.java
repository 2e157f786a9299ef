package id.lumbung.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
    private static Set<String> keys(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ErrorCode.class.getResourceAsStream(file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties.stringPropertyNames();
    }

    @Test
    void everyCodeSaysItselfInBahasaIndonesiaAndInEnglishAndNothingElseIsListed() throws IOException {
        Set<String> codes =
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());

        assertThat(keys("messages_id.properties")).isEqualTo(codes);
        assertThat(keys("messages.properties")).isEqualTo(codes);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.indonesian()).as(code.code()).isNotBlank().isNotEqualTo(code.english());
            assertThat(code.english()).as(code.code()).isNotBlank().isNotEqualTo(code.code());
        }
    }

    @Test
    void aCodeIsItsNameInLowerCaseAndReadsBack() {
        assertThat(ErrorCode.VILLAGE_OUTSIDE_TENANT.code()).isEqualTo("village_outside_tenant");
        assertThat(ErrorCode.of("village_outside_tenant")).contains(ErrorCode.VILLAGE_OUTSIDE_TENANT);
        assertThat(ErrorCode.of("no_such_thing")).isEmpty();
        assertThat(ErrorCode.VILLAGE_OUTSIDE_TENANT.indonesian())
                .isEqualTo("Desa/kelurahan ini bukan wilayah Dinas Sosial ini.");
    }
}
