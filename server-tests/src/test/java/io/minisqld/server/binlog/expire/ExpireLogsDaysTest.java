package io.minisqld.server.binlog.expire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** expire_logs_days bounds the source's binlogs: files older than that are purged, never the current one. */
class ExpireLogsDaysTest {
    @Test
    void filesOlderThanExpireLogsDaysArePurged() throws Exception {
        try (MinisqldHarness server = MinisqldHarness.inProcess().serverId(1).logBin()
                .options("--expire-logs-days=3").start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            Path dir = server.datadir();
            st.execute("FLUSH LOGS");
            st.execute("FLUSH LOGS");
            assertEquals(List.of("mysql-bin.000001", "mysql-bin.000002", "mysql-bin.000003"), logs(st));
            // the first file looks 5 days old, the second 2 days old
            Files.setLastModifiedTime(dir.resolve("mysql-bin.000001"), FileTime.from(Instant.now().minus(Duration.ofDays(5))));
            Files.setLastModifiedTime(dir.resolve("mysql-bin.000002"), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            assertEquals(List.of("mysql-bin.000001"), server.server().purgeExpiredBinlogs(true));
            assertEquals(List.of("mysql-bin.000002", "mysql-bin.000003"), logs(st));
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
