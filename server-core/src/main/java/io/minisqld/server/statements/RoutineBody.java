package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A stored procedure's body, parsed once into its compound statements: BEGIN … END blocks with
 * DECLARE of variables, conditions, cursors and CONTINUE | EXIT handlers; IF, CASE, WHILE, REPEAT,
 * LOOP with labels, LEAVE and ITERATE; SET; OPEN, FETCH, CLOSE; SIGNAL and RESIGNAL; CALL; and
 * every other statement, run by the statement layer. References to local variables and
 * parameters are resolved here, lexically, as MySQL resolves them when it parses the routine: a
 * local variable takes precedence over a column of the same name (MySQL 5.7 manual, "Local
 * Variable Scope and Resolution"). {@link RoutineRunner} runs the tree.
 */
final class RoutineBody {
    /** A variable or parameter: its slot in a call's frame, name and declared type. */
    record Variable(int slot, String name, String type) {
    }

    /**
     * A span of the body's tokens (indexes in {@link StatementText#tokens()}, {@code to}
     * exclusive) whose variable references are {@code refs}; tokens [cutFrom, cutTo) are left out
     * (a SELECT's INTO clause).
     */
    record Fragment(int from, int to, List<Ref> refs, int cutFrom, int cutTo) {
    }

    /** Token {@code token} names the variable in {@code slot}. */
    record Ref(int token, int slot) {
    }

    sealed interface Node {
    }

    record Block(String label, List<Declared> variables, List<CursorDecl> cursors, List<HandlerDecl> handlers,
                 List<Node> body) implements Node {
    }

    record Declared(List<Integer> slots, String type, Fragment defaultValue) {
    }

    record CursorDecl(int slot, String name, Fragment select) {
    }

    /** What a handler takes: an error number, a SQLSTATE, or a class. */
    record Condition(int errno, String sqlState, ConditionClass kind) {
    }

    enum ConditionClass { ERRNO, SQLSTATE, SQLEXCEPTION, SQLWARNING, NOT_FOUND }

    record HandlerDecl(boolean exit, List<Condition> conditions, Node body) {
    }

    record If(List<Fragment> conditions, List<List<Node>> branches, List<Node> otherwise) implements Node {
    }

    record Case(Fragment operand, List<Fragment> whens, List<List<Node>> branches, List<Node> otherwise)
            implements Node {
    }

    record While(String label, Fragment condition, List<Node> body) implements Node {
    }

    record Repeat(String label, List<Node> body, Fragment until) implements Node {
    }

    record Loop(String label, List<Node> body) implements Node {
    }

    record Leave(String label) implements Node {
    }

    record Iterate(String label) implements Node {
    }

    record Open(int cursor, String name) implements Node {
    }

    record Fetch(int cursor, String name, List<Integer> slots) implements Node {
    }

    record Close(int cursor, String name) implements Node {
    }

    /** SIGNAL | RESIGNAL [SQLSTATE 'x' | condition] [SET MESSAGE_TEXT = …, MYSQL_ERRNO = …]. */
    record Signal(boolean resignal, String sqlState, Integer errno, Fragment message, Fragment errnoValue)
            implements Node {
    }

    /**
     * GET [CURRENT] DIAGNOSTICS target = NUMBER | ROW_COUNT, … or GET [CURRENT] DIAGNOSTICS CONDITION
     * n target = MESSAGE_TEXT | MYSQL_ERRNO | RETURNED_SQLSTATE | CLASS_ORIGIN | SUBCLASS_ORIGIN, …
     * (MySQL 5.7 manual 13.6.7.3): {@code conditionNumber} a literal, or {@code conditionSlot} ≥ 0 a
     * local variable holding it; both null / -1 for statement information.
     */
    record GetDiagnostics(Long conditionNumber, int conditionSlot, List<DiagnosticsItem> items) implements Node {
        boolean statementInformation() {
            return conditionNumber == null && conditionSlot < 0;
        }
    }

    /** One {@code target = item}: a local variable's slot (≥ 0) or a user variable's name. */
    record DiagnosticsItem(int slot, String userVariable, String item) {
    }

    /** SET: each assignment to a local variable, or another assignment run as a SET statement. */
    record SetVariables(List<Assignment> assignments) implements Node {
    }

    /** {@code slot} ≥ 0: a local variable gets {@code value}; else {@code value} is "target = expr". */
    record Assignment(int slot, Fragment value) {
    }

    /** CALL [db.]name(args). */
    record Call(String database, String name, List<Fragment> arguments) implements Node {
    }

    /** RETURN expr (a function's). */
    record Return(Fragment value) implements Node {
    }

    /**
     * Any other statement; a SELECT's INTO targets are local slots (≥ 0) or user variables.
     *
     * @param intoSlots   per INTO target, the local slot or -1 for a user variable
     * @param intoUserVars per INTO target, the user variable's name or null
     */
    record Sql(Fragment statement, boolean select, List<Integer> intoSlots, List<String> intoUserVars)
            implements Node {
    }

    private final StatementText text;
    private final Block root;
    private final List<Variable> variables;
    private final int cursorCount;

    private RoutineBody(StatementText text, Block root, List<Variable> variables, int cursorCount) {
        this.text = text;
        this.root = root;
        this.variables = variables;
        this.cursorCount = cursorCount;
    }

    StatementText text() {
        return text;
    }

    Block root() {
        return root;
    }

    List<Variable> variables() {
        return variables;
    }

    int cursorCount() {
        return cursorCount;
    }

    /** Parses the body of {@code definition}; its parameters take the first slots. */
    static RoutineBody parse(QueryLexer lexer, RoutineDefinition definition) {
        StatementText text = lexer.statement(definition.body());
        Parser p = new Parser(text, definition.function() ? definition.name() : null);
        p.scopes.push(new HashMap<>());
        for (RoutineDefinition.Parameter param : definition.parameters()) p.declare(param.name(), param.type());
        Node node = p.statement();
        if (p.pos < p.sig.size() && p.sig.get(p.pos).isSymbol(";")) p.pos++;
        if (p.pos < p.sig.size()) throw p.syntaxError();
        Block root = node instanceof Block b ? b : new Block(null, List.of(), List.of(), List.of(), List.of(node));
        if (definition.function() && !p.returns) throw ErrorCode.ER_SP_NORETURN.error(definition.name());
        return new RoutineBody(text, root, List.copyOf(p.variables), p.cursors);
    }

    /** Recursive descent over the body's significant tokens. */
    private static final class Parser {
        private static final Set<String> CLAUSE_AFTER_INTO = Set.of("FROM", "WHERE", "GROUP", "HAVING", "ORDER",
                "LIMIT", "FOR", "LOCK", "UNION", "PROCEDURE", "WINDOW");
        private static final Set<String> TABLE_BEFORE = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE", "AS");

        private final StatementText text;
        private final List<Token> sig;
        private final List<Variable> variables = new ArrayList<>();
        private final Deque<Map<String, Integer>> scopes = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> cursorScopes = new ArrayDeque<>();
        private final Deque<Map<String, Condition>> conditionScopes = new ArrayDeque<>();
        /** Labels of the enclosing blocks and loops, innermost first; true for a loop. */
        private final Deque<Map.Entry<String, Boolean>> labels = new ArrayDeque<>();
        /** Statements a stored function may not run (MySQL: 1415 for a result set; here no data changes). */
        private static final Set<String> NOT_IN_FUNCTIONS = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE",
                "DROP", "ALTER", "TRUNCATE", "RENAME", "LOAD", "CALL", "GRANT", "REVOKE", "LOCK", "UNLOCK", "START",
                "BEGIN", "COMMIT", "ROLLBACK", "PREPARE", "EXECUTE", "DEALLOCATE", "FLUSH");

        private int cursors;
        /** The function's name, or null in a procedure. */
        private final String function;
        /** Whether a function's body has a RETURN. */
        boolean returns;
        int pos;

        Parser(StatementText text, String function) {
            this.text = text;
            this.sig = text.significant();
            this.function = function;
        }

        private Token peek() {
            return pos < sig.size() ? sig.get(pos) : null;
        }

        private Token peek(int ahead) {
            return pos + ahead < sig.size() ? sig.get(pos + ahead) : null;
        }

        private boolean at(String word) {
            Token t = peek();
            return t != null && t.is(word) && t.type() == TokenType.WORD;
        }

        private void expect(String word) {
            if (!at(word)) throw syntaxError();
            pos++;
        }

        private boolean accept(String word) {
            if (!at(word)) return false;
            pos++;
            return true;
        }

        SqlError syntaxError() {
            return text.syntaxErrorAt(pos);
        }

        void declare(String name, String type) {
            String key = name.toLowerCase(Locale.ROOT);
            if (scopes.peek().containsKey(key)) throw ErrorCode.ER_SP_DUP_VAR.error(name);
            int slot = variables.size();
            variables.add(new Variable(slot, name, type));
            scopes.peek().put(key, slot);
        }

        private Integer variable(String name) {
            return innermost(scopes, name);
        }

        private Integer cursor(String name) {
            return innermost(cursorScopes, name);
        }

        /** What the innermost scope that declares {@code name} gives it, or null. */
        private static <T> T innermost(Deque<Map<String, T>> scopes, String name) {
            String key = name.toLowerCase(Locale.ROOT);
            for (Map<String, T> scope : scopes) {
                T found = scope.get(key);
                if (found != null) return found;
            }
            return null;
        }

        Node statement() {
            String label = null;
            Token t = peek();
            if (t != null && t.isIdentifier() && peek(1) != null && peek(1).isSymbol(":")) {
                label = t.value();
                pos += 2;
                if (!(at("BEGIN") || at("LOOP") || at("WHILE") || at("REPEAT"))) throw syntaxError();
            }
            if (at("BEGIN")) return block(label);
            if (at("LOOP") || at("WHILE") || at("REPEAT")) return loop(label);
            if (at("IF")) return ifStatement();
            if (at("CASE")) return caseStatement();
            if (at("LEAVE") || at("ITERATE")) return leaveOrIterate();
            if (at("OPEN") || at("CLOSE")) return openOrClose();
            if (at("FETCH")) return fetch();
            if (at("SIGNAL") || at("RESIGNAL")) return signal();
            if (at("GET") && peek(1) != null && (peek(1).is("DIAGNOSTICS") || peek(1).is("CURRENT"))) {
                return getDiagnostics();
            }
            if (at("RETURN")) {
                if (function == null) throw ErrorCode.ER_SP_BADRETURN.error();
                pos++;
                returns = true;
                return new Return(expression(Set.of()));
            }
            if (at("DECLARE")) throw syntaxError();
            if (at("SET") && !isSetTransaction()) return set();
            if (function != null && peek() != null && NOT_IN_FUNCTIONS.contains(peek().upper())) {
                // a function's statements run inside another statement, which the binary log holds
                // whole: one that changed data there would be applied twice by a replica
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error(peek().upper() + " in a stored function");
            }
            if (at("CALL")) return call();
            Node statement = sql();
            if (function != null && statement instanceof Sql q && q.select() && q.intoSlots().isEmpty()) {
                throw ErrorCode.ER_SP_NO_RETSET.error("function");
            }
            return statement;
        }

        private boolean isSetTransaction() {
            Token n = peek(1);
            if (n == null) return false;
            if (n.is("TRANSACTION") || n.is("NAMES") || n.is("CHARACTER") || n.is("CHARSET") || n.is("PASSWORD")) {
                return true;
            }
            return (n.is("GLOBAL") || n.is("SESSION")) && peek(2) != null && peek(2).is("TRANSACTION");
        }

        private Block block(String label) {
            expect("BEGIN");
            scopes.push(new HashMap<>());
            cursorScopes.push(new HashMap<>());
            conditionScopes.push(new HashMap<>());
            labels.push(Map.entry(label == null ? "" : label.toLowerCase(Locale.ROOT), false));
            try {
                List<Declared> declared = new ArrayList<>();
                List<CursorDecl> cursorDecls = new ArrayList<>();
                List<HandlerDecl> handlers = new ArrayList<>();
                // MySQL's order: variables and conditions, then cursors, then handlers, then statements
                while (at("DECLARE")) {
                    Token what = peek(1);
                    Token kind = peek(2);
                    if (what == null || kind == null) throw syntaxError();
                    if (what.is("CONTINUE") || what.is("EXIT") || what.is("UNDO")) {
                        handlers.add(handler());
                    } else if (kind.is("CURSOR")) {
                        if (!handlers.isEmpty()) throw syntaxError();
                        cursorDecls.add(cursorDeclaration());
                    } else if (kind.is("CONDITION")) {
                        condition();
                    } else {
                        if (!handlers.isEmpty() || !cursorDecls.isEmpty()) throw syntaxError();
                        declared.add(variableDeclaration());
                    }
                    endOfStatement();
                }
                List<Node> body = statements("END");
                expect("END");
                endLabel(label);
                return new Block(label, declared, cursorDecls, handlers, body);
            } finally {
                scopes.pop();
                cursorScopes.pop();
                conditionScopes.pop();
                labels.pop();
            }
        }

        private void endLabel(String label) {
            Token t = peek();
            if (t != null && t.isIdentifier() && !t.isSymbol(";")) {
                if (label == null || !t.value().equalsIgnoreCase(label)) {
                    throw ErrorCode.ER_SP_LABEL_MISMATCH.error(t.value());
                }
                pos++;
            }
        }

        /** Statements, each ended by ';', up to one of {@code ends}. */
        private List<Node> statements(String... ends) {
            List<Node> nodes = new ArrayList<>();
            while (true) {
                if (peek() == null) throw syntaxError();
                for (String end : ends) {
                    if (at(end)) return nodes;
                }
                if (at("DECLARE")) throw syntaxError();
                nodes.add(statement());
                endOfStatement();
            }
        }

        private void endOfStatement() {
            if (peek() != null && peek().isSymbol(";")) pos++;
            else throw syntaxError();
        }

        private Declared variableDeclaration() {
            expect("DECLARE");
            List<String> names = new ArrayList<>();
            do {
                Token n = peek();
                if (n == null || !n.isIdentifier()) throw syntaxError();
                names.add(n.value());
                pos++;
            } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            int typeStart = pos;
            while (peek() != null && !at("DEFAULT") && !peek().isSymbol(";")) pos++;
            if (pos == typeStart) throw syntaxError();
            String type = text.source().substring(sig.get(typeStart).start(), sig.get(pos - 1).end());
            Fragment dflt = null;
            if (accept("DEFAULT")) dflt = expression(Set.of());
            // the DEFAULT is evaluated before the names are in scope
            List<Integer> slots = new ArrayList<>();
            for (String n : names) {
                declare(n, type);
                slots.add(variables.size() - 1);
            }
            return new Declared(slots, type, dflt);
        }

        private void condition() {
            expect("DECLARE");
            String name = peek().value();
            pos++;
            expect("CONDITION");
            expect("FOR");
            conditionScopes.peek().put(name.toLowerCase(Locale.ROOT), conditionValue());
        }

        private Condition conditionValue() {
            if (accept("SQLSTATE")) {
                accept("VALUE");
                Token s = peek();
                if (s == null || s.type() != TokenType.STRING) throw syntaxError();
                pos++;
                return new Condition(0, s.value(), ConditionClass.SQLSTATE);
            }
            Token n = peek();
            if (n == null || n.type() != TokenType.NUMBER) throw syntaxError();
            pos++;
            return new Condition(Integer.parseInt(n.text()), null, ConditionClass.ERRNO);
        }

        private CursorDecl cursorDeclaration() {
            expect("DECLARE");
            String name = peek().value();
            pos++;
            expect("CURSOR");
            expect("FOR");
            String key = name.toLowerCase(Locale.ROOT);
            if (cursorScopes.peek().containsKey(key)) throw ErrorCode.ER_SP_DUP_CURS.error(name);
            int start = pos;
            Sql select = (Sql) sql();
            if (!select.select() || !select.intoSlots().isEmpty()) {
                pos = start;
                throw syntaxError();
            }
            int slot = cursors++;
            cursorScopes.peek().put(key, slot);
            return new CursorDecl(slot, name, select.statement());
        }

        private HandlerDecl handler() {
            expect("DECLARE");
            boolean exit = at("EXIT");
            if (at("UNDO")) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("UNDO handlers");
            pos++;
            expect("HANDLER");
            expect("FOR");
            List<Condition> conditions = new ArrayList<>();
            do {
                if (accept("SQLEXCEPTION")) {
                    conditions.add(new Condition(0, null, ConditionClass.SQLEXCEPTION));
                } else if (accept("SQLWARNING")) {
                    conditions.add(new Condition(0, null, ConditionClass.SQLWARNING));
                } else if (at("NOT") && peek(1) != null && peek(1).is("FOUND")) {
                    pos += 2;
                    conditions.add(new Condition(0, null, ConditionClass.NOT_FOUND));
                } else if (at("SQLSTATE") || (peek() != null && peek().type() == TokenType.NUMBER)) {
                    conditions.add(conditionValue());
                } else if (peek() != null && peek().isIdentifier()) {
                    Condition named = innermost(conditionScopes, peek().value());
                    if (named == null) throw ErrorCode.ER_SP_COND_MISMATCH.error(peek().value());
                    pos++;
                    conditions.add(named);
                } else {
                    throw syntaxError();
                }
            } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            Node body = statement();
            return new HandlerDecl(exit, conditions, body);
        }

        private Node loop(String label) {
            String key = label == null ? "" : label.toLowerCase(Locale.ROOT);
            labels.push(Map.entry(key, true));
            try {
                if (accept("LOOP")) {
                    List<Node> body = statements("END");
                    expect("END");
                    expect("LOOP");
                    endLabel(label);
                    return new Loop(label, body);
                }
                if (accept("WHILE")) {
                    Fragment condition = expression(Set.of("DO"));
                    expect("DO");
                    List<Node> body = statements("END");
                    expect("END");
                    expect("WHILE");
                    endLabel(label);
                    return new While(label, condition, body);
                }
                expect("REPEAT");
                List<Node> body = statements("UNTIL");
                expect("UNTIL");
                Fragment until = expression(Set.of("END"));
                expect("END");
                expect("REPEAT");
                endLabel(label);
                return new Repeat(label, body, until);
            } finally {
                labels.pop();
            }
        }

        private Node ifStatement() {
            expect("IF");
            List<Fragment> conditions = new ArrayList<>();
            List<List<Node>> branches = new ArrayList<>();
            conditions.add(expression(Set.of("THEN")));
            expect("THEN");
            branches.add(statements("ELSEIF", "ELSE", "END"));
            List<Node> otherwise = null;
            while (true) {
                if (accept("ELSEIF")) {
                    conditions.add(expression(Set.of("THEN")));
                    expect("THEN");
                    branches.add(statements("ELSEIF", "ELSE", "END"));
                } else if (accept("ELSE")) {
                    otherwise = statements("END");
                } else {
                    expect("END");
                    expect("IF");
                    return new If(conditions, branches, otherwise);
                }
            }
        }

        private Node caseStatement() {
            expect("CASE");
            Fragment operand = at("WHEN") ? null : expression(Set.of("WHEN"));
            List<Fragment> whens = new ArrayList<>();
            List<List<Node>> branches = new ArrayList<>();
            List<Node> otherwise = null;
            while (accept("WHEN")) {
                whens.add(expression(Set.of("THEN")));
                expect("THEN");
                branches.add(statements("WHEN", "ELSE", "END"));
            }
            if (whens.isEmpty()) throw syntaxError();
            if (accept("ELSE")) otherwise = statements("END");
            expect("END");
            expect("CASE");
            return new Case(operand, whens, branches, otherwise);
        }

        private Node leaveOrIterate() {
            boolean leave = at("LEAVE");
            pos++;
            Token t = peek();
            if (t == null || !t.isIdentifier()) throw syntaxError();
            pos++;
            String key = t.value().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Boolean> l : labels) {
                if (l.getKey().equals(key) && (leave || l.getValue())) {
                    return leave ? new Leave(key) : new Iterate(key);
                }
            }
            throw ErrorCode.ER_SP_LILABEL_MISMATCH.error(leave ? "LEAVE" : "ITERATE", t.value());
        }

        private Node openOrClose() {
            boolean open = at("OPEN");
            pos++;
            Token t = peek();
            if (t == null || !t.isIdentifier()) throw syntaxError();
            pos++;
            Integer c = cursor(t.value());
            if (c == null) throw ErrorCode.ER_SP_CURSOR_MISMATCH.error(t.value());
            return open ? new Open(c, t.value()) : new Close(c, t.value());
        }

        private Node fetch() {
            expect("FETCH");
            if (accept("NEXT")) expect("FROM");
            else accept("FROM");
            Token t = peek();
            if (t == null || !t.isIdentifier()) throw syntaxError();
            pos++;
            Integer c = cursor(t.value());
            if (c == null) throw ErrorCode.ER_SP_CURSOR_MISMATCH.error(t.value());
            expect("INTO");
            List<Integer> slots = new ArrayList<>();
            do {
                Token v = peek();
                if (v == null || !v.isIdentifier()) throw syntaxError();
                Integer slot = variable(v.value());
                if (slot == null) throw ErrorCode.ER_SP_UNDECLARED_VAR.error(v.value());
                slots.add(slot);
                pos++;
            } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            return new Fetch(c, t.value(), slots);
        }

        private Node signal() {
            boolean resignal = at("RESIGNAL");
            pos++;
            String state = null;
            Integer errno = null;
            if (accept("SQLSTATE")) {
                accept("VALUE");
                Token s = peek();
                if (s == null || s.type() != TokenType.STRING) throw syntaxError();
                state = s.value();
                pos++;
                if (state.length() != 5 || state.startsWith("00")) {
                    throw ErrorCode.ER_SP_BAD_SQLSTATE.error(state);
                }
            } else if (peek() != null && peek().isIdentifier() && !at("SET")) {
                Condition named = innermost(conditionScopes, peek().value());
                if (named == null) throw ErrorCode.ER_SP_COND_MISMATCH.error(peek().value());
                pos++;
                if (named.kind() == ConditionClass.ERRNO) {
                    if (!resignal) throw ErrorCode.ER_SIGNAL_BAD_CONDITION_TYPE.error();
                    errno = named.errno();
                } else {
                    state = named.sqlState();
                }
            } else if (!resignal) {
                throw syntaxError();
            }
            Fragment message = null;
            Fragment errnoValue = null;
            if (accept("SET")) {
                do {
                    Token item = peek();
                    if (item == null || !item.isIdentifier()) throw syntaxError();
                    pos++;
                    if (peek() == null || !peek().isSymbol("=")) throw syntaxError();
                    pos++;
                    Fragment value = expression(Set.of(","));
                    if (item.is("MESSAGE_TEXT")) message = value;
                    else if (item.is("MYSQL_ERRNO")) errnoValue = value;
                    // the other condition items (CLASS_ORIGIN, …) are not shown by any client
                } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            }
            return new Signal(resignal, state, errno, message, errnoValue);
        }

        private static final Set<String> STATEMENT_ITEMS = Set.of("NUMBER", "ROW_COUNT");
        private static final Set<String> CONDITION_ITEMS = Set.of("MESSAGE_TEXT", "MYSQL_ERRNO", "RETURNED_SQLSTATE",
                "CLASS_ORIGIN", "SUBCLASS_ORIGIN", "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME",
                "CATALOG_NAME", "SCHEMA_NAME", "TABLE_NAME", "COLUMN_NAME", "CURSOR_NAME");

        private Node getDiagnostics() {
            expect("GET");
            if (at("CURRENT")) pos++;
            expect("DIAGNOSTICS");
            Long number = null;
            int numberSlot = -1;
            boolean condition = at("CONDITION");
            if (condition) {
                pos++;
                Token n = peek();
                if (n == null) throw syntaxError();
                if (n.type() == io.minisqld.server.sql.TokenType.NUMBER && n.text().chars().allMatch(Character::isDigit)) {
                    number = Long.parseLong(n.text());
                } else {
                    Integer slot = n.isIdentifier() ? variable(n.value()) : null;
                    if (slot == null) throw syntaxError();
                    numberSlot = slot;
                }
                pos++;
            }
            Set<String> known = condition ? CONDITION_ITEMS : STATEMENT_ITEMS;
            List<DiagnosticsItem> items = new ArrayList<>();
            do {
                Token target = peek();
                if (target == null || peek(1) == null || !peek(1).isSymbol("=") || peek(2) == null) throw syntaxError();
                Token item = peek(2);
                if (!known.contains(item.upper())) throw syntaxError();
                if (target.type() == io.minisqld.server.sql.TokenType.USER_VAR) {
                    items.add(new DiagnosticsItem(-1, target.text().substring(1), item.upper()));
                } else {
                    Integer slot = target.isIdentifier() ? variable(target.value()) : null;
                    if (slot == null) throw ErrorCode.ER_SP_UNDECLARED_VAR.error(target.value());
                    items.add(new DiagnosticsItem(slot, null, item.upper()));
                }
                pos += 3;
            } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            return new GetDiagnostics(number, numberSlot, items);
        }

        private Node set() {
            expect("SET");
            List<Assignment> assignments = new ArrayList<>();
            do {
                Token target = peek();
                if (target == null) throw syntaxError();
                Integer slot = target.isIdentifier() && peek(1) != null
                        && (peek(1).isSymbol("=") || peek(1).isSymbol(":=")) ? variable(target.value()) : null;
                if (slot != null) {
                    pos += 2;
                    assignments.add(new Assignment(slot, expression(Set.of(","))));
                } else {
                    assignments.add(new Assignment(-1, expression(Set.of(","))));
                }
            } while (peek() != null && peek().isSymbol(",") && pos++ >= 0);
            return new SetVariables(assignments);
        }

        private Node call() {
            expect("CALL");
            Token first = peek();
            if (first == null || !first.isIdentifier()) throw syntaxError();
            pos++;
            String db = null;
            String name = first.value();
            if (peek() != null && peek().isSymbol(".")) {
                pos++;
                Token n = peek();
                if (n == null || !n.isIdentifier()) throw syntaxError();
                pos++;
                db = name;
                name = n.value();
            }
            List<Fragment> args = new ArrayList<>();
            if (peek() != null && peek().isSymbol("(")) {
                pos++;
                if (peek() != null && peek().isSymbol(")")) {
                    pos++;
                } else {
                    while (true) {
                        args.add(expression(Set.of(",", ")")));
                        Token t = peek();
                        if (t == null) throw syntaxError();
                        pos++;
                        if (t.isSymbol(")")) break;
                    }
                }
            }
            return new Call(db, name, args);
        }

        /**
         * Tokens up to (not including) one of {@code ends} at depth 0 (a word, or "," / ")"), or
         * the statement's ';'. CASE … END inside the expression is skipped over.
         */
        private Fragment expression(Set<String> ends) {
            int start = pos;
            int depth = 0;
            while (pos < sig.size()) {
                Token t = sig.get(pos);
                if (depth == 0 && t.isSymbol(";")) break;
                if (depth == 0 && t.type() == TokenType.WORD && ends.contains(t.upper())) break;
                if (depth == 0 && t.type() == TokenType.SYMBOL && ends.contains(t.text())) break;
                if (t.isSymbol("(") || (t.is("CASE") && t.type() == TokenType.WORD)) depth++;
                else if (t.isSymbol(")") || (t.is("END") && t.type() == TokenType.WORD)) depth--;
                if (depth < 0) break;
                pos++;
            }
            if (pos == start) throw syntaxError();
            return fragment(start, pos, -1, -1);
        }

        /** A statement the statement layer runs, up to its ';'. */
        private Node sql() {
            int start = pos;
            int depth = 0;
            int intoAt = -1;
            int intoEnd = -1;
            List<Integer> intoSlots = new ArrayList<>();
            List<String> intoUser = new ArrayList<>();
            boolean select = at("SELECT") || (peek() != null && peek().isSymbol("("));
            while (pos < sig.size() && !(depth == 0 && sig.get(pos).isSymbol(";"))) {
                Token t = sig.get(pos);
                if (t.isSymbol("(")) depth++;
                else if (t.isSymbol(")")) depth--;
                else if (select && depth == 0 && t.is("INTO") && t.type() == TokenType.WORD && intoAt < 0
                        && !(peek(1) != null && (peek(1).is("OUTFILE") || peek(1).is("DUMPFILE")))) {
                    intoAt = pos;
                    pos++;
                    while (true) {
                        Token v = peek();
                        if (v == null) throw syntaxError();
                        if (v.type() == TokenType.USER_VAR) {
                            intoSlots.add(-1);
                            intoUser.add(v.value());
                        } else if (v.isIdentifier()) {
                            Integer slot = variable(v.value());
                            if (slot == null) throw ErrorCode.ER_SP_UNDECLARED_VAR.error(v.value());
                            intoSlots.add(slot);
                            intoUser.add(null);
                        } else {
                            throw syntaxError();
                        }
                        pos++;
                        if (peek() != null && peek().isSymbol(",")) {
                            pos++;
                            continue;
                        }
                        break;
                    }
                    intoEnd = pos;
                    Token next = peek();
                    if (next != null && !next.isSymbol(";") && !CLAUSE_AFTER_INTO.contains(next.upper())) {
                        throw syntaxError();
                    }
                    continue;
                }
                pos++;
            }
            if (pos == start) throw syntaxError();
            return new Sql(fragment(start, pos, intoAt, intoEnd), select, intoSlots, intoUser);
        }

        /** Significant tokens [from, to) as a fragment with its variable references resolved. */
        private Fragment fragment(int from, int to, int cutFrom, int cutTo) {
            List<Ref> refs = new ArrayList<>();
            boolean insert = from < to && (sig.get(from).is("INSERT") || sig.get(from).is("REPLACE"));
            boolean update = from < to && sig.get(from).is("UPDATE");
            int columnListStart = -1;
            int columnListEnd = -1;
            if (insert) {
                int k = from + 1;
                while (k < to && (sig.get(k).is("INTO") || sig.get(k).is("IGNORE") || sig.get(k).is("LOW_PRIORITY")
                        || sig.get(k).is("DELAYED") || sig.get(k).is("HIGH_PRIORITY"))) {
                    k++;
                }
                k++;
                if (k + 1 < to && sig.get(k).isSymbol(".")) k += 2;
                if (k < to && sig.get(k).isSymbol("(")) {
                    columnListStart = k;
                    int depth = 0;
                    for (int j = k; j < to; j++) {
                        if (sig.get(j).isSymbol("(")) depth++;
                        else if (sig.get(j).isSymbol(")") && --depth == 0) {
                            columnListEnd = j;
                            break;
                        }
                    }
                }
            }
            boolean assignments = update;
            for (int k = from; k < to; k++) {
                if (cutFrom >= 0 && k >= cutFrom && k < cutTo) continue;
                Token t = sig.get(k);
                if (insert && t.is("DUPLICATE")) assignments = true;
                if (!(t.type() == TokenType.WORD || t.type() == TokenType.QUOTED_IDENT)) continue;
                if (k > columnListStart && k < columnListEnd) continue;
                Integer slot = variable(t.value());
                if (slot == null) continue;
                Token prev = k > from ? sig.get(k - 1) : null;
                Token next = k + 1 < to ? sig.get(k + 1) : null;
                if (prev != null && (prev.isSymbol(".") || (prev.type() == TokenType.WORD
                        && TABLE_BEFORE.contains(prev.upper())))) {
                    continue;
                }
                if (next != null && (next.isSymbol(".") || next.isSymbol("("))) continue;
                if (assignments && next != null && next.isSymbol("=") && prev != null
                        && (prev.is("SET") || prev.isSymbol(",") || prev.is("UPDATE"))) {
                    continue;
                }
                refs.add(new Ref(text.tokenIndex(k), slot));
            }
            int fromToken = text.tokenIndex(from);
            int toToken = to < sig.size() ? text.tokenIndex(to) : text.tokenIndex(sig.size() - 1) + 1;
            int cutFromToken = cutFrom < 0 ? -1 : text.tokenIndex(cutFrom);
            int cutToToken = cutFrom < 0 ? -1 : (cutTo < sig.size() ? text.tokenIndex(cutTo)
                    : text.tokenIndex(sig.size() - 1) + 1);
            return new Fragment(fromToken, toToken, List.copyOf(refs), cutFromToken, cutToToken);
        }
    }
}
