package io.minisqld.server.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SET semantics of MySQL 5.7's sys_var checks, on the server's own variable declarations. */
class SystemVariablesTest {
    private final SystemVariables vars = new SystemVariables();
    private final List<String> warnings = new ArrayList<>();
    private final Warnings sink = (code, args) -> warnings.add(code.number() + " " + code.message(args));

    @BeforeEach
    void declare() {
        ServerVariables.declare(vars, "5.7.44-minisqld-test", "test");
    }

    private static void assertError(int number, String sqlState, String message, Runnable r) {
        SqlError e = assertThrows(SqlError.class, r::run);
        assertEquals(number, e.number());
        assertEquals(sqlState, e.sqlState());
        assertEquals(message, e.getMessage());
    }

    @Test
    void sqlModeCombinationsExpandAndFlagsTheServerDoesNotHonourAreRefused() {
        SessionValues s = vars.newSession();
        vars.setSession(s, "sql_mode", new SetValue.Text("traditional"), sink);
        assertEquals("STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
                + "TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION", s.get("sql_mode"));
        assertError(1235, "42000", "This version of MySQL doesn't yet support 'sql_mode = ANSI_QUOTES'",
                () -> vars.setSession(s, "sql_mode", new SetValue.Text("ANSI_QUOTES"), sink));
        assertError(1235, "42000", "This version of MySQL doesn't yet support 'sql_mode = REAL_AS_FLOAT'",
                () -> vars.setGlobal("sql_mode", new SetValue.Text("ANSI"), sink));
        assertError(1235, "42000", "This version of MySQL doesn't yet support 'sql_mode = NO_BACKSLASH_ESCAPES'",
                () -> vars.initFromOption("sql_mode", "NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES"));
        // ONLY_FULL_GROUP_BY is honoured (FullGroupBy), as MySQL 5.7's default has it
        vars.initFromOption("sql_mode", "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES");
        assertEquals(List.of("NO_ZERO_IN_DATE", "NO_ZERO_DATE", "ERROR_FOR_DIVISION_BY_ZERO", "NO_AUTO_CREATE_USER"),
                SqlModePolicy.kept("STRICT_ALL_TABLES"), "STRICT_ALL_TABLES is strict mode for InnoDB tables");
    }

    @Test
    void valuesTheServerCannotHonourAreRefusedAndStartUpOnlyOnesAtRunTime() {
        SessionValues s = vars.newSession();
        assertError(1621, "HY000", "SESSION variable 'max_allowed_packet' is read-only. Use SET GLOBAL to assign the value",
                () -> vars.setSession(s, "max_allowed_packet", new SetValue.Int(1024), sink));
        assertError(1649, "HY000", "Unknown locale: 'xx_XX'",
                () -> vars.setSession(s, "lc_time_names", new SetValue.Text("xx_XX"), sink));
        assertError(1235, "42000", "This version of MySQL doesn't yet support 'lc_messages = de_DE'",
                () -> vars.setSession(s, "lc_messages", new SetValue.Text("de_de"), sink));
        assertError(1298, "HY000", "Unknown or incorrect time zone: 'Europe/Paris'",
                () -> vars.setSession(s, "time_zone", new SetValue.Text("Europe/Paris"), sink));
        assertError(1286, "42000", "Unknown storage engine 'Aria'",
                () -> vars.setSession(s, "default_storage_engine", new SetValue.Text("Aria"), sink));
        vars.setSession(s, "default_storage_engine", new SetValue.Text("innodb"), sink);
        assertEquals("InnoDB", s.get("default_storage_engine"), "MySQL's spelling");
        assertError(1193, "HY000", "Unknown system variable 'storage_engine'",
                () -> vars.setSession(s, "storage_engine", new SetValue.Text("InnoDB"), sink));
        vars.initFromOption("max_binlog_size", 8192L);
        vars.startRunning();
        assertError(1235, "42000", "This version of MySQL doesn't yet support 'SET GLOBAL max_binlog_size at run time"
                + " (it is read at start-up)'", () -> vars.setGlobal("max_binlog_size", new SetValue.Int(4096), sink));
        vars.setGlobal("max_binlog_size", new SetValue.Int(8192), sink);
        assertError(1651, "HY000", "Query cache is disabled; restart the server with query_cache_type=1 to enable it",
                () -> vars.setGlobal("query_cache_type", new SetValue.Word("ON"), sink));
    }

    @Test
    void aNewSessionCopiesTheGlobalsOnceAsMysqlDoesAtConnect() {
        SessionValues before = vars.newSession();
        vars.setGlobal("sql_safe_updates", new SetValue.Int(1), sink);
        assertEquals(Boolean.FALSE, before.get("sql_safe_updates"), "a session open before SET GLOBAL keeps its value");
        assertEquals(Boolean.TRUE, vars.newSession().get("sql_safe_updates"));
    }

