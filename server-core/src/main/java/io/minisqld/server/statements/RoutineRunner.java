package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.statements.RoutineBody.Block;
import io.minisqld.server.statements.RoutineBody.ConditionClass;
import io.minisqld.server.statements.RoutineBody.Fragment;
import io.minisqld.server.statements.RoutineBody.HandlerDecl;
import io.minisqld.server.statements.RoutineBody.Node;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one call of a stored procedure in its caller's session: a frame of local variables and
 * parameters, its cursors, and the handlers of the blocks it is in. Each SQL statement of the body
 * runs through the statement layer with the variables it names replaced by their values as
 * literals, so it is locked, binlogged and counted as a client's statement is, and a
 * statement-based binlog records the values (as MySQL's NAME_CONST does). Expressions (IF, WHILE,
 * SET, DEFAULT) are evaluated by the engine as {@code SELECT expr}. An error a handler takes runs
 * the handler, then goes on after the failing statement (CONTINUE) or leaves the handler's block
 * (EXIT); one no handler takes ends the CALL with that error.
 */
final class RoutineRunner {
    /** An argument of a call: its value on entry (IN, INOUT) and where OUT / INOUT values go. */
    interface Argument {
        Object value();

        /** Takes the parameter's value at the end of the call; false when the argument is no variable. */
        boolean assign(Object value);

        boolean assignable();
    }

    private final Session session;
    private final StatementExecutor executor;
    private final StoredRoutines routines;
    private final RoutineDefinition definition;
    private final RoutineBody body;
    private final List<String> callers;
    private final List<RowsResult> resultSets;
    private final Object[] frame;
    private final RowsResult[] cursorRows;
    private final int[] cursorNext;
    private Deque<Scope> scopes = new ArrayDeque<>();
    private SqlError activeCondition;
    private long lastAffected;

    private record Scope(Block block, List<HandlerDecl> handlers) {
    }

    private record Match(Scope scope, HandlerDecl handler) {
    }

    /** LEAVE label. */
    private static final class LeaveLabel extends RuntimeException {
        final String label;

        LeaveLabel(String label) {
            super(null, null, false, false);
            this.label = label;
        }
    }

    /** ITERATE label. */
    private static final class IterateLabel extends RuntimeException {
        final String label;

        IterateLabel(String label) {
            super(null, null, false, false);
            this.label = label;
        }
    }

    /** An EXIT handler of {@code block} ran: the block ends. */
    private static final class ExitBlock extends RuntimeException {
        final Block block;

        ExitBlock(Block block) {
            super(null, null, false, false);
            this.block = block;
        }
    }

    /** RETURN: the function's value. */
    private static final class ReturnValue extends RuntimeException {
        final Object value;

