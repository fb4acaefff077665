package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A MySQL trigger's body, parsed once and run for each row: a statement, or BEGIN … END with
 * statements, IF … THEN … [ELSEIF …] [ELSE …] END IF, {@code SET NEW.col = expr} (BEFORE triggers),
 * SIGNAL SQLSTATE … [SET MESSAGE_TEXT = …, MYSQL_ERRNO = …], and DECLARE CONTINUE | EXIT HANDLER
 * FOR error numbers, SQLSTATEs or SQLEXCEPTION with an empty body (what pt-online-schema-change
 * writes). Anything else a trigger body may hold in MySQL (local variables, loops, cursors) is
 * refused when the trigger is created (1235), never accepted and then not run.
 *
 * <p>{@code NEW.col} and {@code OLD.col} become the row's values as literals; each statement is
 * translated like a client's and runs on the row's own H2 session, in its transaction.
 */
final class TriggerBody {
    private static final QueryLexer LEXER = new QueryLexer();

    /** The statements a MySQL trigger's body may run besides its control flow. */
    private static final java.util.Set<String> ROW_STATEMENTS = java.util.Set.of("INSERT", "REPLACE", "UPDATE",
            "DELETE", "SET", "SELECT", "DO");

    /** What fires the trigger. */
    enum Event { INSERT, UPDATE, DELETE }

    /**
     * The row the statement changes: column names (lower case) and the old and new values.
     *
     * @param generated told the highest AUTO_INCREMENT value an INSERT or REPLACE of the body made
     *                  in a table ([database or null], table), so that the server's counter moves past it
     */
    record Row(List<String> columns, Object[] oldRow, Object[] newRow, Generated generated) {
    }

    /** Where a body's generated AUTO_INCREMENT values are reported. */
    interface Generated {
        void highest(String database, String table, long value) throws SQLException;
    }

    private sealed interface Node {
    }

    private record Block(List<Node> nodes, List<Handler> handlers) implements Node {
    }

    private record Branch(Fragment condition, Block body) {
    }

    private record If(List<Branch> branches, Block otherwise) implements Node {
    }

    private record SetNew(int column, Fragment value) implements Node {
    }

    private record Signal(String sqlState, String message, int errno) implements Node {
    }

    private record Sql(Fragment statement) implements Node {
    }

    /** DECLARE {CONTINUE | EXIT} HANDLER FOR …: errors it takes and whether the block goes on. */
    private record Handler(boolean exit, Set<Integer> errnos, Set<String> sqlStates, boolean anyException) {
        boolean takes(SqlError e) {
            return errnos.contains(e.number()) || sqlStates.contains(e.sqlState())
                    || (anyException && !e.sqlState().startsWith("01") && !e.sqlState().startsWith("02"));
        }
    }

    /**
     * A MySQL statement or expression text with its NEW / OLD references.
     *
     * @param insertTarget for an INSERT or REPLACE, {database or null, table}; else null
     */
    private record Fragment(StatementText text, List<Reference> references, String[] insertTarget) {
    }

    /** Tokens [first, last] of a fragment name a column of the NEW or OLD row. */
    private record Reference(int first, int last, boolean newRow, int column) {
    }

    private final Block root;

    private TriggerBody(Block root) {
        this.root = root;
    }

    /**
     * Parses a body, checking it against the trigger's table and kind as MySQL does: 1363 for OLD
     * in an INSERT or NEW in a DELETE trigger, 1362 for SET NEW in an AFTER trigger, 1054 for a
     * column the table lacks, 1235 for what this server cannot run in a trigger.
     *
     * @param columns the table's columns, lower case, in order
     */
    static TriggerBody parse(String body, List<String> columns, Event event, boolean before) {
        StatementText text = LEXER.statement(body);
        Parser p = new Parser(body, text.significant(), columns, event, before);
        Node node = p.statement();
        if (p.pos < p.sig.size() && p.sig.get(p.pos).isSymbol(";")) p.pos++;
        if (p.pos < p.sig.size()) throw p.syntaxError();
        return new TriggerBody(node instanceof Block b ? b : new Block(List.of(node), List.of()));
    }

    /**
     * Has H2 parse each statement and expression of the body (NULL for NEW / OLD values): a syntax
     * error is the CREATE TRIGGER's, as in MySQL, not every later row's. Tables the body names may
     * not exist yet; that is for the rows to find.
     */
    void check(Connection conn) throws SQLException {
        check(conn, root);
    }

