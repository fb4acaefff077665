package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MariaDbServer;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import io.minisqld.testsupport.Topology;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ROW-format binary log (row-events-gtid-mts.md §A.1–§A.5): each changed row as the engine
 * changed it, in TABLE_MAP and WRITE/UPDATE/DELETE_ROWS v2 events, read by the tools that read
 * MySQL 5.7's (mariadb-binlog -v, mysql-binlog-connector-java) and applied by a minisqld replica
 * and a real MariaDB 10.11 replica, which then hold the source's rows exactly, values the source
 * drew (RAND(), UUID(), NOW(6)) included. One source and its two replicas serve every test.
 */
class RowFormatBinlogTest {
    private static Topology topology;
    private static MinisqldHarness source;
    private static MinisqldHarness replica;
    private static MariaDbServer mariadb;

    @BeforeAll
    static void start() throws Exception {
        topology = Topology.temporary();
        source = topology.start(MinisqldHarness.inProcess().name("row-source").serverId(1).logBin()
                .options("--binlog-format=ROW"));
        Replication.createReplicationUser(source);
        // logs what it applies (log_slave_updates) in MIXED format: row events onward as rows
        replica = topology.start(MinisqldHarness.inProcess().name("row-replica").serverId(2).logBin()
                .options("--log-slave-updates", "--binlog-format=MIXED"));
        try (Connection c = replica.newConnection()) {
            SqlRunner.on(c).executeAll(Replication.changeMasterTo(source.port()), "START SLAVE");
        }
        mariadb = topology.mariadb("mariadb-row-replica", 21, false);
        try (Connection c = mariadb.newConnection()) {
            SqlRunner.on(c).executeAll(Replication.changeMasterTo(source.port(), Replication.FAST_HEARTBEAT,
                    "MASTER_USE_GTID=no"), "START SLAVE");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (topology != null) topology.close();
    }

    private static List<List<String>> rows(MinisqldHarness server, String sql) throws SQLException {
        try (Connection c = server.newConnection()) {
            return SqlRunner.on(c).rows(sql);
        }
    }

    private static void exec(MinisqldHarness server, String... statements) throws SQLException {
        try (Connection c = server.newConnection()) {
            SqlRunner.on(c).executeAll(statements);
        }
    }

    /** SHOW BINLOG EVENTS from {@code from}: "Event_type Info" per event. */
    private static List<String> eventsFrom(long from) throws SQLException {
        List<String> out = new ArrayList<>();
        String file = rows(source, "SHOW MASTER STATUS").get(0).get(0);
        for (List<String> e : rows(source, "SHOW BINLOG EVENTS IN '" + file + "' FROM " + from)) {
            if (!gtidEvent(e.get(2))) out.add(e.get(2) + " " + e.get(5));
        }
        return out;
    }

    /** The events of MySQL 5.7's GTID bookkeeping (row-events B.3), which GtidTest checks; left out here. */
    private static boolean gtidEvent(String type) {
        return type.equals("Previous_gtids") || type.equals("Anonymous_Gtid") || type.equals("Gtid");
    }

    private static long position() throws SQLException {
        return Long.parseLong(rows(source, "SHOW MASTER STATUS").get(0).get(1));
    }

    @Test
    void eachChangedRowIsLoggedAsARowEventNotAsTheStatement() throws Exception {
        exec(source, "CREATE DATABASE IF NOT EXISTS r1", "CREATE TABLE r1.t (id INT PRIMARY KEY, v VARCHAR(10))");
        long from = position();
        exec(source, "INSERT INTO r1.t VALUES (1, 'a'), (2, 'b')", "UPDATE r1.t SET v = 'bb' WHERE id = 2",
                "UPDATE r1.t SET v = 'bb' WHERE id = 2", "DELETE FROM r1.t WHERE id = 1");
        List<String> events = eventsFrom(from);
        String tableId = events.get(1).replaceAll("^Table_map table_id: (\\d+) \\(r1\\.t\\)$", "$1");
        assertEquals(List.of("Query BEGIN", "Table_map table_id: " + tableId + " (r1.t)",
                "Write_rows table_id: " + tableId + " flags: STMT_END_F"), events.subList(0, 3), events.toString());
        assertTrue(events.get(3).startsWith("Xid COMMIT /* xid="), events.toString());
        // the UPDATE that changed nothing is not logged at all, as in MySQL
        assertEquals(List.of("Query BEGIN", "Table_map table_id: " + tableId + " (r1.t)",
                "Update_rows table_id: " + tableId + " flags: STMT_END_F"), events.subList(4, 7), events.toString());
        assertEquals(List.of("Query BEGIN", "Table_map table_id: " + tableId + " (r1.t)",
                "Delete_rows table_id: " + tableId + " flags: STMT_END_F"), events.subList(8, 11), events.toString());
        assertEquals(12, events.size(), events.toString());
        // DDL stays a statement
        long ddl = position();
        exec(source, "ALTER TABLE r1.t ADD COLUMN w INT");
        assertEquals(List.of("Query ALTER TABLE r1.t ADD COLUMN w INT"), eventsFrom(ddl),
                "DDL is logged as its statement in ROW format");
        // a new layout gets a new table id, as MySQL's reopened table does
        long after = position();
        exec(source, "INSERT INTO r1.t VALUES (3, 'c', 3)");
        assertFalse(eventsFrom(after).get(1).contains("table_id: " + tableId + " "), eventsFrom(after).toString());
        // the minisqld replica (MIXED, log_slave_updates) logs the rows it applied as rows, under the
        // source's server id
        Replication.awaitCaughtUp(replica, source);
        List<String> onward = new ArrayList<>();
        for (List<String> e : rows(replica, "SHOW BINLOG EVENTS")) {
            if (e.get(5).contains("(r1.t)") || e.get(2).endsWith("_rows")) onward.add(e.get(3) + " " + e.get(2));
        }
        assertEquals(List.of("1 Table_map", "1 Write_rows", "1 Table_map", "1 Update_rows", "1 Table_map",
                "1 Delete_rows", "1 Table_map", "1 Write_rows"), onward.subList(onward.size() - 8, onward.size()),
                onward.toString());
    }

    @Test
    void mariadbBinlogAndTheBinlogConnectorReadTheRows() throws Exception {
        exec(source, "CREATE DATABASE IF NOT EXISTS r2", "CREATE TABLE r2.t (id BIGINT UNSIGNED PRIMARY KEY,"
                + " i INT, d DECIMAL(10,3), s VARCHAR(20), b VARBINARY(4), dt DATETIME(6), e ENUM('x','y'))");
        exec(source, "FLUSH LOGS");
        String file = rows(source, "SHOW MASTER STATUS").get(0).get(0);
        exec(source, "INSERT INTO r2.t VALUES (18446744073709551615, -2147483648, -12.5, 'héllo', X'00FF10',"
                        + " '2026-12-05 10:11:12.345678', 'y')",
                "UPDATE r2.t SET i = 7 WHERE id = 18446744073709551615", "DELETE FROM r2.t");
        Path binlog = source.datadir().resolve(file);
        Program.Result out = Program.run(List.of(Program.existing(Program.MARIADB_BINLOG), "-v",
                "--base64-output=DECODE-ROWS", binlog.toString()), null, Duration.ofSeconds(60));
        assertEquals(0, out.exitCode(), out.stderr());
        String text = out.stdout();
        // as for MySQL's and MariaDB's own files: integers also as unsigned when negative (the map
        // does not say which), bytes >= 0x80 as they are
        String unsignedMax = "###   @1=-1 (18446744073709551615)\n";
        assertTrue(text.contains("### INSERT INTO `r2`.`t`\n### SET\n" + unsignedMax
                + "###   @2=-2147483648 (2147483648)\n###   @3=-12.500\n###   @4='héllo'\n###   @5='\\x00"), text);
        assertTrue(text.contains("\\x10'\n###   @6='2026-12-05 10:11:12.345678'\n###   @7=2\n"), text);
        assertTrue(text.contains("### UPDATE `r2`.`t`\n### WHERE\n" + unsignedMax
                + "###   @2=-2147483648 (2147483648)\n"), text);
        assertTrue(text.contains("### SET\n" + unsignedMax + "###   @2=7\n"), text);
        assertTrue(text.contains("### DELETE FROM `r2`.`t`\n### WHERE\n" + unsignedMax + "###   @2=7\n"), text);

        List<String> seen = new ArrayList<>();
        try (BinaryLogFileReader reader = new BinaryLogFileReader(binlog.toFile(), bytesForStrings())) {
            for (Event e = reader.readEvent(); e != null; e = reader.readEvent()) {
                if (e.getData() instanceof TableMapEventData m) {
                    seen.add("map " + m.getDatabase() + "." + m.getTable() + " " + Arrays.toString(m.getColumnTypes()));
                } else if (e.getData() instanceof WriteRowsEventData w) {
                    seen.add("write " + values(w.getRows().get(0)));
                } else if (e.getData() instanceof UpdateRowsEventData u) {
                    seen.add("update " + values(u.getRows().get(0).getKey()) + " -> " + values(u.getRows().get(0).getValue()));
                } else if (e.getData() instanceof DeleteRowsEventData d) {
                    seen.add("delete " + values(d.getRows().get(0)));
                }
            }
        }
        // types: LONGLONG 8, LONG 3, NEWDECIMAL -10 (246), VARCHAR 15, VARCHAR 15, DATETIME2 18, STRING -2 (254)
        String map = "map r2.t [8, 3, -10, 15, 15, 18, -2]";
        assertEquals(map, seen.get(0), seen.toString());
        assertTrue(seen.get(1).startsWith("write [-1, -2147483648, -12.500, héllo, 00ff10, "), seen.toString());
        assertEquals(List.of(map, map, map), List.of(seen.get(0), seen.get(2), seen.get(4)), seen.toString());
        assertTrue(seen.get(3).startsWith("update [-1, -2147483648,") && seen.get(3).contains("-> [-1, 7,"),
                seen.toString());
        assertTrue(seen.get(5).startsWith("delete [-1, 7,"), seen.toString());
    }

    /**
     * A column's own character set in ROW format: its text is logged as bytes of that set, and its
     * TABLE_MAP length counts that set's bytes (latin1's n, not utf8mb4's 4n), so a MariaDB replica
     * whose column is latin1 takes the rows (it stopped with its conversion error 1677 when the
     * server logged every column as utf8mb4) and both replicas hold the source's characters.
     */
    @Test
    void eachColumnIsLoggedInItsOwnCharacterSet() throws Exception {
        exec(source, "CREATE DATABASE IF NOT EXISTS r7 CHARACTER SET latin1",
                "CREATE TABLE r7.t (id INT PRIMARY KEY, l VARCHAR(10), a CHAR(4) CHARACTER SET ascii,"
                        + " u VARCHAR(10) CHARACTER SET utf8mb4, m TEXT CHARACTER SET utf8)");
        exec(source, "FLUSH LOGS");
        String file = rows(source, "SHOW MASTER STATUS").get(0).get(0);
        exec(source, "INSERT INTO r7.t VALUES (1, '€éü', 'ab', '中😀', 'ñ'), (2, 'x', 'y', 'z', 'w')",
                "UPDATE r7.t SET l = 'Ÿ' WHERE id = 1", "DELETE FROM r7.t WHERE id = 2");
        List<String> seen = new ArrayList<>();
        try (BinaryLogFileReader reader = new BinaryLogFileReader(source.datadir().resolve(file).toFile(),
                bytesForStrings())) {
            for (Event e = reader.readEvent(); e != null; e = reader.readEvent()) {
                if (e.getData() instanceof TableMapEventData m) {
                    seen.add("map " + Arrays.toString(m.getColumnMetadata()));
                } else if (e.getData() instanceof WriteRowsEventData w) {
                    seen.add("write " + values(w.getRows().get(0)));
                } else if (e.getData() instanceof UpdateRowsEventData u) {
                    seen.add("update -> " + values(u.getRows().get(0).getValue()));
                }
            }
        }
        // VARCHAR(10) latin1: 10 bytes; CHAR(4) ascii: real type 254, 4 bytes; VARCHAR(10) utf8mb4: 40;
        // TEXT: a 2-byte length; € é ü are latin1's 0x80 0xE9 0xFC
        assertEquals(List.of("map [0, 10, " + (254 << 8 | 4) + ", 40, 2]", "write [1, 80e9fc, ab, 中😀, ñ]",
                "map [0, 10, " + (254 << 8 | 4) + ", 40, 2]", "update -> [1, 9f, ab, 中😀, ñ]"),
                seen.subList(0, 4), seen.toString());
        Replication.awaitCaughtUp(replica, source);
        Replication.awaitCaughtUp(mariadb, source);
        String query = "SELECT id, l, HEX(l), a, u, m FROM r7.t ORDER BY id";
        List<List<String>> expected = List.of(List.of("1", "Ÿ", "9F", "ab", "中😀", "ñ"));
        try (Connection c = mariadb.newConnection()) {
            assertEquals(expected, SqlRunner.on(c).rows(query));
            assertTrue(SqlRunner.on(c).rows("SHOW CREATE TABLE r7.t").get(0).get(1)
                    .endsWith("DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci"), "MariaDB's table is latin1");
        }
        try (Connection c = replica.newConnection()) {
            assertEquals(List.of(List.of("1", "Ÿ", "ab", "中😀", "ñ")),
                    SqlRunner.on(c).rows("SELECT id, l, a, u, m FROM r7.t ORDER BY id"));
        }
    }

    /**
     * The every-type workload (row-events-gtid-mts.md §A.4): each column type the server has
     * at its extremes (integers signed and unsigned, DECIMAL at full precision, FLOAT, DOUBLE, text
     * in latin1 and utf8mb4, binary strings with all 256 byte values, dates and times with
     * fractions, YEAR, BIT(1), BIT(13), BIT(64), ENUM, JSON, SET, FLOAT(M,D), DOUBLE(M,D), NULLs), inserted, updated and deleted in ROW format: the
     * binlog connector reads the source's values, {@code mariadb-binlog -v} prints them, and the
     * minisqld and MariaDB replicas hold the source's rows (row by row; CHECKSUM TABLE between the
     * two minisqld servers).
     */
    @Test
    void everyColumnTypeAtItsExtremesReachesBothReplicas() throws Exception {
        String columns = "id INT PRIMARY KEY, ti TINYINT, tu TINYINT UNSIGNED, si SMALLINT, su SMALLINT UNSIGNED,"
                + " mi MEDIUMINT, mu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, bu BIGINT UNSIGNED,"
                + " de DECIMAL(65,30), dn DECIMAL(5,2) UNSIGNED, f FLOAT, d DOUBLE, c CHAR(5) CHARACTER SET latin1,"
                + " vl VARCHAR(300) CHARACTER SET latin1, vu VARCHAR(300), tx TEXT, lt LONGTEXT CHARACTER SET latin1,"
                + " bn BINARY(4), vb VARBINARY(300), bl BLOB, dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL,"
                + " y YEAR, b1 BIT(1), e ENUM('small','medium','large'), j JSON, st SET('x','y','z'), b13 BIT(13),"
                + " b64 BIT(64), fm FLOAT(7,2), dm DOUBLE(10,3)";
        exec(source, "CREATE DATABASE IF NOT EXISTS r8", "CREATE TABLE r8.t (" + columns + ")");
        exec(source, "FLUSH LOGS");
        String file = rows(source, "SHOW MASTER STATUS").get(0).get(0);
        StringBuilder allBytes = new StringBuilder();
        for (int b = 0; b < 256; b++) allBytes.append(String.format("%02X", b));
        exec(source, "INSERT INTO r8.t VALUES (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648,"
                        + " 4294967295, -9223372036854775808, 18446744073709551615,"
                        + " -99999999999999999999999999999999999.999999999999999999999999999999, 999.99,"
                        + " -3.402823E38, 1.7976931348623157E308, 'ÿ€é', REPEAT('Ÿ', 300), REPEAT('😀', 150),"
                        + " 'text ✓', REPEAT('ä', 70000), X'00FF0080', X'" + allBytes + "', X'" + allBytes + "',"
                        + " '1000-01-01', '00:00:00.000000', '9999-12-31 23:59:59.999999', '2038-01-18 03:14:07.999999',"
                        + " 2155, b'1', 'large', '{\"k\": [1, \"v\", null, true]}', 'z,x', b'1000000000001',"
                        + " 18446744073709551615, 12345.678, -1234567.8915)",
                "INSERT INTO r8.t VALUES (2, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0,"
                        + " 99999999999999999999999999999999999.999999999999999999999999999999, 0, 1.17549435E-38,"
                        + " -2.2250738585072014E-308, '', '', '', '', '', X'00000000', X'', X'', '9999-12-31',"
                        + " '23:59:59.999999', '1000-01-01 00:00:00.000000', '2000-01-01 00:00:00.000001', 1901, b'0',"
                        + " 'small', '[]', '', 0, 1, 0, 0)",
                "INSERT INTO r8.t (id) VALUES (3)",
                "UPDATE r8.t SET ti = ti - 1, vl = 'changed', bl = NULL, j = '{\"k\": 2}', y = 0 WHERE id = 2",
                "UPDATE r8.t SET vu = 'now set', de = 0.000000000000000000000000000001, b64 = 9223372036854775808"
                        + " WHERE id = 3",
                "DELETE FROM r8.t WHERE id = 2");
        // the connector reads the source's first row back: integers (unsigned ones as the connector
        // hands them, signed), the DECIMAL, latin1 text as its bytes, all 256 byte values
        try (BinaryLogFileReader reader = new BinaryLogFileReader(source.datadir().resolve(file).toFile(),
                bytesForStrings())) {
            Serializable[] first = null;
            for (Event e = reader.readEvent(); e != null && first == null; e = reader.readEvent()) {
                if (e.getData() instanceof WriteRowsEventData w) first = w.getRows().get(0);
            }
            assertTrue(first != null, "a WRITE_ROWS event");
            assertEquals(List.of("1", "-128", "-1", "-32768", "-1", "-8388608", "-1", "-2147483648", "-1",
                    "-9223372036854775808", "-1", "-99999999999999999999999999999999999.999999999999999999999999999999",
                    "999.99"), Arrays.stream(first).limit(13).map(String::valueOf).toList());
            assertEquals("ff80e9", java.util.HexFormat.of().formatHex((byte[]) first[15]), "CHAR latin1 'ÿ€é'");
            assertEquals(allBytes.toString().toLowerCase(), java.util.HexFormat.of().formatHex((byte[]) first[21]));
        }
        Program.Result printed = Program.run(List.of(Program.existing(Program.MARIADB_BINLOG), "-v",
                "--base64-output=DECODE-ROWS", source.datadir().resolve(file).toString()), null, Duration.ofSeconds(60));
        // mariadb-binlog -v prints the rows as it prints MariaDB's own (integers also unsigned, DATE
        // with colons, BIT and SET as bits, ENUM as its index)
        assertEquals(0, printed.exitCode(), printed.stderr());
        String text = printed.stdout();
        assertTrue(text.contains("### INSERT INTO `r8`.`t`\n### SET\n###   @1=1\n###   @2=-128 (128)\n###   @3=-1 (255)\n"
                + "###   @4=-32768 (32768)\n###   @5=-1 (65535)\n###   @6=-8388608 (8388608)\n###   @7=-1 (16777215)\n"
                + "###   @8=-2147483648 (2147483648)\n###   @9=-1 (4294967295)\n"
                + "###   @10=-9223372036854775808 (9223372036854775808)\n###   @11=-1 (18446744073709551615)\n"
                + "###   @12=-99999999999999999999999999999999999.999999999999999999999999999999\n###   @13=999.99\n"), text);
        assertTrue(text.contains("###   @24='1000:01:01'\n###   @25='00:00:00.000000'\n"
                + "###   @26='9999-12-31 23:59:59.999999'\n"), text);
        assertTrue(text.contains("###   @28=2155\n###   @29=b'1'\n###   @30=3\n"
                + "###   @31='{\"k\": [1, \"v\", null, true]}'\n###   @32=b'00000101'\n###   @33=b'1000000000001'\n"
                + "###   @34=b'" + "1".repeat(64) + "'\n"), text);
        Replication.awaitCaughtUp(replica, source);
        Replication.awaitCaughtUp(mariadb, source);
        String select = "SELECT id, ti, tu, si, su, mi, mu, i, iu, bi, bu, de, dn, f, d, c, vl, vu, tx, lt, HEX(bn),"
                + " HEX(vb), HEX(bl), dt, tm, dtm, ts, y, b1 + 0, e, j, st, b13 + 0, b64 + 0, fm, dm FROM r8.t ORDER BY id";
        List<List<String>> expected = rows(source, select);
        assertEquals(2, expected.size());
        // FLOAT(7,2) and DOUBLE(10,3) hold their values rounded to their decimals
        assertEquals(List.of("12345.68", "-1234567.891"), expected.get(0).subList(34, 36));
        assertEquals(expected, rows(replica, select), "minisqld replica");
        assertEquals(rows(source, "CHECKSUM TABLE r8.t"), rows(replica, "CHECKSUM TABLE r8.t"));
        // MariaDB prints FLOAT, DOUBLE and JSON its own way: those compared as numbers and documents
        String comparable = select.replace(" f, d,", " ROUND(f / 1E30), ROUND(d / 1E300),")
                .replace(" j, st,", " JSON_EXTRACT(j, '$.k'), st,");
        List<List<String>> atSource = rows(source, comparable);
        try (Connection c = mariadb.newConnection()) {
            assertEquals(atSource, SqlRunner.on(c).rows(comparable), "MariaDB replica");
        }
    }

    /** The connector as its users set it for binary columns: string values as their bytes. */
    private static com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer bytesForStrings() {
        var d = new com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer();
        d.setCompatibilityMode(com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer
                .CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        return d;
    }

    /** The connector's values as text: strings and blobs it hands as bytes shown as text and hex. */
    private static String values(Serializable[] row) {
        List<String> out = new ArrayList<>();
        for (Serializable v : row) {
            if (v instanceof byte[] b) {
                String s = new String(b, StandardCharsets.UTF_8);
                out.add(s.chars().allMatch(ch -> ch >= 0x20 && ch != 0xFFFD) ? s : java.util.HexFormat.of().formatHex(b));
            } else {
                out.add(String.valueOf(v));
            }
        }
        return out.toString();
    }

    @Test
    void replicasHoldTheSourcesRowsIncludingValuesOnlyTheSourceCouldDraw() throws Exception {
        exec(source, "CREATE DATABASE IF NOT EXISTS r3", "USE r3",
                "CREATE TABLE r3.t (id INT AUTO_INCREMENT PRIMARY KEY, r DOUBLE, u CHAR(36), n DATETIME(6),"
                        + " txt TEXT, bl BLOB, y YEAR, tm TIME(3), f FLOAT, e ENUM('x', 'y'),"
                        + " lt LONGTEXT, mb MEDIUMBLOB)",
                "CREATE TABLE r3.audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(40))",
                "CREATE TRIGGER r3.t_ai AFTER INSERT ON r3.t FOR EACH ROW INSERT INTO r3.audit (what) VALUES (CONCAT('insert ', NEW.id))",
                "CREATE TABLE r3.parent (id INT PRIMARY KEY)",
                "CREATE TABLE r3.child (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES r3.parent (id) ON DELETE CASCADE)");
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("USE r3",
                    "INSERT INTO t (r, u, n, txt, bl, y, tm, f, e) VALUES (RAND(), UUID(), NOW(6), REPEAT('ü', 300),"
                            + " UNHEX('00010203FEFF'), 2026, '12:34:56.789', 1.5, 'y')",
                    "INSERT INTO t (r, u, n, txt, y, tm, f, e) VALUES (RAND(), UUID(), SYSDATE(6), NULL, 1999, '00:00:01', -0.25, 'x')",
                    // more than a TEXT's 65,535 bytes: LONGTEXT's and MEDIUMBLOB's wider length prefixes
                    "UPDATE t SET lt = REPEAT('é', 40000), mb = REPEAT(UNHEX('00FF'), 40000) WHERE id = 1",
                    "INSERT INTO t (r, u, n) SELECT RAND(), UUID(), NOW(6) FROM t",
                    "UPDATE t SET r = RAND() ORDER BY id LIMIT 2",
                    "INSERT INTO parent VALUES (1), (2)", "INSERT INTO child VALUES (10, 1), (11, 1), (20, 2)",
                    "DELETE FROM parent WHERE id = 1",
                    "BEGIN", "UPDATE t SET txt = 'in a transaction' WHERE id = 2", "DELETE FROM t WHERE id = 4", "COMMIT");
            // a 0 stored under NO_AUTO_VALUE_ON_ZERO stays 0 on the replicas (MySQL's row applier runs so)
            SqlRunner.on(c).executeAll("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')",
                    "INSERT INTO t (id, r) VALUES (0, 0.5)", "SET SESSION sql_mode = DEFAULT");
            // rows of a statement rolled back to a savepoint do not reach the replicas
            SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO t (id, r) VALUES (100, 1)", "SAVEPOINT s1",
                    "INSERT INTO t (id, r) VALUES (101, 1)", "UPDATE t SET r = 2 WHERE id = 100", "ROLLBACK TO SAVEPOINT s1",
                    "INSERT INTO t (id, r) VALUES (102, 1)", "COMMIT");
            // a temporary table's rows, and a permanent table's rows made from them
            SqlRunner.on(c).executeAll("CREATE TEMPORARY TABLE tmp (id INT PRIMARY KEY, r DOUBLE)",
                    "INSERT INTO tmp VALUES (200, 3), (201, 3)", "UPDATE tmp SET r = 4 WHERE id = 201",
                    "INSERT INTO t (id, r) SELECT id, r FROM tmp", "DROP TABLE tmp");
            // a rolled-back transaction leaves nothing
            SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO t (r) VALUES (0)", "ROLLBACK");
        }
        assertEquals(List.of(List.of("9")), rows(source, "SELECT COUNT(*) FROM r3.audit"));
        assertEquals(List.of(List.of("100", "1"), List.of("102", "1"), List.of("200", "3"), List.of("201", "4")),
                rows(source, "SELECT id, r FROM r3.t WHERE id >= 100 ORDER BY id"));
        assertEquals(List.of(List.of("20", "2")), rows(source, "SELECT id, p FROM r3.child"));
        Replication.awaitCaughtUp(replica, source);
        Replication.awaitCaughtUp(mariadb, source);
        for (String table : List.of("t", "audit", "parent", "child")) {
            String select = "SELECT * FROM r3." + table + " ORDER BY id";
            List<List<String>> expected = rows(source, select);
            assertEquals(expected, rows(replica, select), "minisqld replica, r3." + table);
            // and as pt-table-checksum users compare them
            String checksum = "CHECKSUM TABLE r3." + table;
            assertEquals(rows(source, checksum), rows(replica, checksum), checksum);
        }
        // MariaDB prints some types its own way: compare what both print alike
        assertTrue(rows(source, "SHOW CREATE TABLE r3.t").get(0).get(1).contains("`lt` longtext"));
        String comparable = "SELECT id, CAST(r * 1000000000000 AS SIGNED), u, n, txt, HEX(bl), y, tm, f, e, lt, HEX(mb)"
                + " FROM r3.t ORDER BY id";
        List<List<String>> expected = rows(source, comparable);
        try (Connection c = mariadb.newConnection()) {
            assertEquals(expected, SqlRunner.on(c).rows(comparable), "MariaDB replica");
            // the source's trigger ran once per row there; the replicas apply its rows and run none
            assertEquals(List.of(List.of("9")), SqlRunner.on(c).rows("SELECT COUNT(*) FROM r3.audit"));
            assertEquals(List.of(List.of("20", "2")), SqlRunner.on(c).rows("SELECT id, p FROM r3.child"));
        }
        Map<String, String> status = Replication.slaveStatus(replica);
        assertEquals("0", status.get("Last_SQL_Errno"), status.toString());
    }

