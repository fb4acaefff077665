package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.minisqld.server.it.VariableCase.Check;
import io.minisqld.server.it.VariableCase.Inert;
import io.minisqld.server.it.VariableCase.Refused;
import io.minisqld.server.it.VariableCase.Takes;
import io.minisqld.server.protocol.RawClient;
import io.minisqld.server.wire.Capabilities;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.SqlRunner;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every dynamic system variable of the server and what each value MySQL 5.7 allows does: a check
 * of its observable effect, or MySQL's refusal. {@link DynamicVariablesTest} runs them and fails
 * for a dynamic variable that has no entry here. The fixtures (database vt, account plain, the
 * replica) are the test's.
 */
final class VariableProbes {
    private VariableProbes() {
    }

    /** What a SET changes on which server. */
    enum Target { SOURCE, REPLICA }

    /** One variable's cases, run in order. */
    record Probe(String name, Target target, List<VariableCase> cases) {
    }

    /**
     * Variables whose SESSION and GLOBAL values mean different things, so the test does not
     * check the global value as the default of new sessions: their cases say what each does.
     */
    static final Set<String> OWN_GLOBAL_CASES = Set.of("max_allowed_packet", "net_buffer_length",
            "interactive_timeout", "character_set_client", "character_set_connection", "character_set_results",
            "collation_connection");

    static final String NOT_SUPPORTED = "This version of MySQL doesn't yet support '%s'";

    static Map<String, Probe> all() {
        Map<String, Probe> p = new LinkedHashMap<>();
        connections(p);
        characterSets(p);
        sqlModes(p);
        sqlBehaviour(p);
        logs(p);
        binlog(p);
        replica(p);
        replaySettings(p);
        return p;
    }

    private static void add(Map<String, Probe> p, String name, VariableCase... cases) {
        p.put(name, new Probe(name, Target.SOURCE, List.of(cases)));
    }

    private static void addOnReplica(Map<String, Probe> p, String name, VariableCase... cases) {
        p.put(name, new Probe(name, Target.REPLICA, List.of(cases)));
    }

    static Takes takes(String set, Check check) {
        return new Takes(set, check);
    }

    static Refused refused(String set, int code, String message) {
        return new Refused(set, code, message);
    }

    static Refused unsupported(String set, String what) {
        return new Refused(set, 1235, String.format(NOT_SUPPORTED, what));
    }

    static Inert inert(String set, String why, Check check) {
        return new Inert(set, why, check);
    }

    // --- connections and the network

    private static void connections(Map<String, Probe> p) {
        add(p, "max_connections",
                takes("SET GLOBAL max_connections = 1", (env, c) -> {
                    SQLException e = assertThrows(SQLException.class, () -> env.plain().close());
                    assertEquals(1040, e.getErrorCode(), e.getMessage());
                }),
                takes("SET GLOBAL max_connections = 151", (env, c) -> env.plain().close()),
                takes("SET GLOBAL max_connections = 100000", (env, c) -> env.plain().close()));
        add(p, "lock_wait_timeout",
                takes("SET SESSION lock_wait_timeout = 1", (env, c) -> {
                    try (java.sql.Connection holder = env.root(); java.sql.Statement h = holder.createStatement()) {
                        h.execute("FLUSH TABLES WITH READ LOCK");
                        try {
                            SQLException e = assertThrows(SQLException.class,
                                    () -> SqlRunner.on(c).execute("CREATE DATABASE lock_wait_probe"));
                            assertEquals(1205, e.getErrorCode(), e.getMessage());
                        } finally {
                            h.execute("UNLOCK TABLES");
                        }
                    }
                }),
                takes("SET GLOBAL lock_wait_timeout = 31536000", (env, c) ->
                        assertEquals("31536000", value(c, "SELECT @@global.lock_wait_timeout"))));
        add(p, "max_prepared_stmt_count",
                takes("SET GLOBAL max_prepared_stmt_count = 0", (env, c) -> {
                    SQLException e = assertThrows(SQLException.class, () -> prepareAndDeallocate(c));
                    assertEquals(1461, e.getErrorCode(), e.getMessage());
                    assertTrue(e.getMessage().endsWith(
                            "Can't create more than max_prepared_stmt_count statements (current value: 0)"), e.getMessage());
                }),
                takes("SET GLOBAL max_prepared_stmt_count = 16382", (env, c) -> prepareAndDeallocate(c)),
                takes("SET GLOBAL max_prepared_stmt_count = 1048576", (env, c) -> prepareAndDeallocate(c)));
        add(p, "connect_timeout",
                takes("SET GLOBAL connect_timeout = 2", (env, c) -> {
                    try (RawClient r = RawClient.connect(env.port())) {
                        long t0 = System.nanoTime();
                        // closed before the read gives up at 6 s: the 10 s default would not be
                        r.socket.setSoTimeout(6000);
                        assertTrue(r.closedByServer(), "the server closes a handshake left unanswered");
                        long waited = (System.nanoTime() - t0) / 1_000_000;
                        // not at once either: the client had its 2 s
                        assertTrue(waited >= 1500, "closed after " + waited + " ms");
                    }
                }),
                takes("SET GLOBAL connect_timeout = 10", (env, c) -> {
                    try (RawClient r = RawClient.connect(env.port())) {
                        assertStillOpenAfter(r, 2500);
                    }
                }));
        String loopback = "MySQL keeps no host cache for loopback connections, the only ones here; "
                + "HostCacheTest shows a non-loopback host blocked and unblocked";
        Check unblocked = (env, c) -> {
            for (int i = 0; i < 2; i++) {
                try (RawClient r = RawClient.connect(env.port())) {
                    r.writeBytes(new byte[] {1, 0, 0, 1});
                }
            }
            env.root().close();
        };
        add(p, "max_connect_errors",
                inert("SET GLOBAL max_connect_errors = 1", loopback, unblocked),
                inert("SET GLOBAL max_connect_errors = 100", loopback, unblocked),
                inert("SET GLOBAL max_connect_errors = 4294967295", loopback, unblocked));
        // the probes' server has no TLS (TlsTest turns it ON on a server that has)
        add(p, "require_secure_transport",
                refused("SET GLOBAL require_secure_transport = ON", 3160, "No secure transports (SSL or Shared Memory)"
                        + " are configured, unable to set --require_secure_transport=ON."),
                takes("SET GLOBAL require_secure_transport = OFF", (env, c) -> env.plain().close()));
        add(p, "max_user_connections",
                takes("SET GLOBAL max_user_connections = 1", (env, c) -> {
                    try (Connection first = env.plain()) {
                        SQLException e = assertThrows(SQLException.class, () -> env.plain().close());
                        assertEquals(1203, e.getErrorCode(), e.getMessage());
                        assertTrue(e.getMessage().contains(
                                "User plain already has more than 'max_user_connections' active connections"), e.getMessage());
                    }
                }),
                takes("SET GLOBAL max_user_connections = 4294967295", (env, c) -> {
                    try (Connection first = env.plain(); Connection second = env.plain()) {
                        assertEquals("1", value(second, "SELECT 1"));
                    }
                }),
                takes("SET GLOBAL max_user_connections = 0", (env, c) -> {
                    try (Connection first = env.plain(); Connection second = env.plain()) {
                        assertEquals("1", value(second, "SELECT 1"));
                    }
                }));
        // a password set two days ago is expired under a lifetime of one day (PasswordExpiryTest has the rest)
        add(p, "default_password_lifetime",
                takes("SET GLOBAL default_password_lifetime = 1", (env, c) -> {
                    try (Connection root = env.root()) {
                        execute(root, "CREATE USER 'aged'@'%' IDENTIFIED BY 'pw'", "UPDATE mysql.user SET"
                                + " password_last_changed = TIMESTAMPADD(DAY, -2, NOW()) WHERE user = 'aged'",
                                "FLUSH PRIVILEGES");
                        try {
                            SQLException e = assertThrows(SQLException.class, () -> java.sql.DriverManager.getConnection(
                                    "jdbc:mariadb://127.0.0.1:" + env.port() + "/?user=aged&password=pw").close());
                            assertEquals(1862, e.getErrorCode(), e.getMessage());
                        } finally {
                            execute(root, "DROP USER 'aged'@'%'");
                        }
                    }
                }),
                takes("SET GLOBAL default_password_lifetime = 0", (env, c) -> env.plain().close()));
        add(p, "init_connect",
                takes("SET GLOBAL init_connect = 'SET @init = 42'", (env, c) -> {
                    try (Connection plain = env.plain(); Connection root = env.root()) {
                        assertEquals("42", value(plain, "SELECT @init"));
                        assertNull(value(root, "SELECT @init"), "not run for an account with SUPER");
                    }
                }),
                takes("SET GLOBAL init_connect = 'SELECT * FROM vt.nosuch'", (env, c) -> {
                    SQLException e = assertThrows(SQLException.class, () -> env.plain().close());
                    assertEquals(1146, e.getErrorCode(), e.getMessage());
                    assertTrue(env.errorLog().contains("(init_connect command failed)"), env.errorLog());
                }),
                takes("SET GLOBAL init_connect = ''", (env, c) -> {
                    try (Connection plain = env.plain()) {
                        assertNull(value(plain, "SELECT @init"));
                    }
                }));
        add(p, "max_allowed_packet",
                refused("SET SESSION max_allowed_packet = 1024", 1621,
                        "SESSION variable 'max_allowed_packet' is read-only. Use SET GLOBAL to assign the value"),
                takes("SET GLOBAL max_allowed_packet = 1024", (env, c) -> {
                    String big = "SELECT '" + "x".repeat(2000) + "'";
                    try (RawClient r = RawClient.login(env.port(), 0)) {
                        r.query(big);
                        RawClient.Err err = RawClient.err(r.read());
                        assertEquals(1153, err.code(), err.message());
                        assertTrue(r.closedByServer(), "the connection is closed after 1153");
                    }
                    assertEquals(2000, value(c, big).length(), "a session opened before keeps its value");
                }),
                takes("SET GLOBAL max_allowed_packet = 4194304", (env, c) -> bigQueryPasses(env)),
                takes("SET GLOBAL max_allowed_packet = 1073741824", (env, c) -> bigQueryPasses(env)));
        String buffer = "the size a connection's buffers start at: MySQL grows them as needed, nothing a client sees "
                + "depends on it";
        add(p, "net_buffer_length",
                refused("SET SESSION net_buffer_length = 1024", 1621,
                        "SESSION variable 'net_buffer_length' is read-only. Use SET GLOBAL to assign the value"),
                inert("SET GLOBAL net_buffer_length = 1024", buffer, (env, c) -> bigQueryPasses(env)),
                inert("SET GLOBAL net_buffer_length = 16384", buffer, (env, c) -> bigQueryPasses(env)),
                inert("SET GLOBAL net_buffer_length = 1048576", buffer, (env, c) -> bigQueryPasses(env)));
        add(p, "net_read_timeout",
                takes("SET SESSION net_read_timeout = 1", (env, c) -> {
                    try (RawClient r = loggedIn(env, "SET SESSION net_read_timeout = 1")) {
                        r.writeBytes(new byte[] {100, 0, 0, 0, 3, 'S', 'E', 'L'});
                        // closed before the read gives up at 5 s: the 30 s default would not be
                        r.socket.setSoTimeout(5000);
                        assertTrue(r.closedByServer(), "a command that stops half-way is given up");
                    }
                }),
                takes("SET SESSION net_read_timeout = 30", (env, c) -> {
                    try (RawClient r = loggedIn(env, "SET SESSION net_read_timeout = 30")) {
                        byte[] sql = ("SELECT 1" + " ".repeat(91)).getBytes(StandardCharsets.UTF_8);
                        r.writeBytes(new byte[] {100, 0, 0, 0, 3});
                        // longer than a 1 s timeout, well within 30 s: the command must still be read
                        Thread.sleep(1500);
                        r.writeBytes(sql);
                        assertEquals(List.of(List.of("1")), r.readResultSet(1).rows());
                    }
                }));
        add(p, "net_write_timeout",
                takes("SET SESSION net_write_timeout = 1", (env, c) -> {
                    long before = env.status("Aborted_clients");
                    try (RawClient r = loggedIn(env, "SET SESSION net_write_timeout = 1")) {
                        r.query("SELECT REPEAT('x', 1048576) FROM vt.big");
                        Poll.until("a write blocked past net_write_timeout closing the connection",
                                Duration.ofSeconds(8), () -> env.status("Aborted_clients") > before);
                    }
                }),
                takes("SET SESSION net_write_timeout = 60", (env, c) -> {
                    long before = env.status("Aborted_clients");
                    try (RawClient r = loggedIn(env, "SET SESSION net_write_timeout = 60")) {
                        r.query("SELECT REPEAT('x', 1048576) FROM vt.big");
                        // twice what closes it under net_write_timeout = 1 (the case above)
                        Thread.sleep(2000);
                        assertEquals(before, env.status("Aborted_clients"), "still writing after 2 s");
                    }
                }));
        add(p, "interactive_timeout",
                inert("SET SESSION interactive_timeout = 1", "MySQL reads only the global value, when an interactive "
                        + "client connects", (env, c) -> assertEquals("1", value(c, "SELECT @@SESSION.interactive_timeout"))),
                takes("SET GLOBAL interactive_timeout = 1", (env, c) -> {
                    assertEquals("1", interactiveWaitTimeout(env));
                    assertEquals("28800", value(c, "SELECT @@SESSION.wait_timeout"), "only interactive clients");
                }),
                takes("SET GLOBAL interactive_timeout = 28800", (env, c) -> assertEquals("28800", interactiveWaitTimeout(env))),
                takes("SET GLOBAL interactive_timeout = 31536000",
                        (env, c) -> assertEquals("31536000", interactiveWaitTimeout(env))));
        add(p, "wait_timeout",
                takes("SET SESSION wait_timeout = 1", (env, c) -> {
                    long before = env.status("Aborted_clients");
                    // idle past the 1 s timeout: the state under test is elapsed time
                    Thread.sleep(1700);
                    assertThrows(SQLException.class, () -> value(c, "SELECT 1"), "closed after 1 s idle");
                    assertEquals(before + 1, env.status("Aborted_clients"));
                    assertTrue(env.errorLog().contains("(Got timeout reading communication packets)"), env.errorLog());
                }),
                takes("SET SESSION wait_timeout = 28800", (env, c) -> {
                    // the same idle time as above: this time the connection stays
                    Thread.sleep(1700);
                    assertEquals("1", value(c, "SELECT 1"));
                }));
    }

