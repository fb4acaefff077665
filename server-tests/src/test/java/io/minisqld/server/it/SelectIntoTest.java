package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue "What MySQL's everyday tools need", item 4: SELECT … INTO @variables, INTO OUTFILE and INTO
 * DUMPFILE (MySQL 5.7 manual, 13.2.9.1 "SELECT … INTO Syntax"), and LOAD DATA INFILE read by the
 * server, under {@code secure_file_priv} (5.1.7: NULL forbids, a directory confines); the file
 * format with its escapes, read back by LOAD DATA; {@code mariadb-dump --tab} and
 * {@code mariadb-import} round trip a table through the server's files.
 */
class SelectIntoTest {
    @TempDir
    private static Path dir;
    private static Path files;
    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        files = Files.createDirectory(dir.resolve("files"));
        server = MinisqldHarness.inProcess().name("into").in(dir).serverId(1).logBin()
                .options("--secure-file-priv=" + files).start();
        try (Connection c = server.newConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE f");
            st.execute("CREATE TABLE f.t (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(6,2), b VARBINARY(8))");
            st.execute("INSERT INTO f.t VALUES (1, 'plain', 1.50, NULL), (2, 'tab\\there', NULL, X'00FF'),"
                    + " (3, 'line\\nbreak \\\\ and \"quote\"', 3.00, X'41')");
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static void execute(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }

    private static void assertError(Connection c, String sql, int code, String message) {
        SQLException e = assertThrows(SQLException.class, () -> execute(c, sql), sql);
        assertEquals(code, e.getErrorCode(), e.getMessage());
        assertTrue(e.getMessage().endsWith(message), e.getMessage());
    }

    @Test
    void intoUserVariables() throws Exception {
        try (Connection c = server.newConnection(); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("SELECT name, price INTO @n, @p FROM f.t WHERE id = 1"));
            assertEquals(List.of(Arrays.asList("plain", "1.50")), rows(c, "SELECT @n, @p"));
            st.execute("SELECT id INTO @n FROM f.t WHERE id = 99");
            SQLWarning w = st.getWarnings();
            assertEquals(1329, w.getErrorCode());
            assertEquals(List.of(Arrays.asList("plain")), rows(c, "SELECT @n"), "no row leaves the variable");
            assertError(c, "SELECT id INTO @n FROM f.t", 1172, "Result consisted of more than one row");
            assertError(c, "SELECT id, name INTO @n FROM f.t WHERE id = 1", 1222,
                    "The used SELECT statements have a different number of columns");
        }
    }

    @Test
    void outfileWritesMySqlsFormatAndLoadDataReadsItBack() throws Exception {
        Path out = files.resolve("t.txt");
        try (Connection c = server.newConnection()) {
            execute(c, "SELECT * INTO OUTFILE '" + out + "' FROM f.t ORDER BY id");
            // tab between fields, \N for NULL, the escape before tab, newline and itself, NUL as \0
            byte[] expected = ("1\tplain\t1.50\t\\N\n"
                    + "2\ttab\\\there\t\\N\t\\0\u00ff\n"
                    + "3\tline\\\nbreak \\\\ and \"quote\"\t3.00\tA\n").getBytes(StandardCharsets.ISO_8859_1);
            assertArrayEquals(expected, Files.readAllBytes(out), new String(Files.readAllBytes(out),
                    StandardCharsets.ISO_8859_1));
            assertError(c, "SELECT * INTO OUTFILE '" + out + "' FROM f.t", 1086, "File '" + out + "' already exists");
            execute(c, "CREATE TABLE f.copy LIKE f.t", "LOAD DATA INFILE '" + out + "' INTO TABLE f.copy");
            assertEquals(rows(c, "SELECT * FROM f.t ORDER BY id"), rows(c, "SELECT * FROM f.copy ORDER BY id"));

            Path csv = files.resolve("t.csv");
            execute(c, "SELECT id, name, price INTO OUTFILE '" + csv + "' FIELDS TERMINATED BY ','"
                    + " OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n' FROM f.t WHERE id <> 2 ORDER BY id");
            // enclosed: the enclosing and escape characters are escaped, a newline is not (the lines end in \r\n)
            assertEquals("1,\"plain\",1.50\r\n3,\"line\nbreak \\\\ and \\\"quote\\\"\",3.00\r\n",
                    Files.readString(csv, StandardCharsets.UTF_8));

            Path latin1 = files.resolve("latin1-out.txt");
            execute(c, "SELECT 'caf\u00e9', X'E9' INTO OUTFILE '" + latin1 + "' CHARACTER SET latin1");
            assertArrayEquals(new byte[] {'c', 'a', 'f', (byte) 0xE9, '\t', (byte) 0xE9, '\n'},
                    Files.readAllBytes(latin1), "text converted, bytes kept");

            Path blob = files.resolve("b.bin");
            execute(c, "SELECT b INTO DUMPFILE '" + blob + "' FROM f.t WHERE id = 2");
            assertArrayEquals(new byte[] {0, (byte) 0xFF}, Files.readAllBytes(blob));
            assertError(c, "SELECT b INTO DUMPFILE '" + files.resolve("b2.bin") + "' FROM f.t", 1172,
                    "Result consisted of more than one row");
            // outside secure_file_priv's directory
            assertError(c, "SELECT * INTO OUTFILE '" + dir.resolve("outside.txt") + "' FROM f.t", 1290,
                    "The MySQL server is running with the --secure-file-priv option so it cannot execute this statement");
            assertError(c, "LOAD DATA INFILE '" + dir.resolve("outside.txt") + "' INTO TABLE f.copy", 1290,
                    "The MySQL server is running with the --secure-file-priv option so it cannot execute this statement");
        }
    }

