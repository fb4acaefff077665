package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Functions whose MySQL result the engine's namesake silently changed (issue "No silent data
 * loss"): LENGTH counts bytes (CHAR_LENGTH characters), and NOW() and its synonyms have no
 * fractional seconds unless asked, truncated (not rounded) to the precision asked for. Values as
 * a client reads them in the text protocol.
 */
class TimeAndLengthFunctionsTest {
    private static MinisqldHarness server;
    private static Connection connection;
    private static Statement st;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("functions").serverId(1).start();
        connection = Driver.MARIADB.connect(server, "");
        st = connection.createStatement();
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    /** The first row of a query, as the client reads its values. */
    private static List<String> row(String sql) throws SQLException {
        return SqlRunner.on(connection).rows(sql).get(0);
    }

    private static LocalDateTime time(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    /**
     * A date function given text that is no date answers NULL with warning 1292 "Incorrect
     * datetime value: '…'" (MySQL 5.7, and a MariaDB 10.11 server alike), each time the statement
     * runs; in a writing statement the warning is its error (strict mode). The engine's functions
     * had refused it (1292 "Truncated incorrect timestamp value", or 1105 for LAST_DAY of a zero
     * date) and ours answered NULL without a word.
     */
    @Test
    void aDateFunctionGivenTextThatIsNoDateIsNullWithAWarning() throws Exception {
        String sql = "SELECT YEAR('2024-13-01'), LAST_DAY('0000-00-00 00:00:00'), DAYNAME('x'), TO_DAYS('2024-02-30'),"
                + " WEEK('2024-02-30'), DATEDIFF('2024-02-30', '2024-01-01'), MONTH('2024-05-06')";
        List<String> expected = Arrays.asList(null, null, null, null, null, null, "5");
        List<String> warnings = List.of("1292 Incorrect datetime value: '2024-13-01'",
                "1292 Incorrect datetime value: '0000-00-00 00:00:00'", "1292 Incorrect datetime value: 'x'",
                "1292 Incorrect datetime value: '2024-02-30'", "1292 Incorrect datetime value: '2024-02-30'",
                "1292 Incorrect datetime value: '2024-02-30'");
        for (int run = 0; run < 2; run++) {
            assertEquals(expected, row(sql));
            List<String> shown = new java.util.ArrayList<>();
            try (ResultSet rs = st.executeQuery("SHOW WARNINGS")) {
                while (rs.next()) shown.add(rs.getInt(2) + " " + rs.getString(3));
            }
            assertEquals(warnings, shown, "run " + run);
        }
        st.execute("CREATE DATABASE IF NOT EXISTS baddates");
        st.execute("CREATE TABLE baddates.t (y INT)");
        java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> st.executeUpdate("INSERT INTO baddates.t VALUES (YEAR('2024-13-01'))"));
        assertEquals(1292, e.getErrorCode());
        st.execute("DROP DATABASE baddates");
    }

