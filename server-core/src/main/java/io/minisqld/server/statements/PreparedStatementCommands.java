package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.PreparedStatement;
import io.minisqld.server.session.Session;
import io.minisqld.server.result.ParameterValue;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.sql.statement.AdminStatement;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.PreparedSql;
import io.minisqld.server.sql.statement.SetStatement;
import io.minisqld.server.sql.statement.Statement;
import io.minisqld.server.sql.statement.StatementKind;
import io.minisqld.server.sql.statement.StatementParser;
import io.minisqld.server.sql.statement.TableRef;
import io.minisqld.server.variables.VariableValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prepared statements, of the binary protocol (COM_STMT_PREPARE / EXECUTE / CLOSE) and of SQL
 * (PREPARE / EXECUTE / DEALLOCATE PREPARE), as MySQL 5.7 keeps them: per session, freed when the
 * session ends or resets, at most {@code max_prepared_stmt_count} in the whole server (1461).
 *
 * <p>A statement is lexed and parsed once, when prepared: errors in it (1064, an unknown table,
 * a missing privilege) come then, and a statement kind that cannot be prepared gets 1295. Each
 * execution puts the bound values in place of the {@code ?} markers as literal tokens built from
 * the values (never text lexed again) and runs the statement as any other, so it is checked,
 * counted, logged (with the values as literals, as MySQL's statement-based binlog has them) and
 * seen by observers the same way.
 */
final class PreparedStatementCommands {
    private final ServerContext server;
    private final StatementExecutor executor;
    private final EngineStatements engine;

    PreparedStatementCommands(ServerContext server, StatementExecutor executor, EngineStatements engine) {
        this.server = server;
        this.executor = executor;
        this.engine = engine;
    }

    void register(DispatchTable table) {
        table.register(PreparedSql.Prepare.class, this::prepareSql)
                .register(PreparedSql.Execute.class, this::executeSql)
                .register(PreparedSql.Deallocate.class, this::deallocateSql);
    }

    /** COM_STMT_PREPARE: the statement's number for the connection. */
    long prepare(Session s, StatementText text) {
        PreparedStatement p = compile(s, text);
        synchronized (this) {
            reserve();
            return s.preparedStatements().add(p);
        }
    }

    PreparedStatement prepared(Session s, long id, String function) {
        PreparedStatement p = s.preparedStatements().get(id);
        if (p == null) throw ErrorCode.ER_UNKNOWN_STMT_HANDLER.error(id, function);
        return p;
    }

    /** COM_STMT_EXECUTE. */
    StatementResult execute(Session s, long id, List<ParameterValue> values) {
        PreparedStatement p = prepared(s, id, "mysqld_stmt_execute");
        if (values.size() != p.parameters()) throw ErrorCode.ER_WRONG_ARGUMENTS.error("mysqld_stmt_execute");
        if (p.limitMarkers().length > 0) checkLimitValues(p, values, "mysqld_stmt_execute");
        server.status().count(s.status(), "Com_stmt_execute", 1);
        return executor.execute(s, p.template().withParameters(values));
    }

    /** COM_STMT_CLOSE: nothing happens for a number the session does not have. */
    void close(Session s, long id) {
        server.status().count(s.status(), "Com_stmt_close", 1);
        s.preparedStatements().remove(id);
    }

    private StatementResult prepareSql(Session s, PreparedSql.Prepare st, StatementText t) {
        String sql = st.text();
        if (sql == null) {
            Object v = s.userVariables().get(st.variable().toLowerCase(Locale.ROOT));
            // MySQL prepares the text of the variable; NULL reads as the text "NULL"
            sql = v == null ? "NULL" : VariableValues.selectValue(v).toString();
        }
        // a statement of that name goes first, even when the new one fails, as in MySQL
        s.preparedStatements().remove(st.name());
        PreparedStatement p = compile(s, server.lexer().single(sql));
        synchronized (this) {
            reserve();
            s.preparedStatements().put(st.name(), p);
        }
        return new OkResult(0, 0, "Statement prepared");
    }

    private StatementResult executeSql(Session s, PreparedSql.Execute st, StatementText t) {
        PreparedStatement p = s.preparedStatements().get(st.name());
        if (p == null) throw ErrorCode.ER_UNKNOWN_STMT_HANDLER.error(st.name(), "EXECUTE");
        if (st.variables().size() != p.parameters()) throw ErrorCode.ER_WRONG_ARGUMENTS.error("EXECUTE");
        List<ParameterValue> values = new ArrayList<>(st.variables().size());
        for (String name : st.variables()) values.add(value(s.userVariables().get(name.toLowerCase(Locale.ROOT))));
        if (p.limitMarkers().length > 0) checkLimitValues(p, values, "EXECUTE");
        server.status().count(s.status(), "Com_stmt_execute", 1);
        return executor.executeNested(s, p.template().withParameters(values));
    }

    private StatementResult deallocateSql(Session s, PreparedSql.Deallocate st, StatementText t) {
        if (!s.preparedStatements().remove(st.name())) {
            throw ErrorCode.ER_UNKNOWN_STMT_HANDLER.error(st.name(), "DEALLOCATE PREPARE");
        }
        // MySQL counts a deallocation as it counts COM_STMT_CLOSE
        server.status().count(s.status(), "Com_stmt_close", 1);
        return OkResult.EMPTY;
    }

    /** A user variable's value as a parameter: its number, or its string in the connection's character set. */
    private static ParameterValue value(Object v) {
        if (v == null) return ParameterValue.NULL;
        if (v instanceof Long || v instanceof Integer || v instanceof BigDecimal || v instanceof java.math.BigInteger) {
            return new ParameterValue.Number(v instanceof BigDecimal d ? d.toPlainString() : v.toString());
        }
        if (v instanceof Double d) return ParameterValue.ofDouble(d);
        if (v instanceof Boolean b) return new ParameterValue.Number(b ? "1" : "0");
        return new ParameterValue.Text(v.toString(), false);
    }

    /**
     * Parses a statement once and learns what a client needs before executing it: its number of
     * markers and its result's columns.
     */
    private PreparedStatement compile(Session s, StatementText text) {
        server.status().count(s.status(), "Com_stmt_prepare", 1);
        if (text.isEmpty()) throw ErrorCode.ER_EMPTY_QUERY.error();
        int markers = text.parameterCount();
        if (markers > 0xFFFF) throw ErrorCode.ER_PS_MANY_PARAM.error();
        Statement statement = MultiTableColumns.resolve(s, StatementParser.parse(text, s.database()));
        // neither the prepared-statement statements nor the lock statements can be prepared, as in MySQL 5.7
        if (statement instanceof PreparedSql || statement instanceof AdminStatement.LockTables
                || statement instanceof AdminStatement.UnlockTables
                || statement instanceof AdminStatement.FlushTablesWithReadLock) {
            throw ErrorCode.ER_UNSUPPORTED_PS.error();
        }
        if (statement instanceof EngineStatement e && e.kind() == StatementKind.OTHER_ENGINE
                && !STATEMENT_WORDS.contains(e.verb())) {
            // no statement starts so (PREPARE s FROM @unset prepares the text NULL): MySQL parses
            // the text at PREPARE and refuses it there; the engine would have refused it at EXECUTE
            throw text.syntaxErrorAt(0);
        }
        if (markers > 0 && !(statement instanceof EngineStatement || statement instanceof SetStatement
                || statement instanceof io.minisqld.server.sql.statement.RoutineStatement.Call)) {
            // only expressions take a marker; MySQL's grammar refuses one anywhere else
            throw text.syntaxErrorAt(firstMarker(text));
        }
        List<Column> columns = List.of();
        if (statement instanceof EngineStatement e) {
            TablePrivileges.check(server.accounts(), s, e.tables(), e.text());
            if (returnsRows(e)) {
                columns = engine.resultColumns(s, statement(s, text, markers));
            } else if (WRITES.contains(e.kind())) {
                // the table an INSERT, REPLACE, UPDATE or DELETE changes must exist now: 1146 then
                for (TableRef t : e.tables()) {
                    if (t.needed() == Privilege.SELECT) continue;
                    s.engine().describe(t.database() != null ? t.database() : s.database(), t.table());
                }
            }
        }
        return new PreparedStatement(text, markers, columns, limitMarkers(text));
    }

    /** The markers (0-based) that stand for a count of LIMIT n, LIMIT m, n or OFFSET m. */
    private static int[] limitMarkers(StatementText text) {
        List<io.minisqld.server.sql.Token> sig = text.significant();
        List<Integer> out = new ArrayList<>();
        int marker = 0;
        for (int i = 0; i < sig.size(); i++) {
            if (sig.get(i).type() != io.minisqld.server.sql.TokenType.PARAM) continue;
            io.minisqld.server.sql.Token before = i > 0 ? sig.get(i - 1) : null;
            boolean count = before != null && (before.is("LIMIT") || before.is("OFFSET")
                    || before.isSymbol(",") && i > 2 && sig.get(i - 3).is("LIMIT"));
            if (count) out.add(marker);
            marker++;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A LIMIT or OFFSET count given by a marker must be a number of rows, as MySQL 5.7's: NULL, a
     * negative number or text that is no number is 1210 "Incorrect arguments to …" (the engine's
     * 1105 had named its own clause).
     */
    private static void checkLimitValues(PreparedStatement p, List<ParameterValue> values, String function) {
        for (int k : p.limitMarkers()) {
            ParameterValue v = values.get(k);
            String number = v instanceof ParameterValue.Number n ? n.text()
                    : v instanceof ParameterValue.Text t && !t.binary() ? t.value().strip() : null;
            boolean rows;
            try {
                rows = number != null && new BigDecimal(number).signum() >= 0;
            } catch (NumberFormatException e) {
                rows = false;
            }
            if (!rows) throw ErrorCode.ER_WRONG_ARGUMENTS.error(function);
        }
    }

    /** The words MySQL 5.7's statements start with (a parenthesized query starts with "("). */
    private static final Set<String> STATEMENT_WORDS = Set.of("(", "ALTER", "ANALYZE", "BEGIN", "BINLOG", "CACHE",
            "CALL", "CHANGE", "CHECK", "CHECKSUM", "COMMIT", "CREATE", "DEALLOCATE", "DELETE", "DESC", "DESCRIBE", "DO",
            "DROP", "EXECUTE", "EXPLAIN", "FLUSH", "GET", "GRANT", "HANDLER", "HELP", "INSERT", "INSTALL", "KILL",
            "LOAD", "LOCK", "OPTIMIZE", "PREPARE", "PURGE", "RELEASE", "RENAME", "REPAIR", "REPLACE", "RESET",
            "RESIGNAL", "REVOKE", "ROLLBACK", "SAVEPOINT", "SELECT", "SET", "SHOW", "SHUTDOWN", "SIGNAL", "START",
            "STOP", "TRUNCATE", "UNINSTALL", "UNLOCK", "UPDATE", "USE", "WITH", "XA");

    /** The statement with NULL for each marker, which the engine can describe without values. */
    private static EngineStatement statement(Session s, StatementText text, int markers) {
        List<ParameterValue> nulls = java.util.Collections.nCopies(markers, ParameterValue.NULL);
        return (EngineStatement) StatementParser.parse(text.withParameters(nulls), s.database());
    }

    private static final Set<StatementKind> WRITES = EnumSet.of(StatementKind.INSERT, StatementKind.INSERT_SELECT,
            StatementKind.REPLACE, StatementKind.REPLACE_SELECT, StatementKind.UPDATE, StatementKind.DELETE,
            StatementKind.UPDATE_MULTI, StatementKind.DELETE_MULTI);

    private static boolean returnsRows(EngineStatement e) {
        return e.verb().equals("SELECT") || e.verb().equals("(");
    }

    private static int firstMarker(StatementText text) {
        List<Token> sig = text.significant();
        for (int i = 0; i < sig.size(); i++) {
            if (sig.get(i).type() == TokenType.PARAM) return i;
        }
        return sig.size();
    }

    /** 1461 when the server holds max_prepared_stmt_count statements already. */
    private void reserve() {
        long max = server.variables().globalLong("max_prepared_stmt_count");
        if (count() >= max) throw ErrorCode.ER_MAX_PREPARED_STMT_COUNT_REACHED.error(max);
    }

    /** Prepared_stmt_count: the statements all sessions hold. */
    long count() {
        return io.minisqld.server.session.PreparedStatements.heldBy(server.sessions().all());
    }
}
