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
        return new EngineStatement(Spans.whole(text), verb, kind(sig, verb, second), IMPLICIT_COMMIT.contains(verb),
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
     * The tables named after FROM, JOIN, INTO, UPDATE or TABLE, each needing the statement's
     * privilege (SELECT where read by FROM in anything but DELETE).
     */
    private static List<TableRef> tables(List<Token> sig, String verb, String second) {
        Privilege priv = switch (verb) {
            case "SELECT" -> Privilege.SELECT;
            case "INSERT", "REPLACE" -> Privilege.INSERT;
            case "UPDATE" -> Privilege.UPDATE;
            case "DELETE" -> Privilege.DELETE;
            case "CREATE" -> second.equals("INDEX") || second.equals("UNIQUE") ? Privilege.INDEX : Privilege.CREATE;
            case "DROP", "TRUNCATE" -> Privilege.DROP;
            case "ALTER" -> Privilege.ALTER;
            default -> null;
        };
        if (priv == null) return List.of();
        List<TableRef> out = new ArrayList<>();
        for (int i = 0; i < sig.size() - 1; i++) {
            Token t = sig.get(i);
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
            String db = null;
            String table = sig.get(j).value();
            if (j + 2 < sig.size() && sig.get(j + 1).isSymbol(".") && sig.get(j + 2).isIdentifier()) {
                db = table;
                table = sig.get(j + 2).value();
            }
            Privilege needed = t.is("FROM") && priv != Privilege.DELETE ? Privilege.SELECT : priv;
            out.add(new TableRef(db, table, needed));
        }
        return out;
    }
}