    /**
     * MySQL 5.7 manual 12.7: UNIX_TIMESTAMP(d) "The return value is an integer if no argument is
     * given or the argument does not include a fractional seconds part, or DECIMAL if an argument is
     * given that includes a fractional seconds part"; FROM_UNIXTIME keeps its argument's fraction
     * too. Both dropped it (FROM_UNIXTIME rounded to the next second). Round trips, so that the
     * server's time zone does not matter.
     */
    @Test
    void unixTimestampAndFromUnixtimeKeepTheFraction() throws Exception {
        assertEquals(List.of("0.25", "2024-01-01 10:11:12.5", "2024-01-01 10:11:12", "0", "1"),
                row("SELECT UNIX_TIMESTAMP('2024-01-01 00:00:00.25') - UNIX_TIMESTAMP('2024-01-01 00:00:00'),"
                        + " FROM_UNIXTIME(UNIX_TIMESTAMP('2024-01-01 10:11:12') + 0.5),"
                        + " FROM_UNIXTIME(UNIX_TIMESTAMP('2024-01-01 10:11:12')), UNIX_TIMESTAMP('2040-01-01'),"
                        + " FROM_UNIXTIME(-1) IS NULL"));
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE ux");
            st.execute("CREATE TABLE ux.t (d DATETIME(3), e DATETIME)");
            st.execute("INSERT INTO ux.t VALUES ('2024-01-01 00:00:00.120', '2024-01-01 00:00:00')");
            // a DATETIME(3) column's three digits, a DATETIME's none
            List<String> r = row("SELECT UNIX_TIMESTAMP(d) - UNIX_TIMESTAMP(e), UNIX_TIMESTAMP(d), UNIX_TIMESTAMP(e) FROM ux.t");
            assertEquals("0.120", r.get(0));
            assertTrue(r.get(1).endsWith(".120"), r.get(1));
            assertTrue(r.get(2).matches("\\d+"), r.get(2));
            st.execute("DROP DATABASE ux");
        }
    }

    /**
     * MySQL 5.7 manual 11.2.8 ("Conversion Between Date and Time Types": a temporal value in a
     * numeric context is its number, YYYYMMDD, YYYYMMDDhhmmss[.fraction], hhmmss): {@code d + 0},
     * {@code d + 1}, {@code now() + 0}, {@code d1 - d2}, SUM(d). The engine's + and - added days:
     * {@code d + 0} was the date itself and {@code d + 1} the next day, without a word; SUM(d) was 1105.
     */
    @Test
    void aDateOrTimeInArithmeticIsItsNumber() throws Exception {
        st.execute("CREATE DATABASE IF NOT EXISTS tn");
        st.execute("CREATE TABLE tn.t (id INT PRIMARY KEY, d DATE, dt DATETIME, f DATETIME(3), tm TIME, ts TIMESTAMP NULL)");
        st.execute("INSERT INTO tn.t VALUES (1, '2024-01-31', '2024-01-31 10:20:30', '2024-01-31 10:20:30.125', '10:20:30',"
                + " '2024-01-31 10:20:30'), (2, '2024-02-01', '2024-01-30 23:59:59', '2024-02-01 00:00:00', '23:59:59', NULL)");
        assertEquals(List.of("20240131", "20240132", "20240130", "20240131102030", "20240131102031", "102030", "102031",
                        "20240131102030", "20240131102030.125", "-20240131", "40480262"),
                row("SELECT d + 0, d + 1, t.d - 1, dt + 0, 1 + dt, tm + 0, tm + 1, ts + 0, f + 0, -d, d * 2 FROM tn.t WHERE id = 1"));
        assertEquals(List.of("202401", "31", "866071"), row("SELECT a.d DIV 100, a.d MOD 100, a.dt - b.dt"
                + " FROM tn.t a JOIN tn.t b ON a.id = 1 AND b.id = 2"));
        assertEquals(List.of("40480332", "20240201", "20240131102030.125", "337"),
                row("SELECT SUM(d), MAX(d) + 0, MIN(f) + 0, SUM(tm) DIV 1000 FROM tn.t"));
        assertEquals(List.of("20240201", "20240101", "20240131000000", "101"),
                row("SELECT DATE_ADD(d, INTERVAL 1 DAY) + 0, CAST('2024-01-01' AS DATE) + 0, COALESCE(d, dt) + 0,"
                        + " SEC_TO_TIME(61) + 0 FROM tn.t WHERE id = 1"));
        assertTrue(Long.parseLong(row("SELECT NOW() + 0").get(0)) > 20260000000000L);
        assertEquals(8, row("SELECT CURDATE() + 0").get(0).length());
        // stored into a temporal column, the number is read as MySQL reads one there
        st.execute("UPDATE tn.t SET d = d - 1, dt = dt + 1, tm = tm + 100 WHERE id = 1");
        assertEquals(List.of("2024-01-30", "2024-01-31 10:20:31", "10:21:30"), row("SELECT d, dt, tm FROM tn.t WHERE id = 1"));
        st.execute("INSERT INTO tn.t (id, d) VALUES (3, CAST('2024-03-01' AS DATE) + 14)");
        assertEquals("2024-03-15", row("SELECT d FROM tn.t WHERE id = 3").get(0));
        // the 32nd of January is no date: MySQL's 1292 in strict mode (the engine had made it the 1st of February)
        SqlRunner.on(connection).assertError("UPDATE tn.t SET d = d + 2 WHERE id = 1", 1292, "22007",
                "Incorrect date value: '20240132' for column 'd' at row 1");
        // with an INTERVAL it is date arithmetic
        assertEquals(List.of("2024-01-29", "2024-01-31 12:20:31"),
                row("SELECT d - INTERVAL 1 DAY, dt + INTERVAL 2 HOUR FROM tn.t WHERE id = 1"));
        st.execute("DROP DATABASE tn");
    }

    /**
     * A column of fractional seconds made text shows all its digits, as MySQL writes its value
     * (CONCAT, GROUP_CONCAT, CAST AS CHAR, INSERT … SELECT and UPDATE into a text column); the engine
     * dropped the fraction's trailing zeros ({@code .12}, none for {@code .000}).
     */
    @Test
    void aFractionalColumnMadeTextKeepsItsDigits() throws Exception {
        st.execute("CREATE DATABASE IF NOT EXISTS fr");
        st.execute("CREATE TABLE fr.t (id INT PRIMARY KEY, ts TIMESTAMP(3) NULL, d DATETIME(6), tm TIME(2), v VARCHAR(40))");
        st.execute("INSERT INTO fr.t VALUES (1, '2020-01-01 00:00:00.120', '2020-01-01 10:00:00', '10:00:00.5', NULL)");
        assertEquals(List.of("2020-01-01 00:00:00.120|2020-01-01 10:00:00.000000", "10:00:00.50", "2020-01-01 00:00:00.120"),
                row("SELECT CONCAT(t.ts, '|', fr.t.d), GROUP_CONCAT(tm), CAST(ts AS CHAR) FROM fr.t"));
        st.execute("UPDATE fr.t SET v = d");
        assertEquals(List.of("2020-01-01 10:00:00.000000"), row("SELECT v FROM fr.t"));
        st.execute("INSERT INTO fr.t (id, v) SELECT 2, tm FROM fr.t");
        assertEquals(List.of("10:00:00.50"), row("SELECT v FROM fr.t WHERE id = 2"));
    }

    /**
     * MySQL 5.7's Item_date_add_interval: a TIME plus an interval is a TIME (it had been NULL), an
     * INTERVAL n SECOND keeps n's fraction (1.5 seconds had been rounded to 2) and the MICROSECOND
     * compound units are read ('1 1:1:1.5' DAY_MICROSECOND had been refused); a DATETIME(3) or
     * TIME(2) column's result has the column's digits (or the interval's, if more), where six had
     * been shown; a text date's result shows six when it has a fraction, as MySQL 5.7's.
     */
    @Test
    void intervalArithmeticKeepsTimesFractionsAndTheColumnsDigits() throws Exception {
        st.execute("CREATE DATABASE IF NOT EXISTS iv");
        st.execute("CREATE TABLE iv.t (t2 TIME(2), d DATE, dt DATETIME(3), dt0 DATETIME)");
        st.execute("INSERT INTO iv.t VALUES ('10:00:00.25', '2024-01-31', '2024-01-01 00:00:00', '2024-01-01 10:00:00')");
        assertEquals(Arrays.asList("34:00:00.25", "-00:59:59.75", null, "10:00:01.750000", "10:00:01.373456"),
                row("SELECT t2 + INTERVAL 1 DAY, t2 - INTERVAL 11 HOUR, t2 + INTERVAL 1 MONTH,"
                        + " t2 + INTERVAL '1.5' SECOND, DATE_ADD(t2, INTERVAL 1.123456789 SECOND) FROM iv.t"));
        // the first and eighth are DATETIME(1) ('…01.5' sent, as MySQL): MariaDB Connector/J shows a
        // DATETIME of one to five digits with six, as it does from MariaDB 10.11
        assertEquals(List.of("2024-01-31 00:00:01.500000", "2024-01-01 00:00:01.000", "2024-01-02 01:01:01.500000",
                        "2024-01-01 00:00:01.500000", "2023-12-31 23:59:59.999995", "2024-02-01", "2024-02-02",
                        "2024-01-01 10:00:01.500000", "2024-01-02 00:00:00.000"),
                row("SELECT d + INTERVAL 1.5 SECOND, iv.t.dt + INTERVAL 1 SECOND,"
                        + " dt + INTERVAL '1 1:1:1.5' DAY_MICROSECOND, dt + INTERVAL '1.5' SECOND_MICROSECOND,"
                        + " DATE_SUB(dt, INTERVAL 5 MICROSECOND), d + INTERVAL '1.5' DAY, d + INTERVAL 1.5 DAY,"
                        + " dt0 + INTERVAL 1.5 SECOND, ADDDATE(dt, 1) FROM iv.t"));
        assertEquals(List.of("2024-01-02 10:00:00.500000", "2024-01-02 10:00:00"),
                row("SELECT '2024-01-01 10:00:00.5' + INTERVAL 1 DAY, '2024-01-01 10:00:00' + INTERVAL 1 DAY"));
        // past year 9999 (or an amount too large to count): NULL with MySQL's warning 1441 (it was
        // the year 10000, or 1105 "Overflow")
        assertEquals(Arrays.asList(null, null), row("SELECT '9999-12-31' + INTERVAL 1 DAY,"
                + " '2024-01-01' + INTERVAL 1e30 SECOND"));
        List<String> warnings = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery("SHOW WARNINGS")) {
            while (rs.next()) warnings.add(rs.getInt(2) + " " + rs.getString(3));
        }
        assertEquals(List.of("1441 Datetime function: datetime field overflow",
                "1441 Datetime function: datetime field overflow"), warnings);
    }

    /** MySQL 5.7 manual 12.10 (CAST): DATETIME without a precision has no fractional digits; H2's six were shown. */
    @Test
    void castAsDatetimeHasNoFractionUnlessAsked() throws Exception {
        assertEquals(List.of("2024-01-01 00:00:00", "2024-01-01 10:00:00"),
                row("SELECT CAST('2024-01-01' AS DATETIME), CONVERT('2024-01-01 10:00:00', DATETIME)"));
    }

    /**
     * CAST(x AS TIME) of a datetime is its time of day, of a number its [H]HHMMSS, as MySQL's (MySQL
     * 5.7 manual 12.10; 5.7 rounds a fraction the type does not keep): the server refused the string
     * '2021-01-01 10:00:00' with 1292 "Truncated incorrect time value".
     */
    @Test
    void castAsTimeOfADatetimeIsItsTimeOfDay() throws Exception {
        assertEquals(List.of("10:00:00", "10:00:01", "10:11:12", "10:11:12", "23:59:59", "01:02:03"),
                row("SELECT CAST('2021-01-01 10:00:00' AS TIME), CAST('2021-01-01 10:00:00.5' AS TIME),"
                        + " CAST('10:11:12' AS TIME), CAST(101112 AS TIME), CONVERT('2021/01/01 23:59:59', TIME),"
                        + " CAST(TIMESTAMP '2020-01-01 01:02:03' AS TIME)"));
    }

    @Test
    void lengthCountsBytesAndCharLengthCharacters() throws Exception {
        assertEquals(List.of("2", "1", "2", "3", "3"),
                row("SELECT LENGTH('\u00e9'), CHAR_LENGTH('\u00e9'), LENGTH(X'00FF'), LENGTH('abc'), CHARACTER_LENGTH('abc')"));
    }

    /**
     * HOUR, MINUTE, SECOND and MICROSECOND read a TIME (hours past 23 too), a DATETIME, or text and
     * numbers in MySQL's time forms (MySQL 5.7 manual, 12.7 Date and Time Functions: HOUR('272:59:59')
     * is 272); NULL for NULL or what is no time. They failed with 1292 on a time string.
     */
    @Test
    void timePartsOfTimesDatetimesAndText() throws Exception {
        assertEquals(List.of("10", "272", "11", "12", "250", "10", "0"),
                row("SELECT HOUR('10:11:12'), HOUR('272:59:59'), MINUTE('2020-01-01 10:11:12'), SECOND(TIME '10:11:12'),"
                        + " MICROSECOND('10:11:12.000250'), HOUR(101112), HOUR('2020-01-01')"));
        // typed literals keep their own precision
        assertEquals(List.of("10:11:12", "10:11:12.50", "2020-01-02 03:04:05", "2020-01-02 03:04:05.123456"),
                row("SELECT TIME '10:11:12', TIME'10:11:12.50', TIMESTAMP '2020-01-02 03:04:05',"
                        + " TIMESTAMP'2020-01-02 03:04:05.123456'"));
        assertEquals(Arrays.asList(null, null, "59", "3"),
                row("SELECT HOUR(NULL), MINUTE('nonsense'), MINUTE(CAST('2020-01-01 23:59:58' AS DATETIME)),"
                        + " HOUR(NOW() - NOW() + TIME '03:00:00')"));
    }

    /**
     * UTC_TIMESTAMP(), UTC_DATE() and UTC_TIME() are the statement's time in UTC: NOW() (the system
     * time zone's, the only one a session may use here) differs by the zone's offset, give or take
     * the second the two clocks may straddle.
     */
    @Test
    void utcFunctionsAreTheTimeInUtc() throws Exception {
        List<String> r = row("SELECT NOW(), UTC_TIMESTAMP(), UTC_DATE(), UTC_TIME()");
        long offset = java.time.ZoneId.systemDefault().getRules().getOffset(java.time.Instant.now()).getTotalSeconds();
        long diff = java.time.Duration.between(time(r.get(1)), time(r.get(0))).getSeconds();
        assertTrue(Math.abs(diff - offset) <= 1, r + " with the zone " + offset + " s from UTC");
        assertEquals(r.get(1).substring(0, 10), r.get(2));
        assertEquals(r.get(1).substring(11), r.get(3));
    }

    @Test
    void nowAndItsSynonymsHaveNoFractionUnlessAskedAndTruncate() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (ResultSet rs = st.executeQuery("SELECT NOW(), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(), LOCALTIME,"
                    + " LOCALTIMESTAMP(), SYSDATE(), NOW(3), NOW(6), CURTIME(), CURDATE(), NOW(1), NOW(2), NOW(4), NOW(5)")) {
                rs.next();
                // the text of NOW(6); NOW(3) as a time (Connector/J prints .004 as .4000)
                String micros = rs.getString(8);
                assertTrue(micros.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}"), micros);
                String seconds = micros.substring(0, 19);
                for (int k = 1; k <= 5; k++) assertEquals(seconds, rs.getString(k), "column " + k + " of the row at " + micros);
                // SYSDATE() is the clock when it is called, not the statement's time
                long apart = java.time.Duration.between(time(micros), time(rs.getString(6))).toMillis();
                assertTrue(apart > -1000 && apart < 2000, rs.getString(6) + " and the statement's " + micros);
                // every precision truncates the statement's time (it rounded NOW(1), (2), (4), (5))
                for (int k = 11; k <= 14; k++) {
                    int digits = new int[] {1, 2, 4, 5}[k - 11];
                    int unit = (int) Math.pow(10, 9 - digits);
                    LocalDateTime t = time(micros);
                    assertEquals(t.withNano(t.getNano() / unit * unit), rs.getObject(k, LocalDateTime.class),
                            "NOW(" + digits + ") truncates NOW(6) " + micros);
                }
                assertEquals(seconds.substring(11), rs.getString(9), "CURTIME() of the row at " + micros);
                assertEquals(seconds.substring(0, 10), rs.getString(10), "CURDATE() of the row at " + micros);
                assertEquals(time(micros).truncatedTo(ChronoUnit.MILLIS), rs.getObject(7, LocalDateTime.class),
                        "NOW(3) truncates NOW(6) " + micros);
            }
        }
    }

    /**
     * TIMESTAMP and DATETIME columns keep the type they were declared with (H2 has one type for
     * both), whatever their default: SHOW CREATE TABLE, SHOW COLUMNS and information_schema say it.
     */
    @Test
    void timestampAndDatetimeColumnsKeepTheirDeclaredType() throws Exception {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS tt");
            st.execute("CREATE TABLE tt.t (id INT PRIMARY KEY, created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                    + " changed TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
                    + " plain TIMESTAMP(3) NULL, d DATETIME(6))");
            st.execute("ALTER TABLE tt.t MODIFY d TIMESTAMP(6) NULL");
            st.execute("INSERT INTO tt.t (id, plain) VALUES (1, '2020-01-02 03:04:05.678')");
        }
        assertEquals(List.of(List.of("created", "datetime"), List.of("changed", "timestamp"),
                        List.of("plain", "timestamp(3)"), List.of("d", "timestamp(6)")),
                ConnectorScenarios.rows(connection, "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'tt' AND TABLE_NAME = 't' AND COLUMN_NAME <> 'id' ORDER BY ORDINAL_POSITION"));
        String create = ConnectorScenarios.rows(connection, "SHOW CREATE TABLE tt.t").get(0).get(1);
        assertTrue(create.contains("`created` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP"), create);
        assertTrue(create.contains("`changed` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"),
                create);
        assertEquals(List.of(List.of("2020-01-02 03:04:05.678")),
                ConnectorScenarios.rows(connection, "SELECT CAST(plain AS CHAR) FROM tt.t"));
    }

    /**
     * MySQL 5.7 manual 12.10 (Cast Functions) and 11.3.1: a date may be written with any
     * punctuation between its parts, or as a number YYYYMMDD[hhmmss]; CAST(… AS DATE) of a date
     * with a time is its date. The engine refused {@code CAST('2024-03-05 10:20:30' AS DATE)} and
     * {@code CAST(20240305 AS DATE)} (1292, 1105), made {@code DATE(20240305)} NULL without a word,
     * and refused a DATE column compared with a number (1105).
     */
    @Test
    void datesAreReadFromNumbersAndRelaxedTextAsMySqlReadsThem() throws Exception {
        assertEquals(List.of("2024-03-05", "2024-03-05", "2024-03-05", "2024-03-05", "2024-03-05 10:20:30",
                        "2024-03-05 00:00:00", "2024-03-05"),
                row("SELECT CAST('2024-03-05 10:20:30' AS DATE), CAST(20240305 AS DATE), DATE(20240305),"
                        + " CONVERT('2024/03/05', DATE), CAST('2024-03-05T10:20:30' AS DATETIME),"
                        + " CAST(240305 AS DATETIME), DATE(CAST('2024-03-05 10:20:30.5' AS DATETIME(1)))"));
        // MySQL's ranges, not digit counts: 101 is 2000-01-01, nine digits YYMMDDhhmmss, and a
        // number between the ranges no date (101 was read as year 0, 101000000 refused, 1000101
        // taken for 0100-01-01)
        assertEquals(List.of("2000-01-01", "2001-01-01", "2000-01-01 00:00:00", "1999-12-31 23:59:59"),
                row("SELECT CAST(101 AS DATE), CAST(10101 AS DATE), CAST(101000000 AS DATETIME),"
                        + " CAST(991231235959 AS DATETIME)"));
        st.execute("CREATE DATABASE IF NOT EXISTS dn");
        st.execute("CREATE TABLE dn.n (d DATE, dt DATETIME)");
        st.execute("INSERT INTO dn.n VALUES (101, 101000000)");
        assertEquals(List.of("2000-01-01", "2000-01-01 00:00:00"), row("SELECT d, dt FROM dn.n"));
        SQLException between = assertThrows(SQLException.class, () -> st.execute("INSERT INTO dn.n (d) VALUES (1000101)"));
        assertEquals(1292, between.getErrorCode());
        st.execute("DROP TABLE dn.n");
        st.execute("CREATE TABLE dn.t (id INT PRIMARY KEY, d DATE, dt DATETIME)");
        st.execute("INSERT INTO dn.t VALUES (1, '2024-03-05', '2024-03-05 10:20:30'), (2, '2024-03-06', NULL)");
        assertEquals(List.of("1", "2", "1", "1", "2024-03-05"),
                row("SELECT (SELECT id FROM dn.t WHERE d = 20240305), (SELECT COUNT(*) FROM dn.t WHERE 20240305 <= d),"
                        + " (SELECT COUNT(*) FROM dn.t WHERE dt = 20240305102030),"
                        + " (SELECT COUNT(*) FROM dn.t WHERE dt > 20240305), (SELECT CAST(dt AS DATE) FROM dn.t WHERE id = 1)"));
        // EXTRACT of a string reads it as MySQL does: '10:20:30' is a time (the engine read a timestamp: 1292)
        assertEquals(Arrays.asList("10", "20", "4", "500000", null),
                row("SELECT EXTRACT(HOUR FROM '10:20:30'), EXTRACT(MINUTE FROM '2024-03-05 10:20:30'),"
                        + " EXTRACT(QUARTER FROM '2024-11-05'), EXTRACT(MICROSECOND FROM '10:20:30.5'),"
                        + " EXTRACT(MONTH FROM '10:20:30')"));
        // a value that is no date is never taken for another: NULL with warning 1292 in a query
        // (the engine's cast failed the query), the statement's error in a write
        assertEquals(Arrays.asList(null, null, null), row("SELECT CAST('2024-13-01' AS DATE),"
                + " CAST('2024-02-30 10:00:00' AS DATETIME), CAST(20240230 AS DATE)"));
        List<String> shown = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery("SHOW WARNINGS")) {
            while (rs.next()) shown.add(rs.getInt(2) + " " + rs.getString(3));
        }
        assertEquals(List.of("1292 Incorrect datetime value: '2024-13-01'",
                "1292 Incorrect datetime value: '2024-02-30 10:00:00'", "1292 Incorrect datetime value: '20240230'"), shown);
        SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> st.executeUpdate("INSERT INTO dn.t (id, d) VALUES (3, CAST('2024-02-30' AS DATE))"));
        assertEquals("1292 Incorrect datetime value: '2024-02-30'", refused.getErrorCode() + " " + refused.getMessage()
                .replaceFirst("^\\(conn=\\d+\\) ", ""));
        // the length of a time of fractional seconds counts all its digits; OCTET_LENGTH is LENGTH
        // (it was 22 for .120, and OCTET_LENGTH of a date 1105)
        st.execute("CREATE TABLE dn.f (ts TIMESTAMP(3) NULL, d DATE)");
        st.execute("INSERT INTO dn.f VALUES ('2024-01-01 10:00:00.120', '2024-01-01')");
        assertEquals(List.of("23", "23", "23", "10"),
                row("SELECT LENGTH(ts), OCTET_LENGTH(ts), CHAR_LENGTH(ts), OCTET_LENGTH(d) FROM dn.f"));
        // NOW(n) made text keeps its n digits (the engine dropped trailing zeros: .930 was .93)
        for (int i = 0; i < 20; i++) {
            assertTrue(row("SELECT CONCAT(NOW(3), '')").get(0).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));
        }
        st.execute("DROP DATABASE dn");
    }

    /**
     * A date call compared with a datetime literal compares as DATETIMEs, as a DATE column does
     * (the date at midnight): {@code CAST(dt AS DATE) = '2024-01-01 00:00:00'} is true; it was
     * 1292 "Truncated incorrect date value". Expected values are MariaDB 10.11's.
     */
    @Test
    void aDateCallComparedWithADatetimeLiteralComparesAsDatetimes() throws Exception {
        assertEquals(List.of("1", "1", "0", "1", "1"), row("SELECT CAST('2024-01-01 10:00' AS DATE) = '2024-01-01 00:00:00',"
                + " DATE('2024-01-01 10:00') < '2024-01-01 00:00:01', '2024-01-01 10:00:00' = DATE('2024-01-01 10:00'),"
                + " CONVERT('2024-01-31', DATE) >= '2024-01-30 23:59:59', CURDATE() < '2999-01-01 00:00:00'"));
    }

    /**
     * A string that is no date, stored by INSERT or UPDATE into a DATE, DATETIME or TIMESTAMP
     * column, is MySQL 5.7's 1292 naming the column and the row ("Incorrect datetime value:
     * '2024-02-30' for column 'd' at row 1"; it was "Truncated incorrect timestamp value:
     * '2024-02-30'", naming neither), and nothing is stored.
     */
    @Test
    void aStringThatIsNoDateStoredIntoAColumnNamesTheColumnAndRow() throws Exception {
        st.execute("CREATE DATABASE IF NOT EXISTS bad_dates");
        st.execute("CREATE TABLE bad_dates.t (id INT PRIMARY KEY, d DATETIME, dd DATE, ts TIMESTAMP NULL)");
        SqlRunner sql = SqlRunner.on(connection);
        sql.assertError("INSERT INTO bad_dates.t VALUES (1, '2024-02-30', NULL, NULL)", 1292, "22007",
                "Incorrect datetime value: '2024-02-30' for column 'd' at row 1");
        sql.assertError("INSERT INTO bad_dates.t VALUES (1, NULL, '2024-13-01', NULL)", 1292, "22007",
                "Incorrect date value: '2024-13-01' for column 'dd' at row 1");
        sql.assertError("INSERT INTO bad_dates.t VALUES (1, NULL, NULL, NULL), (2, NULL, NULL, '2024-01-01 25:00:00')",
                1292, "22007", "Incorrect datetime value: '2024-01-01 25:00:00' for column 'ts' at row 2");
        st.execute("INSERT INTO bad_dates.t VALUES (1, '2024-02-29 10:00:00', '2024-02-29', NULL)");
        sql.assertError("UPDATE bad_dates.t SET d = 'garbage' WHERE id = 1", 1292, "22007",
                "Incorrect datetime value: 'garbage' for column 'd' at row 1");
        assertEquals(List.of(List.of("1", "2024-02-29 10:00:00")), sql.rows("SELECT id, d FROM bad_dates.t"));
    }
}