        ReturnValue(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    /** The stored functions running on this thread (the engine calls them inside a statement). */
    private static final ThreadLocal<java.util.Set<String>> RUNNING_FUNCTIONS =
            ThreadLocal.withInitial(java.util.HashSet::new);

    /** An error no handler took: it ends the call. */
    private static final class Unhandled extends RuntimeException {
        final SqlError error;

        Unhandled(SqlError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    private RoutineRunner(Session session, StatementExecutor executor, StoredRoutines routines,
                          StoredRoutines.Loaded procedure, List<String> callers, List<RowsResult> resultSets) {
        this.session = session;
        this.resultSets = resultSets;
        this.executor = executor;
        this.routines = routines;
        this.definition = procedure.definition();
        this.body = procedure.body();
        this.callers = callers;
        this.frame = new Object[body.variables().size()];
        this.cursorRows = new RowsResult[body.cursorCount()];
        this.cursorNext = new int[body.cursorCount()];
    }

    /**
     * Calls {@code procedure} with {@code arguments} (checked in number by the caller): IN and INOUT
     * values go in, OUT and INOUT values come back to their variables.
     *
     * @param callers    the procedures already running in this chain of calls, outermost first
     * @param resultSets where the result sets of the procedure's statements go, in order
     */
    static OkResult call(Session session, StatementExecutor executor, StoredRoutines routines,
                         StoredRoutines.Loaded procedure, List<Argument> arguments, List<String> callers,
                         List<RowsResult> resultSets) {
        RoutineDefinition d = procedure.definition();
        String qualified = d.database() + "." + d.name();
        if (callers.contains(qualified.toLowerCase(Locale.ROOT))) {
            // max_sp_recursion_depth is 0, MySQL's default: a procedure may not call itself
            throw ErrorCode.ER_SP_RECURSION_LIMIT.error(0, d.name());
        }
        List<String> chain = new ArrayList<>(callers);
        chain.add(qualified.toLowerCase(Locale.ROOT));
        RoutineRunner r = new RoutineRunner(session, executor, routines, procedure, chain, resultSets);
        List<RoutineDefinition.Parameter> params = d.parameters();
        for (int i = 0; i < params.size(); i++) {
            RoutineDefinition.Parameter p = params.get(i);
            if (p.out() && !arguments.get(i).assignable()) {
                throw ErrorCode.ER_SP_NOT_VAR_ARG.error(i + 1, qualified);
            }
            r.frame[i] = p.in() ? r.convert(i, arguments.get(i).value()) : null;
        }
        String database = session.database();
        boolean switched = !d.database().equalsIgnoreCase(database == null ? "" : database);
        io.minisqld.server.auth.Account invoker = enterSecurityContext(session, executor, d);
        // the body runs with the routine's database as the default one, as in MySQL
        if (switched) session.setDatabase(d.database());
        try {
            r.runBlock(body(procedure));
        } catch (Unhandled u) {
            throw u.error;
        } finally {
            session.switchSecurityContext(invoker);
            if (switched) session.setDatabase(database);
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).out()) arguments.get(i).assign(r.frame[i]);
        }
        return new OkResult(r.lastAffected, 0, null);
    }

    /**
     * SQL SECURITY DEFINER (the default): the body's statements are checked as the routine's
     * definer's, as MySQL switches the security context; 1449 when the definer no longer exists.
     * INVOKER keeps the caller's. Returns the context to restore.
     */
    private static io.minisqld.server.auth.Account enterSecurityContext(Session session, StatementExecutor executor,
                                                                       RoutineDefinition d) {
        // INVOKER, or the server's own threads: the context stays as it is
        if (!d.security().equals("DEFINER") || session.account().internal()) return session.securityContext();
        io.minisqld.server.grant.AccountName definer = new io.minisqld.server.grant.AccountName(d.definerUser(),
                d.definerHost());
        if (!executor.accounts().exists(definer)) {
            throw ErrorCode.ER_NO_SUCH_USER.error(d.definerUser(), d.definerHost());
        }
        io.minisqld.server.auth.Account login = session.loginAccount();
        return session.switchSecurityContext(io.minisqld.server.auth.Account.of(definer, login.clientUser(),
                login.clientHost(), login.usedPassword()));
    }

    /**
     * Runs a stored function for the engine, which evaluates a statement's call of it: the body's
     * RETURN value in the RETURNS type. A function may not call itself (1424, as MySQL's).
     */
    static Object callFunction(Session session, StatementExecutor executor, StoredRoutines routines,
                               StoredRoutines.Loaded function, List<Object> arguments) {
        RoutineDefinition d = function.definition();
        String qualified = (d.database() + "." + d.name()).toLowerCase(Locale.ROOT);
        java.util.Set<String> running = RUNNING_FUNCTIONS.get();
        if (!running.add(qualified)) throw ErrorCode.ER_SP_NO_RECURSION.error();
        String database = session.database();
        boolean switched = !d.database().equalsIgnoreCase(database == null ? "" : database);
        io.minisqld.server.auth.Account invoker;
        try {
            invoker = enterSecurityContext(session, executor, d);
        } catch (RuntimeException e) {
            running.remove(qualified);
            throw e;
        }
        try {
            RoutineRunner r = new RoutineRunner(session, executor, routines, function, List.of(qualified), new ArrayList<>());
            for (int i = 0; i < arguments.size(); i++) r.frame[i] = r.convert(i, arguments.get(i));
            if (switched) session.setDatabase(d.database());
            try {
                r.runBlock(body(function));
            } catch (ReturnValue v) {
                return r.convertTo(d.returns(), d.name(), v.value);
            } catch (Unhandled u) {
                throw u.error;
            }
            throw ErrorCode.ER_SP_NORETURNEND.error(d.name());
        } finally {
            if (switched) session.setDatabase(database);
            session.switchSecurityContext(invoker);
            running.remove(qualified);
        }
    }

    private static Block body(StoredRoutines.Loaded procedure) {
        return procedure.body().root();
    }

    // ---- blocks, lists and handlers

    private void runBlock(Block b) {
        // DEFAULTs are evaluated before the block's handlers are in force
        for (RoutineBody.Declared d : b.variables()) {
            Object v = d.defaultValue() == null ? null : convert(d.slots().get(0), evaluate(d.defaultValue()));
            for (int slot : d.slots()) frame[slot] = v;
        }
        Scope scope = new Scope(b, b.handlers());
        scopes.push(scope);
        try {
            runList(b.body());
        } catch (ExitBlock x) {
            if (x.block != b) throw x;
        } catch (LeaveLabel l) {
            if (b.label() == null || !b.label().equalsIgnoreCase(l.label)) throw l;
        } finally {
            scopes.remove(scope);
            for (RoutineBody.CursorDecl c : b.cursors()) cursorRows[c.slot()] = null;
        }
    }

    private void runList(List<Node> nodes) {
        if (nodes == null) return;
        for (Node n : nodes) {
            try {
                run(n);
            } catch (SqlError e) {
                handle(e);
            }
        }
    }

    /** Runs the handler that takes {@code e}, or ends the call with it. */
    private void handle(SqlError e) {
        if (e.number() == ErrorCode.ER_QUERY_INTERRUPTED.number()) throw new Unhandled(e);
        Match m = find(e.number(), e.sqlState());
        if (m == null) throw new Unhandled(e);
        runHandler(m, e);
    }

    private void runHandler(Match m, SqlError condition) {
        Deque<Scope> saved = scopes;
        SqlError savedCondition = activeCondition;
        // a handler's own errors go to the handlers around its block, not to its block's
        Deque<Scope> outer = new ArrayDeque<>();
        boolean past = false;
        for (Scope s : saved) {
            if (past) outer.addLast(s);
            if (s == m.scope()) past = true;
        }
        scopes = outer;
        activeCondition = condition;
        try {
            runList(List.of(m.handler().body()));
        } finally {
            scopes = saved;
            activeCondition = savedCondition;
        }
        if (m.handler().exit()) throw new ExitBlock(m.scope().block());
    }

    /** The innermost block's most specific handler for the condition, or null. */
    private Match find(int errno, String sqlState) {
        for (Scope s : scopes) {
            HandlerDecl best = null;
            int bestRank = 0;
            for (HandlerDecl h : s.handlers()) {
                for (RoutineBody.Condition c : h.conditions()) {
                    int rank = rank(c, errno, sqlState);
                    if (rank > bestRank) {
                        bestRank = rank;
                        best = h;
                    }
                }
            }
            if (best != null) return new Match(s, best);
        }
        return null;
    }

    private static int rank(RoutineBody.Condition c, int errno, String sqlState) {
        String cls = sqlState.length() >= 2 ? sqlState.substring(0, 2) : "";
        return switch (c.kind()) {
            case ERRNO -> c.errno() == errno ? 3 : 0;
            case SQLSTATE -> c.sqlState().equals(sqlState) ? 2 : 0;
            case SQLWARNING -> cls.equals("01") ? 1 : 0;
            case NOT_FOUND -> cls.equals("02") ? 1 : 0;
            case SQLEXCEPTION -> !cls.equals("00") && !cls.equals("01") && !cls.equals("02") ? 1 : 0;
        };
    }

    /** A NOT FOUND condition that is only a warning when no handler takes it (SELECT … INTO of no row). */
    private void notFoundWarning() {
        SqlError nf = ErrorCode.ER_SP_FETCH_NO_DATA.error();
        Match m = find(nf.number(), nf.sqlState());
        if (m != null) runHandler(m, nf);
        else session.warn(ErrorCode.ER_SP_FETCH_NO_DATA);
    }

    /**
     * GET DIAGNOSTICS: the diagnostics area is the condition the running handler took (one
     * condition), else that of the routine's last statement, which went through (none). A condition
     * number beyond them leaves the targets as they were, with MySQL's 1758 "Invalid condition
     * number" in the warnings.
     */
    private void getDiagnostics(RoutineBody.GetDiagnostics g) {
        SqlError condition = activeCondition;
        long count = condition == null ? 0 : 1;
        Object[] values = new Object[g.items().size()];
        if (!g.statementInformation()) {
            Object n = g.conditionNumber() != null ? g.conditionNumber() : frame[g.conditionSlot()];
            long number;
            try {
                number = n == null ? 0 : new BigDecimal(n.toString()).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                number = 0;
            }
            if (number < 1 || number > count) {
                // MySQL's condition 1758 "Invalid condition number": the targets stay as they were
                session.warn(ErrorCode.ER_DA_INVALID_CONDITION_NUMBER);
                return;
            }
        }
        for (int k = 0; k < values.length; k++) {
            String item = g.items().get(k).item();
            values[k] = g.statementInformation() ? DiagnosticsItems.statementItem(item, count, session.rowCount())
                    : DiagnosticsItems.conditionItem(item, condition.number(), condition.sqlState(), condition.getMessage());
        }
        for (int k = 0; k < values.length; k++) {
            RoutineBody.DiagnosticsItem item = g.items().get(k);
            if (item.slot() >= 0) {
                frame[item.slot()] = convert(item.slot(), values[k]);
            } else {
                execute("SET @" + item.userVariable() + " = " + literal(values[k]));
            }
        }
    }

    // ---- statements

    private void run(Node n) {
        if (n instanceof Block b) {
            runBlock(b);
        } else if (n instanceof RoutineBody.Sql q) {
            sql(q);
        } else if (n instanceof RoutineBody.GetDiagnostics g) {
            getDiagnostics(g);
        } else if (n instanceof RoutineBody.SetVariables set) {
            for (RoutineBody.Assignment a : set.assignments()) {
                if (a.slot() >= 0) frame[a.slot()] = convert(a.slot(), evaluate(a.value()));
                else execute("SET " + render(a.value()));
            }
        } else if (n instanceof RoutineBody.If i) {
            for (int k = 0; k < i.conditions().size(); k++) {
                if (truth(evaluate(i.conditions().get(k)))) {
                    runList(i.branches().get(k));
                    return;
                }
            }
            runList(i.otherwise());
        } else if (n instanceof RoutineBody.Case c) {
            runCase(c);
        } else if (n instanceof RoutineBody.While w) {
            while (truth(evaluate(w.condition()))) {
                if (!iteration(w.label(), w.body())) break;
            }
        } else if (n instanceof RoutineBody.Repeat r) {
            do {
                if (!iteration(r.label(), r.body())) break;
            } while (!truth(evaluate(r.until())));
        } else if (n instanceof RoutineBody.Loop l) {
            while (iteration(l.label(), l.body())) {
                // LEAVE ends it
            }
        } else if (n instanceof RoutineBody.Leave l) {
            throw new LeaveLabel(l.label());
        } else if (n instanceof RoutineBody.Iterate i) {
            throw new IterateLabel(i.label());
        } else if (n instanceof RoutineBody.Open o) {
            if (cursorRows[o.cursor()] != null) throw ErrorCode.ER_SP_CURSOR_ALREADY_OPEN.error();
            RoutineBody.CursorDecl decl = cursor(o.cursor());
            cursorRows[o.cursor()] = (RowsResult) execute(render(decl.select()));
            cursorNext[o.cursor()] = 0;
        } else if (n instanceof RoutineBody.Fetch f) {
            RowsResult rows = cursorRows[f.cursor()];
            if (rows == null) throw ErrorCode.ER_SP_CURSOR_NOT_OPEN.error();
            if (rows.columns().size() != f.slots().size()) throw ErrorCode.ER_SP_WRONG_NO_OF_FETCH_ARGS.error();
            if (cursorNext[f.cursor()] >= rows.rows().size()) throw ErrorCode.ER_SP_FETCH_NO_DATA.error();
            int row = cursorNext[f.cursor()]++;
            for (int k = 0; k < f.slots().size(); k++) {
                frame[f.slots().get(k)] = convert(f.slots().get(k), valueOf(rows, row, k));
            }
        } else if (n instanceof RoutineBody.Close c) {
            if (cursorRows[c.cursor()] == null) throw ErrorCode.ER_SP_CURSOR_NOT_OPEN.error();
            cursorRows[c.cursor()] = null;
        } else if (n instanceof RoutineBody.Signal s) {
            signal(s);
        } else if (n instanceof RoutineBody.Call c) {
            callNested(c);
        } else if (n instanceof RoutineBody.Return r) {
            throw new ReturnValue(evaluate(r.value()));
        }
    }

    /** One pass of a loop's body; false when LEAVE ended the loop. */
    private boolean iteration(String label, List<Node> nodes) {
        try {
            runList(nodes);
            return true;
        } catch (IterateLabel i) {
            if (label != null && label.equalsIgnoreCase(i.label)) return true;
            throw i;
        } catch (LeaveLabel l) {
            if (label != null && label.equalsIgnoreCase(l.label)) return false;
            throw l;
        }
    }

    private void runCase(RoutineBody.Case c) {
        String operand = c.operand() == null ? null : literal(evaluate(c.operand()));
        for (int k = 0; k < c.whens().size(); k++) {
            Object v = operand == null ? evaluate(c.whens().get(k))
                    : evaluateText("(" + operand + ") = (" + render(c.whens().get(k)) + ")");
            if (truth(v)) {
                runList(c.branches().get(k));
                return;
            }
        }
        if (c.otherwise() == null) throw ErrorCode.ER_SP_CASE_NOT_FOUND.error();
        runList(c.otherwise());
    }

    private void sql(RoutineBody.Sql q) {
        StatementResult r = execute(render(q.statement()));
        if (!q.intoSlots().isEmpty()) {
            RowsResult rows = (RowsResult) r;
            if (rows.columns().size() != q.intoSlots().size()) {
                throw ErrorCode.ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT.error();
            }
            if (rows.rows().isEmpty()) {
                notFoundWarning();
                return;
            }
            if (rows.rows().size() > 1) throw ErrorCode.ER_TOO_MANY_ROWS.error();
            for (int k = 0; k < q.intoSlots().size(); k++) {
                Object v = valueOf(rows, 0, k);
                int slot = q.intoSlots().get(k);
                if (slot >= 0) frame[slot] = convert(slot, v);
                else session.userVariables().put(q.intoUserVars().get(k).toLowerCase(Locale.ROOT), userValue(v));
            }
            return;
        }
        if (r instanceof RowsResult rows) {
            resultSets.add(rows);
        } else if (r instanceof OkResult ok) {
            lastAffected = ok.affectedRows();
        }
    }

    private void signal(RoutineBody.Signal s) {
        String state = s.sqlState();
        Integer errno = s.errno();
        String message = null;
        if (s.resignal()) {
            if (activeCondition == null) throw ErrorCode.ER_RESIGNAL_WITHOUT_ACTIVE_HANDLER.error();
            if (state == null) state = activeCondition.sqlState();
            if (errno == null && s.sqlState() == null) errno = activeCondition.number();
            if (s.sqlState() == null) message = activeCondition.getMessage();
        }
        String cls = state.substring(0, 2);
        ErrorCode standard = cls.equals("01") ? ErrorCode.ER_SIGNAL_WARN
                : cls.equals("02") ? ErrorCode.ER_SIGNAL_NOT_FOUND : ErrorCode.ER_SIGNAL_EXCEPTION;
        if (errno == null) errno = standard.number();
        if (message == null) message = standard.message();
        if (s.errnoValue() != null) errno = (int) asLong(evaluate(s.errnoValue()));
        if (s.message() != null) {
            Object m = evaluate(s.message());
            message = m == null ? null : text(m);
        }
        SqlError condition = new SqlError(errno, state, message);
        if (cls.equals("01")) {
            // a warning goes on unless a handler takes it
            Match m = find(errno, state);
            if (m != null) runHandler(m, condition);
            else session.warn(errno, message);
            return;
        }
        throw condition;
    }

    private void callNested(RoutineBody.Call c) {
        String db = c.database() != null ? c.database() : definition.database();
        StoredRoutines.Loaded p = routines.procedure(session, db, c.name());
        int expected = p.definition().parameters().size();
        if (c.arguments().size() != expected) {
            throw ErrorCode.ER_SP_WRONG_NO_OF_ARGS.error("PROCEDURE", db + "." + c.name(), expected,
                    c.arguments().size());
        }
        List<Argument> args = new ArrayList<>();
        for (Fragment f : c.arguments()) args.add(argument(f));
        OkResult ok = call(session, executor, routines, p, args, callers, resultSets);
        lastAffected = ok.affectedRows();
    }

    /** An argument of a nested CALL: a local variable, a user variable or an expression. */
    private Argument argument(Fragment f) {
        List<Token> tokens = significant(f);
        if (tokens.size() == 1 && f.refs().size() == 1) {
            int slot = f.refs().get(0).slot();
            return new Argument() {
                public Object value() {
                    return frame[slot];
                }

                public boolean assign(Object value) {
                    frame[slot] = convert(slot, value);
                    return true;
                }

                public boolean assignable() {
                    return true;
                }
            };
        }
        if (tokens.size() == 1 && tokens.get(0).type() == io.minisqld.server.sql.TokenType.USER_VAR) {
            return userVariable(session, tokens.get(0).value());
        }
        Object v = evaluate(f);
        return expression(v);
    }

    static Argument userVariable(Session session, String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return new Argument() {
            public Object value() {
                return session.userVariables().get(key);
            }

            public boolean assign(Object value) {
                session.userVariables().put(key, userValue(value));
                return true;
            }

            public boolean assignable() {
                return true;
            }
        };
    }

    static Argument expression(Object value) {
        return new Argument() {
            public Object value() {
                return value;
            }

            public boolean assign(Object ignored) {
                return false;
            }

            public boolean assignable() {
                return false;
            }
        };
    }

    private RoutineBody.CursorDecl cursor(int slot) {
        for (Scope s : scopes) {
            for (RoutineBody.CursorDecl c : s.block().cursors()) {
                if (c.slot() == slot) return c;
            }
        }
        throw new IllegalStateException("cursor " + slot + " is not in scope");
    }

    // ---- values

    private StatementResult execute(String sql) {
        return executor.executeNested(session, executor.lexer().statement(sql));
    }

    private Object evaluate(Fragment f) {
        return evaluateText(render(f));
    }

    private Object evaluateText(String expression) {
        RowsResult r = (RowsResult) execute("SELECT " + expression);
        return r.rows().isEmpty() ? null : valueOf(r, 0, 0);
    }

    /**
     * The fragment's text with each variable reference replaced by its value. A select item that
     * holds a variable and has no alias keeps the label MySQL gives it, its text as typed ({@code
     * SELECT i} is column {@code i}); the value put in its place had become the label ({@code 3}).
     */
    private String render(Fragment f) {
        List<Token> tokens = body.text().tokens();
        Map<Integer, String> labels = itemLabels(f);
        StringBuilder b = new StringBuilder();
        int ref = 0;
        for (int i = f.from(); i < f.to(); i++) {
            if (cut(f, i)) continue;
            while (ref < f.refs().size() && f.refs().get(ref).token() < i) ref++;
            if (ref < f.refs().size() && f.refs().get(ref).token() == i) {
                b.append(literal(frame[f.refs().get(ref).slot()]));
            } else {
                b.append(tokens.get(i).text());
            }
            String label = labels.get(i);
            if (label != null) b.append(" AS `").append(label.replace("`", "``")).append('`');
        }
        return b.toString();
    }

    private static boolean cut(Fragment f, int i) {
        return f.cutFrom() >= 0 && i >= f.cutFrom() && i < f.cutTo();
    }

    private static final java.util.Set<String> SELECT_LIST_ENDS = java.util.Set.of("FROM", "INTO", "WHERE", "UNION",
            "GROUP", "HAVING", "ORDER", "LIMIT", "FOR", "LOCK", "WINDOW");
    private static final java.util.Set<String> NOT_ALIASES = java.util.Set.of("NULL", "TRUE", "FALSE", "UNKNOWN", "END",
            "ASC", "DESC");
    private static final java.util.Set<String> OPERATOR_WORDS = java.util.Set.of("IS", "NOT", "AND", "OR", "XOR", "LIKE",
            "RLIKE", "REGEXP", "BETWEEN", "IN", "INTERVAL", "BINARY", "DIV", "MOD", "CASE", "WHEN", "THEN",
            "ELSE", "ESCAPE", "COLLATE", "DISTINCT", "SELECT");

    /**
     * For a SELECT fragment: the label of each item of its own select list that holds a variable
     * and has no alias, by the token index of the item's last token.
     */
    private Map<Integer, String> itemLabels(Fragment f) {
        if (f.refs().isEmpty()) return Map.of();
        List<Token> tokens = body.text().tokens();
        List<Integer> sig = new ArrayList<>();
        for (int i = f.from(); i < f.to(); i++) {
            if (!cut(f, i) && tokens.get(i).type() != io.minisqld.server.sql.TokenType.SPACE) sig.add(i);
        }
        if (sig.isEmpty() || !tokens.get(sig.get(0)).is("SELECT")) return Map.of();
        java.util.Set<Integer> refTokens = new java.util.HashSet<>();
        for (RoutineBody.Ref r : f.refs()) refTokens.add(r.token());
        Map<Integer, String> out = new java.util.HashMap<>();
        int start = 1;
        while (start < sig.size() && (tokens.get(sig.get(start)).is("DISTINCT") || tokens.get(sig.get(start)).is("ALL")
                || tokens.get(sig.get(start)).is("HIGH_PRIORITY") || tokens.get(sig.get(start)).is("STRAIGHT_JOIN")
                || tokens.get(sig.get(start)).upper().startsWith("SQL_"))) {
            start++;
        }
        int depth = 0;
        for (int s = start; s <= sig.size(); s++) {
            Token t = s < sig.size() ? tokens.get(sig.get(s)) : null;
            if (t != null && t.isSymbol("(")) depth++;
            else if (t != null && t.isSymbol(")")) depth--;
            boolean end = t == null || depth == 0 && (t.isSymbol(",") || t.isSymbol(";")
                    || t.type() == io.minisqld.server.sql.TokenType.WORD && SELECT_LIST_ENDS.contains(t.upper()));
            if (!end) continue;
            boolean holdsVariable = false;
            for (int k = start; k < s; k++) holdsVariable |= refTokens.contains(sig.get(k));
            if (holdsVariable && !aliased(tokens, sig, start, s)) {
                StringBuilder label = new StringBuilder();
                for (int i = sig.get(start); i <= sig.get(s - 1); i++) {
                    if (!cut(f, i)) label.append(tokens.get(i).text());
                }
                out.put(sig.get(s - 1), label.length() > 256 ? label.substring(0, 256) : label.toString());
            }
            if (t == null || !t.isSymbol(",")) break;
            start = s + 1;
        }
        return out;
    }

    /** Whether the select item of sig indexes [from, to) ends with its alias ({@code AS name}, or a name after an expression). */
    private static boolean aliased(List<Token> tokens, List<Integer> sig, int from, int to) {
        if (to - from < 2) return false;
        Token last = tokens.get(sig.get(to - 1));
        Token before = tokens.get(sig.get(to - 2));
        if (before.is("AS")) return true;
        // a string is an alias too ({@code SELECT i 'x'}), except the second of two adjacent strings (one string)
        boolean name = last.type() == io.minisqld.server.sql.TokenType.QUOTED_IDENT
                || last.type() == io.minisqld.server.sql.TokenType.STRING && before.type() != io.minisqld.server.sql.TokenType.STRING
                || last.type() == io.minisqld.server.sql.TokenType.WORD && !NOT_ALIASES.contains(last.upper());
        boolean endsExpression = before.isSymbol(")") || before.type() == io.minisqld.server.sql.TokenType.NUMBER
                || before.type() == io.minisqld.server.sql.TokenType.STRING
                || before.type() == io.minisqld.server.sql.TokenType.QUOTED_IDENT
                || before.type() == io.minisqld.server.sql.TokenType.WORD && !OPERATOR_WORDS.contains(before.upper());
        return name && endsExpression;
    }

    private List<Token> significant(Fragment f) {
        List<Token> out = new ArrayList<>();
        List<Token> tokens = body.text().tokens();
        for (int i = f.from(); i < f.to(); i++) {
            if (tokens.get(i).type() != io.minisqld.server.sql.TokenType.SPACE) out.add(tokens.get(i));
        }
        return out;
    }

    static String literal(Object v) {
        if (v == null) return "NULL";
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) return v.toString();
        if (v instanceof Double d) return io.minisqld.server.variables.VariableValues.formatDouble(d);
        if (v instanceof Boolean b) return b ? "1" : "0";
        if (v instanceof byte[] bytes) return "X'" + HexFormat.of().formatHex(bytes) + "'";
        return StatementText.quote(v.toString());
    }

