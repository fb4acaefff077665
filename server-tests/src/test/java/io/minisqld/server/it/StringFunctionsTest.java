package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldHarness;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue "What MySQL's everyday tools need", item 3: the hashing and encoding group (HEX, UNHEX,
 * MD5, SHA1 / SHA, SHA2, CRC32, TO_BASE64, FROM_BASE64: what pt-table-checksum and dumps call) and
 * the list and address group (SUBSTRING_INDEX, FIND_IN_SET, FIELD, ELT, INET_ATON, INET_NTOA),
 * against the values MySQL 5.7's manual gives, with NULL and the inputs they refuse (NULL too).
 */
class StringFunctionsTest {
    private static MinisqldHarness server;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("strings").serverId(1).start();
        connection = server.newConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE DATABASE hf");
            st.execute("CREATE TABLE hf.t (id INT PRIMARY KEY, s VARCHAR(20), b VARBINARY(20))");
            st.execute("INSERT INTO hf.t VALUES (1, 'é', X'00FF10')");
            st.execute("CREATE TABLE hf.bits (id INT PRIMARY KEY)");
            st.execute("INSERT INTO hf.bits VALUES (1), (2), (4)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        server.close();
    }

    private static String value(String sql) throws Exception {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void valuesFromMySqlsManual() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SELECT HEX('abc')", "616263");
        expected.put("SELECT HEX(255)", "FF");
        expected.put("SELECT HEX(-1)", "FFFFFFFFFFFFFFFF");
        expected.put("SELECT UNHEX('4D7953514C')", "MySQL");
        expected.put("SELECT HEX(UNHEX('1267'))", "1267");
        expected.put("SELECT UNHEX('GG')", null);
        expected.put("SELECT MD5('testing')", "ae2b1fca515949e5d54fb22b8ed95575");
        expected.put("SELECT SHA1('abc')", "a9993e364706816aba3e25717850c26c9cd0d89d");
        expected.put("SELECT SHA('abc')", "a9993e364706816aba3e25717850c26c9cd0d89d");
        expected.put("SELECT SHA2('abc', 224)", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
        expected.put("SELECT SHA2('abc', 256)", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        expected.put("SELECT SHA2('abc', 0)", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        expected.put("SELECT SHA2('abc', 1)", null);
        expected.put("SELECT CRC32('MySQL')", "3259397556");
        expected.put("SELECT CRC32('mysql')", "2501908538");
        expected.put("SELECT TO_BASE64('abc')", "YWJj");
        expected.put("SELECT FROM_BASE64(TO_BASE64('abc'))", "abc");
        expected.put("SELECT FROM_BASE64('#')", null);
        expected.put("SELECT MD5(NULL)", null);
        expected.put("SELECT CRC32(NULL)", null);
        expected.put("SELECT HEX(NULL)", null);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), value(e.getKey()), e.getKey());
        }
    }

