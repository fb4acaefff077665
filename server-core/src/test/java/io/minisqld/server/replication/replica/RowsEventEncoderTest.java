package io.minisqld.server.replication.replica;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.binlog.event.BinlogEvent;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.binlog.event.codec.DecodeContext;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.rows.BinlogColumn;
import io.minisqld.server.binlog.rows.BinlogTables;
import io.minisqld.server.binlog.rows.RowImage;
import io.minisqld.server.binlog.rows.RowsEventEncoder;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.SqlError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Row events as the source writes them (row-events-gtid-mts.md §A.3 TABLE_MAP, §A.4 row event
 * body, §A.5 binary row format), read back by the replica's decoder: every column type the server
 * has, from the Java values its engine hands a row trigger.
 */
class RowsEventEncoderTest {
    /** The columns as SHOW COLUMNS prints them, and a value of each as the engine gives it. */
    private static final Object[][] COLUMNS = {
        {"ti", "tinyint(4)", (byte) -5}, {"tiu", "tinyint(3) unsigned", (short) 200}, {"bo", "tinyint(1)", true},
        {"si", "smallint(6)", (short) -5}, {"siu", "smallint(5) unsigned", 65535},
        {"mi", "mediumint(9)", -8388608}, {"miu", "mediumint(8) unsigned", 16777215},
        {"i", "int(11)", Integer.MIN_VALUE}, {"iu", "int(10) unsigned", 4294967295L},
        {"bi", "bigint(20)", Long.MIN_VALUE}, {"biu", "bigint(20) unsigned", new BigDecimal("18446744073709551615")},
        {"de", "decimal(10,2)", new BigDecimal("-12345678.91")},
        {"dw", "decimal(30,12)", new BigDecimal("123456789012345678.123456789012")},
        {"fl", "float", 1.5f}, {"db", "double", -2.25d},
        {"vc", "varchar(20)", "héllo"}, {"vl", "varchar(100)", "x".repeat(70)},
        {"ch", "char(3)", "ab"}, {"cl", "char(100)", "xyz"},
        {"tx", "text", "a text"}, {"bl", "blob", new byte[] {0, (byte) 0xFF}},
        {"vb", "varbinary(16)", new byte[] {1, 2}}, {"bn", "binary(4)", new byte[] {0, (byte) 0xFF, 0, 0}},
        {"js", "json", "{\"a\": 1}"},
        {"da", "date", LocalDate.of(2024, 2, 29)}, {"dt", "datetime", LocalDateTime.of(2024, 2, 29, 13, 45, 30)},
        {"dt6", "datetime(6)", LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_000)},
        {"ts2", "timestamp(2)", LocalDateTime.of(2024, 2, 29, 13, 45, 30, 120_000_000)},
        {"tm", "time", LocalTime.of(1, 2, 3)}, {"tm3", "time(3)", LocalTime.of(1, 2, 3, 456_000_000)},
        {"yr", "year(4)", (short) 2024}, {"en", "enum('a','b')", "b"}, {"bt", "bit(10)", 513L},
        {"nul", "int(11)", null},
    };

    private static TableInfo table(Object[][] columns, List<TableInfo.IndexInfo> indexes) {
        List<TableInfo.ColumnInfo> out = new ArrayList<>();
        for (Object[] c : columns) out.add(new TableInfo.ColumnInfo((String) c[0], (String) c[1], true, null, "", ""));
        return new TableInfo("test", "t", false, out, indexes, null);
    }

    private static List<BinlogEvent> roundTrip(TableMapEvent map, List<RowsEvent> rows) throws Exception {
        DecodeContext context = DecodeContext.assuming(ChecksumAlgorithm.NONE);
        List<BinlogEvent> out = new ArrayList<>();
        out.add(EventFraming.decode(EventFraming.encode(EventHeaderFields.of(1, 1), map, 4, ChecksumAlgorithm.NONE),
                context));
        for (RowsEvent e : rows) {
            out.add(EventFraming.decode(EventFraming.encode(EventHeaderFields.of(1, 1), e, 4, ChecksumAlgorithm.NONE),
                    context));
        }
        return out;
    }

    @Test
    void tableMapCarriesMySqlTypesAndMetadataSection_A3_A4() throws Exception {
        List<BinlogColumn> columns = BinlogTables.columns(table(COLUMNS, List.of()));
        TableMapEvent map = BinlogTables.tableMap(108, "test", "t", columns);
        TableMapEvent decoded = (TableMapEvent) roundTrip(map, List.of()).get(0).body();
        assertEquals(108, decoded.tableId());
        assertEquals("test", decoded.database());
        assertEquals("t", decoded.table());
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 9, 9, 3, 3, 8, 8, 246, 246, 4, 5, 15, 15, 254, 254, 252, 252, 15,
            254, 252, 10, 18, 18, 17, 19, 19, 13, 254, 16, 3}, decoded.types());
        int[] m = decoded.metadata();
        assertEquals(10 << 8 | 2, m[11]);
        assertEquals(4, m[13]);
        assertEquals(8, m[14]);
        // utf8mb4: four bytes a character
        assertEquals(80, m[15]);
        assertEquals(400, m[16]);
        // CHAR(3): real type STRING, 12 bytes; CHAR(100): 400 bytes, the high bits folded into the type byte
        assertEquals(254 << 8 | 12, m[17]);
        assertEquals((254 ^ ((400 & 0x300) >> 4)) << 8 | (400 & 0xFF), m[18]);
        assertEquals(2, m[19]);
        assertEquals(16, m[21]);
        assertEquals(254 << 8 | 4, m[22]);
        assertEquals(4, m[23]);
        assertEquals(6, m[26]);
        assertEquals(2, m[27]);
        assertEquals(247 << 8 | 1, m[31]);
        assertEquals(2 << 8 | 1, m[32]);
    }

    @Test
    void everyTypeReadsBackAsWritten_A5() throws Exception {
        List<BinlogColumn> columns = BinlogTables.columns(table(COLUMNS, List.of()));
        TableMapEvent map = BinlogTables.tableMap(108, "test", "t", columns);
        Object[] row = new Object[COLUMNS.length];
        for (int i = 0; i < row.length; i++) row[i] = COLUMNS[i][2];
        BitSet all = new BitSet();
        all.set(0, row.length);
        List<RowsEvent> events = RowsEventEncoder.events(RowsEvent.Kind.WRITE, map, columns, all, all, null,
                List.<Object[]>of(row), 8192, true, 0);
        assertEquals(1, events.size());
        RowsEvent e = (RowsEvent) roundTrip(map, events).get(1).body();
        assertEquals(30, e.typeCode());
        assertTrue(e.endOfStatement());
        Object[] v = RowImages.decode(e).get(0).after();
        assertEquals(-5L, v[0]);
        assertEquals(200L, (Long) v[1] & 0xFF);
        assertEquals(1L, v[2]);
        assertEquals(-5L, v[3]);
        assertEquals(65535L, (Long) v[4] & 0xFFFF);
        assertEquals(-8388608L, v[5]);
        assertEquals(16777215L, (Long) v[6] & 0xFFFFFF);
        assertEquals((long) Integer.MIN_VALUE, v[7]);
        assertEquals(4294967295L, (Long) v[8] & 0xFFFFFFFFL);
        assertEquals(Long.MIN_VALUE, v[9]);
        assertEquals(-1L, v[10]);
        assertEquals(new BigDecimal("-12345678.91"), v[11]);
        assertEquals(new BigDecimal("123456789012345678.123456789012"), v[12]);
        assertEquals(1.5f, v[13]);
        assertEquals(-2.25d, v[14]);
        assertEquals("héllo", text(v[15]));
        assertEquals("x".repeat(70), text(v[16]));
        assertEquals("ab", text(v[17]));
        assertEquals("xyz", text(v[18]));
        assertEquals("a text", text(v[19]));
        assertArrayEquals(new byte[] {0, (byte) 0xFF}, (byte[]) v[20]);
        assertArrayEquals(new byte[] {1, 2}, (byte[]) v[21]);
        assertArrayEquals(new byte[] {0, (byte) 0xFF, 0, 0}, (byte[]) v[22]);
        assertEquals("{\"a\": 1}", text(v[23]));
        assertEquals("2024-02-29", v[24]);
        assertEquals("2024-02-29 13:45:30", v[25]);
        assertEquals("2024-02-29 13:45:30.123456", v[26]);
        assertEquals("2024-02-29 13:45:30.12", v[27]);
        assertEquals("01:02:03", v[28]);
        assertEquals("01:02:03.456", v[29]);
        assertEquals(2024L, v[30]);
        assertEquals(new RowImages.EnumIndex(2), v[31]);
        assertEquals(new RowImages.BitValue(513), v[32]);
        assertNull(v[33]);
    }

    private static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    @Test
    void minimalUpdateLogsTheKeyBeforeAndTheChangedColumnsAfter_A7_4() throws Exception {
        Object[][] cols = {{"id", "int(11)", null}, {"a", "varchar(10)", null}, {"b", "int(11)", null}};
        TableInfo info = table(cols, List.of(new TableInfo.IndexInfo("PRIMARY", true, List.of("id"))));
        List<BinlogColumn> columns = BinlogTables.columns(info);
        TableMapEvent map = BinlogTables.tableMap(109, "test", "t", columns);
        BitSet changed = new BitSet();
        changed.set(2);
        BitSet before = RowImage.MINIMAL.before(columns, BinlogTables.primaryKey(info));
        BitSet after = RowImage.MINIMAL.after(columns, changed);
        List<RowsEvent> events = RowsEventEncoder.events(RowsEvent.Kind.UPDATE, map, columns, before, after,
                List.<Object[]>of(new Object[] {7, "x", 1}), List.<Object[]>of(new Object[] {7, "x", 2}), 8192, true, 0);
        RowImages.Change c = RowImages.decode((RowsEvent) roundTrip(map, events).get(1).body()).get(0);
        assertEquals("{0}", c.beforePresent().toString());
        assertEquals("{2}", c.afterPresent().toString());
        assertEquals(7L, c.before()[0]);
        assertEquals(2L, c.after()[2]);
        assertNull(c.after()[1]);
    }

    @Test
    void manyRowsSplitIntoEventsOnlyTheLastEndingTheStatement_A4() throws Exception {
        Object[][] cols = {{"id", "int(11)", null}, {"a", "varchar(100)", null}};
        List<BinlogColumn> columns = BinlogTables.columns(table(cols, List.of()));
        TableMapEvent map = BinlogTables.tableMap(110, "test", "t", columns);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) rows.add(new Object[] {i, "v".repeat(90)});
        BitSet all = new BitSet();
        all.set(0, 2);
        List<RowsEvent> events = RowsEventEncoder.events(RowsEvent.Kind.DELETE, map, columns, all, all, rows, null,
                1024, true, 0);
        assertTrue(events.size() >= 9, "events: " + events.size());
        List<BinlogEvent> decoded = roundTrip(map, events);
        int total = 0;
        for (int i = 1; i < decoded.size(); i++) {
            RowsEvent e = (RowsEvent) decoded.get(i).body();
            assertEquals(32, e.typeCode());
            assertTrue(e.rows().length <= 1024);
            assertEquals(i == decoded.size() - 1, e.endOfStatement());
            for (RowImages.Change c : RowImages.decode(e)) assertEquals((long) total++, c.before()[0]);
        }
        assertEquals(100, total);
    }

    @Test
    void aValueItsColumnCannotHoldIsRefusedNotAltered() {
        Object[][] cols = {{"a", "tinyint(4)", null}, {"b", "varchar(2)", null}, {"c", "decimal(4,1)", null}};
        List<BinlogColumn> columns = BinlogTables.columns(table(cols, List.of()));
        TableMapEvent map = BinlogTables.tableMap(111, "test", "t", columns);
        BitSet all = new BitSet();
        all.set(0, 3);
        for (Object[] bad : List.of(new Object[] {300, "ab", BigDecimal.ONE}, new Object[] {1, "abcdefghi", BigDecimal.ONE},
                new Object[] {1, "ab", new BigDecimal("1.25")}, new Object[] {"1", "ab", BigDecimal.ONE})) {
            SqlError e = assertThrows(SqlError.class, () -> RowsEventEncoder.events(RowsEvent.Kind.WRITE, map, columns,
                    all, all, null, List.<Object[]>of(bad), 8192, true, 0));
            assertEquals(1105, e.number());
            assertTrue(e.getMessage().startsWith("Row-based binary logging cannot write the value of column"),
                    e.getMessage());
        }
    }

    @Test
    void aColumnTypeTheBinlogCannotCarryIsRefusedWith1235() {
        SqlError e = assertThrows(SqlError.class,
                () -> BinlogTables.columns(table(new Object[][] {{"g", "geometry", null}}, List.of())));
        assertEquals(1235, e.number());
    }
}
