package io.minisqld.server.binlog.commit;

import static io.minisqld.server.binlog.commit.ShowBinlog.binlogEvents;
import static io.minisqld.server.binlog.commit.ShowBinlog.masterStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.BinaryLogFileReader;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.FormatDescriptionEventData;
import com.github.shyiko.mysql.binlog.event.IntVarEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.ChecksumType;
import io.minisqld.server.binlog.commit.ShowBinlog.EventRow;
import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binlog a running server writes for DDL, autocommit and multi-statement transactions,
 * rollbacks, read-only transactions, CREATE USER and FLUSH LOGS, read by the real
 * {@code mariadb-binlog} and by mysql-binlog-connector-java: both see the statements, positions,
 * XIDs and checksums SHOW BINLOG EVENTS reports. The servers log in STATEMENT format, whose events
 * these tools print as SQL; ROW format's events through the same tools: RowFormatBinlogTest.
 */
class BinlogFilesReadByToolsTest {
    private static final String FILE1 = "mysql-bin.000001";
    private static final String FILE2 = "mysql-bin.000002";
    private static final String CREATE_TABLE = "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))";
    private static final String INSERT_A = "INSERT INTO t (v) VALUES ('a')";
    private static final String INSERT_B = "INSERT INTO t (v) VALUES ('b')";
    private static final String UPDATE_B = "UPDATE t SET v = 'bb' WHERE id = 2";
    private static final String INSERT_C = "INSERT INTO t (v) VALUES ('c')";
    private static final String CREATE_USER_LOGGED = "CREATE USER 'rep'@'%' IDENTIFIED WITH 'mysql_native_password' AS '"
            + nativePasswordHash("pw") + "'";
    /** One event line of mariadb-binlog's output: date, server id, end_log_pos, optional CRC32, what it is. */
    private static final Pattern EVENT_LINE = Pattern.compile(
            "^#\\d{6} [ \\d]\\d:\\d\\d:\\d\\d server id (\\d+)  end_log_pos (\\d+) (?:CRC32 0x([0-9a-f]{8}) )?\t(.*)$");

    private static MinisqldHarness server;
    private static MinisqldHarness noChecksum;
    private static List<EventRow> file1;
    private static List<EventRow> file2;
    private static List<String> statusAfterWorkload;
    private static long threadId;
    private static long cId;