    private static RawClient loggedIn(VariableEnv env, String set) throws Exception {
        RawClient r = RawClient.login(env.port(), 0);
        r.query(set);
        assertEquals(0x00, r.read().first(), set);
        return r;
    }

    private static void assertStillOpenAfter(RawClient r, int millis) throws IOException {
        r.socket.setSoTimeout(millis);
        try {
            assertFalse(r.closedByServer(), "closed before " + millis + " ms");
        } catch (SocketTimeoutException stillOpen) {
            // nothing came and the connection is open: what the value promises
        }
    }

    private static void bigQueryPasses(VariableEnv env) throws Exception {
        try (RawClient r = RawClient.login(env.port(), 0)) {
            r.query("SELECT '" + "x".repeat(20000) + "'");
            assertEquals(20000, r.readResultSet(1).rows().get(0).get(0).length());
        }
    }

    private static String interactiveWaitTimeout(VariableEnv env) throws Exception {
        try (RawClient r = RawClient.login(env.port(), Capabilities.CLIENT_INTERACTIVE)) {
            r.query("SELECT @@SESSION.wait_timeout");
            return r.readResultSet(1).rows().get(0).get(0);
        }
    }

    // --- character sets, locales, time zone

    private static void characterSets(Map<String, Probe> p) {
        add(p, "character_set_client",
                takes("SET SESSION character_set_client = utf8mb4", charLength("é", "1")),
                takes("SET SESSION character_set_client = utf8", charLength("é", "1")),
                takes("SET SESSION character_set_client = latin1", charLength("é", "2")),
                // a binary literal's bytes stored into a utf8mb4 column are that column's characters
                takes("SET SESSION character_set_client = binary", (env, c) -> {
                    execute(c, "DELETE FROM vt.iso WHERE id = 9", "INSERT INTO vt.iso VALUES (9, 'é')");
                    assertEquals("1", value(c, "SELECT CHAR_LENGTH(v) FROM vt.iso WHERE id = 9"));
                    execute(c, "DELETE FROM vt.iso WHERE id = 9");
                }),
                takes("SET SESSION character_set_client = ascii", charLength("a", "1")),
                unsupported("SET SESSION character_set_client = big5", "character set 'big5'"),
                refused("SET SESSION character_set_client = nosuch", 1115, "Unknown character set: 'nosuch'"),
                takes("SET GLOBAL character_set_client = latin1", (env, c) -> assertEquals("utf8mb4",
                        value(env.root(), "SELECT @@SESSION.character_set_client"),
                        "a client's handshake names its own set, as in MySQL")));
        add(p, "character_set_results",
                takes("SET SESSION character_set_results = utf8mb4", resultBytes(0xC3, 0xA9)),
                takes("SET SESSION character_set_results = latin1", resultBytes(0xE9)),
                takes("SET SESSION character_set_results = binary", resultBytes(0xC3, 0xA9)),
                takes("SET SESSION character_set_results = NULL", resultBytes(0xC3, 0xA9)),
                unsupported("SET SESSION character_set_results = big5", "character set 'big5'"));
        add(p, "character_set_connection",
                takes("SET SESSION character_set_connection = utf8mb4", (env, c) ->
                        assertEquals("\uD83D\uDE00", value(c, "SELECT '\uD83D\uDE00'"), "every character kept")),
                unsupported("SET SESSION character_set_connection = latin1", "character_set_connection = latin1"),
                unsupported("SET GLOBAL character_set_connection = latin1", "character_set_connection = latin1"));
        add(p, "collation_connection",
                takes("SET SESSION collation_connection = utf8mb4_general_ci", compares("1")),
                takes("SET SESSION collation_connection = utf8mb4_unicode_ci", compares("1")),
                unsupported("SET SESSION collation_connection = utf8mb4_bin",
                        "collation_connection = utf8mb4_bin (comparisons ignore case)"),
                unsupported("SET NAMES utf8mb4 COLLATE utf8mb4_bin",
                        "collation_connection = utf8mb4_bin (comparisons ignore case)"),
                refused("SET SESSION collation_connection = nosuch", 1273, "Unknown collation: 'nosuch'"),
                unsupported("SET GLOBAL collation_connection = utf8mb4_bin",
                        "collation_connection = utf8mb4_bin (comparisons ignore case)"));
        add(p, "optimizer_switch",
                takes("SET SESSION optimizer_switch = DEFAULT", (env, c) -> assertTrue(
                        value(c, "SELECT @@SESSION.optimizer_switch").startsWith("index_merge=on,"))),
                unsupported("SET SESSION optimizer_switch = 'index_merge=off'", "optimizer_switch = index_merge=off"));
        add(p, "character_set_server",
                takes("SET SESSION character_set_server = utf8mb4", (env, c) -> {
                    execute(c, "CREATE DATABASE IF NOT EXISTS vt_cs");
                    assertTrue(SqlRunner.on(c).rows("SHOW CREATE DATABASE vt_cs").get(0).get(1).contains("utf8mb4"));
                }),
                unsupported("SET SESSION character_set_server = latin1", "character_set_server = latin1"),
                refused("SET SESSION character_set_server = nosuch", 1115, "Unknown character set: 'nosuch'"));
        // what it changes is the character set LOAD DATA reads a file in (SelectIntoTest reads one)
        add(p, "character_set_database",
                takes("SET SESSION character_set_database = latin1",
                        (env, c) -> assertEquals("latin1", value(c, "SELECT @@SESSION.character_set_database"))),
                takes("SET SESSION character_set_database = binary",
                        (env, c) -> assertEquals("binary", value(c, "SELECT @@SESSION.character_set_database"))),
                refused("SET SESSION character_set_database = nosuch", 1115, "Unknown character set: 'nosuch'"));
        for (String v : List.of("collation_server", "collation_database")) {
            add(p, v,
                    takes("SET SESSION " + v + " = utf8mb4_general_ci", compares("1")),
                    unsupported("SET SESSION " + v + " = utf8mb4_bin", v + " = utf8mb4_bin"),
                    refused("SET SESSION " + v + " = nosuch", 1273, "Unknown collation: 'nosuch'"));
        }
        add(p, "character_set_filesystem",
                inert("SET SESSION character_set_filesystem = binary", "the character set of the file names LOAD DATA "
                        + "INFILE and LOAD_FILE() read; the server has neither, they are errors",
                        (env, c) -> assertThrows(SQLException.class, () -> value(c, "SELECT LOAD_FILE('/etc/hostname')"))),
                unsupported("SET SESSION character_set_filesystem = utf8mb4", "character_set_filesystem = utf8mb4"));
        add(p, "lc_messages",
                takes("SET SESSION lc_messages = en_US", (env, c) ->
                        assertError(c, "SELECT nosuch FROM vt.one", 1054, "Unknown column 'nosuch' in 'field list'")),
                unsupported("SET SESSION lc_messages = de_DE", "lc_messages = de_DE"),
                refused("SET SESSION lc_messages = xx_XX", 1649, "Unknown locale: 'xx_XX'"));
        add(p, "lc_time_names",
                takes("SET SESSION lc_time_names = en_US", (env, c) -> assertEquals("Wednesday January",
                        value(c, "SELECT CONCAT(DAYNAME('2020-01-01'), ' ', MONTHNAME('2020-01-01'))"))),
                unsupported("SET SESSION lc_time_names = ja_JP", "lc_time_names = ja_JP"),
                refused("SET SESSION lc_time_names = xx_XX", 1649, "Unknown locale: 'xx_XX'"));
        boolean utc = ZoneId.systemDefault().getRules().isFixedOffset()
                && ZoneId.systemDefault().getRules().getOffset(Instant.EPOCH).getTotalSeconds() == 0;
        add(p, "time_zone",
                takes("SET SESSION time_zone = 'SYSTEM'", nowIsTheJvmsClock()),
                utc ? takes("SET SESSION time_zone = '+00:00'", nowIsTheJvmsClock())
                        : refused("SET SESSION time_zone = '+00:00'", 1235, null),
                unsupported("SET SESSION time_zone = '+05:00'", "time_zone = '+05:00' (the server's clock and "
                        + "TIMESTAMP columns follow system_time_zone " + ZoneId.systemDefault().getDisplayName(
                        java.time.format.TextStyle.SHORT, java.util.Locale.ROOT) + ")"),
                refused("SET SESSION time_zone = 'Europe/Paris'", 1298, "Unknown or incorrect time zone: 'Europe/Paris'"),
                refused("SET SESSION time_zone = '+14:00'", 1298, "Unknown or incorrect time zone: '+14:00'"));
    }