    @Test
    void textIsHashedAsItsUtf8BytesAndBinaryAsItsBytes() throws Exception {
        byte[] eAcute = "é".getBytes(StandardCharsets.UTF_8);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(eAcute)),
                value("SELECT MD5(s) FROM hf.t"));
        assertEquals("C3A9", value("SELECT HEX(s) FROM hf.t"));
        assertEquals("00FF10", value("SELECT HEX(b) FROM hf.t"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(new byte[] {0, (byte) 0xFF, 0x10})),
                value("SELECT SHA1(b) FROM hf.t"));
        // MySQL breaks base64 into lines of 76 characters
        String long64 = value("SELECT TO_BASE64(REPEAT('x', 60))");
        assertEquals(76, long64.indexOf('\n'));
        try (PreparedStatement ps = connection.prepareStatement("SELECT UNHEX(?)")) {
            ps.setString(1, "00ff");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertArrayEquals(new byte[] {0, (byte) 0xFF}, rs.getBytes(1));
            }
        }
        // pt-table-checksum's row checksum: CRC32 over CONCAT_WS of the columns
        assertEquals(Long.toString(crc32("1#é")), value("SELECT CRC32(CONCAT_WS('#', id, s)) FROM hf.t"));
    }

    private static long crc32(String text) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    @Test
    void listAndAddressFunctionsFromMySqlsManual() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SELECT SUBSTRING_INDEX('www.mysql.com', '.', 2)", "www.mysql");
        expected.put("SELECT SUBSTRING_INDEX('www.mysql.com', '.', -2)", "mysql.com");
        expected.put("SELECT SUBSTRING_INDEX('www.mysql.com', '.', 0)", "");
        expected.put("SELECT SUBSTRING_INDEX('www.mysql.com', '.', 9)", "www.mysql.com");
        expected.put("SELECT SUBSTRING_INDEX(NULL, '.', 1)", null);
        expected.put("SELECT FIND_IN_SET('b', 'a,b,c,d')", "2");
        expected.put("SELECT FIND_IN_SET('B', 'a,b,c,d')", "2");
        expected.put("SELECT FIND_IN_SET('e', 'a,b,c,d')", "0");
        expected.put("SELECT FIND_IN_SET(NULL, 'a')", null);
        expected.put("SELECT FIELD('Bb', 'Aa', 'Bb', 'Cc', 'Dd', 'Ff')", "2");
        expected.put("SELECT FIELD('Gg', 'Aa', 'Bb', 'Cc', 'Dd', 'Ff')", "0");
        expected.put("SELECT FIELD('bb', 'Aa', 'BB')", "2");
        expected.put("SELECT FIELD(2, 1, 2.0, 3)", "2");
        expected.put("SELECT FIELD(NULL, 'a')", "0");
        expected.put("SELECT ELT(1, 'Aa', 'Bb', 'Cc', 'Dd')", "Aa");
        expected.put("SELECT ELT(4, 'Aa', 'Bb', 'Cc', 'Dd')", "Dd");
        expected.put("SELECT ELT(5, 'Aa', 'Bb')", null);
        expected.put("SELECT INET_ATON('10.0.5.9')", "167773449");
        expected.put("SELECT INET_ATON('127.1')", "2130706433");
        expected.put("SELECT INET_ATON('1.2.3.256')", null);
        expected.put("SELECT INET_NTOA(167773449)", "10.0.5.9");
        expected.put("SELECT INET_NTOA(-1)", null);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), value(e.getKey()), e.getKey());
        }
    }

    @Test
    void numberFormattingAndBitAggregatesFromMySqlsManual() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SELECT CONV('a', 16, 2)", "1010");
        expected.put("SELECT CONV('6E', 18, 8)", "172");
        expected.put("SELECT CONV(-17, 10, -18)", "-H");
        expected.put("SELECT CONV('z', 37, 10)", null);
        expected.put("SELECT FORMAT(12332.123456, 4)", "12,332.1235");
        expected.put("SELECT FORMAT(12332.1, 4)", "12,332.1000");
        expected.put("SELECT FORMAT(12332.2, 0)", "12,332");
        expected.put("SELECT FORMAT(NULL, 2)", null);
        expected.put("SELECT BIT_XOR(id) FROM hf.bits", "7");
        expected.put("SELECT BIT_AND(id) FROM hf.bits", "0");
        expected.put("SELECT BIT_OR(id) FROM hf.bits", "7");
        expected.put("SELECT BIT_XOR(id) FROM hf.bits WHERE id > 10", "0");
        expected.put("SELECT BIT_AND(id) FROM hf.bits WHERE id > 10", "18446744073709551615");
        expected.put("SELECT BIT_XOR(id) + 1 FROM hf.bits", "8");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), value(e.getKey()), e.getKey());
        }
        // the core of pt-table-checksum's chunk checksum over the rows of hf.t
        assertEquals(Long.toHexString(crc32("1#é")), value("SELECT LOWER(CONV(BIT_XOR(CAST(CRC32(CONCAT_WS('#',"
                + " id, s)) AS UNSIGNED)), 10, 16)) FROM hf.t"));
    }

    /** DESC | DESCRIBE t [column] is SHOW COLUMNS FROM t [LIKE column]. */
    @Test
    void describeIsShowColumns() throws Exception {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE hf.t")) {
            StringBuilder fields = new StringBuilder();
            while (rs.next()) fields.append(rs.getString("Field")).append(' ').append(rs.getString("Type")).append(';');
            assertEquals("id int(11);s varchar(20);b varbinary(20);", fields.toString());
        }
        assertEquals("s", value("DESC hf.t s"));
    }
}
