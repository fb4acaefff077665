package io.minisqld.server.statements;

import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.SetStatement;
import io.minisqld.server.sql.statement.SetStatement.Assignment;
import io.minisqld.server.sql.statement.SetStatement.Scope;
import io.minisqld.server.sql.statement.SetStatement.Value;
import io.minisqld.server.variables.ServerVariables;
import io.minisqld.server.variables.SetValue;
import io.minisqld.server.variables.SqlModePolicy;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * SET in all its forms (see {@link SetStatement}): the assignments run in order, each variable
 * name resolved (1193) before its value is evaluated, as in MySQL.
 */
final class SetStatements {
    private final ServerContext server;
    private final Transactions transactions;
    private final EngineStatements engine;
    private final StatementText selectPrefix;

    SetStatements(ServerContext server, Transactions transactions, EngineStatements engine) {
        this.server = server;
        this.transactions = transactions;
        this.engine = engine;
        // the engine evaluates an expression value as SELECT <expr>
        this.selectPrefix = server.lexer().statement("SELECT ");
    }

    StatementResult execute(Session s, SetStatement statement, StatementText text) {
        for (Assignment a : statement.assignments()) {
            if (a instanceof SetStatement.SystemVariable v) {
                assign(s, v.scope(), v.name(), v.value());
            } else if (a instanceof SetStatement.UserVariable v) {
                s.userVariables().put(v.name().toLowerCase(Locale.ROOT), toJava(evaluate(s, v.value())));
            } else if (a instanceof SetStatement.Names n) {
                String cs = n.charset() == null ? "utf8mb4" : MysqlCharset.require(n.charset()).mysqlName();
                if (n.collation() != null && Collation.byName(n.collation()) == null) {
                    throw ErrorCode.ER_UNKNOWN_COLLATION.error(n.collation());
                }
                if (n.collation() != null) ServerVariables.requireCaseInsensitive(n.collation());
                s.variables().set("character_set_client", cs);
                s.variables().set("character_set_connection", cs);
                s.variables().set("character_set_results", cs);
                s.variables().set("collation_connection", n.collation() != null ? n.collation() : defaultCollation(cs));
            } else if (a instanceof SetStatement.CharacterSet c) {
                String cs = c.charset() == null ? "utf8mb4" : MysqlCharset.require(c.charset()).mysqlName();
                s.variables().set("character_set_client", cs);
                s.variables().set("character_set_results", cs);
                s.variables().set("character_set_connection", s.variables().string("character_set_database"));
            } else if (a instanceof SetStatement.Transaction t) {
                for (SetStatement.Characteristic c : t.characteristics()) {
                    setCharacteristic(s, t.scope(), c.variable(), c.value());
                }
            }
        }
        return OkResult.EMPTY;
    }

