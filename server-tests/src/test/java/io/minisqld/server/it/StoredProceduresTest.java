package io.minisqld.server.it;

import static io.minisqld.server.it.ConnectorScenarios.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue "What MySQL's everyday tools need", item 4: stored procedures (MySQL 5.7 manual, 13.1.16
 * CREATE PROCEDURE, 13.2.1 CALL, 13.6 Compound Statement Syntax): parameters IN / OUT / INOUT,
 * DECLARE, SET, IF, CASE, WHILE, REPEAT, LOOP with LEAVE / ITERATE, cursors with a NOT FOUND
 * handler, CONTINUE and EXIT handlers, SIGNAL; result sets returned by CALL; SHOW CREATE
 * PROCEDURE, SHOW PROCEDURE STATUS, information_schema.ROUTINES / PARAMETERS; MySQL's errors; a
 * statement-based replica gets the CREATE PROCEDURE and the statements a CALL ran (with the
 * values the procedure used), never the CALL; JDBC prepareCall with OUT parameters through both
 * Connector/Js; a dump with --routines restores them.
 */
class StoredProceduresTest {
    private static final String SCHEMA = """
            CREATE DATABASE app;
            USE app;
            CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20), qty INT);
            CREATE TABLE log (n INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(80));
            DELIMITER ;;
            CREATE PROCEDURE add_item(IN p_name VARCHAR(20), IN p_qty INT, OUT p_id INT)
            COMMENT 'adds one item'
            BEGIN
              IF p_qty < 0 THEN
                SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'qty must not be negative', MYSQL_ERRNO = 1644;
              END IF;
              INSERT INTO item (name, qty) VALUES (p_name, p_qty);
              SET p_id = LAST_INSERT_ID();
              INSERT INTO log (what) VALUES (CONCAT('added ', p_name, ' x', p_qty));
            END;;
            CREATE PROCEDURE total(INOUT acc INT)
            BEGIN
              DECLARE done INT DEFAULT 0;
              DECLARE q INT;
              DECLARE c CURSOR FOR SELECT qty FROM item ORDER BY id;
              DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
              OPEN c;
              read_loop: LOOP
                FETCH c INTO q;
                IF done THEN
                  LEAVE read_loop;
                END IF;
                SET acc = acc + q;
              END LOOP;
              CLOSE c;
            END;;
            CREATE PROCEDURE counting(IN n INT)
            BEGIN
              DECLARE i INT DEFAULT 0;
              DECLARE s VARCHAR(200) DEFAULT '';
              WHILE i < n DO
                SET i = i + 1;
                IF i = 2 THEN
                  ITERATE_SKIP: BEGIN END;
                END IF;
                SET s = CONCAT(s, i, CASE WHEN i % 2 = 0 THEN 'e' ELSE 'o' END);
              END WHILE;
              REPEAT
                SET i = i - 1;
              UNTIL i <= 0 END REPEAT;
              CASE n
                WHEN 3 THEN SELECT s AS result, i AS ended;
                ELSE SELECT 'other' AS result;
              END CASE;
              SELECT COUNT(*) AS items FROM item;
            END;;
            CREATE PROCEDURE safe_insert(IN p_id INT)
            BEGIN
              DECLARE EXIT HANDLER FOR 1062 BEGIN
                INSERT INTO log (what) VALUES (CONCAT('duplicate ', p_id));
              END;
              INSERT INTO item (id, name, qty) VALUES (p_id, 'dup', 0);
              INSERT INTO log (what) VALUES (CONCAT('inserted ', p_id));
            END;;
            DELIMITER ;
            """;

    private static ReplicatedPair pair;
    private static Path dir;
    private static MinisqldHarness source;
    private static MinisqldHarness replica;

    @BeforeAll
    static void start() throws Exception {
        pair = ReplicatedPair.start("sp", SCHEMA);
        dir = pair.dir;
        source = pair.source;
        replica = pair.replica;
    }