    @Test
    void defaultsAreMysql57s() {
        SessionValues s = vars.newSession();
        assertEquals("REPEATABLE-READ", vars.get("tx_isolation", SystemVariables.Requested.DEFAULT, s));
        assertEquals(ServerVariables.DEFAULT_SQL_MODE, vars.get("sql_mode", SystemVariables.Requested.GLOBAL, s));
        assertEquals(151L, vars.global("max_connections"));
        assertEquals(4194304L, vars.global("max_allowed_packet"));
        assertEquals("YES", vars.global("have_dynamic_loading"));
    }

    @Test
    void unknownReadOnlyAndScopeErrors() {
        SessionValues s = vars.newSession();
        assertError(1193, "HY000", "Unknown system variable 'gtid_domain_id'",
                () -> vars.get("gtid_domain_id", SystemVariables.Requested.GLOBAL, s));
        assertError(1238, "HY000", "Variable 'port' is a read only variable",
                () -> vars.setGlobal("port", new SetValue.Int(1), sink));
        assertError(1229, "HY000", "Variable 'max_connections' is a GLOBAL variable and should be set with SET GLOBAL",
                () -> vars.setSession(s, "max_connections", new SetValue.Int(5), sink));
        assertError(1228, "HY000", "Variable 'sql_log_bin' is a SESSION variable and can't be used with SET GLOBAL",
                () -> vars.setGlobal("sql_log_bin", new SetValue.Int(0), sink));
        assertError(1238, "HY000", "Variable 'sql_log_bin' is a SESSION variable",
                () -> vars.get("sql_log_bin", SystemVariables.Requested.GLOBAL, s));
    }

    @Test
    void wrongValueAndWrongType() {
        SessionValues s = vars.newSession();
        assertError(1231, "42000", "Variable 'autocommit' can't be set to the value of '2'",
                () -> vars.setSession(s, "autocommit", new SetValue.Int(2), sink));
        assertError(1231, "42000", "Variable 'sql_mode' can't be set to the value of 'NO_SUCH_MODE'",
                () -> vars.setSession(s, "sql_mode", new SetValue.Text("ANSI_QUOTES,NO_SUCH_MODE"), sink));
        assertError(1232, "42000", "Incorrect argument type to variable 'max_connections'",
                () -> vars.setGlobal("max_connections", new SetValue.Text("many"), sink));
        assertError(1231, "42000", "Variable 'binlog_format' can't be set to the value of 'FAST'",
                () -> vars.setGlobal("binlog_format", new SetValue.Word("FAST"), sink));
    }

    @Test
    void outOfRangeIntegersAreClampedWithWarning1292() {
        vars.setGlobal("max_connections", new SetValue.Int(0), sink);
        assertEquals(1L, vars.global("max_connections"));
        assertEquals(List.of("1292 Truncated incorrect max_connections value: '0'"), warnings);
        warnings.clear();
        vars.setGlobal("max_allowed_packet", new SetValue.Int(5000), sink);
        assertEquals(4096L, vars.global("max_allowed_packet"), "rounded down to the 1024 block size");
        assertEquals(List.of("1292 Truncated incorrect max_allowed_packet value: '5000'"), warnings);
    }

    @Test
    void booleansEnumsAndSetsAcceptMysqlSpellings() {
        SessionValues s = vars.newSession();
        vars.setSession(s, "autocommit", new SetValue.Word("off"), sink);
        assertEquals(Boolean.FALSE, s.get("autocommit"));
        vars.setSession(s, "autocommit", new SetValue.Int(1), sink);
        assertEquals(Boolean.TRUE, s.get("autocommit"));
        vars.setSession(s, "transaction_isolation", new SetValue.Text("read-committed"), sink);
        assertEquals("READ-COMMITTED", s.get("tx_isolation"), "the alias reads the same value");
        vars.setSession(s, "sql_mode", new SetValue.Text("no_engine_substitution,no_auto_value_on_zero"), sink);
        assertEquals("NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION", s.get("sql_mode"),
                "a set is shown in declaration order");
        vars.setSession(s, "sql_mode", new SetValue.Default(), sink);
        assertEquals(ServerVariables.DEFAULT_SQL_MODE, s.get("sql_mode"));
    }

    @Test
    void sessionValuesStartFromTheGlobalAndShowPrintsOnOff() {
        vars.setGlobal("autocommit", new SetValue.Int(0), sink);
        SessionValues s = vars.newSession();
        assertEquals(Boolean.FALSE, s.get("autocommit"));
        assertEquals(0L, VariableValues.selectValue(s.get("autocommit")));
        String shown = vars.show(s).stream().filter(e -> e.getKey().equals("autocommit"))
                .findFirst().orElseThrow().getValue();
        assertEquals("OFF", shown);
        assertEquals(ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE.number(), 1193);
    }
}
