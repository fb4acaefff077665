package io.minisqld.server.binlog.event;

import io.minisqld.server.binlog.event.QueryStatusVariables.Charset;
import io.minisqld.server.binlog.event.codec.ChecksumMismatchException;
import io.minisqld.server.binlog.event.codec.DecodeContext;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.charset.MysqlCharset;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EventFramingTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace("|", " ").trim().replaceAll("\\s+", " "));
    }

    private static long crcOf(byte[] b, int len) {
        CRC32 c = new CRC32();
        c.update(b, 0, len);
        return c.getValue();
    }

    /** Decodes an event of a stream whose FDE declared {@code checksum}. */
    private static BinlogEvent decode(byte[] event, ChecksumAlgorithm checksum) throws EventFormatException {
        return EventFraming.decode(event, DecodeContext.assuming(checksum));
    }

    private static long storedCrc(byte[] event) {
        int n = event.length;
        return (event[n - 4] & 0xFFL) | (event[n - 3] & 0xFFL) << 8 | (event[n - 2] & 0xFFL) << 16
                | (event[n - 1] & 0xFFL) << 24;
    }

    /** protocol.md §3.14.1: the BEGIN query event at 256, thread 7, db test, 21 bytes of status variables. */
    @Test
    void beginQueryMatchesTheSpecBytes() throws EventFormatException {
        QueryStatusVariables vars = new QueryStatusVariables(0L, 0x54200000L, null, null, new Charset(45, 45, 45),
                null, null, null, null);
        byte[] event = EventFraming.encode(new EventHeaderFields(0x5F000000L, 1, 0),
                new QueryEvent(7, 0, 0, "test", "BEGIN", vars), 256, ChecksumAlgorithm.CRC32);

        byte[] expected = hex("""
                00 00 00 5F | 02 | 01 00 00 00 | 43 00 00 00 | 43 01 00 00 | 00 00
                07 00 00 00 | 00 00 00 00 | 04 | 00 00 | 15 00
                00 00 00 00 00 | 01 00 00 20 54 00 00 00 00 | 04 2d 00 2d 00 2d 00
                74 65 73 74 00
                42 45 47 49 4e""");
        assertEquals(67, event.length);
        assertArrayEquals(expected, Arrays.copyOf(event, 63));
        assertEquals(crcOf(event, 63), storedCrc(event));

        BinlogEvent decoded = decode(event, ChecksumAlgorithm.CRC32);
        assertEquals(new EventHeader(0x5F000000L, 2, 1, 67, 323, 0), decoded.header());
        assertEquals(new QueryEvent(7, 0, 0, "test", "BEGIN", vars), decoded.body());
    }

    /** protocol.md §3.14.1: the fake rotate for javamini-bin.000001 at 4. */
    @Test
    void fakeRotateMatchesTheSpecBytes() throws EventFormatException {
        byte[] event = EventFraming.encodeWithLogPos(new EventHeaderFields(0, 1, EventFlags.ARTIFICIAL),
                new RotateEvent(4, "javamini-bin.000001"), 0, ChecksumAlgorithm.CRC32);
        byte[] expected = hex("""
                00 00 00 00 | 04 | 01 00 00 00 | 32 00 00 00 | 00 00 00 00 | 20 00
                04 00 00 00 00 00 00 00 | 6a 61 76 61 6d 69 6e 69 2d 62 69 6e 2e 30 30 30 30 30 31""");
        assertEquals(50, event.length);
        assertArrayEquals(expected, Arrays.copyOf(event, 46));
        assertEquals(crcOf(event, 46), storedCrc(event));
        assertEquals(new RotateEvent(4, "javamini-bin.000001"), decode(event, ChecksumAlgorithm.CRC32).body());
    }

    @Test
    void formatDescriptionHasMySql57Layout() throws EventFormatException {
        String version = "5.7.44-minisqld-0.1.0-log";
        byte[] event = EventFraming.encode(new EventHeaderFields(1_700_000_000L, 1, EventFlags.BINLOG_IN_USE),
                FormatDescriptionEvent.mysql57(version, 1_700_000_000L, ChecksumAlgorithm.CRC32), 4,
                ChecksumAlgorithm.CRC32);
        // 19 header + 2 + 50 + 4 + 1 + 38 post-header lengths + 1 algorithm + 4 CRC, as MySQL 5.7 (next event at 123).
        assertEquals(119, event.length);
        assertArrayEquals(hex("00 f1 53 65 | 0f | 01 00 00 00 | 77 00 00 00 | 7b 00 00 00 | 01 00 | 04 00"),
                Arrays.copyOf(event, 21));
        assertEquals(version, new String(event, 21, version.length(), StandardCharsets.US_ASCII));
        assertEquals(0, event[21 + version.length()]);
        assertArrayEquals(hex("00 f1 53 65 13"), Arrays.copyOfRange(event, 71, 76));
        assertArrayEquals(hex("""
                38 0d 00 08 00 12 00 04 04 04 04 12 00 00 5f 00 04 1a 08 00 00 00 08 08 08 02 00 00 00
                0a 0a 0a 2a 2a 00 12 34 00 01"""), Arrays.copyOfRange(event, 76, 115));

        // The CRC is that of the event with the in-use flag clear (MySQL's FDE rule, §3.3).
        byte[] clear = event.clone();
        clear[17] = 0;
        assertEquals(crcOf(clear, 115), storedCrc(event));

        BinlogEvent decoded = decode(event, ChecksumAlgorithm.NONE);
        FormatDescriptionEvent fde = (FormatDescriptionEvent) decoded.body();
        assertEquals(version, fde.serverVersion());
        assertEquals(ChecksumAlgorithm.CRC32, fde.checksumAlgorithm());
        assertEquals(95, fde.postHeaderLength(EventType.FORMAT_DESCRIPTION.code()));
        assertEquals(13, fde.postHeaderLength(EventType.QUERY.code()));
        assertEquals(38, fde.postHeaderLengths().length);
        assertEquals(EventFlags.BINLOG_IN_USE, decoded.header().flags());
    }

    @Test
    void formatDescriptionDeclaringNoneStillCarriesItsCrcSlot() throws EventFormatException {
        byte[] event = EventFraming.encode(EventHeaderFields.of(1, 1),
                FormatDescriptionEvent.mysql57("5.7.44-minisqld", 0, ChecksumAlgorithm.NONE), 4, ChecksumAlgorithm.NONE);
        assertEquals(119, event.length);
        assertEquals(0, event[114], "algorithm byte");
        assertEquals(crcOf(event, 115), storedCrc(event));
        assertEquals(ChecksumAlgorithm.NONE, EventFraming.declaredChecksum(event));
        assertEquals(-1, EventFraming.storedCrc(event, ChecksumAlgorithm.NONE));
        // Without CRC32 declared, readers do not check the slot.
        event[115] ^= 1;
        assertEquals(ChecksumAlgorithm.NONE,
                ((FormatDescriptionEvent) decode(event, ChecksumAlgorithm.CRC32).body()).checksumAlgorithm());
    }

    @Test
    void aDecodedFormatDescriptionIsTheFormatOfTheEventsAfterIt() throws EventFormatException {
        DecodeContext stream = DecodeContext.assuming(ChecksumAlgorithm.NONE);
        byte[] fde = EventFraming.encode(EventHeaderFields.of(1, 1),
                FormatDescriptionEvent.mysql57("5.7.44-minisqld-0.1.0-log", 0, ChecksumAlgorithm.CRC32), 4,
                ChecksumAlgorithm.CRC32);
        EventFraming.decode(fde, stream);
        assertEquals(ChecksumAlgorithm.CRC32, stream.checksum());
        assertEquals(13, stream.postHeaderLength(EventType.QUERY.code()));
        assertEquals(10, stream.postHeaderLength(EventType.WRITE_ROWS.code()));
        assertEquals(0, stream.postHeaderLength(EventType.MARIADB_GTID.code()), "beyond a 5.7 FDE's 38 types");
        byte[] xid = EventFraming.encode(EventHeaderFields.of(5, 1), new XidEvent(5), 123, ChecksumAlgorithm.CRC32);
        assertEquals(new XidEvent(5), EventFraming.decode(xid, stream).body(), "its CRC is checked and stripped");
        assertEquals(Map.of(), stream.tableMaps());
    }

    @Test
    void noChecksumMeansNoTrailer() throws EventFormatException {
        byte[] xid = EventFraming.encode(EventHeaderFields.of(5, 1), new XidEvent(5), 300, ChecksumAlgorithm.NONE);
        assertEquals(27, xid.length);
        assertEquals(new EventHeader(5, 16, 1, 27, 327, 0), decode(xid, ChecksumAlgorithm.NONE).header());
        byte[] withCrc = EventFraming.encode(EventHeaderFields.of(5, 1), new XidEvent(5), 300, ChecksumAlgorithm.CRC32);
        assertEquals(31, withCrc.length);
        assertEquals(331, decode(withCrc, ChecksumAlgorithm.CRC32).header().nextPosition());
    }

    @Test
    void everyCorruptedByteIsDetected() throws EventFormatException {
        byte[] event = EventFraming.encode(EventHeaderFields.of(1_700_000_000L, 1),
                new QueryEvent(3, 0, 0, "db", "INSERT INTO t VALUES (1)", QueryStatusVariables.NONE), 4,
                ChecksumAlgorithm.CRC32);
        for (int i = 0; i < event.length; i++) {
            if (i >= 9 && i < 13) continue; // a damaged length is a format error, checked below
            byte[] bad = event.clone();
            bad[i] ^= 0x10;
            int at = i;
            EventFormatException e = assertThrows(EventFormatException.class,
                    () -> decode(bad, ChecksumAlgorithm.CRC32), "byte " + at);
            assertEquals(ChecksumMismatchException.class, e.getClass(), "byte " + at);
        }
        byte[] badLength = event.clone();
        badLength[9] ^= 1;
        assertThrows(EventFormatException.class, () -> decode(badLength, ChecksumAlgorithm.CRC32));

        byte[] flipped = event.clone();
        flipped[40] ^= 1;
        ChecksumMismatchException m = assertThrows(ChecksumMismatchException.class,
                () -> decode(flipped, ChecksumAlgorithm.CRC32));
        assertEquals(storedCrc(event), m.stored());
        assertEquals(crcOf(flipped, flipped.length - 4), m.computed());
    }

    @Test
    void everyBodyRoundTrips() throws EventFormatException {
        List<EventBody> bodies = List.of(
                new QueryEvent(9, 1, 0, "", "CREATE DATABASE d",
                        QueryStatusVariables.mysql57(0, SqlModes.bitsOf("STRICT_TRANS_TABLES"), 2, 1,
                                new Charset(33, 33, 8), "+00:00")),
                new QueryEvent(9, 0, 1062, "d", "INSERT INTO t VALUES ('é')",
                        new QueryStatusVariables(QueryStatusVariables.OPTION_NOT_AUTOCOMMIT, 0L, "std", null,
                                new Charset(45, 45, 45), null, 3, 45, null)),
                new XidEvent(Long.MAX_VALUE), new RotateEvent(4, "mysql-bin.000002"), new StopEvent(),
                new IntvarEvent(IntvarEvent.Kind.INSERT_ID, 42), new IntvarEvent(IntvarEvent.Kind.LAST_INSERT_ID, 7),
                new RandEvent(123456789L, 987654321L),
                new UserVarEvent("a", "x".getBytes(StandardCharsets.UTF_8), UserVarEvent.STRING_RESULT, 45, 0),
                new UserVarEvent("n", null, UserVarEvent.STRING_RESULT, 0, null),
                new HeartbeatEvent("mysql-bin.000003"),
                new MariadbGtidEvent(17, 0, MariadbGtidEvent.FL_TRANSACTIONAL, 0),
                new MariadbGtidEvent(18, 1, MariadbGtidEvent.FL_GROUP_COMMIT_ID, 99),
                new GtidListEvent(0, List.of(new GtidListEvent.Gtid(0, 1, 17), new GtidListEvent.Gtid(1, 2, 3))),
                new BinlogCheckpointEvent("mariadb-bin.000001"), new AnnotateRowsEvent("INSERT INTO t VALUES (1)"),
                new UnknownEvent(36, new byte[] {1, 2, 3}),
                new io.minisqld.server.binlog.event.GtidEvent(false, 1, "3e11fa47-71ca-11e1-9e33-c80aa9429562", 1, 0, 1),
                io.minisqld.server.binlog.event.GtidEvent.anonymous(0, 4, 7),
                new io.minisqld.server.binlog.event.PreviousGtidsEvent(io.minisqld.server.gtid.GtidSet.parse(
                        "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,00000000-0000-0000-0000-000000000001:3")),
                FormatDescriptionEvent.mysql57("5.7.44-minisqld", 0, ChecksumAlgorithm.CRC32));
        for (EventBody body : bodies) {
            for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
                byte[] bytes = EventFraming.encode(EventHeaderFields.of(1, 2), body, 1000, alg);
                BinlogEvent back = decode(bytes, alg);
                assertEquals(body, back.body(), body + " " + alg);
                assertEquals(body.typeCode(), back.header().type());
                assertEquals(1000 + bytes.length, back.header().nextPosition());
            }
        }
    }

    /**
     * protocol.md §3.5: the statement is the bytes the client sent, in the character set Q_CHARSET
     * names as character_set_client; a replica decodes them with it. A latin1 client's 'é' is one
     * byte E9, and a byte that was no character (a BLOB's 0xFF from a utf8mb4 client) goes back as
     * itself, not as '?' or U+FFFD.
     */
    @Test
    void theStatementIsLoggedInTheClientsCharacterSet() throws EventFormatException {
        QueryStatusVariables latin1 = QueryStatusVariables.mysql57(0, 0, 1, 1, new Charset(8, 8, 45), null);
        String sql = "INSERT INTO t VALUES ('\u00e9')";
        byte[] event = EventFraming.encode(EventHeaderFields.of(0, 1), new QueryEvent(1, 0, 0, "d", sql, latin1), 4,
                ChecksumAlgorithm.NONE);
        byte[] expectedTail = "INSERT INTO t VALUES ('\u00e9')".getBytes(StandardCharsets.ISO_8859_1);
        assertArrayEquals(expectedTail, Arrays.copyOfRange(event, event.length - expectedTail.length, event.length));
        assertEquals(sql, ((QueryEvent) decode(event, ChecksumAlgorithm.NONE).body()).sql());

        QueryStatusVariables utf8mb4 = QueryStatusVariables.mysql57(0, 0, 1, 1, new Charset(45, 45, 45), null);
        byte[] raw = {'\'', 0x00, (byte) 0xFF, (byte) 0x80, (byte) 0xC3, (byte) 0xA9, '\''};
        String withBytes = "SELECT " + MysqlCharset.UTF8MB4.decode(raw);
        byte[] blob = EventFraming.encode(EventHeaderFields.of(0, 1), new QueryEvent(1, 0, 0, "d", withBytes, utf8mb4),
                4, ChecksumAlgorithm.NONE);
        assertArrayEquals(raw, Arrays.copyOfRange(blob, blob.length - raw.length, blob.length));
        assertEquals(withBytes, ((QueryEvent) decode(blob, ChecksumAlgorithm.NONE).body()).sql());
    }

    @Test
    void mysqlWritesCatalogRightAfterSqlMode() throws EventFormatException {
        QueryStatusVariables vars = QueryStatusVariables.mysql57(0, 0, 1, 1, new Charset(33, 33, 8), null);
        byte[] event = EventFraming.encode(EventHeaderFields.of(0, 1), new QueryEvent(1, 0, 0, "", "COMMIT", vars), 4,
                ChecksumAlgorithm.NONE);
        // Q_FLAGS2, Q_SQL_MODE, Q_CATALOG_NZ "std", Q_CHARSET: 5 + 9 + 5 + 7 = 26 bytes; no Q_AUTO_INCREMENT at 1/1.
        assertArrayEquals(hex("1a 00"), Arrays.copyOfRange(event, 30, 32));
        assertArrayEquals(hex("00 00 00 00 00  01 00 00 00 00 00 00 00 00  06 03 73 74 64  04 21 00 21 00 08 00"),
                Arrays.copyOfRange(event, 32, 58));
    }

    @Test
    void sqlModeNamesMapToMySqlBits() {
        assertEquals(0x54200000L,
                SqlModes.bitsOf("STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"));
        assertEquals(0x55A00020L, SqlModes.bitsOf("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                + "ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"));
        assertEquals(0, SqlModes.bitsOf(""));
        assertEquals(1L << 31, SqlModes.bitsOf("pad_char_to_full_length"));
        assertEquals("REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ONLY_FULL_GROUP_BY,ANSI",
                SqlModes.namesOf(SqlModes.bitsOf("ANSI")));
        assertEquals("STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
                + "TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION", SqlModes.namesOf(SqlModes.bitsOf("TRADITIONAL")));
        assertThrows(IllegalArgumentException.class, () -> SqlModes.bitsOf("NO_SUCH_MODE"));
    }

    @Test
    void checksumAwareVersions() {
        assertEquals(true, FormatDescriptionEvent.isChecksumAware("5.7.44-minisqld-0.1.0"));
        assertEquals(true, FormatDescriptionEvent.isChecksumAware("5.6.1"));
        assertEquals(false, FormatDescriptionEvent.isChecksumAware("5.6.0"));
        assertEquals(false, FormatDescriptionEvent.isChecksumAware("5.5.62-log"));
        assertEquals(true, FormatDescriptionEvent.isChecksumAware("10.11.6-MariaDB-log"));
        assertEquals(true, FormatDescriptionEvent.isChecksumAware("5.3.0-MariaDB"));
    }
}
