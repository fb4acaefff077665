package io.minisqld.server.binlog.expire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.server.MiniSqlServer;
import io.minisqld.server.options.ServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** expire_logs_days bounds the source's binlogs: files older than that are purged, never the current one. */
class ExpireLogsDaysTest {
    @TempDir
    Path dir;

    @Test
    void filesOlderThanExpireLogsDaysArePurged() throws Exception {
        MiniSqlServer server = MiniSqlServer.start(ServerOptions.ofCommandLine("--no-defaults", "--datadir=" + dir,
                "--port=0", "--server-id=1", "--log-bin=mysql-bin", "--expire-logs-days=3"));
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + server.port() + "/?user=root");
             Statement st = c.createStatement()) {
            st.execute("FLUSH LOGS");
            st.execute("FLUSH LOGS");
            assertEquals(List.of("mysql-bin.000001", "mysql-bin.000002", "mysql-bin.000003"), logs(st));
            // the first file looks 5 days old, the second 2 days old
            Files.setLastModifiedTime(dir.resolve("mysql-bin.000001"), FileTime.from(Instant.now().minus(Duration.ofDays(5))));
            Files.setLastModifiedTime(dir.resolve("mysql-bin.000002"), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            assertEquals(List.of("mysql-bin.000001"), server.purgeExpiredBinlogs(true));
            assertEquals(List.of("mysql-bin.000002", "mysql-bin.000003"), logs(st));
        } finally {
            server.close();
        }
    }

    private static List<String> logs(Statement st) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet r = st.executeQuery("SHOW BINARY LOGS")) {
            while (r.next()) names.add(r.getString(1));
        }
        return names;
    }
}
