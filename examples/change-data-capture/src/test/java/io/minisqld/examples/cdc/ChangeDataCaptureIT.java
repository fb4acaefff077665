package io.minisqld.examples.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged plugin in a real server, driven over JDBC (issue 13's "done when": every committed
 * change exactly once, in commit order, none from a rolled-back transaction; an observer that
 * refuses at before_commit makes COMMIT fail with MySQL's error and nothing reaches the binlog).
 */
@Tag("packaged-jar")
class ChangeDataCaptureIT {
    static final Path JAR = Path.of(System.getProperty("change_data_capture.jar", "../../plugins/change_data_capture.jar"));

    @RegisterExtension
    MinisqldExtension server = MinisqldExtension.withPlugin(JAR)
            .options("--log-bin=mysql-bin", "--server-id=1")
            .install("change_data_capture", "change_data_capture.so");

    private List<String> lines() throws IOException {
        return Files.readAllLines(server.datadir().resolve("changes.jsonl"));
    }

    /** The file and position SHOW MASTER STATUS reports now. */
    private String position() throws SQLException {
        List<String> row = server.rows("SHOW MASTER STATUS").get(0);
        return "\"file\":\"" + row.get(0) + "\",\"pos\":" + row.get(1);
    }

    /** The XIDs of the binlog's commits, in order. */
    private List<String> xids() throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> e : server.rows("SHOW BINLOG EVENTS")) {
            if (e.get(2).equals("Xid")) out.add(e.get(5).replaceAll("\\D", ""));
        }
        return out;
    }

    @Test
    void eachCommittedRowOnceInCommitOrderWithItsBinlogPosition() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.t (id INT PRIMARY KEY, v VARCHAR(10), d DECIMAL(5,2))");
        server.execute("INSERT INTO app.t VALUES (1, 'a', 1.50)");
        String first = position();
        server.executeAll("BEGIN", "UPDATE app.t SET v = 'b' WHERE id = 1", "INSERT INTO app.t VALUES (2, 'x\"y', NULL)",
                "COMMIT");
        String second = position();
        server.executeAll("BEGIN", "INSERT INTO app.t VALUES (3, 'gone', 3)", "ROLLBACK");
        server.execute("DELETE FROM app.t WHERE id = 2");
        String third = position();
        List<String> x = xids();
        String xid1 = x.get(x.size() - 3);
        String xid2 = x.get(x.size() - 2);
        String xid3 = x.get(x.size() - 1);
        assertEquals(List.of(
                "{" + first + ",\"xid\":" + xid1 + ",\"row\":0,\"op\":\"insert\",\"db\":\"app\",\"table\":\"t\","
                        + "\"before\":null,\"after\":{\"id\":1,\"v\":\"a\",\"d\":1.50}}",
                "{" + second + ",\"xid\":" + xid2 + ",\"row\":0,\"op\":\"update\",\"db\":\"app\",\"table\":\"t\","
                        + "\"before\":{\"id\":1,\"v\":\"a\",\"d\":1.50},\"after\":{\"id\":1,\"v\":\"b\",\"d\":1.50}}",
                "{" + second + ",\"xid\":" + xid2 + ",\"row\":1,\"op\":\"insert\",\"db\":\"app\",\"table\":\"t\","
                        + "\"before\":null,\"after\":{\"id\":2,\"v\":\"x\\\"y\",\"d\":null}}",
                "{" + third + ",\"xid\":" + xid3 + ",\"row\":0,\"op\":\"delete\",\"db\":\"app\",\"table\":\"t\","
                        + "\"before\":{\"id\":2,\"v\":\"x\\\"y\",\"d\":null},\"after\":null}"), lines());
        assertEquals(List.of(List.of("Change_data_capture_rows_written", "4")),
                server.rows("SHOW GLOBAL STATUS LIKE 'Change_data_capture%'"));
    }

    @Test
    void aTransactionThatChangedTheDeniedTableFailsAtCommitAndIsNotLogged() throws Exception {
        server.executeAll("CREATE DATABASE app", "CREATE TABLE app.secret (id INT PRIMARY KEY)",
                "CREATE TABLE app.open (id INT PRIMARY KEY)", "SET GLOBAL change_data_capture_deny_table = 'app.secret'");
        String before = position();
        server.executeAll("BEGIN", "INSERT INTO app.open VALUES (1)", "INSERT INTO app.secret VALUES (1)");
        server.assertError("COMMIT", 3100, "HY000", "Error on observer while running replication hook 'before_commit'.");
        assertEquals(before, position(), "nothing reached the binlog");
        assertEquals(List.of(List.of("0", "0")),
                server.rows("SELECT (SELECT COUNT(*) FROM app.secret), (SELECT COUNT(*) FROM app.open)"));
        assertEquals(List.of(), lines());
        // other tables commit as before
        server.execute("INSERT INTO app.open VALUES (2)");
        assertEquals(1, lines().size());
        assertTrue(lines().get(0).contains("\"table\":\"open\""), lines().toString());
        assertTrue(server.harness().errorLogText().contains("change_data_capture_deny_table protects"),
                "the refusal is in the error log");
    }
}
