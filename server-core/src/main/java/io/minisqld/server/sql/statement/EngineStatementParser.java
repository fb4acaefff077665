package io.minisqld.server.sql.statement;

import io.minisqld.server.grant.Privilege;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what the server must know of a statement the engine runs: its kind, whether it commits
 * implicitly or is logged in the transaction, the tables it names and its parameter markers. A
 * coarse reading of the statement: enough for MySQL's common cases, not a full resolver.
 */
final class EngineStatementParser {
    /** Statements after which MySQL 5.7 commits implicitly (and before which it commits the open transaction). */
    private static final Set<String> IMPLICIT_COMMIT = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE",
            "GRANT", "REVOKE", "LOCK", "UNLOCK", "ANALYZE", "OPTIMIZE", "REPAIR", "CHECK");

    /** Statements written into the open transaction's binlog cache (statement-based logging). */
    private static final Set<String> LOGGED_IN_TRANSACTION = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE",
            "SAVEPOINT", "RELEASE", "ROLLBACK", "LOAD");

    /** The words after which a statement names a table. */
    private static final Set<String> TABLE_INTRODUCERS = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE");

    private EngineStatementParser() {
    }

    static EngineStatement parse(StatementText text, String currentDatabase) {
        List<Token> sig = text.significant();
        Token first = sig.get(0);
        String verb = first.type() == TokenType.WORD ? first.upper() : "";
        String second = sig.size() > 1 && sig.get(1).type() == TokenType.WORD ? sig.get(1).upper() : "";
        List<Integer> markers = new ArrayList<>();
        for (int i = 0; i < text.tokens().size(); i++) {
            if (text.tokens().get(i).type() == TokenType.PARAM) markers.add(i);
        }
        MultiTableChange multi = MultiTableParser.parse(text, currentDatabase);
        if (multi != null) {
            return new EngineStatement(Spans.whole(text), verb, multi.delete() ? StatementKind.DELETE_MULTI
                    : StatementKind.UPDATE_MULTI, false, true, multi.tables(), markers, null, multi);
        }
        // CREATE / DROP TEMPORARY TABLE leave the open transaction open (MySQL 5.7's ALTER, TRUNCATE
        // and CREATE INDEX of a temporary table still commit it)
        boolean implicitCommit = IMPLICIT_COMMIT.contains(verb) && !EngineStatement.temporaryTableDdl(sig);
        return new EngineStatement(Spans.whole(text), verb, kind(sig, verb, second), implicitCommit,
                LOGGED_IN_TRANSACTION.contains(verb), tables(sig, verb, second), markers, ColumnValues.of(text), null);
    }

    private static StatementKind kind(List<Token> sig, String verb, String second) {
        return switch (verb) {
            case "SELECT" -> StatementKind.SELECT;
            case "DO" -> StatementKind.DO;
            case "INSERT" -> hasSelect(sig) ? StatementKind.INSERT_SELECT : StatementKind.INSERT;
            case "REPLACE" -> hasSelect(sig) ? StatementKind.REPLACE_SELECT : StatementKind.REPLACE;
            case "UPDATE" -> StatementKind.UPDATE;
            case "DELETE" -> StatementKind.DELETE;
            case "TRUNCATE" -> StatementKind.TRUNCATE;
            case "RENAME" -> StatementKind.RENAME_TABLE;
            case "CREATE", "DROP", "ALTER" -> switch (second) {
                case "TABLE", "TEMPORARY" -> verb.equals("CREATE") ? StatementKind.CREATE_TABLE
                        : verb.equals("DROP") ? StatementKind.DROP_TABLE : StatementKind.ALTER_TABLE;
                case "INDEX", "UNIQUE" -> verb.equals("CREATE") ? StatementKind.CREATE_INDEX
                        : verb.equals("DROP") ? StatementKind.DROP_INDEX : StatementKind.OTHER_ENGINE;
                case "VIEW" -> verb.equals("CREATE") ? StatementKind.CREATE_VIEW
                        : verb.equals("DROP") ? StatementKind.DROP_VIEW : StatementKind.OTHER_ENGINE;
                default -> StatementKind.OTHER_ENGINE;
            };
            default -> StatementKind.OTHER_ENGINE;
        };
    }

    private static boolean hasSelect(List<Token> sig) {
        for (Token t : sig) {
            if (t.is("SELECT")) return true;
        }
        return false;
    }

    /**
     * The tables the statement names and the privilege each needs (MySQL 5.7's prechecks of
     * sql_parse.cc): the tables named after FROM, JOIN, INTO, UPDATE or TABLE need the statement's
     * privilege, except those read by FROM or JOIN, which need SELECT (in DELETE only those after
     * a SELECT); REPLACE needs DELETE as well as INSERT. The DDL whose object is named otherwise:
     * CREATE / DROP INDEX … ON t (INDEX on t), CREATE TRIGGER … ON t (TRIGGER on t, and nothing
     * for the statements of its body), CREATE [OR REPLACE] / ALTER VIEW v (CREATE VIEW on v, DROP
     * too when it may replace one, SELECT on what it reads), DROP VIEW (DROP) and RENAME TABLE.
     */
    private static List<TableRef> tables(List<Token> sig, String verb, String second) {
        Privilege priv = switch (verb) {
            case "SELECT" -> Privilege.SELECT;
            case "INSERT", "REPLACE" -> Privilege.INSERT;
            case "UPDATE" -> Privilege.UPDATE;
            case "DELETE" -> Privilege.DELETE;
            case "CREATE" -> Privilege.CREATE;
            case "DROP", "TRUNCATE" -> Privilege.DROP;
            case "ALTER" -> Privilege.ALTER;
            case "RENAME" -> Privilege.ALTER;
            default -> null;
        };
        if (priv == null) return List.of();
        List<TableRef> out = new ArrayList<>();
        if (verb.equals("RENAME")) {
            // RENAME TABLE a TO b, …: ALTER and DROP on each old name, CREATE and INSERT on each new one
            int j = 2;
            while (j < sig.size()) {
                int to = names(sig, j, out, Privilege.ALTER, Privilege.DROP);
                if (to == j || to >= sig.size() || !sig.get(to).is("TO")) break;
                j = names(sig, to + 1, out, Privilege.CREATE, Privilege.INSERT);
                if (j < sig.size() && sig.get(j).isSymbol(",")) j++;
                else break;
            }
            return out;
        }
        if (verb.equals("CREATE") || verb.equals("DROP") || verb.equals("ALTER")) {
            int object = objectKeyword(sig);
            String what = object < 0 ? "" : sig.get(object).upper();
            switch (what) {
                case "INDEX" -> {
                    int on = find(sig, "ON", object);
                    if (on > 0) name(sig, on + 1, Privilege.INDEX, out);
                    return out;
                }
                case "TRIGGER" -> {
                    // DROP TRIGGER names no table: not checked here
                    int on = verb.equals("CREATE") ? find(sig, "ON", object) : -1;
                    if (on > 0) name(sig, on + 1, Privilege.TRIGGER, out);
                    // what the body does, for its definer (the creator): MySQL checks it when the
                    // trigger fires; here when it is made (docs/compatibility.md, Privileges)
                    int row = find(sig, "ROW", on > 0 ? on : object);
                    if (on > 0 && row > 0 && sig.get(row - 1).is("EACH")) bodyTables(sig.subList(row + 1, sig.size()), out);
                    return out;
                }
                case "VIEW" -> {
                    int j = skipIfExists(sig, object + 1);
                    if (verb.equals("DROP")) {
                        while (j < sig.size()) {
                            j = name(sig, j, Privilege.DROP, out);
                            if (j < sig.size() && sig.get(j).isSymbol(",")) j++;
                            else break;
                        }
                        return out;
                    }
                    boolean replaces = verb.equals("ALTER") || (sig.size() > 2 && sig.get(1).is("OR"));
                    name(sig, j, Privilege.CREATE_VIEW, out);
                    if (replaces) name(sig, j, Privilege.DROP, out);
                    readTables(sig, object + 1, Privilege.SELECT, out);
                    return out;
                }
                default -> { }
            }
        }
        readTables(sig, 0, priv, out);
        if (verb.equals("CREATE") && !out.isEmpty() && out.get(0).needed() == Privilege.CREATE) {
            // CREATE TABLE t … SELECT writes rows: INSERT on t too; CREATE TABLE t LIKE s reads s's definition: SELECT on s
            TableRef created = out.get(0);
            if (sig.size() > 1 && sig.get(1).is("TEMPORARY")) {
                // CREATE TEMPORARY TABLE needs CREATE TEMPORARY TABLES, and nothing more on the new table
                out.set(0, new TableRef(created.database(), created.table(), Privilege.CREATE_TEMPORARY_TABLES));
                int like = find(sig, "LIKE", 1);
                if (like > 0) name(sig, like + 1, Privilege.SELECT, out);
                return out;
            }
            for (Token t : sig) {
                if (t.is("SELECT")) {
                    out.add(1, new TableRef(created.database(), created.table(), Privilege.INSERT));
                    break;
                }
            }
            int like = find(sig, "LIKE", 1);
            if (like > 0) name(sig, like + 1, Privilege.SELECT, out);
        }
        if (verb.equals("REPLACE")) {
            // REPLACE deletes the rows it replaces: DELETE on the table written, after INSERT
            List<TableRef> withDelete = new ArrayList<>();
            for (TableRef t : out) {
                withDelete.add(t);
                if (t.needed() == Privilege.INSERT) withDelete.add(new TableRef(t.database(), t.table(), Privilege.DELETE));
            }
            return withDelete;
        }
        return out;
    }

    /**
     * The tables a trigger's (or routine's) body reads and writes: each INSERT, REPLACE, UPDATE,
     * DELETE and SELECT up to its statement's end, as that statement alone would name them.
     */
    private static void bodyTables(List<Token> body, List<TableRef> out) {
        for (int j = 0; j < body.size(); j++) {
            Token t = body.get(j);
            if (!(t.is("INSERT") || t.is("REPLACE") || t.is("UPDATE") || t.is("DELETE") || t.is("SELECT"))) continue;
            // ON DUPLICATE KEY UPDATE, FOR UPDATE, LOCK IN SHARE MODE: no statement of their own
            if (j > 0 && (body.get(j - 1).is("KEY") || body.get(j - 1).is("FOR"))) continue;
            int end = j + 1;
            while (end < body.size() && !body.get(end).isSymbol(";")) end++;
            List<Token> statement = body.subList(j, end);
            String second = statement.size() > 1 ? statement.get(1).upper() : "";
            for (TableRef r : tables(statement, t.upper(), second)) {
                // NEW and OLD are the row, not tables
                if (r.database() == null && (r.table().equalsIgnoreCase("NEW") || r.table().equalsIgnoreCase("OLD"))) {
                    continue;
                }
                out.add(r);
            }
        }
    }

    /** The tables after the introducers from {@code from} on; those read (FROM, JOIN, after a SELECT) need SELECT. */
    private static void readTables(List<Token> sig, int from, Privilege priv, List<TableRef> out) {
        boolean reading = priv == Privilege.SELECT;
        for (int i = from; i < sig.size() - 1; i++) {
            Token t = sig.get(i);
            if (i > 0 && t.is("SELECT")) reading = true;
            // TRUNCATE t: MySQL's TABLE is optional
            boolean truncated = i == 0 && t.is("TRUNCATE") && !sig.get(1).is("TABLE");
            if (!truncated && (t.type() != TokenType.WORD || !TABLE_INTRODUCERS.contains(t.upper()))) continue;
            int j = i + 1;
            while (j < sig.size() && (sig.get(j).is("IF") || sig.get(j).is("NOT") || sig.get(j).is("EXISTS")
                    || sig.get(j).is("LOW_PRIORITY") || sig.get(j).is("IGNORE"))) {
                j++;
            }
            if (j >= sig.size() || !sig.get(j).isIdentifier()) continue;
            // SELECT … INTO OUTFILE | DUMPFILE 'file' names a file, not a table
            if (t.is("INTO") && (sig.get(j).is("OUTFILE") || sig.get(j).is("DUMPFILE"))) continue;
            boolean read = (t.is("FROM") || t.is("JOIN")) && (reading || priv != Privilege.DELETE);
            name(sig, j, read ? Privilege.SELECT : priv, out);
        }
    }

    /**
     * The index of the word naming what a CREATE / DROP / ALTER makes (TABLE, INDEX, VIEW,
     * TRIGGER, …), past OR REPLACE, UNIQUE, ALGORITHM = x, DEFINER = u, SQL SECURITY x; or -1.
     */
    private static int objectKeyword(List<Token> sig) {
        for (int k = 1; k < Math.min(sig.size(), 16); k++) {
            Token t = sig.get(k);
            if (t.is("INDEX") || t.is("VIEW") || t.is("TRIGGER") || t.is("TABLE")) return k;
            if (t.isSymbol("(")) return -1;
        }
        return -1;
    }

    private static int find(List<Token> sig, String word, int from) {
        for (int k = from; k < sig.size(); k++) {
            if (sig.get(k).is(word)) return k;
        }
        return -1;
    }

    private static int skipIfExists(List<Token> sig, int j) {
        while (j < sig.size() && (sig.get(j).is("IF") || sig.get(j).is("NOT") || sig.get(j).is("EXISTS"))) j++;
        return j;
    }

    /** The [db.]name at {@code j} needing each of {@code needed}; the index after it. */
    private static int names(List<Token> sig, int j, List<TableRef> out, Privilege... needed) {
        int after = j;
        for (Privilege p : needed) after = name(sig, j, p, out);
        return after;
    }

    /** The [db.]name at {@code j} needing {@code needed}; the index after it. */
    private static int name(List<Token> sig, int j, Privilege needed, List<TableRef> out) {
        if (j >= sig.size() || !sig.get(j).isIdentifier()) return j;
        String db = null;
        String table = sig.get(j).value();
        if (j + 2 < sig.size() && sig.get(j + 1).isSymbol(".") && sig.get(j + 2).isIdentifier()) {
            db = table;
            table = sig.get(j + 2).value();
            j += 2;
        }
        out.add(new TableRef(db, table, needed));
        return j + 1;
    }
}