    @AfterAll
    static void stop() {
        if (pair != null) pair.close();
    }

    private static void execute(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) st.execute(s);
        }
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void outParametersCursorsHandlersAndReplication() throws Exception {
        try (Connection c = source.newConnection()) {
            execute(c, "USE app", "CALL add_item('apple', 5, @id1)", "CALL add_item('pear', 7, @id2)",
                    "CALL safe_insert(1)", "CALL safe_insert(50)");
            assertEquals(List.of(row("1", "2")), rows(c, "SELECT @id1, @id2"));
            assertEquals(List.of(row("1", "apple", "5"), row("2", "pear", "7"), row("50", "dup", "0")),
                    rows(c, "SELECT * FROM item ORDER BY id"));
            assertEquals(List.of(row("added apple x5"), row("added pear x7"), row("duplicate 1"), row("inserted 50")),
                    rows(c, "SELECT what FROM log ORDER BY n"));
            execute(c, "SET @acc = 100", "CALL total(@acc)");
            assertEquals(List.of(row("112")), rows(c, "SELECT @acc"));
            SQLException negative = assertThrows(SQLException.class, () -> execute(c, "CALL add_item('bad', -1, @x)"));
            assertEquals(1644, negative.getErrorCode());
            assertEquals("45000", negative.getSQLState());
            assertTrue(negative.getMessage().endsWith("qty must not be negative"), negative.getMessage());
            // the binlog has what the CALLs did, with the procedures' values, and no CALL
            List<String> events = rows(c, "SHOW BINLOG EVENTS").stream().map(r -> r.get(5)).toList();
            assertFalse(events.stream().anyMatch(e -> e.matches("(?s)(use `\\w+`; )?CALL .*")), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.contains("INSERT INTO item (name, qty) VALUES ('apple', 5)")),
                    events.toString());
            assertTrue(events.stream().anyMatch(e -> e.startsWith("use `app`; CREATE DEFINER=`root`@`localhost` PROCEDURE"
                    + " `add_item`(IN p_name VARCHAR(20), IN p_qty INT, OUT p_id INT)")), events.toString());
        }
        Replication.awaitCaughtUp(replica, source);
        Replication.assertSameTables(source, replica, "app");
        try (Connection r = replica.newConnection()) {
            assertEquals(List.of(row("add_item"), row("counting"), row("safe_insert"), row("total")),
                    rows(r, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'app'"
                            + " AND ROUTINE_NAME IN ('add_item', 'counting', 'safe_insert', 'total') ORDER BY 1"));
        }
    }

    @Test
    void callReturnsEachSelectsResultSet() throws Exception {
        try (Connection c = source.newConnection(); Statement st = c.createStatement()) {
            assertTrue(st.execute("CALL app.counting(3)"));
            List<List<List<String>>> sets = new ArrayList<>();
            do {
                try (ResultSet rs = st.getResultSet()) {
                    if (rs == null) continue;
                    List<List<String>> set = new ArrayList<>();
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> r = new ArrayList<>();
                        for (int i = 1; i <= n; i++) r.add(rs.getString(i));
                        set.add(r);
                    }
                    sets.add(set);
                }
            } while (st.getMoreResults() || st.getUpdateCount() != -1);
            assertEquals(2, sets.size(), sets.toString());
            assertEquals(List.of(row("1o2e3o", "0")), sets.get(0));
        }
        Program.Result cli = source.mariadb("CALL app.counting(1);\n", "--batch");
        assertEquals(0, cli.exitCode(), cli.toString());
        assertTrue(cli.stdout().startsWith("result\nother\nitems\n"), cli.stdout());
    }

    /**
     * A select item that holds a local variable is labelled as typed (MySQL labels {@code SELECT i}
     * of a procedure {@code i}; the server labelled it with the value put in its place, {@code 3}),
     * and GET [CURRENT] DIAGNOSTICS (MySQL 5.7 manual 13.6.7.3; it was 1064) reads the condition a
     * handler took: NUMBER, MESSAGE_TEXT, MYSQL_ERRNO, RETURNED_SQLSTATE, CLASS_ORIGIN, into local
     * and user variables; a condition number beyond them leaves the targets with warning 1758.
     * Outside a stored program it reads the previous statement's conditions (SHOW WARNINGS').
     */
    @Test
    void localVariablesAreLabelledAsTypedAndGetDiagnosticsReadsTheHandledCondition() throws Exception {
        Program.Result cli = source.mariadb("""
                CREATE DATABASE diag;
                USE diag;
                CREATE TABLE t (id INT PRIMARY KEY);
                INSERT INTO t VALUES (1);
                DELIMITER ;;
                CREATE PROCEDURE labels() BEGIN DECLARE i INT DEFAULT 3; SELECT i, i + 1, i AS named, i 'str'; END;;
                CREATE PROCEDURE caught() BEGIN
                  DECLARE n INT;
                  DECLARE msg TEXT;
                  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN
                    GET CURRENT DIAGNOSTICS n = NUMBER;
                    GET DIAGNOSTICS CONDITION 1 msg = MESSAGE_TEXT, @errno = MYSQL_ERRNO, @state = RETURNED_SQLSTATE,
                      @origin = CLASS_ORIGIN;
                    SELECT n, msg, @errno, @state, @origin;
                  END;
                  INSERT INTO t VALUES (1);
                END;;
                CREATE PROCEDURE nothing() BEGIN
                  SET @kept = 'kept';
                  GET DIAGNOSTICS CONDITION 1 @kept = MESSAGE_TEXT;
                  SELECT @kept;
                END;;
                DELIMITER ;
                CALL labels();
                CALL caught();
                CALL nothing();
                SHOW WARNINGS;
                DROP DATABASE diag;
                """, "--batch");
        assertEquals(0, cli.exitCode(), cli.toString());
        assertEquals("i\ti + 1\tnamed\tstr\n3\t4\t3\t3\n"
                + "n\tmsg\t@errno\t@state\t@origin\n1\tDuplicate entry '1' for key 'PRIMARY'\t1062\t23000\tISO 9075\n"
                + "@kept\nkept\n"
                + "Level\tCode\tMessage\nWarning\t1758\tInvalid condition number\n", cli.stdout());
        // outside a stored program: the previous statement's conditions, into user variables
        Program.Result top = source.mariadb("""
                SELECT CAST('abc' AS SIGNED) AS n;
                GET DIAGNOSTICS @count = NUMBER;
                GET CURRENT DIAGNOSTICS CONDITION 1 @m = MESSAGE_TEXT, @e = MYSQL_ERRNO, @s = RETURNED_SQLSTATE;
                GET DIAGNOSTICS CONDITION 2 @m = MESSAGE_TEXT;
                SHOW WARNINGS;
                SELECT @count, @m, @e, @s;
                """, "--batch");
        assertEquals(0, top.exitCode(), top.toString());
        assertEquals("n\n0\nLevel\tCode\tMessage\nWarning\t1292\tTruncated incorrect INTEGER value: 'abc'\n"
                + "Error\t1758\tInvalid condition number\n"
                + "@count\t@m\t@e\t@s\n1\tTruncated incorrect INTEGER value: 'abc'\t1292\t22007\n", top.stdout());
    }

    @Test
    void prepareCallWithOutParametersThroughBothConnectors() throws Exception {
        try (Connection c = source.newConnection()) {
            execute(c, "CREATE PROCEDURE app.scaled(IN x INT, INOUT acc BIGINT, OUT label VARCHAR(20))"
                    + " BEGIN SET acc = acc * x; SET label = CONCAT('x', x); END");
        }
        // MariaDB Connector/J prepares the CALL (its OUT parameters come back in a row flagged
        // SERVER_PS_OUT_PARAMS); MySQL Connector/J runs it through user variables
        for (Driver driver : Driver.values()) {
            try (Connection c = driver.connect(source, "app");
                 CallableStatement call = c.prepareCall("{call scaled(?, ?, ?)}")) {
                call.setInt(1, 3);
                call.setLong(2, 1000);
                call.registerOutParameter(2, Types.BIGINT);
                call.registerOutParameter(3, Types.VARCHAR);
                call.execute();
                assertEquals(3000, call.getLong(2), driver.name());
                assertEquals("x3", call.getString(3), driver.name());
            }
        }
    }

    @Test
    void showCreateStatusAndInformationSchema() throws Exception {
        try (Connection c = source.newConnection()) {
            List<String> create = rows(c, "SHOW CREATE PROCEDURE app.safe_insert").get(0);
            assertEquals("safe_insert", create.get(0));
            assertTrue(create.get(2).startsWith("CREATE DEFINER=`root`@`localhost` PROCEDURE `safe_insert`(IN p_id INT)\n"
                    + "BEGIN\n"), create.get(2));
            List<List<String>> status = rows(c, "SHOW PROCEDURE STATUS WHERE Db = 'app'");
            assertEquals(List.of("add_item", "counting", "safe_insert", "total"), status.stream().map(r -> r.get(1))
                    .filter(n -> !n.equals("scaled")).toList());
            assertEquals(row("app", "add_item", "PROCEDURE", "root@localhost"), status.get(0).subList(0, 4));
            assertEquals(row("DEFINER", "adds one item"), status.get(0).subList(6, 8));
            assertEquals(List.of(row("1", "IN", "p_name", "varchar", "varchar(20)"), row("2", "IN", "p_qty", "int", "int"),
                    row("3", "OUT", "p_id", "int", "int")), rows(c, "SELECT ORDINAL_POSITION, PARAMETER_MODE,"
                    + " PARAMETER_NAME, DATA_TYPE, DTD_IDENTIFIER FROM information_schema.PARAMETERS"
                    + " WHERE SPECIFIC_SCHEMA = 'app' AND SPECIFIC_NAME = 'add_item' ORDER BY 1"));
        }
    }

    @Test
    void mysqlsErrors() throws Exception {
        try (Connection c = source.newConnection()) {
            execute(c, "USE app");
            assertError(c, "CALL nope()", 1305, "PROCEDURE app.nope does not exist");
            assertError(c, "CALL add_item('x', 1)", 1318,
                    "Incorrect number of arguments for PROCEDURE app.add_item; expected 3, got 2");
            assertError(c, "CALL add_item('x', 1, 5)", 1414,
                    "OUT or INOUT argument 3 for routine app.add_item is not a variable or NEW pseudo-variable in BEFORE trigger");
            assertError(c, "CREATE PROCEDURE total(x INT) SELECT x", 1304, "PROCEDURE total already exists");
            assertError(c, "DROP PROCEDURE nope", 1305, "PROCEDURE app.nope does not exist");
            execute(c, "DROP PROCEDURE IF EXISTS nope");
            assertError(c, "CREATE PROCEDURE bad() BEGIN LEAVE nowhere; END", 1308,
                    "LEAVE with no matching label: nowhere");
            assertError(c, "CREATE PROCEDURE bad() BEGIN FETCH c INTO x; END", 1324, "Undefined CURSOR: c");
            assertError(c, "CREATE PROCEDURE bad() BEGIN DECLARE c CURSOR FOR SELECT 1; OPEN c; OPEN c; END", -1, null);
            assertError(c, "CALL bad()", 1325, "Cursor is already open");
            execute(c, "DROP PROCEDURE bad");
            assertError(c, "CREATE PROCEDURE bad() RETURN 1", 1313, "RETURN is only allowed in a FUNCTION");
            assertError(c, "CREATE FUNCTION f() RETURNS INT BEGIN INSERT INTO log (what) VALUES ('x'); RETURN 1; END",
                    1235, "This version of MySQL doesn't yet support 'INSERT in a stored function'");
            assertError(c, "CREATE FUNCTION f() RETURNS INT BEGIN DECLARE x INT; END", 1320,
                    "No RETURN found in FUNCTION f");
            assertError(c, "CREATE FUNCTION f() RETURNS INT BEGIN SELECT 1; RETURN 1; END", 1415,
                    "Not allowed to return a result set from a function");
            // a procedure may not call itself (max_sp_recursion_depth is 0)
            assertError(c, "CREATE PROCEDURE rec() CALL rec()", -1, null);
            assertError(c, "CALL rec()", 1456,
                    "Recursive limit 0 (as set by the max_sp_recursion_depth variable) was exceeded for routine rec");
            execute(c, "DROP PROCEDURE rec");
            // FETCH past the end without a handler is the error
            assertError(c, "CREATE PROCEDURE fetch_all() BEGIN DECLARE x INT; DECLARE c CURSOR FOR SELECT 1;"
                    + " OPEN c; FETCH c INTO x; FETCH c INTO x; END", -1, null);
            assertError(c, "CALL fetch_all()", 1329, "No data - zero rows fetched, selected, or processed");
            execute(c, "DROP PROCEDURE fetch_all");
        }
    }

    /**
     * Stored functions (MySQL 5.7 manual, 13.1.16 CREATE FUNCTION): called in expressions of any
     * statement, in the calling session, their value in the RETURNS type; SHOW CREATE FUNCTION, SHOW
     * FUNCTION STATUS; a replica runs its own copy for the statements it applies.
     */
    @Test
    void storedFunctionsInExpressions() throws Exception {
        try (Connection c = source.newConnection()) {
            execute(c, "USE app",
                    "CREATE FUNCTION with_tax(p DECIMAL(10,2), rate INT) RETURNS DECIMAL(10,2) DETERMINISTIC"
                            + " RETURN p * (100 + rate) / 100",
                    "CREATE FUNCTION size_label(x INT) RETURNS VARCHAR(20) DETERMINISTIC BEGIN"
                            + " IF x > 5 THEN RETURN 'big'; END IF; RETURN CONCAT('small-', x); END",
                    "CREATE FUNCTION at_least(q INT) RETURNS INT READS SQL DATA BEGIN DECLARE n INT;"
                            + " SELECT COUNT(*) INTO n FROM item WHERE qty >= q; RETURN n; END",
                    "CREATE FUNCTION countdown(n INT) RETURNS INT RETURN IF(n = 0, 0, countdown(n - 1))",
                    "CREATE TABLE fn_rows (id INT PRIMARY KEY, label VARCHAR(20), price DECIMAL(10,2))");
            assertEquals(List.of(row("12.00", "big", "small-3")),
                    rows(c, "SELECT with_tax(10, 20), size_label(9), app.size_label(3)"));
            int items = Integer.parseInt(rows(c, "SELECT COUNT(*) FROM item").get(0).get(0));
            assertEquals(List.of(row(Integer.toString(items))), rows(c, "SELECT at_least(-1000)"));
            // in a WHERE clause, per row, and in the values a replica must reproduce
            execute(c, "INSERT INTO fn_rows VALUES (1, size_label(7), with_tax(100, 7)), (2, size_label(1), NULL)");
            assertEquals(List.of(row("2")), rows(c, "SELECT id FROM fn_rows WHERE size_label(id * 4) = 'big'"));
            assertEquals(List.of(row("1", "big", "107.00"), row("2", "small-1", null)),
                    rows(c, "SELECT * FROM fn_rows ORDER BY id"));
            assertError(c, "SELECT size_label()", 1318,
                    "Incorrect number of arguments for FUNCTION app.size_label; expected 1, got 0");
            assertError(c, "SELECT countdown(3)", 1424, "Recursive stored functions and triggers are not allowed.");
            List<String> create = rows(c, "SHOW CREATE FUNCTION with_tax").get(0);
            assertEquals("with_tax", create.get(0));
            assertTrue(create.get(2).startsWith("CREATE DEFINER=`root`@`localhost` FUNCTION `with_tax`(p DECIMAL(10,2),"
                    + " rate INT) RETURNS DECIMAL(10,2)\n    DETERMINISTIC\n"), create.get(2));
            assertEquals(List.of("at_least", "countdown", "size_label", "with_tax"),
                    rows(c, "SHOW FUNCTION STATUS WHERE Db = 'app'").stream().map(r -> r.get(1)).toList());
            assertEquals(List.of(row("0", null, "decimal"), row("1", "p", "decimal"), row("2", "rate", "int")),
                    rows(c, "SELECT ORDINAL_POSITION, PARAMETER_NAME, DATA_TYPE FROM information_schema.PARAMETERS"
                            + " WHERE SPECIFIC_NAME = 'with_tax' ORDER BY 1"));
            execute(c, "DROP FUNCTION countdown");
            assertError(c, "SELECT countdown(1)", 1305, "FUNCTION app.countdown does not exist");
        }
        Replication.awaitCaughtUp(replica, source);
        try (Connection r = replica.newConnection()) {
            assertEquals(List.of(row("1", "big", "107.00"), row("2", "small-1", null)),
                    rows(r, "SELECT * FROM app.fn_rows ORDER BY id"));
            assertEquals(List.of(row("big")), rows(r, "SELECT app.size_label(6)"));
        }
    }

    /** A statement that succeeds when {@code code} is -1; else fails with that error and message. */
    private static void assertError(Connection c, String sql, int code, String message) throws SQLException {
        if (code < 0) {
            execute(c, sql);
            return;
        }
        SQLException e = assertThrows(SQLException.class, () -> execute(c, sql), sql);
        assertEquals(code, e.getErrorCode(), e.getMessage());
        assertTrue(e.getMessage().endsWith(message), e.getMessage());
    }

    /** mariadb-dump --routines writes them between DELIMITER lines; loading the dump makes them again. */
    @Test
    void aDumpWithRoutinesRestoresThem() throws Exception {
        Program.Result dump = Program.run(List.of(Program.existing(Path.of("/usr/bin/mariadb-dump")), "--no-defaults",
                "-h127.0.0.1", "-P" + source.port(), "-uroot", "--databases", "app", "--routines",
                "--result-file=" + dir.resolve("app.sql")), null, Duration.ofSeconds(60));
        assertEquals(0, dump.exitCode(), dump.toString());
        String sql = Files.readString(dir.resolve("app.sql"));
        assertTrue(sql.contains("CREATE DEFINER=`root`@`localhost` PROCEDURE `total`(INOUT acc INT)"), sql);
        try (MinisqldHarness fresh = MinisqldHarness.inProcess().name("sp-restore").in(dir).serverId(3).start()) {
            Program.Result load = Program.run(List.of("/bin/sh", "-c", Program.existing(Program.MARIADB)
                    + " --no-defaults -h127.0.0.1 -P" + fresh.port() + " -uroot < " + dir.resolve("app.sql")), null,
                    Duration.ofSeconds(60));
            assertEquals(0, load.exitCode(), load.toString());
            try (Connection c = fresh.newConnection(); Connection s = source.newConnection()) {
                String q = "SELECT ROUTINE_NAME, ROUTINE_DEFINITION FROM information_schema.ROUTINES"
                        + " WHERE ROUTINE_SCHEMA = 'app' ORDER BY 1";
                assertEquals(rows(s, q), rows(c, q));
                execute(c, "SET @t = 0", "CALL app.total(@t)");
                execute(s, "SET @t = 0", "CALL app.total(@t)");
                assertEquals(rows(s, "SELECT @t"), rows(c, "SELECT @t"));
            }
        }
    }
}
