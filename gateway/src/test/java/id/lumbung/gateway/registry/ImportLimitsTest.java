package id.lumbung.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.gateway.ApiTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A file larger than the upload limit (1 GB in production, 64 KB here so the test stays small)
 * is refused with a problem body, never a 500, and leaves no job behind.
 */
@MicronautTest(transactional = false)
class ImportLimitsTest extends ApiTest {
    @Override
    protected Map<String, String> extraProperties() {
        return with("micronaut.server.multipart.max-file-size", "64KB");
    }

    @Test
    void aFileOverTheLimitIsRefusedWithAProblemBody() {
        String admin = login("admin-7471");
        int jobsBefore = array(get("/api/v1/tenants/7471/imports", admin)).size();
        byte[] big = new byte[256 * 1024];
        Arrays.fill(big, (byte) 'x');
        var response = postFile("/api/v1/tenants/7471/imports", admin, "big.csv", big);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(array(get("/api/v1/tenants/7471/imports", admin))).hasSize(jobsBefore);
    }
}
