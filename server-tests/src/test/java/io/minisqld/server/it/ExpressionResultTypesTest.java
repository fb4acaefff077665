package io.minisqld.server.it;

import static io.minisqld.server.it.ClientScripts.PYTHON;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A select item's result type is MySQL 5.7's, as its Item classes type it (fix_length_and_dec),
 * for the items the server computes as text or as an exact number: date arithmetic, FROM_UNIXTIME,
 * SEC_TO_TIME, TIME(), MAKEDATE, STR_TO_DATE with a constant format are DATETIME / DATE / TIME
 * with MySQL's fractional digits; bitwise operations, CAST(… AS UNSIGNED), BIT_OR and arithmetic
 * on a BIGINT UNSIGNED column are BIGINT UNSIGNED. They had all been VARCHAR or DECIMAL: Python's
 * mysqlclient gave a str for {@code created + INTERVAL 1 DAY} and a Decimal for {@code flags | 4},
 * Connector/J a String and a BigDecimal. Items whose type MySQL takes from a string's contents
 * stay text, as in MySQL ({@code '2024-01-01' + INTERVAL 1 DAY} is a VARCHAR there).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpressionResultTypesTest {
    private static final String ITEMS = "SELECT d + INTERVAL 1 DAY, dt3 - INTERVAL 1 HOUR, d + INTERVAL 90 MINUTE,"
            + " tm + INTERVAL 1 SECOND, SEC_TO_TIME(secs), TIME(dt3), MAKEDATE(2024, 60),"
            + " STR_TO_DATE('05/03/2024', '%d/%m/%Y'), flags | 4, ~flags, CAST(secs AS UNSIGNED), big - 1,"
            + " '2024-01-01' + INTERVAL 1 DAY, (flags | 1) / 2 FROM rt.t";

    private MinisqldHarness server;

    @BeforeAll
    void start() throws Exception {
        server = MinisqldHarness.inProcess().name("result-types").serverId(1).start();
        try (Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE rt");
            st.execute("CREATE TABLE rt.t (id INT PRIMARY KEY, d DATE, dt3 DATETIME(3), tm TIME, secs INT, flags INT,"
                    + " big BIGINT UNSIGNED)");
            st.execute("INSERT INTO rt.t VALUES (1, '2024-02-28', '2024-03-05 10:20:30.125', '23:59:59', 3661, 2,"
                    + " 18446744073709551615)");
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
    }

    /** Each column as its type's name, its value's class and its value. */
    private static List<String> described(ResultSet rs) throws Exception {
        ResultSetMetaData md = rs.getMetaData();
        List<String> out = new ArrayList<>();
        rs.next();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            out.add(md.getColumnTypeName(i) + " " + v.getClass().getSimpleName() + " " + v);
        }
        return out;
    }

    private static final List<String> CONNECTOR_J = List.of(
            "DATE Date 2024-02-29",
            "DATETIME LocalDateTime 2024-03-05T09:20:30.125",
            "DATETIME LocalDateTime 2024-02-28T01:30",
            "TIME Time 00:00:00",
            "TIME Time 01:01:01",
            "TIME Time 10:20:30",
            "DATE Date 2024-02-29",
            "DATE Date 2024-03-05",
            "BIGINT UNSIGNED BigInteger 6",
            "BIGINT UNSIGNED BigInteger 18446744073709551613",
            "BIGINT UNSIGNED BigInteger 3661",
            "BIGINT UNSIGNED BigInteger 18446744073709551614",
            "VARCHAR String 2024-01-02",
            "DECIMAL BigDecimal 1.5000");

    /**
     * Connector/J reads the types from the text protocol and from a server-prepared statement's
     * binary rows alike. (A TIME of 24:00:00 is refused by java.sql.Time, so {@code tm + INTERVAL
     * 1 SECOND} is 23:59:59 + 1 s past midnight only in MySQL's text: '24:00:00'.)
     */
    @Test
    void connectorJReadsMysqlsTypesInTextAndBinaryRows() throws Exception {
        String items = ITEMS.replace("tm + INTERVAL 1 SECOND", "tm - INTERVAL 86399 SECOND");
        try (Connection c = DriverManager.getConnection(Driver.MYSQL.url(server.port(), "rt", "root", ""));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(items)) {
            assertEquals(CONNECTOR_J, described(rs));
        }
        String prepared = Driver.MYSQL.url(server.port(), "rt", "root", "")
                + "&useServerPrepStmts=true&emulateUnsupportedPstmts=false";
        try (Connection c = DriverManager.getConnection(prepared); PreparedStatement ps = c.prepareStatement(items);
             ResultSet rs = ps.executeQuery()) {
            assertEquals(CONNECTOR_J, described(rs));
        }
        try (Connection c = server.newConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tm + INTERVAL 1 SECOND, TIME(dt3), big + 0 FROM rt.t")) {
            rs.next();
            assertEquals("24:00:00", rs.getString(1));
            assertEquals("10:20:30.125", rs.getString(2));
            assertEquals("18446744073709551615", rs.getString(3));
        }
    }

    /**
     * MySQL's digits: STD / VARIANCE of exact numbers are DOUBLEs shown with the argument's
     * decimals plus 4 (Item_sum_variance; they showed the whole double, 1.247219128924647), a FLOAT(M,D)'s D
     * plus 4, a plain DOUBLE's in full; TIMEDIFF / ADDTIME of a DATETIME(3) column have its three digits
     * (they had six, or none when the value had no fraction) and are TIME / DATETIME.
     */
    @Test
    void variancesAndTimeDifferencesShowMysqlsDigits() throws Exception {
        try (Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE rt.v (n INT, p DECIMAL(10,3), x DOUBLE, f FLOAT(7,2))");
            st.execute("INSERT INTO rt.v VALUES (1, 1.5, 1.5, 1.5), (2, 2.25, 2.25, 2.5), (4, 3, 3, 3.5)");
            assertEquals(List.of(List.of("1.2472", "1.5556", "0.6123724", "0.5625000", "0.6123724356957945", "1.000000")),
                    ConnectorScenarios.rows(c, "SELECT STD(n), VARIANCE(n), STD(p), VAR_SAMP(p), STD(x), STDDEV_SAMP(f)"
                            + " FROM rt.v"));
            try (ResultSet rs = st.executeQuery("SELECT TIMEDIFF(dt3, dt3), ADDTIME(dt3, '01:00:00'),"
                    + " TIMEDIFF('10:00:00.5', '09:00:00.25'), SUBTIME(tm, '00:00:01.5') FROM rt.t")) {
                rs.next();
                // '2024-03-05 11:20:30.125' is sent; MariaDB Connector/J shows a DATETIME's fraction
                // with six digits, as from MariaDB 10.11
                assertEquals(List.of("00:00:00.000", "2024-03-05 11:20:30.125000", "01:00:00.25", "23:59:57.5"),
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                ResultSetMetaData md = rs.getMetaData();
                assertEquals(List.of("TIME", "DATETIME", "TIME", "TIME"), List.of(md.getColumnTypeName(1),
                        md.getColumnTypeName(2), md.getColumnTypeName(3), md.getColumnTypeName(4)));
            }
        }
    }

    /**
     * A quotient or an average of exact numbers has MySQL's decimals in the result's metadata: the
     * dividend's plus div_precision_increment (AVG of an INT: 4, of a DECIMAL(10,3): 7; they were
     * 80, which JDBC tools showed as the scale), the values as before.
     */
    @Test
    void quotientsAndAveragesHaveMysqlsDecimals() throws Exception {
        try (Connection c = DriverManager.getConnection(Driver.MYSQL.url(server.port(), "rt", "root", ""));
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS rt.q (n INT, p DECIMAL(10,3))");
            st.execute("INSERT INTO rt.q VALUES (1, 3.5), (2, 1.25)");
            try (ResultSet rs = st.executeQuery("SELECT AVG(n), AVG(p), n / 2, p / 3, 7 / 2 FROM rt.q"
                    + " WHERE n = 1 GROUP BY n")) {
                ResultSetMetaData md = rs.getMetaData();
                List<Integer> scales = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) scales.add(md.getScale(i));
                assertEquals(List.of(4, 7, 4, 7, 4), scales);
                rs.next();
                assertEquals(List.of("1.0000", "3.5000000", "0.5000", "1.1666667", "3.5000"),
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
    }

    /** Python's mysqlclient makes datetime, date, timedelta and int of them, as of MySQL's. */
    @Test
    void pythonMysqlclientGetsDatesTimesAndIntegers() throws Exception {
        Program.Result r = ClientScripts.script(PYTHON, ".py", """
                import MySQLdb
                c = MySQLdb.connect(host='127.0.0.1', port=@PORT@, user='root', passwd='', db='rt')
                cur = c.cursor()
                cur.execute(\"\"\"%s\"\"\")
                for v in cur.fetchone():
                    print(type(v).__name__, v)
                """.formatted(ITEMS), server.port(), Duration.ofSeconds(60));
        assertEquals("""
                date 2024-02-29
                datetime 2024-03-05 09:20:30.125000
                datetime 2024-02-28 01:30:00
                timedelta 1 day, 0:00:00
                timedelta 1:01:01
                timedelta 10:20:30.125000
                date 2024-02-29
                date 2024-03-05
                int 6
                int 18446744073709551613
                int 3661
                int 18446744073709551614
                str 2024-01-02
                Decimal 1.5000""", r.stdout().strip(), r.toString());
    }
}