    private void assign(Session s, Scope scope, String name, Value value) {
        // 1193 before evaluating, as MySQL resolves the name first
        server.variables().spec(name).orElseThrow(() -> ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE.error(name));
        SetValue v = evaluate(s, value);
        String canonical = server.variables().spec(name).get().name();
        if (scope == Scope.GLOBAL) {
            requireSuper(s);
            server.variables().setGlobal(name, v, s);
            if (canonical.equals("sql_mode")) warnKeptSqlModes(s, server.variables().globalString("sql_mode"));
            return;
        }
        // MySQL 5.7's session variables only SUPER may set: what a session logs, and how a replayed
        // binlog poses as its source
        if (SUPER_SESSION.contains(canonical)) requireSuper(s);
        if (canonical.equals("sql_log_bin") && s.inTransaction()) {
            throw ErrorCode.ER_INSIDE_TRANSACTION_PREVENTS_SWITCH_SQL_LOG_BIN.error();
        }
        if (canonical.equals("binlog_format") && s.inTransaction()) {
            throw ErrorCode.ER_INSIDE_TRANSACTION_PREVENTS_SWITCH_BINLOG_FORMAT.error();
        }
        if (canonical.equals("gtid_next")) {
            // B.5: gtid_next changes between transactions only, and not while the session owns a GTID
            if (s.inTransaction()) throw ErrorCode.ER_VARIABLE_NOT_SETTABLE_IN_TRANSACTION.error("gtid_next");
            if (s.ownedGtid() != null) {
                throw ErrorCode.ER_CANT_SET_GTID_NEXT_WHEN_OWNING_GTID.error(s.ownedGtid().toString());
            }
        }
        String keptIsolation = null;
        if (canonical.equals("transaction_isolation") && s.inTransaction()) {
            // MySQL 5.7 (check_tx_isolation): without SESSION the change would be the open
            // transaction's (1568); with it the session's value changes, the open transaction keeps its level
            if (scope != Scope.SESSION) throw ErrorCode.ER_CANT_CHANGE_TX_CHARACTERISTICS.error();
            keptIsolation = s.transactionIsolation();
        }
        boolean wasAutocommit = s.autocommit();
        Object before = canonical.equals("gtid_next") || canonical.equals("binlog_format")
                ? s.variables().string(canonical) : null;
        server.variables().setSession(s.variables(), name, v, s);
        if (canonical.equals("binlog_format") && "ROW".equalsIgnoreCase((String) before)
                && !"ROW".equalsIgnoreCase(s.variables().string(canonical)) && !s.temporaryTables().isEmpty()) {
            // MySQL 5.7: the replicas never saw the session's temporary tables, which statements would name
            s.variables().set("binlog_format", before);
            throw ErrorCode.ER_TEMP_TABLE_PREVENTS_SWITCH_OUT_OF_RBR.error();
        }
        if (canonical.equals("gtid_next")) {
            s.setGtidNextUsed(false);
            try {
                transactions.takeGtidNext(s);
            } catch (io.minisqld.server.error.SqlError e) {
                // KILLed while another session owned the GTID: gtid_next stays what it was
                s.variables().set("gtid_next", before);
                throw e;
            }
        }
        switch (canonical) {
            case "autocommit" -> {
                // turning autocommit on commits the open transaction (MySQL)
                if (!wasAutocommit && s.autocommit() && s.inTransaction()) transactions.commit(s);
            }
            case "transaction_isolation" -> {
                if (keptIsolation != null) s.keepTransactionIsolation(keptIsolation);
                else s.engine().setIsolationLevel(s.variables().string("transaction_isolation"));
            }
            case "innodb_lock_wait_timeout" -> s.engine().setLockWaitTimeout(s.variables().longValue(canonical));
            // SET last_insert_id = n is what LAST_INSERT_ID() returns next (MySQL's @@last_insert_id)
            case "last_insert_id" -> s.setLastInsertId(s.variables().longValue(canonical));
            case "sql_mode" -> warnKeptSqlModes(s, s.variables().string(canonical));
            // the RAND() seeds of the session, as a RAND event sets them (mysqlbinlog's SET
            // @@RAND_SEED1=…, @@RAND_SEED2=…); read back as 0, as MySQL's
            case "rand_seed1" -> {
                s.random().reseed(s.variables().longValue(canonical), s.random().seed2());
                s.variables().set(canonical, 0L);
            }
            case "rand_seed2" -> {
                s.random().reseed(s.random().seed1(), s.variables().longValue(canonical));
                s.variables().set(canonical, 0L);
            }
            default -> { }
        }
    }

    /** A value without the flags the server keeps in force is taken with a warning that says so. */
    private static void warnKeptSqlModes(Session s, String sqlMode) {
        java.util.List<String> kept = SqlModePolicy.kept(sqlMode);
        if (!kept.isEmpty()) s.warn(ErrorCode.ER_NOT_SUPPORTED_YET, SqlModePolicy.keptWarning(kept));
    }

    private static final java.util.Set<String> SUPER_SESSION = java.util.Set.of("sql_log_bin", "binlog_format",
            "pseudo_thread_id", "pseudo_slave_mode", "gtid_next");