    private static Check charLength(String literal, String expected) {
        return (env, c) -> assertEquals(expected, value(c, "SELECT CHAR_LENGTH('" + literal + "')"));
    }

    private static Check resultBytes(int... expected) {
        return (env, c) -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 'é'")) {
                rs.next();
                byte[] want = new byte[expected.length];
                for (int i = 0; i < expected.length; i++) want[i] = (byte) expected[i];
                assertArrayEquals(want, rs.getBytes(1));
            }
        };
    }

    private static Check compares(String caseInsensitive) {
        return (env, c) -> assertEquals(caseInsensitive, value(c, "SELECT 'a' = 'A'"));
    }

    private static Check nowIsTheJvmsClock() {
        return (env, c) -> {
            LocalDateTime now = LocalDateTime.parse(value(c, "SELECT NOW()").substring(0, 19),
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            long skew = Math.abs(Duration.between(now, LocalDateTime.now()).getSeconds());
            assertTrue(skew < 5, "NOW() " + now + " is " + skew + " s from the clock");
        };
    }

    // --- sql_mode, each flag alone

    /** The first flag MySQL's expansion of a combination mode names that the server refuses. */
    private static final Map<String, String> REFUSED_FLAG = Map.ofEntries(
            Map.entry("REAL_AS_FLOAT", "REAL_AS_FLOAT"), Map.entry("PIPES_AS_CONCAT", "PIPES_AS_CONCAT"),
            Map.entry("ANSI_QUOTES", "ANSI_QUOTES"), Map.entry("IGNORE_SPACE", "IGNORE_SPACE"),
            Map.entry("NO_UNSIGNED_SUBTRACTION", "NO_UNSIGNED_SUBTRACTION"),
            Map.entry("NO_DIR_IN_CREATE", "NO_DIR_IN_CREATE"), Map.entry("POSTGRESQL", "PIPES_AS_CONCAT"),
            Map.entry("ORACLE", "PIPES_AS_CONCAT"), Map.entry("MSSQL", "PIPES_AS_CONCAT"),
            Map.entry("DB2", "PIPES_AS_CONCAT"), Map.entry("MAXDB", "PIPES_AS_CONCAT"),
            Map.entry("NO_KEY_OPTIONS", "NO_KEY_OPTIONS"), Map.entry("NO_TABLE_OPTIONS", "NO_TABLE_OPTIONS"),
            Map.entry("NO_FIELD_OPTIONS", "NO_FIELD_OPTIONS"), Map.entry("MYSQL323", "HIGH_NOT_PRECEDENCE"),
            Map.entry("MYSQL40", "HIGH_NOT_PRECEDENCE"), Map.entry("ANSI", "REAL_AS_FLOAT"),
            Map.entry("NO_BACKSLASH_ESCAPES", "NO_BACKSLASH_ESCAPES"),
            Map.entry("ALLOW_INVALID_DATES", "ALLOW_INVALID_DATES"),
            Map.entry("HIGH_NOT_PRECEDENCE", "HIGH_NOT_PRECEDENCE"),
            Map.entry("PAD_CHAR_TO_FULL_LENGTH", "PAD_CHAR_TO_FULL_LENGTH"));

    /** MySQL 5.7's sql_mode names, in its order. */
    static final List<String> SQL_MODES = List.of("REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE",
            "NOT_USED", "ONLY_FULL_GROUP_BY", "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "POSTGRESQL", "ORACLE",
            "MSSQL", "DB2", "MAXDB", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS", "MYSQL323", "MYSQL40",
            "ANSI", "NO_AUTO_VALUE_ON_ZERO", "NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES",
            "NO_ZERO_IN_DATE", "NO_ZERO_DATE", "ALLOW_INVALID_DATES", "ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL",
            "NO_AUTO_CREATE_USER", "HIGH_NOT_PRECEDENCE", "NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH");

    private static final List<String> KEPT = List.of("STRICT_TRANS_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
            "ERROR_FOR_DIVISION_BY_ZERO", "NO_AUTO_CREATE_USER");

    private static void sqlModes(Map<String, Probe> p) {
        List<VariableCase> cases = new ArrayList<>();
        for (String mode : SQL_MODES) {
            String set = "SET SESSION sql_mode = '" + mode + "'";
            String refusedFlag = REFUSED_FLAG.get(mode);
            if (refusedFlag != null) {
                cases.add(unsupported(set, "sql_mode = " + refusedFlag));
                continue;
            }
            cases.add(switch (mode) {
                case "NOT_USED" -> inert(set, "MySQL 5.7 keeps the name and ignores it",
                        keptWarning(KEPT, (env, c) -> assertEquals("NOT_USED", value(c, "SELECT @@sql_mode"))));
                case "ONLY_FULL_GROUP_BY" -> takes(set, keptWarning(KEPT, (env, c) -> {
                    execute(c, "DELETE FROM vt.ai", "INSERT INTO vt.ai (id, v) VALUES (1, 1), (2, 2)");
                    assertError(c, "SELECT v, COUNT(*) FROM vt.ai", 1140, null);
                }));
                case "NO_AUTO_VALUE_ON_ZERO" -> takes(set, keptWarning(KEPT, (env, c) -> {
                    execute(c, "DELETE FROM vt.ai", "INSERT INTO vt.ai (id, v) VALUES (0, 1)");
                    assertEquals("0", value(c, "SELECT id FROM vt.ai"), "0 is stored, not generated");
                }));
                case "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES" -> takes(set, keptWarning(KEPT.subList(1, 5),
                        strictRefuses()));
                case "NO_ZERO_IN_DATE" -> takes(set, keptWarning(without(KEPT, mode), (env, c) -> assertError(c,
                        "INSERT INTO vt.d (d) VALUES ('2020-00-10')", 1292, null)));
                case "NO_ZERO_DATE" -> takes(set, keptWarning(without(KEPT, mode), (env, c) -> assertError(c,
                        "INSERT INTO vt.d (d) VALUES ('0000-00-00')", 1292, null)));
                case "ERROR_FOR_DIVISION_BY_ZERO" -> takes(set, keptWarning(without(KEPT, mode), (env, c) ->
                        assertError(c, "INSERT INTO vt.d (n) VALUES (1/0)", 1365, "Division by 0")));
                case "NO_AUTO_CREATE_USER" -> takes(set, keptWarning(without(KEPT, mode), (env, c) -> assertError(c,
                        "GRANT SELECT ON vt.* TO nobody_yet", 1133, "Can't find any matching row in the user table")));
                case "TRADITIONAL" -> takes(set, keptWarning(List.of(), (env, c) -> {
                    assertEquals("STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                            + "ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION",
                            value(c, "SELECT @@sql_mode"));
                    strictRefuses().verify(env, c);
                }));
                case "NO_ENGINE_SUBSTITUTION" -> takes(set, keptWarning(KEPT, (env, c) -> {
                    assertError(c, "CREATE TABLE vt.e1 (a INT) ENGINE=Foo", 1286, "Unknown storage engine 'Foo'");
                    assertError(c, "CREATE TABLE vt.e1 (a INT) ENGINE=MyISAM", 3161,
                            "Storage engine MyISAM is disabled (Table creation is disallowed).");
                }));
                default -> throw new IllegalStateException("no case for sql_mode " + mode);
            });
        }
        cases.add(takes("SET SESSION sql_mode = ''", keptWarning(KEPT, (env, c) -> {
            execute(c, "DROP TABLE IF EXISTS vt.e2", "CREATE TABLE vt.e2 (a INT) ENGINE=Foo");
            assertEquals(List.of("Warning 1286 Unknown storage engine 'Foo'"), warnings(c));
            execute(c, "DROP TABLE IF EXISTS vt.e2", "CREATE TABLE vt.e2 (a INT) ENGINE=MyISAM");
            assertEquals(List.of("Warning 1266 Using storage engine InnoDB for table 'e2'"), warnings(c));
            assertTrue(SqlRunner.on(c).rows("SHOW CREATE TABLE vt.e2").get(0).get(1).contains("ENGINE=InnoDB"));
            execute(c, "DROP TABLE vt.e2");
            execute(c, "DELETE FROM vt.ai", "INSERT INTO vt.ai (id, v) VALUES (0, 1)");
            assertTrue(Long.parseLong(value(c, "SELECT id FROM vt.ai")) > 0, "0 generates a value");
            strictRefuses().verify(env, c);
        })));
        cases.add(takes("SET SESSION sql_mode = DEFAULT", keptWarning(List.of(), (env, c) -> {
            assertEquals("STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
                    + "NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION", value(c, "SELECT @@sql_mode"));
            strictRefuses().verify(env, c);
        })));
        p.put("sql_mode", new Probe("sql_mode", Target.SOURCE, cases));
    }

    private static List<String> without(List<String> list, String item) {
        return list.stream().filter(s -> !s.equals(item)).toList();
    }

    /** The SET's warning names the flags the server keeps in force (none: no warning), then {@code then}. */
    private static Check keptWarning(List<String> kept, Check then) {
        return (env, c) -> {
            // the SET ran just before: its warnings are still the session's
            List<String> w = warnings(c);
            if (kept.isEmpty()) assertEquals(List.of(), w);
            else assertEquals(List.of("Warning 1235 " + String.format(NOT_SUPPORTED, "sql_mode without "
                    + String.join(", ", kept) + " (the server keeps them in force)")), w);
            then.verify(env, c);
        };
    }

    private static Check strictRefuses() {
        return (env, c) -> assertError(c, "INSERT INTO vt.d (s) VALUES ('abcdef')", 1406,
                "Data too long for column 's' at row 1");
    }

    // --- statements' behaviour

    private static void sqlBehaviour(Map<String, Probe> p) {
        add(p, "autocommit",
                takes("SET SESSION autocommit = ON", (env, c) -> {
                    execute(c, "DELETE FROM vt.ac", "INSERT INTO vt.ac VALUES (1)", "ROLLBACK");
                    assertEquals("1", value(c, "SELECT COUNT(*) FROM vt.ac"));
                }),
                takes("SET SESSION autocommit = OFF", (env, c) -> {
                    execute(c, "DELETE FROM vt.ac", "COMMIT", "INSERT INTO vt.ac VALUES (1)", "ROLLBACK");
                    assertEquals("0", value(c, "SELECT COUNT(*) FROM vt.ac"));
                }));
        add(p, "auto_increment_increment",
                takes("SET SESSION auto_increment_increment = 1", generates("1,2")),
                takes("SET SESSION auto_increment_increment = 5", generates("1,6")),
                takes("SET SESSION auto_increment_increment = 65535", generates("1,65536")));
        add(p, "auto_increment_offset",
                takes("SET SESSION auto_increment_offset = 1", generates("1,2")),
                takes("SET SESSION auto_increment_offset = 3", (env, c) -> {
                    execute(c, "SET SESSION auto_increment_increment = 10");
                    generates("3,13").verify(env, c);
                }),
                takes("SET SESSION auto_increment_offset = 65535", (env, c) -> {
                    execute(c, "SET SESSION auto_increment_increment = 65535");
                    generates("65535,131070").verify(env, c);
                }));
        add(p, "transaction_isolation",
                takes("SET SESSION transaction_isolation = 'READ-UNCOMMITTED'", sees("dirty", "dirty")),
                takes("SET SESSION transaction_isolation = 'READ-COMMITTED'", sees("old", "committed")),
                takes("SET SESSION transaction_isolation = 'REPEATABLE-READ'", sees("old", "old")),
                unsupported("SET SESSION transaction_isolation = 'SERIALIZABLE'", "transaction_isolation = SERIALIZABLE"));
        add(p, "tx_isolation",
                takes("SET SESSION tx_isolation = 'READ-COMMITTED'", (env, c) ->
                        assertEquals("READ-COMMITTED", value(c, "SELECT @@transaction_isolation"))),
                takes("SET SESSION tx_isolation = 'REPEATABLE-READ'", (env, c) ->
                        assertEquals("REPEATABLE-READ", value(c, "SELECT @@transaction_isolation"))),
                takes("SET SESSION tx_isolation = 'READ-UNCOMMITTED'", (env, c) ->
                        assertEquals("READ-UNCOMMITTED", value(c, "SELECT @@transaction_isolation"))),
                unsupported("SET SESSION tx_isolation = 'SERIALIZABLE'", "transaction_isolation = SERIALIZABLE"));
        for (String v : List.of("transaction_read_only", "tx_read_only")) {
            add(p, v,
                    takes("SET SESSION " + v + " = ON", (env, c) -> assertError(c, "INSERT INTO vt.ac VALUES (9)", 1792,
                            "Cannot execute statement in a READ ONLY transaction.")),
                    takes("SET SESSION " + v + " = OFF", (env, c) ->
                            execute(c, "INSERT INTO vt.ac VALUES (9)", "DELETE FROM vt.ac WHERE id = 9")));
        }
        add(p, "innodb_lock_wait_timeout",
                takes("SET SESSION innodb_lock_wait_timeout = 1", waitsForLock(false)),
                takes("SET SESSION innodb_lock_wait_timeout = 50", waitsForLock(true)));
        List<VariableCase> engines = new ArrayList<>();
        engines.add(takes("SET SESSION default_storage_engine = InnoDB", (env, c) -> {
            execute(c, "DROP TABLE IF EXISTS vt.e3", "CREATE TABLE vt.e3 (a INT)");
            assertTrue(SqlRunner.on(c).rows("SHOW CREATE TABLE vt.e3").get(0).get(1).contains("ENGINE=InnoDB"));
            execute(c, "DROP TABLE vt.e3");
        }));
        for (String e : List.of("MyISAM", "MEMORY", "CSV", "ARCHIVE", "BLACKHOLE", "MRG_MYISAM", "FEDERATED")) {
            engines.add(unsupported("SET SESSION default_storage_engine = " + e, "default_storage_engine = " + e));
        }
        engines.add(refused("SET SESSION default_storage_engine = Aria", 1286, "Unknown storage engine 'Aria'"));
        p.put("default_storage_engine", new Probe("default_storage_engine", Target.SOURCE, engines));
        add(p, "foreign_key_checks",
                takes("SET SESSION foreign_key_checks = OFF", (env, c) -> {
                    execute(c, "INSERT INTO vt.chi VALUES (1, 99)");
                    assertEquals("99", value(c, "SELECT pid FROM vt.chi WHERE id = 1"), "an orphan row is stored");
                    execute(c, "DELETE FROM vt.chi");
                }),
                takes("SET SESSION foreign_key_checks = ON", (env, c) -> {
                    assertError(c, "INSERT INTO vt.chi VALUES (1, 99)", 1452, "Cannot add or update a child row: a "
                            + "foreign key constraint fails (`vt`.`chi`, CONSTRAINT `chi_ibfk_1` FOREIGN KEY (`pid`) "
                            + "REFERENCES `par` (`id`))");
                    execute(c, "INSERT INTO vt.chi VALUES (1, 1)");
                    assertError(c, "DELETE FROM vt.par WHERE id = 1", 1451, "Cannot delete or update a parent row: a "
                            + "foreign key constraint fails (`vt`.`chi`, CONSTRAINT `chi_ibfk_1` FOREIGN KEY (`pid`) "
                            + "REFERENCES `par` (`id`))");
                    execute(c, "DELETE FROM vt.chi");
                }));
        String uniqueChecks = "MySQL lets an engine skip uniqueness checks with 0 and InnoDB checks a primary key "
                + "anyway: a duplicate is 1062 either way";
        add(p, "unique_checks",
                inert("SET SESSION unique_checks = OFF", uniqueChecks, (env, c) ->
                        assertError(c, "INSERT INTO vt.t VALUES (1, 1, 'dup')", 1062, "Duplicate entry '1' for key 'PRIMARY'")),
                inert("SET SESSION unique_checks = ON", uniqueChecks, (env, c) ->
                        assertError(c, "INSERT INTO vt.t VALUES (1, 1, 'dup')", 1062, "Duplicate entry '1' for key 'PRIMARY'")));
        add(p, "sql_auto_is_null",
                unsupported("SET SESSION sql_auto_is_null = ON", "sql_auto_is_null = ON"),
                takes("SET SESSION sql_auto_is_null = OFF", (env, c) -> {
                    execute(c, "INSERT INTO vt.ai (v) VALUES (7)");
                    assertEquals(List.of(), SqlRunner.on(c).rows("SELECT id FROM vt.ai WHERE id IS NULL"));
                }));
        add(p, "sql_safe_updates",
                takes("SET SESSION sql_safe_updates = ON", (env, c) -> {
                    String message = "You are using safe update mode and you tried to update a table without a WHERE "
                            + "that uses a KEY column";
                    assertError(c, "UPDATE vt.t SET v = v", 1175, message);
                    assertError(c, "DELETE FROM vt.t WHERE v = 'zz'", 1175, message);
                    execute(c, "UPDATE vt.t SET v = v WHERE id = 1", "UPDATE vt.t SET v = v WHERE k = 2",
                            "UPDATE vt.t SET v = v LIMIT 10", "DELETE FROM vt.t WHERE v = 'zz' LIMIT 1");
                }),
                takes("SET SESSION sql_safe_updates = OFF", (env, c) -> execute(c, "UPDATE vt.t SET v = v")));
        add(p, "sql_notes",
                takes("SET SESSION sql_notes = OFF", (env, c) -> {
                    execute(c, "CREATE DATABASE IF NOT EXISTS vt");
                    assertEquals("0", value(c, "SELECT @@warning_count"));
                }),
                takes("SET SESSION sql_notes = ON", (env, c) -> {
                    execute(c, "CREATE DATABASE IF NOT EXISTS vt");
                    assertEquals(List.of("Note 1007 Can't create database 'vt'; database exists"), warnings(c));
                }));
        add(p, "sql_warnings",
                unsupported("SET SESSION sql_warnings = ON", "sql_warnings = ON"),
                takes("SET SESSION sql_warnings = OFF", (env, c) -> {
                    // a single-row INSERT with a warning gets no info string: the OK packet's is empty
                    try (RawClient r = loggedIn(env, "SET SESSION sql_warnings = OFF")) {
                        r.query("INSERT INTO vt.ac VALUES (5)");
                        assertEquals("", RawClient.ok(r.read()).info());
                        r.query("DELETE FROM vt.ac WHERE id = 5");
                        r.read();
                    }
                }));
        add(p, "sql_quote_show_create",
                takes("SET SESSION sql_quote_show_create = ON", (env, c) ->
                        assertTrue(SqlRunner.on(c).rows("SHOW CREATE TABLE vt.one").get(0).get(1).startsWith("CREATE TABLE `one`"))),
                unsupported("SET SESSION sql_quote_show_create = OFF", "sql_quote_show_create = OFF"));
        String bigTables = "where MySQL keeps internal temporary tables (memory or disk): no result depends on it";
        Check grouped = (env, c) -> assertEquals(List.of(List.of("a", "1"), List.of("b", "1"), List.of("c", "1")),
                SqlRunner.on(c).rows("SELECT v, COUNT(*) FROM vt.t GROUP BY v ORDER BY v"));
        add(p, "big_tables", inert("SET SESSION big_tables = ON", bigTables, grouped),
                inert("SET SESSION big_tables = OFF", bigTables, grouped));
        add(p, "div_precision_increment",
                takes("SET SESSION div_precision_increment = 0", (env, c) -> {
                    assertEquals("0", value(c, "SELECT 1/3"));
                    assertEquals("0.50", value(c, "SELECT 1.50/3"));
                    assertEquals("3", value(c, "SELECT 10/3 FROM vt.one"));
                }),
                takes("SET SESSION div_precision_increment = 30", (env, c) -> {
                    assertEquals("0." + "3".repeat(30), value(c, "SELECT 1/3"));
                    // the scale stops at MySQL's 30 digits
                    assertEquals("0.5" + "0".repeat(29), value(c, "SELECT 1.50/3"));
                }),
                takes("SET SESSION div_precision_increment = 4", (env, c) -> {
                    assertEquals("0.3333", value(c, "SELECT 1/3"));
                    assertEquals("0.500000", value(c, "SELECT 1.50/3"));
                }));
        add(p, "group_concat_max_len",
                takes("SET SESSION group_concat_max_len = 4", concat("a,b,")),
                takes("SET SESSION group_concat_max_len = 1024", concat("a,b,c")),
                takes("SET SESSION group_concat_max_len = 9223372036854775807", concat("a,b,c")));
        add(p, "max_execution_time",
                takes("SET SESSION max_execution_time = 100", (env, c) -> {
                    assertError(c, "SELECT SLEEP(1) FROM vt.one", 3024,
                            "Query execution was interrupted, maximum statement execution time exceeded");
                    assertEquals("1", value(c, "SELECT SLEEP(1)"), "a lone SLEEP() returns 1 instead");
                }),
                takes("SET SESSION max_execution_time = 0", (env, c) ->
                        assertEquals("0", value(c, "SELECT SLEEP(0.3) FROM vt.one"))),
                takes("SET SESSION max_execution_time = 4294967295", (env, c) ->
                        assertEquals("0", value(c, "SELECT SLEEP(0.3) FROM vt.one"))));
        add(p, "sql_select_limit",
                takes("SET SESSION sql_select_limit = 0", selects(0)),
                takes("SET SESSION sql_select_limit = 2", (env, c) -> {
                    selects(2).verify(env, c);
                    assertEquals(3, SqlRunner.on(c).rows("SELECT * FROM vt.t LIMIT 5").size(), "a LIMIT of its own wins");
                    assertEquals("3", value(c, "SELECT COUNT(*) FROM (SELECT * FROM vt.t) q"), "not in a subquery");
                }),
                takes("SET SESSION sql_select_limit = DEFAULT", selects(3)));
        add(p, "max_sort_length",
                unsupported("SET SESSION max_sort_length = 4", "max_sort_length = 4"),
                unsupported("SET SESSION max_sort_length = 8388608", "max_sort_length = 8388608"),
                new VariableCase.KnownDeviation("SET SESSION max_sort_length = 1024",
                        "the default; ORDER BY compares whole values where MySQL compares their first 1024 bytes"));
        add(p, "query_cache_type",
                inert("SET SESSION query_cache_type = OFF", "there is no query cache: OFF is what MySQL started with "
                        + "query_cache_type=0 is", (env, c) -> assertEquals("1", value(c, "SELECT SQL_CACHE 1"))),
                refused("SET SESSION query_cache_type = ON", 1651,
                        "Query cache is disabled; restart the server with query_cache_type=1 to enable it"),
                refused("SET SESSION query_cache_type = DEMAND", 1651,
                        "Query cache is disabled; restart the server with query_cache_type=1 to enable it"));
        add(p, "binlog_format",
                takes("SET SESSION binlog_format = 'STATEMENT'", (env, c) -> {
                    execute(c, "INSERT INTO vt.ac VALUES (77)", "DELETE FROM vt.ac WHERE id = 77");
                    assertTrue(lastEvents(c, 6).stream().anyMatch(e -> e.contains("INSERT INTO vt.ac VALUES (77)")));
                }),
                takes("SET SESSION binlog_format = 'ROW'", (env, c) -> {
                    execute(c, "INSERT INTO vt.ac VALUES (80)", "DELETE FROM vt.ac WHERE id = 80");
                    List<String> types = lastTypes(c, 8);
                    assertTrue(types.contains("Write_rows") && types.contains("Delete_rows"), types.toString());
                    assertFalse(lastEvents(c, 8).stream().anyMatch(e -> e.contains("(80)")));
                }),
                takes("SET SESSION binlog_format = 'MIXED'", (env, c) -> {
                    // a safe statement as its text, an unsafe one (UUID()) as rows
                    execute(c, "INSERT INTO vt.ac VALUES (81)");
                    assertTrue(lastEvents(c, 3).stream().anyMatch(e -> e.contains("INSERT INTO vt.ac VALUES (81)")));
                    execute(c, "INSERT INTO vt.ac VALUES (LENGTH(UUID()) + 46)");
                    assertTrue(lastTypes(c, 3).contains("Write_rows"), lastTypes(c, 3).toString());
                    execute(c, "DELETE FROM vt.ac WHERE id IN (81, 82)");
                }));
        // an UPDATE of vt.iso (id INT, v VARCHAR(20)) logged in ROW format: its Update_rows event's
        // size shows which columns each image carries (19-byte header, 10 bytes of post-header, the
        // column count and two bitmaps, then per image a NULL bitmap and the values; 4 bytes of CRC)
        add(p, "binlog_row_image",
                takes("SET SESSION binlog_row_image = 'FULL'", (env, c) ->
                        assertEquals(19 + 10 + 3 + (1 + 4 + 1 + 20) + (1 + 4 + 1 + 1) + 4, updateRowsSize(c))),
                takes("SET SESSION binlog_row_image = 'MINIMAL'", (env, c) ->
                        assertEquals(19 + 10 + 3 + (1 + 4) + (1 + 1 + 1) + 4, updateRowsSize(c))),
                takes("SET SESSION binlog_row_image = 'NOBLOB'", (env, c) ->
                        assertEquals(19 + 10 + 3 + (1 + 4 + 1 + 20) + (1 + 4 + 1 + 1) + 4, updateRowsSize(c))));
        add(p, "binlog_rows_query_log_events",
                takes("SET SESSION binlog_rows_query_log_events = ON", (env, c) -> {
                    execute(c, "SET SESSION binlog_format = 'ROW'", "INSERT INTO vt.ac VALUES (83)",
                            "DELETE FROM vt.ac WHERE id = 83", "SET SESSION binlog_format = 'STATEMENT'");
                    assertTrue(lastEvents(c, 10).contains("# INSERT INTO vt.ac VALUES (83)"), lastEvents(c, 10).toString());
                }),
                takes("SET SESSION binlog_rows_query_log_events = OFF", (env, c) -> {
                    execute(c, "SET SESSION binlog_format = 'ROW'", "INSERT INTO vt.ac VALUES (84)",
                            "DELETE FROM vt.ac WHERE id = 84", "SET SESSION binlog_format = 'STATEMENT'");
                    assertFalse(lastEvents(c, 10).stream().anyMatch(e -> e.contains("(84)")), lastEvents(c, 10).toString());
                }));
        add(p, "sql_log_bin",
                takes("SET SESSION sql_log_bin = OFF", (env, c) -> {
                    String before = SqlRunner.on(c).rows("SHOW MASTER STATUS").get(0).subList(0, 2).toString();
                    execute(c, "INSERT INTO vt.ac VALUES (78)", "DELETE FROM vt.ac WHERE id = 78");
                    assertEquals(before, SqlRunner.on(c).rows("SHOW MASTER STATUS").get(0).subList(0, 2).toString(),
                            "nothing was logged");
                    execute(c, "BEGIN");
                    assertError(c, "SET SESSION sql_log_bin = ON", 1694,
                            "Cannot modify @@session.sql_log_bin inside a transaction");
                    execute(c, "ROLLBACK");
                }),
                takes("SET SESSION sql_log_bin = ON", (env, c) -> {
                    execute(c, "INSERT INTO vt.ac VALUES (79)", "DELETE FROM vt.ac WHERE id = 79");
                    // the two transactions as ROW format (the default) logs them
                    assertEquals(List.of("Table_map", "Write_rows", "Xid", "Anonymous_Gtid", "Query", "Table_map",
                            "Delete_rows", "Xid"), lastTypes(c, 8));
                }));
        add(p, "last_insert_id",
                takes("SET SESSION last_insert_id = 77", (env, c) -> assertEquals("77", value(c, "SELECT LAST_INSERT_ID()"))),
                takes("SET SESSION last_insert_id = 0", (env, c) -> assertEquals("0", value(c, "SELECT LAST_INSERT_ID()"))));
        add(p, "insert_id",
                takes("SET SESSION insert_id = 500", (env, c) -> {
                    execute(c, "DELETE FROM vt.ai", "INSERT INTO vt.ai (v) VALUES (1)");
                    assertEquals("500", value(c, "SELECT MAX(id) FROM vt.ai"));
                }),
                takes("SET SESSION insert_id = 0", (env, c) -> {
                    execute(c, "DELETE FROM vt.ai", "INSERT INTO vt.ai (v) VALUES (1)", "INSERT INTO vt.ai (v) VALUES (2)");
                    assertEquals("1", value(c, "SELECT MAX(id) - MIN(id) FROM vt.ai"), "nothing forced: the counter goes on");
                }));
        add(p, "timestamp",
                // the session's clock: NOW(), UNIX_TIMESTAMP(), @@timestamp; SYSDATE() keeps the real one
                takes("SET SESSION timestamp = 1000000000.25", (env, c) -> {
                    assertEquals("1000000000", value(c, "SELECT UNIX_TIMESTAMP()"));
                    assertEquals("1000000000.25", value(c, "SELECT @@timestamp"));
                    assertEquals(LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(1_000_000_000_250L),
                                    java.time.ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern(
                                    "yyyy-MM-dd HH:mm:ss.SSSSSS")), value(c, "SELECT NOW(6)"));
                    assertEquals("2001-09-09 01:46:40", value(c, "SELECT UTC_TIMESTAMP()"));
                    assertEquals("1", value(c, "SELECT SYSDATE() > NOW() + INTERVAL 1 YEAR"));
                }),
                takes("SET SESSION timestamp = DEFAULT", (env, c) -> {
                    double ts = Double.parseDouble(value(c, "SELECT @@timestamp"));
                    assertTrue(Math.abs(ts - System.currentTimeMillis() / 1000.0) < 5, "@@timestamp is now: " + ts);
                }));
    }

    /** What mysqlbinlog / mariadb-binlog output sets before replaying a binlog (BinlogReplayTest). */
    static void replaySettings(Map<String, Probe> p) {
        add(p, "rand_seed1",
                takes("SET SESSION rand_seed1 = 751365675", (env, c) -> {
                    // with rand_seed2 the next RAND() draws as the RAND event's statement did; read back 0
                    execute(c, "SET SESSION rand_seed2 = 125284631");
                    String first = value(c, "SELECT RAND()");
                    execute(c, "SET @@rand_seed1 = 751365675, @@rand_seed2 = 125284631");
                    assertEquals(first, value(c, "SELECT RAND()"));
                    assertEquals("0", value(c, "SELECT @@rand_seed1"));
                }),
                takes("SET SESSION rand_seed1 = 0", (env, c) -> assertEquals("0", value(c, "SELECT @@rand_seed1"))));
        add(p, "rand_seed2",
                takes("SET SESSION rand_seed2 = 1", (env, c) -> assertEquals("0", value(c, "SELECT @@rand_seed2"))),
                takes("SET SESSION rand_seed2 = 0", (env, c) -> assertEquals("0", value(c, "SELECT @@rand_seed2"))));
        add(p, "pseudo_thread_id",
                takes("SET SESSION pseudo_thread_id = 4242", (env, c) -> {
                    assertEquals("4242", value(c, "SELECT CONNECTION_ID()"));
                    assertEquals("4242", value(c, "SELECT @@pseudo_thread_id"));
                }),
                takes("SET SESSION pseudo_thread_id = 0", (env, c) ->
                        assertEquals(value(c, "SELECT CONNECTION_ID()"), value(c, "SELECT @@pseudo_thread_id"))));
        add(p, "pseudo_slave_mode",
                takes("SET SESSION pseudo_slave_mode = ON", (env, c) ->
                        assertEquals("1", value(c, "SELECT @@pseudo_slave_mode"))),
                takes("SET SESSION pseudo_slave_mode = OFF", (env, c) ->
                        assertEquals("0", value(c, "SELECT @@pseudo_slave_mode"))));
        // gtid_mode is OFF: transactions are anonymous (a 5.7 binlog replayed by mysqlbinlog sets it so)
        add(p, "gtid_next",
                takes("SET SESSION gtid_next = 'ANONYMOUS'", (env, c) -> {
                    execute(c, "CREATE TABLE IF NOT EXISTS vt.gn (id INT)");
                    String executed = value(c, "SELECT @@GLOBAL.gtid_executed");
                    execute(c, "INSERT INTO vt.gn VALUES (1)");
                    assertEquals("1", value(c, "SELECT COUNT(*) FROM vt.gn"));
                    assertEquals(executed, value(c, "SELECT @@GLOBAL.gtid_executed"), "an anonymous transaction");
                    execute(c, "DROP TABLE vt.gn");
                }),
                takes("SET SESSION gtid_next = 'AUTOMATIC'", (env, c) ->
                        assertEquals("AUTOMATIC", value(c, "SELECT @@gtid_next"))),
                refused("SET SESSION gtid_next = '3E11FA47-71CA-11E1-9E33-C80AA9429562:5'", 1781,
                        "@@SESSION.GTID_NEXT cannot be set to UUID:NUMBER when @@GLOBAL.GTID_MODE = OFF."));
        add(p, "gtid_purged",
                refused("SET GLOBAL gtid_purged = '3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5'", 1839,
                        "@@GLOBAL.GTID_PURGED can only be set when @@GLOBAL.GTID_MODE = ON."));
        // row-events B.2 (GtidTest steps through every mode on a server of its own)
        add(p, "gtid_mode",
                refused("SET GLOBAL gtid_mode = ON", 1788, "The value of @@GLOBAL.GTID_MODE can only be changed one "
                        + "step at a time: OFF <-> OFF_PERMISSIVE <-> ON_PERMISSIVE <-> ON. Also note that this value "
                        + "must be stepped up or down simultaneously on all servers. See the Manual for instructions."),
                takes("SET GLOBAL gtid_mode = OFF_PERMISSIVE", (env, c) ->
                        assertEquals("OFF_PERMISSIVE", value(c, "SELECT @@GLOBAL.gtid_mode"))),
                // each case starts from OFF again: two steps away
                refused("SET GLOBAL gtid_mode = ON_PERMISSIVE", 1788, "The value of @@GLOBAL.GTID_MODE can only be "
                        + "changed one step at a time: OFF <-> OFF_PERMISSIVE <-> ON_PERMISSIVE <-> ON. Also note that this "
                        + "value must be stepped up or down simultaneously on all servers. See the Manual for instructions."),
                takes("SET GLOBAL gtid_mode = OFF", (env, c) ->
                        assertEquals("OFF", value(c, "SELECT @@GLOBAL.gtid_mode"))));
        add(p, "enforce_gtid_consistency",
                takes("SET GLOBAL enforce_gtid_consistency = ON", (env, c) ->
                        assertEquals("ON", value(c, "SELECT @@GLOBAL.enforce_gtid_consistency"))),
                takes("SET GLOBAL enforce_gtid_consistency = WARN", (env, c) ->
                        assertEquals("WARN", value(c, "SELECT @@GLOBAL.enforce_gtid_consistency"))),
                takes("SET GLOBAL enforce_gtid_consistency = OFF", (env, c) ->
                        assertEquals("OFF", value(c, "SELECT @@GLOBAL.enforce_gtid_consistency"))));
        // TransactionRetriesTest sees the retries, the count and the stop once they are used up
        add(p, "slave_transaction_retries",
                takes("SET GLOBAL slave_transaction_retries = 0", (env, c) ->
                        assertEquals("0", value(c, "SELECT @@GLOBAL.slave_transaction_retries"))),
                takes("SET GLOBAL slave_transaction_retries = 10", (env, c) ->
                        assertEquals("10", value(c, "SELECT @@GLOBAL.slave_transaction_retries"))));
        // read at START SLAVE: ParallelApplierTest sees the workers (docs/compatibility.md "Multi-threaded applier")
        add(p, "slave_parallel_workers",
                takes("SET GLOBAL slave_parallel_workers = 4", (env, c) ->
                        assertEquals("4", value(c, "SELECT @@GLOBAL.slave_parallel_workers"))),
                takes("SET GLOBAL slave_parallel_workers = 0", (env, c) ->
                        assertEquals("0", value(c, "SELECT @@GLOBAL.slave_parallel_workers"))));
        add(p, "slave_parallel_type",
                takes("SET GLOBAL slave_parallel_type = LOGICAL_CLOCK", (env, c) ->
                        assertEquals("LOGICAL_CLOCK", value(c, "SELECT @@GLOBAL.slave_parallel_type"))),
                takes("SET GLOBAL slave_parallel_type = DATABASE", (env, c) ->
                        assertEquals("DATABASE", value(c, "SELECT @@GLOBAL.slave_parallel_type"))));
        add(p, "slave_preserve_commit_order",
                // START SLAVE checks it (3031, ParallelApplierTest); commits are always in order
                takes("SET GLOBAL slave_preserve_commit_order = ON", (env, c) ->
                        assertEquals("1", value(c, "SELECT @@GLOBAL.slave_preserve_commit_order"))),
                takes("SET GLOBAL slave_preserve_commit_order = OFF", (env, c) ->
                        assertEquals("0", value(c, "SELECT @@GLOBAL.slave_preserve_commit_order"))));
        // GtidTest.replicasFollowAGtidSource sees the table compressed every period
        add(p, "gtid_executed_compression_period",
                takes("SET GLOBAL gtid_executed_compression_period = 10", (env, c) ->
                        assertEquals("10", value(c, "SELECT @@GLOBAL.gtid_executed_compression_period"))),
                takes("SET GLOBAL gtid_executed_compression_period = 0", (env, c) ->
                        assertEquals("0", value(c, "SELECT @@GLOBAL.gtid_executed_compression_period"))));
        add(p, "max_delayed_threads",
                takes("SET SESSION max_delayed_threads = 0", (env, c) ->
                        assertEquals("0", value(c, "SELECT @@max_delayed_threads"))),
                takes("SET SESSION max_delayed_threads = 20", (env, c) ->
                        assertEquals("20", value(c, "SELECT @@max_delayed_threads"))));
        add(p, "completion_type",
                takes("SET SESSION completion_type = NO_CHAIN", (env, c) ->
                        assertEquals("NO_CHAIN", value(c, "SELECT @@completion_type"))),
                // CHAIN's effect: TransactionChainTest
                takes("SET SESSION completion_type = CHAIN", (env, c) -> {
                    assertEquals("CHAIN", value(c, "SELECT @@completion_type"));
                    try (java.sql.Statement st = c.createStatement()) {
                        st.execute("SET SESSION completion_type = NO_CHAIN");
                    }
                }),
                unsupported("SET SESSION completion_type = RELEASE", "completion_type = RELEASE"));
        add(p, "check_constraint_checks",
                takes("SET SESSION check_constraint_checks = ON", (env, c) ->
                        assertEquals("1", value(c, "SELECT @@check_constraint_checks"))),
                unsupported("SET SESSION check_constraint_checks = OFF", "check_constraint_checks = OFF"));
        add(p, "system_versioning_insert_history",
                takes("SET SESSION system_versioning_insert_history = OFF", (env, c) ->
                        assertEquals("0", value(c, "SELECT @@system_versioning_insert_history"))),
                unsupported("SET SESSION system_versioning_insert_history = ON", "system_versioning_insert_history = ON"));
        add(p, "sql_if_exists",
                takes("SET SESSION sql_if_exists = OFF", (env, c) -> assertEquals("0", value(c, "SELECT @@sql_if_exists"))),
                unsupported("SET SESSION sql_if_exists = ON", "sql_if_exists = ON"));
        add(p, "explicit_defaults_for_timestamp",
                takes("SET SESSION explicit_defaults_for_timestamp = ON", (env, c) -> {
                    execute(c, "DROP TABLE IF EXISTS vt.edt", "CREATE TABLE vt.edt (a TIMESTAMP)",
                            "INSERT INTO vt.edt VALUES (NULL)");
                    assertEquals(java.util.Arrays.asList((String) null), SqlRunner.on(c).rows("SELECT a FROM vt.edt").get(0));
                    execute(c, "DROP TABLE vt.edt");
                }),
                unsupported("SET SESSION explicit_defaults_for_timestamp = OFF", "explicit_defaults_for_timestamp = OFF"));
    }

    private static Check generates(String ids) {
        return (env, c) -> {
            execute(c, "DROP TABLE IF EXISTS vt.aig", "CREATE TABLE vt.aig (id INT AUTO_INCREMENT PRIMARY KEY, v INT)",
                    "INSERT INTO vt.aig (v) VALUES (1), (2)");
            assertEquals(ids, String.join(",", SqlRunner.on(c).rows("SELECT id FROM vt.aig ORDER BY id").stream()
                    .map(r -> r.get(0)).toList()));
            execute(c, "DROP TABLE vt.aig");
        };
    }

    /** What a transaction of {@code c} reads of a row another session changes: before and after that one commits. */
    private static Check sees(String whileOpen, String afterCommit) {
        return (env, c) -> {
            // c's writes would be refused under READ COMMITTED with a statement binlog (1665): others write
            try (Connection other = env.root()) {
                execute(other, "UPDATE vt.iso SET v = 'old' WHERE id = 1");
                execute(c, "START TRANSACTION");
                value(c, "SELECT v FROM vt.iso WHERE id = 1");
                execute(other, "START TRANSACTION", "UPDATE vt.iso SET v = 'dirty' WHERE id = 1");
                assertEquals(whileOpen, value(c, "SELECT v FROM vt.iso WHERE id = 1"), "before the other commits");
                execute(other, "UPDATE vt.iso SET v = 'committed' WHERE id = 1", "COMMIT");
                String want = afterCommit.equals("dirty") ? "committed" : afterCommit;
                assertEquals(want, value(c, "SELECT v FROM vt.iso WHERE id = 1"), "after the other committed");
                execute(c, "COMMIT");
            }
        };
    }

    /** An UPDATE waits for a row another transaction holds: it gets it when that commits at 1.3 s, or 1205 first. */
    private static Check waitsForLock(boolean getsIt) {
        return (env, c) -> {
            try (Connection holder = env.root()) {
                execute(holder, "START TRANSACTION", "UPDATE vt.iso SET v = 'held' WHERE id = 2");
                Thread releaser = new Thread(() -> {
                    try {
                        Thread.sleep(1300);
                        execute(holder, "COMMIT");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                releaser.start();
                try {
                    if (getsIt) {
                        execute(c, "UPDATE vt.iso SET v = 'mine' WHERE id = 2");
                    } else {
                        assertError(c, "UPDATE vt.iso SET v = 'mine' WHERE id = 2", 1205,
                                "Lock wait timeout exceeded; try restarting transaction");
                    }
                } finally {
                    releaser.join();
                }
            }
        };
    }

    private static Check concat(String expected) {
        return (env, c) -> assertEquals(expected, value(c, "SELECT GROUP_CONCAT(v ORDER BY v) FROM vt.t"));
    }

    private static Check selects(int rows) {
        return (env, c) -> assertEquals(rows, SqlRunner.on(c).rows("SELECT * FROM vt.t").size());
    }

    // --- the error log

    private static void logs(Map<String, Probe> p) {
        add(p, "log_error_verbosity",
                takes("SET GLOBAL log_error_verbosity = 1", logs(false, false)),
                takes("SET GLOBAL log_error_verbosity = 2", logs(false, true)),
                takes("SET GLOBAL log_error_verbosity = 3", logs(true, true)));
        add(p, "log_warnings",
                takes("SET GLOBAL log_warnings = 0", (env, c) -> {
                    assertEquals("1", value(c, "SELECT @@GLOBAL.log_error_verbosity"));
                    logs(false, false).verify(env, c);
                }),
                takes("SET GLOBAL log_warnings = 1", (env, c) -> {
                    assertEquals("2", value(c, "SELECT @@GLOBAL.log_error_verbosity"));
                    logs(false, true).verify(env, c);
                }),
                takes("SET GLOBAL log_warnings = 2", (env, c) -> {
                    assertEquals("3", value(c, "SELECT @@GLOBAL.log_error_verbosity"));
                    logs(true, true).verify(env, c);
                }));
    }

    /** A failing init_connect logs a note (the aborted connection) and a warning (its error). */
    private static Check logs(boolean notes, boolean warnings) {
        return (env, c) -> {
            long notesBefore = count(env.errorLog(), "[Note] Aborted connection");
            long warningsBefore = count(env.errorLog(), "[Warning] Table 'vt.nolog' doesn't exist");
            execute(c, "SET GLOBAL init_connect = 'SELECT * FROM vt.nolog'");
            try {
                assertThrows(SQLException.class, () -> env.plain().close());
            } finally {
                execute(c, "SET GLOBAL init_connect = ''");
            }
            assertEquals(notes ? notesBefore + 1 : notesBefore, count(env.errorLog(), "[Note] Aborted connection"));
            assertEquals(warnings ? warningsBefore + 1 : warningsBefore,
                    count(env.errorLog(), "[Warning] Table 'vt.nolog' doesn't exist"));
        };
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    // --- global settings of the server

    private static void binlog(Map<String, Probe> p) {
        add(p, "read_only",
                takes("SET GLOBAL read_only = ON", (env, c) -> {
                    try (Connection plain = env.plain()) {
                        assertError(plain, "INSERT INTO vt.ac VALUES (3)", 1290, "The MySQL server is running with the "
                                + "--read-only option so it cannot execute this statement");
                    }
                }),
                takes("SET GLOBAL read_only = OFF", (env, c) -> {
                    try (Connection plain = env.plain()) {
                        execute(plain, "INSERT INTO vt.ac VALUES (3)", "DELETE FROM vt.ac WHERE id = 3");
                    }
                }));
        add(p, "super_read_only",
                takes("SET GLOBAL super_read_only = ON", (env, c) -> assertError(c, "INSERT INTO vt.ac VALUES (3)", 1290,
                        "The MySQL server is running with the --super-read-only option so it cannot execute this "
                                + "statement")),
                takes("SET GLOBAL super_read_only = OFF", (env, c) ->
                        execute(c, "INSERT INTO vt.ac VALUES (3)", "DELETE FROM vt.ac WHERE id = 3")));
        add(p, "event_scheduler",
                inert("SET GLOBAL event_scheduler = OFF", "no event runs; the server has no events (CREATE EVENT is "
                        + "refused)", (env, c) -> assertThrows(SQLException.class,
                        () -> execute(c, "CREATE EVENT vt.ev ON SCHEDULE EVERY 1 HOUR DO SELECT 1"))),
                unsupported("SET GLOBAL event_scheduler = ON", "event_scheduler = ON"),
                refused("SET GLOBAL event_scheduler = DISABLED", 1231,
                        "Variable 'event_scheduler' can't be set to the value of 'DISABLED'"));
        String qc = "there is no query cache: with query_cache_type=OFF from start-up MySQL keeps the size unused";
        add(p, "query_cache_size",
                inert("SET GLOBAL query_cache_size = 0", qc, (env, c) -> assertEquals("0",
                        value(c, "SELECT @@GLOBAL.query_cache_size"))),
                inert("SET GLOBAL query_cache_size = 1000", qc, (env, c) -> assertEquals("0",
                        value(c, "SELECT @@GLOBAL.query_cache_size"), "rounded down to a multiple of 1024")),
                inert("SET GLOBAL query_cache_size = 4194304", qc, (env, c) -> assertEquals("4194304",
                        value(c, "SELECT @@GLOBAL.query_cache_size"))));
        add(p, "server_id",
                takes("SET GLOBAL server_id = 7", eventServerId("7")),
                takes("SET GLOBAL server_id = 4294967295", eventServerId("4294967295")),
                takes("SET GLOBAL server_id = 1", eventServerId("1")));
        add(p, "sync_binlog",
                takes("SET GLOBAL sync_binlog = 0", fsyncsPerCommits(3, 0)),
                takes("SET GLOBAL sync_binlog = 1", fsyncsPerCommits(2, 2)),
                takes("SET GLOBAL sync_binlog = 2", fsyncsPerCommits(2, 1)));
        add(p, "binlog_group_commit_sync_delay",
                takes("SET GLOBAL binlog_group_commit_sync_delay = 1000000", (env, c) -> {
                    execute(c, "SET GLOBAL binlog_group_commit_sync_no_delay_count = 3");
                    assertEquals(1, groupsOfCommitsReleasedTogether(env, 3),
                            "three commits released together wait for each other: one group");
                    execute(c, "SET GLOBAL binlog_group_commit_sync_no_delay_count = 0");
                }),
                takes("SET GLOBAL binlog_group_commit_sync_delay = 0", fsyncsPerCommits(2, 2)));
        add(p, "binlog_group_commit_sync_no_delay_count",
                takes("SET GLOBAL binlog_group_commit_sync_no_delay_count = 3", (env, c) -> {
                    execute(c, "SET GLOBAL binlog_group_commit_sync_delay = 1000000");
                    // the count ends the leader's wait: three commits, one group (the delay alone
                    // would give the same group a second later; GroupCommitTest tells them apart)
                    assertEquals(1, groupsOfCommitsReleasedTogether(env, 3));
                    execute(c, "SET GLOBAL binlog_group_commit_sync_delay = 0");
                }),
                takes("SET GLOBAL binlog_group_commit_sync_no_delay_count = 0", fsyncsPerCommits(2, 2)));
        add(p, "max_binlog_size",
                unsupported("SET GLOBAL max_binlog_size = 4096",
                        "SET GLOBAL max_binlog_size at run time (it is read at start-up)"),
                inert("SET GLOBAL max_binlog_size = 1073741824", "the value the server started with",
                        (env, c) -> assertEquals("1073741824", value(c, "SELECT @@max_binlog_size"))));
        add(p, "binlog_checksum",
                unsupported("SET GLOBAL binlog_checksum = NONE",
                        "SET GLOBAL binlog_checksum at run time (it is read at start-up)"),
                inert("SET GLOBAL binlog_checksum = CRC32", "the value the server started with",
                        (env, c) -> assertEquals("CRC32", value(c, "SELECT @@binlog_checksum"))));
        add(p, "expire_logs_days",
                // MySQL purges when the binlog rotates (FLUSH LOGS) and at start-up
                takes("SET GLOBAL expire_logs_days = 0", (env, c) -> {
                    String old = backDatedBinlog(env, c);
                    execute(c, "FLUSH BINARY LOGS");
                    assertTrue(binlogs(c).contains(old), "kept: " + binlogs(c));
                }),
                takes("SET GLOBAL expire_logs_days = 1", (env, c) -> {
                    String old = backDatedBinlog(env, c);
                    execute(c, "FLUSH BINARY LOGS");
                    assertFalse(binlogs(c).contains(old), "purged: " + binlogs(c));
                }),
                takes("SET GLOBAL expire_logs_days = 99", (env, c) -> {
                    String old = backDatedBinlog(env, c);
                    execute(c, "FLUSH BINARY LOGS");
                    assertTrue(binlogs(c).contains(old), "3 days is less than 99: " + binlogs(c));
                }));
    }

    private static Check eventServerId(String id) {
        return (env, c) -> {
            String marker = "server_id_" + id;
            execute(c, "CREATE DATABASE IF NOT EXISTS " + marker, "DROP DATABASE " + marker);
            List<List<String>> events = binlogEvents(c);
            List<String> create = events.stream().filter(e -> e.get(5).contains("CREATE DATABASE IF NOT EXISTS " + marker))
                    .findFirst().orElseThrow();
            assertEquals(id, create.get(3), "Server_id of " + create);
        };
    }

    private static Check fsyncsPerCommits(int commits, long fsyncs) {
        return (env, c) -> {
            long before = env.status("Binlog_fsyncs");
            for (int i = 0; i < commits; i++) execute(c, "INSERT INTO vt.ac VALUES (" + (100 + i) + ")");
            assertEquals(before + fsyncs, env.status("Binlog_fsyncs"));
            execute(c, "DELETE FROM vt.ac WHERE id >= 100");
        };
    }

    /** {@code clients} new connections insert one row each, released together; the binlog groups they made. */
    private static long groupsOfCommitsReleasedTogether(VariableEnv env, int clients) throws Exception {
        long before = env.status("Binlog_group_commits");
        List<Connection> connections = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) connections.add(env.root());
            io.minisqld.testcommon.Together.run(clients,
                    i -> execute(connections.get(i), "INSERT INTO vt.ac VALUES (" + (200 + i) + ")"));
        } finally {
            for (Connection cc : connections) cc.close();
        }
        long groups = env.status("Binlog_group_commits") - before;
        try (Connection cc = env.root()) {
            execute(cc, "DELETE FROM vt.ac WHERE id >= 200");
        }
        return groups;
    }

    /** Rotates the binlog and dates its oldest file three days back; its name. */
    private static String backDatedBinlog(VariableEnv env, Connection c) throws Exception {
        execute(c, "FLUSH BINARY LOGS");
        env.awaitReplicaCaughtUp();
        String oldest = binlogs(c).get(0);
        Path file = env.datadir().resolve(oldest);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        return oldest;
    }

    private static List<String> binlogs(Connection c) throws SQLException {
        return SqlRunner.on(c).rows("SHOW BINARY LOGS").stream().map(r -> r.get(0)).toList();
    }

    private static List<List<String>> binlogEvents(Connection c) throws SQLException {
        List<String> files = binlogs(c);
        return SqlRunner.on(c).rows("SHOW BINLOG EVENTS IN '" + files.get(files.size() - 1) + "'");
    }

    /** The Event_type of the last {@code n} events of the current binlog file. */
    private static List<String> lastTypes(Connection c, int n) throws SQLException {
        List<List<String>> all = binlogEvents(c);
        return all.subList(Math.max(0, all.size() - n), all.size()).stream().map(r -> r.get(2)).toList();
    }

    /** The bytes of the Update_rows event of an UPDATE of vt.iso's v logged in ROW format. */
    private static long updateRowsSize(Connection c) throws SQLException {
        execute(c, "SET SESSION binlog_format = 'ROW'", "INSERT INTO vt.iso VALUES (90, 'aaaaaaaaaaaaaaaaaaaa')",
                "UPDATE vt.iso SET v = 'b' WHERE id = 90", "DELETE FROM vt.iso WHERE id = 90",
                "SET SESSION binlog_format = 'STATEMENT'");
        List<List<String>> all = binlogEvents(c);
        for (int i = all.size() - 1; i >= 0; i--) {
            List<String> e = all.get(i);
            if (e.get(2).equals("Update_rows")) return Long.parseLong(e.get(4)) - Long.parseLong(e.get(1));
        }
        throw new AssertionError("no Update_rows event: " + all);
    }

    /** The Info of the last {@code n} events of the current binlog file. */
    private static List<String> lastEvents(Connection c, int n) throws SQLException {
        List<List<String>> all = binlogEvents(c);
        return all.subList(Math.max(0, all.size() - n), all.size()).stream().map(r -> r.get(5)).toList();
    }

    // --- the replica

    private static void replica(Map<String, Probe> p) {
        addOnReplica(p, "sql_slave_skip_counter",
                takes("SET GLOBAL sql_slave_skip_counter = 1", skips(List.of("2"))),
                takes("SET GLOBAL sql_slave_skip_counter = 0", skips(List.of("1", "2"))));
        addOnReplica(p, "max_relay_log_size",
                takes("SET GLOBAL max_relay_log_size = 4096", (env, c) -> assertTrue(relayLogsAfterWriting(env) >= 2,
                        "a relay log of 4 KiB rotates")),
                takes("SET GLOBAL max_relay_log_size = 0", (env, c) -> assertEquals(0, relayLogsAfterWriting(env),
                        "max_binlog_size (1 GiB) applies")),
                takes("SET GLOBAL max_relay_log_size = 1073741824", (env, c) -> assertEquals(0, relayLogsAfterWriting(env))));
        addOnReplica(p, "relay_log_purge",
                takes("SET GLOBAL relay_log_purge = OFF", (env, c) -> {
                    execute(c, "SET GLOBAL max_relay_log_size = 4096");
                    int before = relayLogFiles(env).size();
                    relayLogsAfterWriting(env);
                    assertTrue(relayLogFiles(env).size() >= before + 2, "applied relay logs are kept: "
                            + relayLogFiles(env));
                    execute(c, "SET GLOBAL max_relay_log_size = 0");
                }),
                takes("SET GLOBAL relay_log_purge = ON", (env, c) -> {
                    execute(c, "SET GLOBAL max_relay_log_size = 4096");
                    relayLogsAfterWriting(env);
                    Poll.until("applied relay logs deleted", Duration.ofSeconds(5), () -> relayLogFiles(env).size() <= 2);
                    execute(c, "SET GLOBAL max_relay_log_size = 0");
                }));
        add(p, "local_infile",
                takes("SET GLOBAL local_infile = OFF", (env, c) -> {
                    try (Connection local = env.root("allowLocalInfile=true")) {
                        assertError(local, "LOAD DATA LOCAL INFILE '" + localInfile() + "' INTO TABLE vt.ac", 1148,
                                "The used command is not allowed with this MySQL version");
                    }
                }),
                takes("SET GLOBAL local_infile = ON", (env, c) -> {
                    try (Connection local = env.root("allowLocalInfile=true"); Statement st = local.createStatement()) {
                        assertEquals(1, st.executeUpdate("LOAD DATA LOCAL INFILE '" + localInfile()
                                + "' INTO TABLE vt.ac"));
                        st.executeUpdate("DELETE FROM vt.ac WHERE id = 91");
                    }
                }));
        // STRICT is what the SQL thread does (an error stops it: ReplicationTest); IDEMPOTENT acts on row
        // events only, which do not exist yet
        addOnReplica(p, "slave_exec_mode",
                takes("SET GLOBAL slave_exec_mode = 'STRICT'", (env, c) ->
                        assertEquals("STRICT", value(c, "SELECT @@GLOBAL.slave_exec_mode"))),
                unsupported("SET GLOBAL slave_exec_mode = 'IDEMPOTENT'", "slave_exec_mode = IDEMPOTENT"));
        String outOfRange = "The requested value for the heartbeat period exceeds the value of `slave_net_timeout' "
                + "seconds. A sensible value for the period should be less than the timeout.";
        addOnReplica(p, "slave_net_timeout",
                takes("SET GLOBAL slave_net_timeout = 10", heartbeatWarning(List.of("Warning 1704 " + outOfRange))),
                takes("SET GLOBAL slave_net_timeout = 60", heartbeatWarning(List.of())),
                takes("SET GLOBAL slave_net_timeout = 31536000", heartbeatWarning(List.of())));
    }

    /** Two replicated inserts while the SQL thread is stopped: which the replica applies when it starts again. */
    private static Check skips(List<String> applied) {
        return (env, c) -> {
            // the counter is read when the SQL thread starts (MySQL 5.7 too)
            execute(c, "STOP SLAVE SQL_THREAD");
            try (Connection source = env.root()) {
                execute(source, "INSERT INTO vt.skip VALUES (1)", "INSERT INTO vt.skip VALUES (2)");
            }
            execute(c, "START SLAVE SQL_THREAD");
            env.awaitReplicaCaughtUp();
            assertEquals(applied, SqlRunner.on(c).rows("SELECT id FROM vt.skip ORDER BY id").stream().map(r -> r.get(0)).toList());
            // emptied on each side: a row the replica skipped is not there for the source's DELETE rows
            try (Connection source = env.root()) {
                execute(source, "SET SESSION sql_log_bin = 0", "DELETE FROM vt.skip");
            }
            execute(c, "DELETE FROM vt.skip");
        };
    }

    /** Writes about 12 KiB of binlog on the source; how many relay log rotations the replica made meanwhile. */
    private static int relayLogsAfterWriting(VariableEnv env) throws Exception {
        String before;
        try (Connection r = env.replica()) {
            before = SqlRunner.on(r).row("SHOW SLAVE STATUS").get("Relay_Log_File");
        }
        try (Connection source = env.root()) {
            for (int i = 0; i < 4; i++) {
                execute(source, "INSERT INTO vt.relay VALUES (" + i + ", '" + "r".repeat(3000) + "')");
            }
            execute(source, "DELETE FROM vt.relay");
        }
        env.awaitReplicaCaughtUp();
        try (Connection r = env.replica()) {
            String after = SqlRunner.on(r).row("SHOW SLAVE STATUS").get("Relay_Log_File");
            return sequence(after) - sequence(before);
        }
    }

    private static int sequence(String file) {
        return Integer.parseInt(file.substring(file.lastIndexOf('.') + 1));
    }

    private static List<Path> relayLogFiles(VariableEnv env) throws IOException {
        try (Stream<Path> files = Files.list(env.replicaDatadir())) {
            return files.filter(f -> f.getFileName().toString().matches(".*-relay-bin\\.\\d+")).sorted().toList();
        }
    }

    private static Check heartbeatWarning(List<String> expected) {
        return (env, c) -> {
            execute(c, "STOP SLAVE IO_THREAD");
            try {
                execute(c, "CHANGE MASTER TO MASTER_HEARTBEAT_PERIOD = 20");
                assertEquals(expected, warnings(c));
            } finally {
                execute(c, "CHANGE MASTER TO MASTER_HEARTBEAT_PERIOD = 1", "START SLAVE IO_THREAD");
            }
        };
    }

    // --- JDBC helpers

    static String value(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql + " returned no row");
            return rs.getString(1);
        }
    }

    /** Runs statements in order; a failure names the statement it came from, with the server's error. */
    static void execute(Connection c, String... statements) throws SQLException {
        for (String sql : statements) {
            try {
                SqlRunner.on(c).execute(sql);
            } catch (SQLException e) {
                throw new SQLException(sql + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }

    /** SHOW WARNINGS of the last statement, each as "Level Code Message". */
    static List<String> warnings(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> r : SqlRunner.on(c).rows("SHOW WARNINGS")) out.add(r.get(0) + " " + r.get(1) + " " + r.get(2));
        return Collections.unmodifiableList(out);
    }

    /** {@code sql} fails with error {@code code} and, unless null, {@code message}. */
    static void assertError(Connection c, String sql, int code, String message) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            fail(sql + " succeeded; expected ERROR " + code + ": " + message);
        } catch (SQLException e) {
            String got = e.getMessage().replaceAll("^\\(conn=\\d+\\) ", "");
            assertEquals(code, e.getErrorCode(), sql + ": " + got);
            if (message != null) assertEquals(message, got, sql);
        }
    }

    /** SQL PREPARE and DEALLOCATE of one statement on {@code c}. */
    private static void prepareAndDeallocate(java.sql.Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("PREPARE probe FROM 'SELECT 1'");
            st.execute("DEALLOCATE PREPARE probe");
        }
    }

    /** A one-row file for LOAD DATA LOCAL INFILE into vt.ac (id 91). */
    private static String localInfile() {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("minisqld-local-infile-", ".txt");
            java.nio.file.Files.writeString(f, "91\n");
            f.toFile().deleteOnExit();
            return f.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