    /** A result value as Java: Long, BigDecimal, Double, String, byte[] or null. */
    static Object valueOf(RowsResult r, int row, int column) {
        byte[] b = r.rows().get(row)[column];
        if (b == null) return null;
        Column c = r.columns().get(column);
        String text = new String(b, StandardCharsets.UTF_8);
        ColumnType t = c.type();
        switch (t) {
            case TINY, SHORT, LONG, LONGLONG, INT24, YEAR -> {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    return new BigDecimal(text);
                }
            }
            case DECIMAL, NEWDECIMAL -> {
                return new BigDecimal(text);
            }
            case BIT -> {
                // a BIT column's bytes are its number, as MySQL's BIT field gives a variable an integer
                java.math.BigInteger bits = new java.math.BigInteger(1, b);
                return bits.bitLength() < 64 ? (Object) bits.longValue() : new BigDecimal(bits);
            }
            case FLOAT, DOUBLE -> {
                return Double.parseDouble(text);
            }
            default -> {
                if (c.charset() == Column.BINARY_CHARSET && !t.numeric() && (t == ColumnType.BLOB
                        || t == ColumnType.TINY_BLOB || t == ColumnType.MEDIUM_BLOB || t == ColumnType.LONG_BLOB
                        || t == ColumnType.VAR_STRING || t == ColumnType.STRING)) {
                    return b;
                }
                return text;
            }
        }
    }

