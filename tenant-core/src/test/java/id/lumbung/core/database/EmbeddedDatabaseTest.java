package id.lumbung.core.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's own PostgreSQL: loopback only, and no login without its password, from the first start on. */
class EmbeddedDatabaseTest {
    @TempDir
    Path folder;

    @Test
    void noLocalUserLogsInWithoutThePasswordAndARestartStillKnowsIt() throws Exception {
        Path data = folder.resolve("postgres");
        String url;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            url = database.jdbcUrl();
            assertThat(database.password()).hasSizeGreaterThanOrEqualTo(24);
            assertThatThrownBy(() ->
                            DriverManager.getConnection(url, "postgres", "").close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong")
                            .close())
                    .isInstanceOf(SQLException.class);
            try (Connection owner = DriverManager.getConnection(url, "postgres", database.password());
                    Statement statement = owner.createStatement();
                    ResultSet listen = statement.executeQuery("SHOW listen_addresses")) {
                listen.next();
                assertThat(listen.getString(1)).isEqualTo("localhost");
            }
        }
        Path passwordFile = folder.resolve("postgres.password");
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data)) {
            assertThat(again.password())
                    .isEqualTo(Files.readString(passwordFile).strip());
            try (Connection owner = DriverManager.getConnection(again.jdbcUrl(), "postgres", again.password())) {
                assertThat(owner.isValid(2)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(again.jdbcUrl(), "postgres", "")
                            .close())
                    .isInstanceOf(SQLException.class);
        }
    }
}