    @BeforeAll
    static void runWorkload() throws Exception {
        server = MinisqldHarness.inProcess().name("tools").serverId(1).logBin().options("--binlog-format=STATEMENT").start();
        try (Connection c = server.newConnection()) {
            threadId = Long.parseLong(SqlRunner.on(c).rows("SELECT CONNECTION_ID()").get(0).get(0));
            SqlRunner.on(c).executeAll("CREATE DATABASE shop", "USE shop", CREATE_TABLE, INSERT_A,
                    "BEGIN", INSERT_B, UPDATE_B, "COMMIT");
            List<String> beforeRollback = masterStatus(c);
            SqlRunner.on(c).executeAll("BEGIN", "INSERT INTO t (v) VALUES ('gone')", "ROLLBACK");
            assertEquals(beforeRollback, masterStatus(c), "a rolled-back transaction writes nothing");
            SqlRunner.on(c).executeAll("BEGIN");
            assertEquals(List.of(List.of("2")), SqlRunner.on(c).rows("SELECT COUNT(*) FROM t"));
            SqlRunner.on(c).executeAll("COMMIT");
            assertEquals(beforeRollback, masterStatus(c), "a read-only transaction writes nothing");
            SqlRunner.on(c).executeAll("CREATE USER 'rep'@'%' IDENTIFIED BY 'pw'", "FLUSH LOGS", INSERT_C);
            cId = Long.parseLong(SqlRunner.on(c).rows("SELECT id FROM t WHERE v = 'c'").get(0).get(0));
            statusAfterWorkload = masterStatus(c);
            file1 = binlogEvents(c, "SHOW BINLOG EVENTS IN '" + FILE1 + "'");
            file2 = binlogEvents(c, "SHOW BINLOG EVENTS IN '" + FILE2 + "'");
        }
        noChecksum = MinisqldHarness.inProcess().name("nocrc").serverId(1).logBin()
                .options("--binlog-checksum=NONE", "--binlog-format=STATEMENT").start();
        try (Connection c = noChecksum.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE shop", "USE shop", CREATE_TABLE, INSERT_A, "FLUSH LOGS");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
        if (noChecksum != null) noChecksum.close();
    }

    private static long xid(EventRow r) {
        Matcher m = Pattern.compile("COMMIT /\\* xid=(\\d+) \\*/").matcher(r.info());
        assertTrue(m.matches(), r.toString());
        return Long.parseLong(m.group(1));
    }

    @Test
    void showBinlogEventsListsEveryCommittedStatementInOrder() {
        List<String> types = file1.stream().map(EventRow::eventType).toList();
        // MySQL 5.7's layout: PREVIOUS_GTIDS after the FDE, an ANONYMOUS_GTID before each transaction (B.3)
        assertEquals(List.of("Format_desc", "Previous_gtids", "Anonymous_Gtid", "Query", "Anonymous_Gtid", "Query",
                "Anonymous_Gtid", "Query", "Intvar", "Query", "Xid", "Anonymous_Gtid", "Query", "Intvar", "Query", "Query",
                "Xid", "Anonymous_Gtid", "Query", "Rotate"), types, file1.toString());
        assertEquals("SET @@SESSION.GTID_NEXT= 'ANONYMOUS'", file1.get(2).info());
        List<String> infos = file1.stream().map(EventRow::info).toList();
        assertEquals("Server ver: 5.7.44-minisqld, Binlog ver: 4", infos.get(0));
        assertEquals("CREATE DATABASE shop", infos.get(3));
        assertEquals("use `shop`; " + CREATE_TABLE, infos.get(5));
        assertEquals("BEGIN", infos.get(7));
        assertEquals("INSERT_ID=1", infos.get(8));
        assertEquals("use `shop`; " + INSERT_A, infos.get(9));
        long xid1 = xid(file1.get(10));
        assertEquals("BEGIN", infos.get(12));
        assertEquals("INSERT_ID=2", infos.get(13));
        assertEquals("use `shop`; " + INSERT_B, infos.get(14));
        assertEquals("use `shop`; " + UPDATE_B, infos.get(15));
        assertTrue(xid(file1.get(16)) > xid1, file1.toString());
        assertEquals("use `shop`; " + CREATE_USER_LOGGED, infos.get(18));
        assertEquals(FILE2 + ";pos=4", infos.get(19));

        long pos = 4;
        for (EventRow r : file1) {
            assertEquals(FILE1, r.logName());
            assertEquals(1, r.serverId());
            assertEquals(pos, r.pos(), r.toString());
            assertTrue(r.endLogPos() > r.pos(), r.toString());
            pos = r.endLogPos();
        }
        assertEquals(List.of("Format_desc", "Previous_gtids", "Anonymous_Gtid", "Query", "Intvar", "Query", "Xid"),
                file2.stream().map(EventRow::eventType).toList(), file2.toString());
        assertEquals("INSERT_ID=" + cId, file2.get(4).info());
        assertEquals("use `shop`; " + INSERT_C, file2.get(5).info());
        assertEquals(List.of(FILE2, Long.toString(file2.get(6).endLogPos())), statusAfterWorkload);
    }

    /** mariadb-binlog's "# at" offsets and event lines of one file, in order. */
    private record Printed(List<Long> at, List<Matcher> events) {
        static Printed of(String out) {
            List<Long> at = new ArrayList<>();
            List<Matcher> events = new ArrayList<>();
            for (String line : out.lines().toList()) {
                if (line.startsWith("# at ")) at.add(Long.parseLong(line.substring(5).strip()));
                Matcher m = EVENT_LINE.matcher(line);
                if (m.matches()) events.add(m);
            }
            return new Printed(at, events);
        }
    }

    private static void assertSamePositions(List<EventRow> shown, Printed printed, String out) {
        assertEquals(shown.size(), printed.events().size(), out);
        for (int i = 0; i < shown.size(); i++) {
            assertEquals(shown.get(i).pos(), printed.at().get(i), "# at of event " + i + "\n" + out);
            assertEquals(shown.get(i).endLogPos(), Long.parseLong(printed.events().get(i).group(2)),
                    "end_log_pos of event " + i + "\n" + out);
            assertEquals("1", printed.events().get(i).group(1));
        }
    }

    @Test
    void mariadbBinlogPrintsTheStatementsAtTheShownPositions() throws Exception {
        Program.Result run = mariadbBinlog(server.datadir().resolve(FILE1).toString());
        assertEquals(0, run.exitCode(), run.output());
        String out = run.output();
        Printed printed = Printed.of(out);
        assertSamePositions(file1, printed, out);
        List<String> kinds = printed.events().stream().map(m -> m.group(4)).toList();
        assertTrue(kinds.get(0).startsWith("Start: binlog v 4, server v 5.7.44-minisqld created"), kinds.get(0));
        String query = "Query\tthread_id=" + threadId + "\texec_time=0\terror_code=0";
        for (int i : new int[] {3, 5, 7, 9, 12, 14, 15, 18}) {
            assertTrue(kinds.get(i).startsWith(query), "event " + i + ": " + kinds.get(i));
        }
        assertEquals("Intvar", kinds.get(8));
        assertEquals("Xid = " + xid(file1.get(10)), kinds.get(10));
        assertEquals("Intvar", kinds.get(13));
        assertEquals("Xid = " + xid(file1.get(16)), kinds.get(16));
        assertEquals("Rotate to " + FILE2 + "  pos: 4", kinds.get(19));
        for (Matcher m : printed.events()) assertTrue(m.group(3) != null, "CRC32 printed: " + m.group(0));

        assertTrue(out.contains("\nCREATE DATABASE shop\n/*!*/;\n"), out);
        assertTrue(out.contains("use `shop`/*!*/;\n"), out);
        assertTrue(out.contains("\n" + CREATE_TABLE + "\n/*!*/;\n"), out);
        assertTrue(out.contains("\nBEGIN\n/*!*/;\n"), out);
        assertTrue(out.contains("SET INSERT_ID=1/*!*/;\n"), out);
        assertTrue(out.contains("SET INSERT_ID=2/*!*/;\n"), out);
        assertTrue(out.contains("\n" + INSERT_A + "\n/*!*/;\n"), out);
        assertTrue(out.contains("\n" + INSERT_B + "\n/*!*/;\n"), out);
        assertTrue(out.contains("\n" + UPDATE_B + "\n/*!*/;\n"), out);
        assertTrue(out.contains("\tXid = " + xid(file1.get(16)) + "\nCOMMIT/*!*/;\n"), out);
        assertTrue(out.contains("\n" + CREATE_USER_LOGGED + "\n/*!*/;\n"), out);
        assertFalse(out.contains("'pw'"), "no clear-text password in the binlog: " + out);
        assertFalse(out.contains("gone"), "the rolled-back insert is absent: " + out);
        assertFalse(out.contains("COUNT(*)"), "the read-only transaction is absent: " + out);
        assertFalse(out.contains("Warning: this binlog is either in use"), "closed by FLUSH LOGS: " + out);

        Program.Result second = mariadbBinlog(server.datadir().resolve(FILE2).toString());
        assertEquals(0, second.exitCode(), second.output());
        assertSamePositions(file2, Printed.of(second.output()), second.output());
        assertTrue(second.output().contains("SET INSERT_ID=" + cId + "/*!*/;\n"), second.output());
        assertTrue(second.output().contains("\n" + INSERT_C + "\n/*!*/;\n"), second.output());
        assertTrue(second.output().contains("# Warning: this binlog is either in use or was not closed properly."),
                "the current file is open: " + second.output());

        Program.Result verify = mariadbBinlog("--verify-binlog-checksum", server.datadir().resolve(FILE1).toString(),
                server.datadir().resolve(FILE2).toString());
        assertEquals(0, verify.exitCode(), verify.output());
    }

    @Test
    void mariadbBinlogVerifiesABinlogWithoutChecksums() throws Exception {
        List<EventRow> shown;
        try (Connection c = noChecksum.newConnection()) {
            shown = binlogEvents(c, "SHOW BINLOG EVENTS IN '" + FILE1 + "'");
        }
        assertEquals(List.of("Format_desc", "Previous_gtids", "Anonymous_Gtid", "Query", "Anonymous_Gtid", "Query",
                "Anonymous_Gtid", "Query", "Intvar", "Query", "Xid", "Rotate"),
                shown.stream().map(EventRow::eventType).toList(), shown.toString());
        Program.Result verify = mariadbBinlog("--verify-binlog-checksum", noChecksum.datadir().resolve(FILE1).toString());
        assertEquals(0, verify.exitCode(), verify.output());
        Printed printed = Printed.of(verify.output());
        assertSamePositions(shown, printed, verify.output());
        for (Matcher m : printed.events()) assertEquals(null, m.group(3), "no CRC32 with NONE: " + m.group(0));
        assertFalse(verify.output().contains("CRC32"), verify.output());
        assertTrue(verify.output().contains("\n" + INSERT_A + "\n/*!*/;\n"), verify.output());
        assertTrue(verify.output().contains("Rotate to " + FILE2 + "  pos: 4"), verify.output());

        List<Event> events = readWithConnector(noChecksum.datadir().resolve(FILE1));
        assertEquals(ChecksumType.NONE, ((FormatDescriptionEventData) events.get(0).getData()).getChecksumType());
        assertConnectorPositions(shown, events);
    }

    private static List<Event> readWithConnector(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (BinaryLogFileReader reader = new BinaryLogFileReader(file.toFile())) {
            Event e;
            while ((e = reader.readEvent()) != null) events.add(e);
        }
        return events;
    }

    private static void assertConnectorPositions(List<EventRow> shown, List<Event> events) {
        assertEquals(shown.size(), events.size());
        for (int i = 0; i < events.size(); i++) {
            EventHeaderV4 h = events.get(i).getHeader();
            assertEquals(shown.get(i).pos(), h.getPosition(), "event " + i);
            assertEquals(shown.get(i).endLogPos(), h.getNextPosition(), "event " + i);
            assertEquals(1, h.getServerId());
        }
    }

    /** Checks each event's CRC32 (the last four bytes, little-endian) over the bytes before it. */
    private static void assertCrc32(Path file, List<Event> events) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (Event e : events) {
            EventHeaderV4 h = e.getHeader();
            int start = (int) h.getPosition();
            int end = (int) h.getNextPosition();
            assertEquals(h.getEventLength(), end - start, "event at " + start);
            // MySQL computes an FDE's CRC with LOG_EVENT_BINLOG_IN_USE_F (0x1 of the flags at offset
            // 17) clear, so that the flag can be cleared at close without rewriting the CRC
            byte[] covered = Arrays.copyOfRange(bytes, start, end - 4);
            if (h.getEventType() == EventType.FORMAT_DESCRIPTION) covered[17] &= (byte) ~0x01;
            CRC32 crc = new CRC32();
            crc.update(covered);
            long stored = ByteBuffer.wrap(bytes, end - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            assertEquals(crc.getValue(), stored, "CRC32 of the event at " + start);
        }
    }

    @Test
    void mysqlBinlogConnectorParsesTheSameFiles() throws IOException {
        List<Event> events = readWithConnector(server.datadir().resolve(FILE1));
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.PREVIOUS_GTIDS, EventType.ANONYMOUS_GTID,
                        EventType.QUERY, EventType.ANONYMOUS_GTID, EventType.QUERY, EventType.ANONYMOUS_GTID, EventType.QUERY,
                        EventType.INTVAR, EventType.QUERY, EventType.XID, EventType.ANONYMOUS_GTID, EventType.QUERY,
                        EventType.INTVAR, EventType.QUERY, EventType.QUERY, EventType.XID, EventType.ANONYMOUS_GTID,
                        EventType.QUERY, EventType.ROTATE),
                events.stream().map(e -> e.getHeader().getEventType()).toList());
        assertConnectorPositions(file1, events);

