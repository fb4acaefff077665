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
        vars.setSession(s, "sql_mode", new SetValue.Text("no_engine_substitution,ansi_quotes"), sink);
        assertEquals("ANSI_QUOTES,NO_ENGINE_SUBSTITUTION", s.get("sql_mode"), "a set is shown in declaration order");
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
