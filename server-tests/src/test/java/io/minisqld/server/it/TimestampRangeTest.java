package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL 5.7 manual 11.2.2: "TIMESTAMP has a range of '1970-01-01 00:00:01' UTC to '2038-01-19
 * 03:14:07' UTC", and in strict mode a value outside it is 1292 "Incorrect datetime value", nothing
 * stored. Before, a TIMESTAMP column took DATETIME's range: in STATEMENT format '1000-01-01' was
 * stored without a word; in ROW format the engine stored it and the binlog writer then refused it
 * with an unrelated 1105. The bounds are read in the server's zone (the server's TIMESTAMPs hold
 * its local time, docs/compatibility.md).
 */
class TimestampRangeTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static SqlRunner sql;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("timestamps").serverId(1).logBin().start();
        connection = Driver.MARIADB.connect(server, "");
        sql = SqlRunner.on(connection);
        sql.executeAll("CREATE DATABASE ts", "USE ts", "CREATE TABLE t (id INT PRIMARY KEY, ts TIMESTAMP(6) NULL, dt DATETIME)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) connection.close();
        if (server != null) server.close();
    }

    /** The server's local time of {@code epochSecond}, as a literal. */
    private static String local(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneId.systemDefault());
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    @Test
    void aTimestampOutsideItsRangeIsRefusedInEveryBinlogFormat() throws Exception {
        String first = local(1);
        String last = local(0x7FFF_FFFFL);
        for (String format : List.of("ROW", "STATEMENT", "MIXED")) {
            sql.execute("SET SESSION binlog_format = " + format);
            for (String outside : List.of(local(0), local(0x8000_0000L), "1000-01-01 00:00:00")) {
                sql.assertError("INSERT INTO t VALUES (1, '" + outside + "', NULL)", 1292, "22007",
                        "Incorrect datetime value: '" + outside + "' for column 'ts' at row 1");
            }
            sql.assertError("INSERT INTO t VALUES (1, '" + first + "', NULL), (2, '1000-01-01 00:00:00.5', NULL)", 1292,
                    "22007", "Incorrect datetime value: '1000-01-01 00:00:00.500000' for column 'ts' at row 2");
            assertEquals(List.of(List.of("0")), sql.rows("SELECT COUNT(*) FROM t"));
        }
        sql.execute("SET SESSION binlog_format = ROW");
        sql.executeAll("INSERT INTO t VALUES (1, '" + first + "', '1000-01-01 00:00:00'), (2, '" + last + ".999999', NULL)");
        sql.assertError("UPDATE t SET ts = '2040-01-01 00:00:00' WHERE id = 1", 1292, "22007",
                "Incorrect datetime value: '2040-01-01 00:00:00' for column 'ts' at row 1");
        assertEquals(List.of(List.of(first + ".000000", "1000-01-01 00:00:00"), java.util.Arrays.asList(last + ".999999", null)),
                sql.rows("SELECT ts, dt FROM t ORDER BY id"));
    }

    /**
     * Every row of one statement takes the statement's time for DEFAULT CURRENT_TIMESTAMP, as in
     * MySQL (and a replica, the source's time through SET TIMESTAMP). The range check reads the
     * table's columns on the first row after the table changed; that query made H2 forget the
     * statement's time, so the rows after it read the clock again.
     */
    @Test
    void theRowsOfOneStatementShareItsTime() throws Exception {
        sql.executeAll("SET TIMESTAMP = 1000000000", "CREATE TABLE d (id INT PRIMARY KEY, c TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
                "INSERT INTO d (id) VALUES (1), (2), (3)", "SET TIMESTAMP = DEFAULT");
        String then = local(1_000_000_000L);
        assertEquals(List.of(List.of(then), List.of(then), List.of(then)), sql.rows("SELECT c FROM d ORDER BY id"));
    }
}