    private void check(Connection conn, Node node) throws SQLException {
        if (node instanceof Block b) {
            for (Node n : b.nodes()) check(conn, n);
        } else if (node instanceof If i) {
            for (Branch branch : i.branches()) {
                checkFragment(conn, branch.condition());
                check(conn, branch.body());
            }
            if (i.otherwise() != null) check(conn, i.otherwise());
        } else if (node instanceof SetNew n) {
            checkFragment(conn, n.value());
        } else if (node instanceof Sql q) {
            checkFragment(conn, q.statement());
        }
    }

    private static void checkFragment(Connection conn, Fragment f) throws SQLException {
        EngineQuery.Builder b = EngineQuery.of(f.text());
        for (Reference r : f.references()) b.replace(r.first(), r.last(), new EngineQuery.NullLiteral());
        MySqlToH2.Translation tr = MySqlToH2.translate(b.build(), name -> null);
        try (java.sql.PreparedStatement ignored = conn.prepareStatement(tr.sql())) {
            // parsed: nothing to run now
        } catch (SQLException e) {
            int code = e.getErrorCode();
            if (code == org.h2.api.ErrorCode.SYNTAX_ERROR_1 || code == org.h2.api.ErrorCode.SYNTAX_ERROR_2) {
                throw H2Errors.translate(e, tr, null, conn.getSchema());
            }
        }
    }

    /** Runs the body for one row; an error is MySQL's (what the statement that fired it fails with). */
    void run(Connection conn, Row row) throws SQLException {
        run(conn, root, row);
    }

    /** @return false when an EXIT handler ended the block */
    private boolean run(Connection conn, Block block, Row row) throws SQLException {
        for (Node node : block.nodes()) {
            try {
                runNode(conn, node, row);
            } catch (SqlError e) {
                Handler taken = null;
                for (Handler h : block.handlers()) {
                    if (h.takes(e)) taken = h;
                }
                if (taken == null) throw e;
                if (taken.exit()) return false;
            }
        }
        return true;
    }

    private void runNode(Connection conn, Node node, Row row) throws SQLException {
        if (node instanceof Block b) {
            run(conn, b, row);
        } else if (node instanceof If i) {
            for (Branch branch : i.branches()) {
                if (truth(evaluate(conn, branch.condition(), row))) {
                    run(conn, branch.body(), row);
                    return;
                }
            }
            if (i.otherwise() != null) run(conn, i.otherwise(), row);
        } else if (node instanceof SetNew s) {
            row.newRow()[s.column()] = evaluate(conn, s.value(), row);
        } else if (node instanceof Signal s) {
            throw new SqlError(s.errno(), s.sqlState(), s.message());
        } else if (node instanceof Sql s) {
            execute(conn, s.statement(), row, false);
        }
    }

    private static Object evaluate(Connection conn, Fragment f, Row row) throws SQLException {
        return execute(conn, f, row, true);
    }