    private void requireSuper(Session s) {
        if (!server.accounts().hasGlobal(s.account(), Privilege.SUPER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error("SUPER");
        }
    }

    private static String defaultCollation(String charset) {
        String cs = charset.toLowerCase(Locale.ROOT);
        return switch (cs) {
            case "latin1" -> "latin1_swedish_ci";
            case "binary" -> "binary";
            case "ascii" -> "ascii_general_ci";
            default -> cs + "_general_ci";
        };
    }

    /**
     * SET [GLOBAL|SESSION] TRANSACTION …; without a scope only the next transaction has the
     * characteristic, and the session's own setting returns when it ends.
     */
    private void setCharacteristic(Session s, Scope scope, String name, String value) {
        if (scope == Scope.GLOBAL) {
            requireSuper(s);
            server.variables().setGlobal(name, new SetValue.Word(value), s);
            return;
        }
        if (s.inTransaction()) {
            // MySQL 5.7: SET TRANSACTION without a scope is the open transaction's (1568); SET
            // SESSION TRANSACTION changes the session's value, the open transaction keeps its own
            if (scope == null) throw ErrorCode.ER_CANT_CHANGE_TX_CHARACTERISTICS.error();
            String kept = s.transactionIsolation();
            server.variables().setSession(s.variables(), name, new SetValue.Word(value), s);
            if (name.equals("transaction_isolation")) s.keepTransactionIsolation(kept);
            return;
        }
        if (scope == null) {
            Object checked = server.variables().checkedSessionValue(name, new SetValue.Word(value), s);
            if (name.equals("transaction_isolation")) s.setNextTransactionIsolation((String) checked);
            else s.setNextTransactionReadOnly((Boolean) checked);
            return;
        }
        server.variables().setSession(s.variables(), name, new SetValue.Word(value), s);
        if (name.equals("transaction_isolation")) s.engine().setIsolationLevel(value);
    }

    private SetValue evaluate(Session s, Value value) {
        if (value instanceof SetStatement.NumberValue n) return number(n.text());
        if (value instanceof SetStatement.TextValue t) return new SetValue.Text(t.text());
        if (value instanceof SetStatement.WordValue w) return new SetValue.Word(w.word());
        if (value instanceof SetStatement.DefaultValue) return new SetValue.Default();
        if (value instanceof SetStatement.NullValue) return new SetValue.Null();
        if (value instanceof SetStatement.SystemVariableValue v) return fromJava(engine.values().systemVariable(s, v.name()));
        if (value instanceof SetStatement.UserVariableValue v) {
            return fromJava(s.userVariables().get(v.name().toLowerCase(Locale.ROOT)));
        }
        SetStatement.ExpressionValue e = (SetStatement.ExpressionValue) value;
        RowsResult r = engine.query(s, selectPrefix, e.expression(), null);
        byte[] b = r.rows().isEmpty() ? null : r.rows().get(0)[0];
        if (b == null) return new SetValue.Null();
        String text = new String(b, StandardCharsets.UTF_8);
        if (r.columns().get(0).type().numeric()) return number(text);
        return new SetValue.Text(text);
    }

    private static SetValue number(String text) {
        try {
            return new SetValue.Int(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return new SetValue.Real(Double.parseDouble(text));
        }
    }

    private static SetValue fromJava(Object v) {
        if (v == null) return new SetValue.Null();
        if (v instanceof Long l) return new SetValue.Int(l);
        if (v instanceof Integer i) return new SetValue.Int(i);
        if (v instanceof Double d) return new SetValue.Real(d);
        if (v instanceof Boolean b) return new SetValue.Int(b ? 1 : 0);
        return new SetValue.Text(v.toString());
    }

    private static Object toJava(SetValue v) {
        if (v instanceof SetValue.Int i) return i.value();
        if (v instanceof SetValue.Real r) return r.value();
        if (v instanceof SetValue.Null) return null;
        return v.display();
    }
}