    @Test
    void upsertsReplacesJoinsAndProceduresReplicateAsRows() throws Exception {
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE IF NOT EXISTS r5", "USE r5",
                    "CREATE TABLE a (id INT PRIMARY KEY, n INT, note VARCHAR(20))",
                    "CREATE TABLE b (id INT PRIMARY KEY, n INT)",
                    "CREATE TABLE nokey (x INT, y VARCHAR(10))",
                    "CREATE PROCEDURE bump(IN k INT) BEGIN UPDATE a SET n = n + k; INSERT INTO b VALUES (100 + k, k); END",
                    "INSERT INTO a VALUES (1, 1, 'one'), (2, 2, 'two'), (3, 3, 'three')",
                    "INSERT INTO b VALUES (1, 10), (2, 20)",
                    "INSERT INTO a VALUES (1, 0, 'dup') ON DUPLICATE KEY UPDATE n = n + 100",
                    "REPLACE INTO a VALUES (2, 22, 'replaced')",
                    "UPDATE a JOIN b ON a.id = b.id SET a.n = a.n + b.n, b.n = 0",
                    "DELETE a FROM a JOIN b ON a.id = b.id WHERE a.id = 2",
                    "CALL bump(5)",
                    "UPDATE a SET note = 'limited' ORDER BY id LIMIT 1",
                    // rows written, and logged, in the order asked: each id moves to one already freed
                    // (the engine's order, ascending, stopped the MariaDB replica with 1062)
                    "UPDATE b SET id = id + 1 ORDER BY id DESC",
                    // a table without a primary key: rows are found by their whole before image
                    "INSERT INTO nokey VALUES (1, 'x'), (1, 'x'), (2, 'y')",
                    "UPDATE nokey SET y = 'z' WHERE x = 1 LIMIT 1", "DELETE FROM nokey WHERE x = 2");
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.awaitCaughtUp(mariadb, source);
        for (String select : List.of("SELECT * FROM r5.a ORDER BY id", "SELECT * FROM r5.b ORDER BY id",
                "SELECT x, y, COUNT(*) FROM r5.nokey GROUP BY x, y ORDER BY x, y")) {
            List<List<String>> expected = rows(source, select);
            assertEquals(expected, rows(replica, select), "minisqld replica: " + select);
            try (Connection c = mariadb.newConnection()) {
                assertEquals(expected, SqlRunner.on(c).rows(select), "MariaDB replica: " + select);
            }
        }
        assertEquals(List.of(List.of("1", "116", "limited"), List.of("3", "8", "three")),
                rows(source, "SELECT * FROM r5.a ORDER BY id"));
    }

    @Test
    void binlogFormatIsAPerSessionChoiceWithMysqlsRules() throws Exception {
        try (Connection c = source.newConnection()) {
            SqlRunner sql = SqlRunner.on(c);
            assertEquals(List.of(List.of("ROW", "ROW", "FULL", "0", "8192")), sql.rows("SELECT @@GLOBAL.binlog_format,"
                    + " @@SESSION.binlog_format, @@binlog_row_image, @@binlog_rows_query_log_events,"
                    + " @@binlog_row_event_max_size"));
            sql.executeAll("CREATE DATABASE IF NOT EXISTS r4", "CREATE TABLE r4.t (id INT PRIMARY KEY, v INT)", "BEGIN",
                    "INSERT INTO r4.t VALUES (1, 1)");
            SQLException inside = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> sql.execute("SET SESSION binlog_format = 'STATEMENT'"));
            assertEquals(1679, inside.getErrorCode());
            assertTrue(inside.getMessage().endsWith("Cannot modify @@session.binlog_format inside a transaction"),
                    inside.getMessage());
            sql.executeAll("COMMIT", "SET SESSION binlog_format = 'STATEMENT'");
            long from = position();
            sql.executeAll("UPDATE r4.t SET v = 2");
            // no default database: no "use"
            assertEquals("Query UPDATE r4.t SET v = 2", eventsFrom(from).get(1));
            // MIXED: a safe statement as text, an unsafe one as rows
            sql.executeAll("SET SESSION binlog_format = 'MIXED'");
            from = position();
            sql.executeAll("UPDATE r4.t SET v = 3", "UPDATE r4.t SET v = LENGTH(UUID()) - 30");
            List<String> events = eventsFrom(from);
            assertEquals("Query UPDATE r4.t SET v = 3", events.get(1), events.toString());
            assertTrue(events.get(4).startsWith("Table_map") && events.get(5).startsWith("Update_rows"), events.toString());
            // MINIMAL images and the statement beside its rows
            sql.executeAll("SET SESSION binlog_format = 'ROW'", "SET SESSION binlog_row_image = 'MINIMAL'",
                    "SET SESSION binlog_rows_query_log_events = ON");
            sql.executeAll("FLUSH LOGS");
            String file = sql.rows("SHOW MASTER STATUS").get(0).get(0);
            sql.executeAll("UPDATE r4.t SET v = 4 WHERE id = 1");
            List<String> minimal = new ArrayList<>();
            for (List<String> e : sql.rows("SHOW BINLOG EVENTS IN '" + file + "'")) {
                if (!gtidEvent(e.get(2))) minimal.add(e.get(2) + " " + e.get(5));
            }
            // MySQL's order: BEGIN, the statement, its maps, its rows
            assertEquals("Rows_query # UPDATE r4.t SET v = 4 WHERE id = 1", minimal.get(2), minimal.toString());
            Program.Result out = Program.run(List.of(Program.existing(Program.MARIADB_BINLOG), "-v",
                    "--base64-output=DECODE-ROWS", source.datadir().resolve(file).toString()), null, Duration.ofSeconds(60));
            assertTrue(out.stdout().contains("### UPDATE `r4`.`t`\n### WHERE\n###   @1=1\n### SET\n###   @2=4\n"),
                    out.stdout());
        }
        Replication.awaitCaughtUp(replica, source);
        assertEquals(List.of(List.of("1", "4")), rows(replica, "SELECT * FROM r4.t"));
    }

    /**
     * Temporary tables stay out of a ROW-format binlog, as MySQL 5.7 keeps them (16.4.1.29
     * "Replication and Temporary Tables"): CREATE TEMPORARY TABLE, ALTER, TRUNCATE and CREATE INDEX
     * of one are not logged, a drop is a DROP TEMPORARY TABLE IF EXISTS the server generates,
     * and a session with temporary tables cannot leave ROW format (1559). Before, each was logged
     * as written, so two sessions using one temporary table name at once stopped both replicas'
     * SQL threads with 1050.
     */
    @Test
    void temporaryTablesStayOutOfTheRowFormatBinlog() throws Exception {
        try (Connection a = source.newConnection(); Connection b = source.newConnection()) {
            SqlRunner sa = SqlRunner.on(a);
            SqlRunner sb = SqlRunner.on(b);
            sa.executeAll("CREATE DATABASE IF NOT EXISTS r6", "USE r6", "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)");
            sb.executeAll("USE r6");
            long from = position();
            sa.executeAll("CREATE TEMPORARY TABLE work (id INT)", "INSERT INTO work VALUES (1)");
            sb.executeAll("CREATE TEMPORARY TABLE work (id INT)", "INSERT INTO work VALUES (2)");
            sa.executeAll("ALTER TABLE work ADD COLUMN n INT", "CREATE INDEX wi ON work (id)", "INSERT INTO t SELECT id FROM work");
            sb.executeAll("TRUNCATE TABLE work", "INSERT INTO work VALUES (3)", "INSERT INTO t SELECT id FROM work");
            SQLException out = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> sa.execute("SET SESSION binlog_format = 'STATEMENT'"));
            assertEquals(1559, out.getErrorCode());
            assertTrue(out.getMessage().endsWith("Cannot switch out of the row-based binary log format when the session"
                    + " has open temporary tables"), out.getMessage());
            sa.executeAll("DROP TEMPORARY TABLE work");
            sb.executeAll("DROP TABLE work");
            List<String> queries = eventsFrom(from).stream().filter(e -> e.startsWith("Query ") && !e.endsWith("BEGIN"))
                    .toList();
            assertEquals(List.of("Query use `r6`; DROP TEMPORARY TABLE IF EXISTS `work` /* generated by server */",
                    "Query use `r6`; DROP TEMPORARY TABLE IF EXISTS `work` /* generated by server */"), queries);
            sa.executeAll("SET SESSION binlog_format = 'STATEMENT'", "SET SESSION binlog_format = 'ROW'");
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.awaitCaughtUp(mariadb, source);
        assertEquals(List.of(List.of("1"), List.of("3")), rows(replica, "SELECT id FROM r6.t ORDER BY id"));
        try (Connection c = mariadb.newConnection()) {
            assertEquals(List.of(List.of("1"), List.of("3")), SqlRunner.on(c).rows("SELECT id FROM r6.t ORDER BY id"));
        }
    }

    /**
     * A replica that logs what it applies (log_slave_updates) in STATEMENT format cannot log a
     * source's rows: its SQL thread stops with 1664 at the first row event, as MySQL 5.7's, rather
     * than logging them in a form its own replicas would read differently.
     */
    @Test
    void aStatementFormatReplicaLoggingUpdatesStopsAtRowEventsWith1664() throws Exception {
        exec(source, "CREATE DATABASE IF NOT EXISTS r1664", "CREATE TABLE r1664.t (id INT PRIMARY KEY)",
                "INSERT INTO r1664.t VALUES (1)");
        MinisqldHarness stmt = topology.start(MinisqldHarness.inProcess().name("stmt-replica").serverId(3).logBin()
                .options("--log-slave-updates", "--binlog-format=STATEMENT"));
        Replication.startReplica(stmt, source.port());
        io.minisqld.testcommon.Poll.until("the SQL thread's 1664", Duration.ofSeconds(30),
                () -> "1664".equals(Replication.slaveStatus(stmt).get("Last_SQL_Errno")));
        java.util.Map<String, String> status = Replication.slaveStatus(stmt);
        assertEquals("No", status.get("Slave_SQL_Running"), status.toString());
        assertTrue(status.get("Last_SQL_Error").contains("Cannot execute statement: impossible to write to binary log"
                + " since statement is in row format and BINLOG_FORMAT = STATEMENT."), status.toString());
        stmt.execute("STOP SLAVE");
    }
}