    /** LOAD DATA reads a file in character_set_database when it names no CHARACTER SET, as MySQL does. */
    @Test
    void loadDataReadsTheFileInCharacterSetDatabase() throws Exception {
        Path latin1 = files.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'7', '\t', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        try (Connection c = server.newConnection()) {
            execute(c, "CREATE TABLE f.words (id INT PRIMARY KEY, w VARCHAR(10))",
                    "SET SESSION character_set_database = latin1",
                    "LOAD DATA INFILE '" + latin1 + "' INTO TABLE f.words");
            assertEquals(List.of(Arrays.asList("7", "caf\u00e9")), rows(c, "SELECT * FROM f.words"));
        }
    }

    @Test
    void aServerWithoutSecureFilePrivWritesNoFile() throws Exception {
        try (MinisqldHarness plain = MinisqldHarness.inProcess().name("into-null").in(dir).serverId(2).start();
             Connection c = plain.newConnection()) {
            assertEquals(List.of(Arrays.asList((String) null)), rows(c, "SELECT @@secure_file_priv"));
            assertError(c, "SELECT 1 INTO OUTFILE '" + files.resolve("never.txt") + "'", 1290,
                    "The MySQL server is running with the --secure-file-priv option so it cannot execute this statement");
            assertTrue(!Files.exists(files.resolve("never.txt")));
        }
    }

    /** mariadb-dump --tab has the server write each table's rows; mariadb-import loads them elsewhere. */
    @Test
    void dumpTabAndImportRoundTrip() throws Exception {
        Path tab = Files.createDirectory(files.resolve("tab"));
        Program.Result dump = Program.run(List.of(Program.existing(Path.of("/usr/bin/mariadb-dump")), "--no-defaults",
                "-h127.0.0.1", "-P" + server.port(), "-uroot", "--tab=" + tab, "f", "t"), null, Duration.ofSeconds(60));
        assertEquals(0, dump.exitCode(), dump.toString());
        assertTrue(Files.readString(tab.resolve("t.sql")).contains("CREATE TABLE `t`"));
        try (Connection c = server.newConnection()) {
            execute(c, "CREATE DATABASE g");
        }
        Program.Result schema = Program.run(List.of("/bin/sh", "-c", Program.existing(Program.MARIADB)
                + " --no-defaults -h127.0.0.1 -P" + server.port() + " -uroot g < " + tab.resolve("t.sql")), null,
                Duration.ofSeconds(60));
        assertEquals(0, schema.exitCode(), schema.toString());
        Program.Result load = Program.run(List.of(Program.existing(Path.of("/usr/bin/mariadb-import")), "--no-defaults",
                "-h127.0.0.1", "-P" + server.port(), "-uroot", "g", tab.resolve("t.txt").toString()), null,
                Duration.ofSeconds(60));
        assertEquals(0, load.exitCode(), load.toString());
        try (Connection c = server.newConnection()) {
            assertEquals(rows(c, "SELECT * FROM f.t ORDER BY id"), rows(c, "SELECT * FROM g.t ORDER BY id"));
            assertEquals(List.of(List.of("3")), rows(c, "SELECT COUNT(*) FROM g.t"));
        }
    }
}