    /** Runs a fragment with the row's values in place; a SELECT's first value when {@code query}. */
    private static Object execute(Connection conn, Fragment f, Row row, boolean query) throws SQLException {
        EngineQuery.Builder b = EngineQuery.of(f.text());
        for (Reference r : f.references()) {
            Object[] values = r.newRow() ? row.newRow() : row.oldRow();
            b.replace(r.first(), r.last(), literal(values[r.column()]));
        }
        MySqlToH2.Translation tr = MySqlToH2.translate(b.build(), name -> null);
        try (Statement st = conn.createStatement()) {
            if (!query) {
                String[] target = f.insertTarget();
                if (target == null) {
                    st.execute(tr.sql());
                    return null;
                }
                st.execute(tr.sql(), Statement.RETURN_GENERATED_KEYS);
                long highest = 0;
                try (ResultSet keys = st.getGeneratedKeys()) {
                    while (keys.next()) highest = Math.max(highest, keys.getLong(1));
                }
                if (highest > 0) row.generated().highest(target[0], target[1], highest);
                return null;
            }
            try (ResultSet rs = st.executeQuery(tr.sql())) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, tr, null, conn.getSchema());
        }
    }

    private static EngineQuery.Literal literal(Object v) throws SQLException {
        if (v == null) return new EngineQuery.NullLiteral();
        // H2 hands BLOB and TEXT values to a trigger as LOBs: their content is the value
        if (v instanceof java.sql.Blob blob) v = blob.getBytes(1, (int) blob.length());
        if (v instanceof java.sql.Clob clob) v = clob.getSubString(1, (int) clob.length());
        if (v instanceof Boolean b) return new EngineQuery.NumberLiteral(b ? "1" : "0");
        if (v instanceof BigDecimal d) return new EngineQuery.NumberLiteral(d.toPlainString());
        if (v instanceof Number n) return new EngineQuery.NumberLiteral(n.toString());
        if (v instanceof byte[] bytes) {
            return new EngineQuery.NumberLiteral("X'" + HexFormat.of().formatHex(bytes) + "'");
        }
        if (v instanceof java.sql.Timestamp t) return new EngineQuery.TextLiteral(t.toLocalDateTime().toString().replace('T', ' '));
        if (v instanceof java.time.LocalDateTime t) return new EngineQuery.TextLiteral(t.toString().replace('T', ' '));
        return new EngineQuery.TextLiteral(v.toString());
    }

    /** MySQL's truth: a non-zero number; NULL and 0 are false; a string by its leading number. */
    private static boolean truth(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0;
        try {
            return Double.parseDouble(v.toString().trim()) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A recursive-descent reading of the body's significant tokens. */
    private static final class Parser {
        private final String source;
        private final List<Token> sig;
        private final List<String> columns;
        private final Event event;
        private final boolean before;
        private int pos;

        Parser(String source, List<Token> sig, List<String> columns, Event event, boolean before) {
            this.source = source;
            this.sig = sig;
            this.columns = columns;
            this.event = event;
            this.before = before;
        }

        private Token peek() {
            return pos < sig.size() ? sig.get(pos) : null;
        }

        private boolean at(String word) {
            Token t = peek();
            return t != null && t.is(word);
        }

        private void expect(String word) {
            if (!at(word)) throw syntaxError();
            pos++;
        }

        private SqlError syntaxError() {
            Token t = peek();
            return ErrorCode.ER_PARSE_ERROR.error(t == null ? "" : source.substring(t.start()), 1);
        }

        Node statement() {
            if (at("BEGIN")) return block();
            if (at("IF")) return ifStatement();
            if (at("SIGNAL")) return signal();
            if (at("SET") && pos + 1 < sig.size() && (rowReference(pos + 1) || userVariable(pos + 1))) {
                return setList();
            }
            for (String unsupported : List.of("DECLARE", "LOOP", "WHILE", "REPEAT", "CASE", "LEAVE", "ITERATE",
                    "RETURN", "OPEN", "FETCH", "CLOSE", "CALL", "RESIGNAL")) {
                if (at(unsupported)) {
                    throw ErrorCode.ER_NOT_SUPPORTED_YET.error(unsupported + " in a trigger's body");
                }
            }
            // only MySQL's statements: the engine's own (SCRIPT TO, BACKUP, …) would run inside the row's change
            Token first = peek();
            if (first == null || !(first.isSymbol("(") || first.type() == TokenType.WORD
                    && ROW_STATEMENTS.contains(first.upper()))) {
                throw syntaxError();
            }
            return new Sql(fragment(pos, endOfStatement(), ""));
        }

        private Block block() {
            expect("BEGIN");
            List<Node> nodes = new ArrayList<>();
            List<Handler> handlers = new ArrayList<>();
            while (!at("END")) {
                if (peek() == null) throw syntaxError();
                if (at("DECLARE") && pos + 2 < sig.size() && (sig.get(pos + 1).is("CONTINUE")
                        || sig.get(pos + 1).is("EXIT")) && sig.get(pos + 2).is("HANDLER")) {
                    handlers.add(handler());
                } else {
                    nodes.add(statement());
                }
                if (peek() != null && peek().isSymbol(";")) pos++;
                else if (!at("END")) throw syntaxError();
            }
            pos++;
            return new Block(nodes, handlers);
        }

        /** DECLARE {CONTINUE | EXIT} HANDLER FOR condition, … with an empty body (BEGIN END). */
        private Handler handler() {
            pos++;
            boolean exit = sig.get(pos).is("EXIT");
            pos += 2;
            expect("FOR");
            java.util.Set<Integer> errnos = new java.util.HashSet<>();
            java.util.Set<String> states = new java.util.HashSet<>();
            boolean any = false;
            do {
                Token t = peek();
                if (t == null) throw syntaxError();
                if (t.type() == TokenType.NUMBER) {
                    errnos.add(Integer.parseInt(t.text()));
                    pos++;
                } else if (t.is("SQLSTATE")) {
                    pos++;
                    if (at("VALUE")) pos++;
                    states.add(peek().value());
                    pos++;
                } else if (t.is("SQLEXCEPTION")) {
                    any = true;
                    pos++;
                } else {
                    throw ErrorCode.ER_NOT_SUPPORTED_YET.error("DECLARE HANDLER FOR " + t.text() + " in a trigger's body");
                }
            } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            if (!(at("BEGIN") && pos + 1 < sig.size() && sig.get(pos + 1).is("END"))) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("a handler with statements in a trigger's body");
            }
            pos += 2;
            return new Handler(exit, errnos, states, any);
        }

        private If ifStatement() {
            List<Branch> branches = new ArrayList<>();
            Block otherwise = null;
            expect("IF");
            while (true) {
                int start = pos;
                while (peek() != null && !at("THEN")) pos++;
                Fragment condition = fragment(start, pos, "SELECT ");
                expect("THEN");
                branches.add(new Branch(condition, statements("ELSEIF", "ELSE", "END")));
                if (at("ELSEIF")) {
                    pos++;
                    continue;
                }
                if (at("ELSE")) {
                    pos++;
                    otherwise = statements("END");
                }
                expect("END");
                expect("IF");
                return new If(branches, otherwise);
            }
        }

        /** Statements, each ended by ';', up to one of {@code ends}. */
        private Block statements(String... ends) {
            List<Node> nodes = new ArrayList<>();
            while (true) {
                for (String end : ends) {
                    if (at(end)) return new Block(nodes, List.of());
                }
                if (peek() == null) throw syntaxError();
                nodes.add(statement());
                if (peek() != null && peek().isSymbol(";")) pos++;
                else throw syntaxError();
            }
        }

        /** SIGNAL SQLSTATE [VALUE] 'xxxxx' [SET MESSAGE_TEXT = 'text' [, MYSQL_ERRNO = n]]. */
        private Signal signal() {
            expect("SIGNAL");
            expect("SQLSTATE");
            if (at("VALUE")) pos++;
            Token state = peek();
            if (state == null || state.type() != TokenType.STRING || state.value().length() != 5
                    || state.value().startsWith("00")) {
                throw syntaxError();
            }
            pos++;
            String message = null;
            int errno = state.value().startsWith("45") ? ErrorCode.ER_SIGNAL_EXCEPTION.number() : 1642;
            if (at("SET")) {
                pos++;
                do {
                    Token item = peek();
                    if (item == null || pos + 2 >= sig.size() || !sig.get(pos + 1).isSymbol("=")) throw syntaxError();
                    Token value = sig.get(pos + 2);
                    if (item.is("MESSAGE_TEXT") && value.type() == TokenType.STRING) message = value.value();
                    else if (item.is("MYSQL_ERRNO") && value.type() == TokenType.NUMBER) errno = Integer.parseInt(value.text());
                    else throw ErrorCode.ER_NOT_SUPPORTED_YET.error("SIGNAL … SET " + item.text() + " in a trigger's body");
                    pos += 3;
                } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            }
            if (state.value().startsWith("01")) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("SIGNAL of a warning (SQLSTATE class 01) in a trigger's body");
            }
            String text = message != null ? message : state.value().startsWith("45")
                    ? ErrorCode.ER_SIGNAL_EXCEPTION.error().getMessage() : "Unhandled user-defined not found condition";
            return new Signal(state.value(), text, errno);
        }

        /** Whether the token at {@code k} starts a NEW.col or OLD.col reference. */
        private boolean rowReference(int k) {
            return k + 1 < sig.size() && (sig.get(k).is("NEW") || sig.get(k).is("OLD")) && sig.get(k + 1).isSymbol(".");
        }

        /** Whether the token at {@code k} is a user variable, {@code @name}. */
        private boolean userVariable(int k) {
            return sig.get(k).type() == TokenType.USER_VAR;
        }

        /**
         * SET item [, item …], each {@code NEW.col = expr} (BEFORE triggers only) or {@code @var = expr},
         * in any mix, assigned in order as MySQL's SET does; the engine's SET takes one variable.
         */
        private Node setList() {
            pos++;
            List<Node> sets = new ArrayList<>();
            do {
                if (rowReference(pos)) {
                    Token row = sig.get(pos);
                    if (row.is("OLD")) {
                        throw ErrorCode.ER_TRG_CANT_CHANGE_ROW.error("OLD", "");
                    }
                    if (!before) throw ErrorCode.ER_TRG_CANT_CHANGE_ROW.error("NEW", "after ");
                    if (event == Event.DELETE) throw ErrorCode.ER_TRG_NO_SUCH_ROW_IN_TRG.error("NEW", "on DELETE");
                    if (pos + 3 >= sig.size() || !sig.get(pos + 3).isSymbol("=")) throw syntaxError();
                    int column = column(sig.get(pos + 2), "NEW");
                    pos += 4;
                    int start = pos;
                    endOfItem();
                    sets.add(new SetNew(column, fragment(start, pos, "SELECT ")));
                } else if (peek() != null && userVariable(pos)) {
                    int start = pos;
                    endOfItem();
                    sets.add(new Sql(fragment(start, pos, "SET ")));
                } else {
                    throw syntaxError();
                }
            } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            return sets.size() == 1 ? sets.get(0) : new Block(sets, List.of());
        }

        /** Moves past one SET item's expression: to the ',' or ';' (or the block's END) after it. */
        private void endOfItem() {
            scanTo(true);
        }

        /** Where a plain statement ends: its ';', or the END of the block around it. */
        private int endOfStatement() {
            return scanTo(false);
        }

        /** Moves to the next ';' (or ',', {@code atComma}) or block END outside parentheses and CASE … END. */
        private int scanTo(boolean atComma) {
            int depth = 0;
            int cases = 0;
            while (peek() != null) {
                Token t = peek();
                if (t.isSymbol("(")) depth++;
                else if (t.isSymbol(")")) depth--;
                else if (t.is("CASE")) cases++;
                else if (t.is("END") && cases > 0) cases--;
                else if (depth == 0 && cases == 0 && (t.isSymbol(";") || atComma && t.isSymbol(",") || t.is("END"))) break;
                pos++;
            }
            return pos;
        }

        private int column(Token name, String row) {
            int i = columns.indexOf(name.value().toLowerCase(Locale.ROOT));
            if (i < 0) throw ErrorCode.ER_BAD_FIELD_ERROR.error(name.value(), row);
            return i;
        }

        /** INSERT | REPLACE [LOW_PRIORITY | DELAYED | HIGH_PRIORITY] [IGNORE] [INTO] [db.]table: {db or null, table}. */
        private static String[] insertTarget(List<Token> all, List<Integer> idx) {
            if (idx.isEmpty() || !(all.get(idx.get(0)).is("INSERT") || all.get(idx.get(0)).is("REPLACE"))) return null;
            int k = 1;
            while (k < idx.size() && (all.get(idx.get(k)).is("LOW_PRIORITY") || all.get(idx.get(k)).is("DELAYED")
                    || all.get(idx.get(k)).is("HIGH_PRIORITY") || all.get(idx.get(k)).is("IGNORE")
                    || all.get(idx.get(k)).is("INTO"))) {
                k++;
            }
            if (k >= idx.size() || !all.get(idx.get(k)).isIdentifier()) return null;
            if (k + 2 < idx.size() && all.get(idx.get(k + 1)).isSymbol(".") && all.get(idx.get(k + 2)).isIdentifier()) {
                return new String[] {all.get(idx.get(k)).value(), all.get(idx.get(k + 2)).value()};
            }
            return new String[] {null, all.get(idx.get(k)).value()};
        }

        /** The text of significant tokens [from, to) after {@code prefix}, its NEW / OLD references found. */
        private Fragment fragment(int from, int to, String prefix) {
            if (to <= from) throw syntaxError();
            String text = prefix + source.substring(sig.get(from).start(), sig.get(to - 1).end());
            StatementText st = LEXER.statement(text);
            if (io.minisqld.server.sql.statement.MultiTableChange.of(st, null) != null) {
                // a body's statements run on the row's H2 session, not through the engine's plans
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("multi-table UPDATE or DELETE in a trigger's body");
            }
            List<Token> all = st.tokens();
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).type() != TokenType.SPACE) idx.add(i);
            }
            List<Reference> refs = new ArrayList<>();
            for (int k = 0; k + 2 < idx.size(); k++) {
                Token t = all.get(idx.get(k));
                boolean isNew = t.is("NEW");
                if (!(isNew || t.is("OLD")) || !all.get(idx.get(k + 1)).isSymbol(".")
                        || !all.get(idx.get(k + 2)).isIdentifier()) {
                    continue;
                }
                if (k > 0 && all.get(idx.get(k - 1)).isSymbol(".")) continue;
                if (isNew && event == Event.DELETE) throw ErrorCode.ER_TRG_NO_SUCH_ROW_IN_TRG.error("NEW", "on DELETE");
                if (!isNew && event == Event.INSERT) throw ErrorCode.ER_TRG_NO_SUCH_ROW_IN_TRG.error("OLD", "on INSERT");
                refs.add(new Reference(idx.get(k), idx.get(k + 2), isNew, column(all.get(idx.get(k + 2)),
                        isNew ? "NEW" : "OLD")));
                k += 2;
            }
            return new Fragment(st, refs, insertTarget(all, idx));
        }
    }
}
