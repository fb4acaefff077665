package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.ProcedureResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.sql.statement.RoutineStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CREATE and DROP PROCEDURE | FUNCTION, CALL and SHOW CREATE PROCEDURE | FUNCTION, and the calls
 * of stored functions the engine makes while it evaluates a statement ({@link #invoker}). CREATE
 * and DROP commit as DDL does and are binlogged as MySQL 5.7 logs them (CREATE with its DEFINER,
 * as SHOW CREATE prints it); CALL is not logged itself: the statements the procedure runs are,
 * each with the values it used.
 */
final class RoutineCommands {
    private final ServerContext server;
    private final Transactions transactions;
    private final StatementExecutor executor;
    private final StoredRoutines routines;

    RoutineCommands(ServerContext server, Transactions transactions, StatementExecutor executor,
                    StoredRoutines routines) {
        this.server = server;
        this.transactions = transactions;
        this.executor = executor;
        this.routines = routines;
    }

    void register(DispatchTable table) {
        table.register(RoutineStatement.Create.class, this::create)
                .register(RoutineStatement.Drop.class, (s, st, t) -> drop(s, st, t))
                .register(RoutineStatement.Call.class, (s, st, t) -> call(s, st))
                .register(RoutineStatement.ShowCreate.class, (s, st, t) -> showCreate(s, st));
    }

    private String database(Session s, String named) {
        String db = named != null ? named : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        return db;
    }

    private StatementResult create(Session s, RoutineStatement.Create st, StatementText text) {
        String db = database(s, st.database());
        transactions.implicitCommit(s);
        if (!server.engine().databaseExists(db)) throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        if (!server.accounts().has(s.account(), Privilege.CREATE_ROUTINE, db, null)) {
            throw AccessDenied.database(s, db);
        }
        String user = st.definer() != null ? st.definer()[0] : s.account().name().user();
        String host = st.definer() != null ? st.definer()[1] : s.account().name().host();
        // another account as DEFINER needs SUPER (MySQL 5.7): the routine would run with its privileges
        if (!(user.equals(s.account().name().user()) && host.equalsIgnoreCase(s.account().name().host()))
                && !server.accounts().hasGlobal(s.account(), Privilege.SUPER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error("SUPER");
        }
        String rest = text.source().substring(st.parametersAt(), text.end());
        RoutineDefinition d = RoutineDefinition.parse(server.lexer(), st.function(), db, st.name(), user, host, rest,
                s.variables().string("sql_mode"));
        // the body is checked now, as MySQL parses it at CREATE: a syntax error is CREATE's
        RoutineBody.parse(server.lexer(), d);
        routines.create(s, d);
        transactions.logCommitted(s, db, d.showCreate());
        // automatic_sp_privileges: the creator may execute and alter what it made
        server.accounts().routineCreated(s.account(), db, st.name(), st.function());
        return OkResult.EMPTY;
    }

    private StatementResult drop(Session s, RoutineStatement.Drop st, StatementText text) {
        String kind = st.function() ? "FUNCTION" : "PROCEDURE";
        String db = database(s, st.database());
        transactions.implicitCommit(s);
        // ALTER ROUTINE is asked before the routine is looked for, as MySQL 5.7 does (IF EXISTS too)
        if (!server.accounts().hasRoutine(s.account(), Privilege.ALTER_ROUTINE, db, st.name(), st.function())) {
            throw ErrorCode.ER_PROCACCESS_DENIED_ERROR.error("alter routine", s.user(), s.account().clientHost(),
                    db + "." + st.name());
        }
        boolean existed = routines.find(s, st.function(), db, st.name()) != null;
        if (!existed) {
            if (!st.ifExists()) throw ErrorCode.ER_SP_DOES_NOT_EXIST.error(kind, db + "." + st.name());
            s.note(ErrorCode.ER_SP_DOES_NOT_EXIST, kind, db + "." + st.name());
        } else {
            routines.drop(s, st.function(), db, st.name());
            server.accounts().routineDropped(db, st.name(), st.function());
        }
        // MySQL logs DROP … IF EXISTS of a missing routine too
        transactions.logCommitted(s, db, text.loggedText());
        return OkResult.EMPTY;
    }

    private StatementResult call(Session s, RoutineStatement.Call st) {
        String db = database(s, st.database());
        StoredRoutines.Loaded p = routines.procedure(s, db, st.name());
        if (!server.accounts().hasRoutine(s.account(), Privilege.EXECUTE, db, st.name(), false)) {
            throw ErrorCode.ER_PROCACCESS_DENIED_ERROR.error("execute", s.user(), s.account().clientHost(),
                    db + "." + st.name());
        }
        int expected = p.definition().parameters().size();
        if (st.arguments().size() != expected) {
            throw ErrorCode.ER_SP_WRONG_NO_OF_ARGS.error("PROCEDURE", db + "." + st.name(), expected,
                    st.arguments().size());
        }
        List<RoutineRunner.Argument> args = new ArrayList<>();
        List<Integer> outMarkers = new ArrayList<>();
        Object[] outValues = new Object[expected];
        for (int i = 0; i < expected; i++) {
            String arg = st.arguments().get(i);
            RoutineDefinition.Parameter param = p.definition().parameters().get(i);
            StatementText lexed = server.lexer().statement(arg);
            List<Token> sig = lexed.significant();
            Object value = null;
            if (sig.size() == 1 && sig.get(0).type() == TokenType.USER_VAR) {
                args.add(RoutineRunner.userVariable(s, sig.get(0).value()));
                continue;
            }
            if (param.in()) {
                RowsResult r = (RowsResult) executor.executeNested(s, server.lexer().statement("SELECT " + arg));
                value = r.rows().isEmpty() ? null : RoutineRunner.valueOf(r, 0, 0);
            }
            if (param.out() && st.markers().get(i)) {
                // a prepared CALL's marker: the value comes back in the OUT parameters' row
                int index = i;
                outMarkers.add(i);
                outValues[i] = value;
                Object initial = value;
                args.add(new RoutineRunner.Argument() {
                    public Object value() {
                        return initial;
                    }

                    public boolean assign(Object v) {
                        outValues[index] = v;
                        return true;
                    }

                    public boolean assignable() {
                        return true;
                    }
                });
            } else if (param.out()) {
                throw ErrorCode.ER_SP_NOT_VAR_ARG.error(i + 1, db + "." + st.name());
            } else {
                args.add(RoutineRunner.expression(value));
            }
        }
        List<RowsResult> resultSets = new ArrayList<>();
        OkResult ok = RoutineRunner.call(s, executor, routines, p, args, List.of(), resultSets);
        RowsResult outParameters = null;
        if (!outMarkers.isEmpty()) {
            List<Column> columns = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (int i : outMarkers) {
                String name = p.definition().parameters().get(i).name();
                Object v = outValues[i];
                columns.add(v instanceof Long ? Column.bigint(name) : Column.text(name));
                values.add(v instanceof byte[] || v == null ? v : RoutineRunner.userValue(v));
            }
            outParameters = RowsResult.of(columns, List.of(values));
        }
        if (resultSets.isEmpty() && outParameters == null) return ok;
        return new ProcedureResult(resultSets, outParameters, ok);
    }

    /**
     * How the engine runs a stored function a statement calls: in the calling session (the one
     * that made the statement), with the arguments the engine evaluated.
     */
    io.minisqld.server.engine.StoredFunctionInvoker invoker() {
        return (call, arguments) -> {
            Session s = server.sessions().get(call.sessionId())
                    .orElseThrow(() -> ErrorCode.ER_SP_DOES_NOT_EXIST.error("FUNCTION", call.database() + "." + call.name()));
            StoredRoutines.Loaded f = routines.find(s, true, call.database(), call.name());
            if (f == null) throw ErrorCode.ER_SP_DOES_NOT_EXIST.error("FUNCTION", call.database() + "." + call.name());
            int expected = f.definition().parameters().size();
            if (arguments.size() != expected) {
                throw ErrorCode.ER_SP_WRONG_NO_OF_ARGS.error("FUNCTION", call.database() + "." + call.name(), expected,
                        arguments.size());
            }
            if (!server.accounts().hasRoutine(s.account(), Privilege.EXECUTE, call.database(), call.name(), true)) {
                throw ErrorCode.ER_PROCACCESS_DENIED_ERROR.error("execute", s.user(), s.account().clientHost(),
                        call.database() + "." + call.name());
            }
            return RoutineRunner.callFunction(s, executor, routines, f, arguments);
        };
    }

    /**
     * A session's resolver of stored-function calls: a name as called ("f", or "db.f") → the call, or
     * null for a name no function has; null when no function exists (nothing to look up).
     */
    java.util.function.Function<String, io.minisqld.server.engine.EngineQuery.StoredFunctionCall> resolver(Session s) {
        java.util.Set<String> names = routines.functionNames(s);
        if (names.isEmpty()) return null;
        return called -> {
            int dot = called.indexOf('.');
            String db = dot < 0 ? s.database() : called.substring(0, dot);
            String name = dot < 0 ? called : called.substring(dot + 1);
            if (db == null || !names.contains(db.toLowerCase(java.util.Locale.ROOT) + "."
                    + name.toLowerCase(java.util.Locale.ROOT))) {
                return null;
            }
            StoredRoutines.Loaded f = routines.find(s, true, db, name);
            if (f == null) return null;
            return new io.minisqld.server.engine.EngineQuery.StoredFunctionCall(s.id(), f.definition().database(),
                    f.definition().name(), returnKind(f.definition().returns()));
        };
    }

    /** How the engine types a RETURNS type. */
    static io.minisqld.server.engine.EngineQuery.ReturnKind returnKind(String returns) {
        String base = returns.strip().toUpperCase(java.util.Locale.ROOT).split("[\\s(]", 2)[0];
        return switch (base) {
            case "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT", "BOOL", "BOOLEAN", "YEAR", "BIT" ->
                    io.minisqld.server.engine.EngineQuery.ReturnKind.INTEGER;
            case "DECIMAL", "NUMERIC", "DEC", "FIXED" -> io.minisqld.server.engine.EngineQuery.ReturnKind.DECIMAL;
            case "FLOAT", "DOUBLE", "REAL" -> io.minisqld.server.engine.EngineQuery.ReturnKind.DOUBLE;
            case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" ->
                    io.minisqld.server.engine.EngineQuery.ReturnKind.BINARY;
            default -> io.minisqld.server.engine.EngineQuery.ReturnKind.TEXT;
        };
    }

    private StatementResult showCreate(Session s, RoutineStatement.ShowCreate st) {
        String kind = st.function() ? "FUNCTION" : "PROCEDURE";
        String db = database(s, st.database());
        StoredRoutines.Loaded p = routines.find(s, st.function(), db, st.name());
        if (p == null) {
            throw ErrorCode.ER_SP_DOES_NOT_EXIST.error(kind, st.database() == null ? st.name() : db + "." + st.name());
        }
        RoutineDefinition d = p.definition();
        String label = st.function() ? "Function" : "Procedure";
        return RowsResult.of(List.of(Column.textNotNull(label), Column.textNotNull("sql_mode"),
                        Column.text("Create " + label), Column.textNotNull("character_set_client"),
                        Column.textNotNull("collation_connection"), Column.textNotNull("Database Collation")),
                List.of(Arrays.asList(d.name(), d.sqlMode(), d.showCreate(), s.variables().string("character_set_client"),
                        s.variables().string("collation_connection"), "utf8mb4_general_ci")));
    }
}