    /** What a user variable keeps of a value (a DECIMAL as its text, as the server keeps it). */
    static Object userValue(Object v) {
        if (v instanceof BigDecimal d) return d.toPlainString();
        return v;
    }

    /** The value as a variable of the slot's declared type keeps it (MySQL's assignment rules, strict). */
    private Object convert(int slot, Object v) {
        RoutineBody.Variable var = body.variables().get(slot);
        return convertTo(var.type(), var.name(), v);
    }

    /** The value as one of the declared {@code declared} type keeps it; {@code name} names it in 1406. */
    private Object convertTo(String declared, String name, Object v) {
        if (v == null) return null;
        String type = declared.strip().toUpperCase(Locale.ROOT);
        String base = type.split("[\\s(]", 2)[0];
        switch (base) {
            case "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT", "BOOL", "BOOLEAN" -> {
                if (v instanceof Long) return v;
                return evaluateText("CAST(" + literal(v) + " AS " + (type.contains("UNSIGNED") ? "UNSIGNED" : "SIGNED")
                        + ")");
            }
            case "DECIMAL", "NUMERIC", "DEC", "FIXED" -> {
                String args = type.contains("(") ? type.substring(type.indexOf('('), type.indexOf(')') + 1) : "";
                return evaluateText("CAST(" + literal(v) + " AS DECIMAL" + args + ")");
            }
            case "FLOAT", "DOUBLE", "REAL" -> {
                return v instanceof Double ? v : Double.parseDouble(text(v));
            }
            case "CHAR", "VARCHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET" -> {
                String s = text(v);
                int max = length(type);
                if (max >= 0 && s.codePointCount(0, s.length()) > max) {
                    throw ErrorCode.ER_DATA_TOO_LONG.error(name, 1);
                }
                return s;
            }
            case "DATE", "DATETIME", "TIMESTAMP", "TIME" -> {
                return evaluateText("CAST(" + literal(v) + " AS " + (base.equals("TIMESTAMP") ? "DATETIME" : base)
                        + (type.contains("(") && !base.equals("DATE")
                        ? type.substring(type.indexOf('('), type.indexOf(')') + 1) : "") + ")");
            }
            default -> {
                return v;
            }
        }
    }

    private static int length(String type) {
        int open = type.indexOf('(');
        int close = type.indexOf(')');
        if (open < 0 || close < open) return type.startsWith("CHAR") ? 1 : -1;
        try {
            return Integer.parseInt(type.substring(open + 1, close).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String text(Object v) {
        if (v instanceof byte[] b) return new String(b, StandardCharsets.UTF_8);
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Double d) return io.minisqld.server.variables.VariableValues.formatDouble(d);
        return v.toString();
    }

    private static long asLong(Object v) {
        if (v == null) return 0;
        if (v instanceof Number n) return n.longValue();
        try {
            return new BigDecimal(text(v).strip()).longValue();
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** MySQL's truth of a condition: a non-zero number; NULL and 0 are false; a string by its leading number. */
    static boolean truth(Object v) {
        if (v == null) return false;
        if (v instanceof Number n) return n.doubleValue() != 0;
        String s = text(v).strip();
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || ".-+eE".indexOf(s.charAt(end)) >= 0)) end++;
        try {
            return end > 0 && Double.parseDouble(s.substring(0, end)) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