        FormatDescriptionEventData fde = events.get(0).getData();
        assertEquals(ChecksumType.CRC32, fde.getChecksumType());
        assertEquals(4, fde.getBinlogVersion());
        assertEquals("5.7.44-minisqld", fde.getServerVersion());
        assertCrc32(server.datadir().resolve(FILE1), events);
        assertEquals(0, Files.readAllBytes(server.datadir().resolve(FILE1))[4 + 17] & 0x01,
                "FLUSH LOGS cleared LOG_EVENT_BINLOG_IN_USE_F in the closed file's FDE");
        assertEquals(1, Files.readAllBytes(server.datadir().resolve(FILE2))[4 + 17] & 0x01, "the current file is in use");

        QueryEventData createDb = events.get(3).getData();
        assertEquals("", createDb.getDatabase());
        assertEquals("CREATE DATABASE shop", createDb.getSql());
        assertEquals(threadId, createDb.getThreadId());
        assertEquals(0, createDb.getErrorCode());
        QueryEventData ddl = events.get(5).getData();
        assertEquals("shop", ddl.getDatabase());
        assertEquals(CREATE_TABLE, ddl.getSql());
        assertEquals("BEGIN", ((QueryEventData) events.get(7).getData()).getSql());
        IntVarEventData insertId = events.get(8).getData();
        assertEquals(2, insertId.getType(), "INSERT_ID_EVENT");
        assertEquals(1, insertId.getValue());
        assertEquals(INSERT_A, ((QueryEventData) events.get(9).getData()).getSql());
        assertEquals(xid(file1.get(10)), ((XidEventData) events.get(10).getData()).getXid());
        assertEquals(2, ((IntVarEventData) events.get(13).getData()).getValue());
        assertEquals(INSERT_B, ((QueryEventData) events.get(14).getData()).getSql());
        assertEquals(UPDATE_B, ((QueryEventData) events.get(15).getData()).getSql());
        assertEquals(xid(file1.get(16)), ((XidEventData) events.get(16).getData()).getXid());
        assertEquals(CREATE_USER_LOGGED, ((QueryEventData) events.get(18).getData()).getSql());
        RotateEventData rotate = events.get(19).getData();
        assertEquals(FILE2, rotate.getBinlogFilename());
        assertEquals(4, rotate.getBinlogPosition());

        List<Event> second = readWithConnector(server.datadir().resolve(FILE2));
        assertEquals(List.of(EventType.FORMAT_DESCRIPTION, EventType.PREVIOUS_GTIDS, EventType.ANONYMOUS_GTID,
                EventType.QUERY, EventType.INTVAR, EventType.QUERY, EventType.XID), second.stream().map(e -> e.getHeader().getEventType()).toList());
        assertConnectorPositions(file2, second);
        assertCrc32(server.datadir().resolve(FILE2), second);
        assertEquals(INSERT_C, ((QueryEventData) second.get(5).getData()).getSql());
        assertEquals(xid(file2.get(6)), ((XidEventData) second.get(6).getData()).getXid());
    }

    /**
     * row-events-gtid-mts.md §A.10: a statement calling RAND() is preceded by a RAND event with the
     * session's seeds, and one asking NOW(6) carries the time's microseconds (Q_MICROSECONDS);
     * mariadb-binlog prints both as the SET statements that make a replay draw and store the same.
     */
    @Test
    void mariadbBinlogPrintsRandSeedsAndTheMicroseconds() throws Exception {
        try (MinisqldHarness det = MinisqldHarness.inProcess().name("det").serverId(1).logBin()
                .options("--binlog-format=STATEMENT").start();
             Connection c = det.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE d", "CREATE TABLE d.t (r DOUBLE, n DATETIME(6))",
                    "INSERT INTO d.t VALUES (RAND(), NOW(6))");
            List<EventRow> events = binlogEvents(c, "SHOW BINLOG EVENTS");
            EventRow rand = events.stream().filter(e -> e.eventType().equals("RAND")).findFirst().orElseThrow();
            Matcher seeds = Pattern.compile("rand_seed1=(\\d+),rand_seed2=(\\d+)").matcher(rand.info());
            assertTrue(seeds.matches(), rand.toString());
            java.time.LocalDateTime stored = java.time.LocalDateTime.parse(
                    SqlRunner.on(c).rows("SELECT n FROM d.t").get(0).get(0).replace(' ', 'T'));
            long n = stored.atZone(java.time.ZoneId.systemDefault()).toEpochSecond();
            String micros = String.format("%06d", stored.getNano() / 1000);
            Program.Result out = mariadbBinlog(det.datadir().resolve(FILE1).toString());
            assertEquals(0, out.exitCode(), out.toString());
            assertTrue(out.stdout().contains("SET @@RAND_SEED1=" + seeds.group(1) + ", @@RAND_SEED2=" + seeds.group(2)),
                    out.stdout());
            assertTrue(out.stdout().contains("SET TIMESTAMP=" + n + "." + micros + "/*!*/;"), out.stdout());
        }
    }

    /** Runs the real {@code mariadb-binlog} with {@code args}. */
    private static Program.Result mariadbBinlog(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Program.existing(Program.MARIADB_BINLOG)));
        cmd.addAll(List.of(args));
        return Program.run(cmd, null, Duration.ofSeconds(60));
    }

    /** MySQL's mysql_native_password hash: '*' and the upper-case hex of SHA1(SHA1(password)). */
    private static String nativePasswordHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().formatHex(sha1.digest(stage1)).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
