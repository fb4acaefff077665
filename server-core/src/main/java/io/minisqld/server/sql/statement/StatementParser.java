package io.minisqld.server.sql.statement;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import java.util.List;
import java.util.Set;

/**
 * Turns one lexed statement into its {@link Statement}: the first words choose the family, whose
 * small parser reads the rest. What the server does not execute itself is an
 * {@link EngineStatement}.
 */
public final class StatementParser {
    private StatementParser() {
    }

    /**
     * Parses one statement.
     *
     * @param currentDatabase the session's database, which account statements resolve {@code ON tbl} with
     * @throws io.minisqld.server.error.SqlError 1065 for an empty statement, 1064 for bad syntax
     */
    public static Statement parse(StatementText text, String currentDatabase) {
        List<Token> t = text.significant();
        if (t.isEmpty()) throw ErrorCode.ER_EMPTY_QUERY.error();
        if (PluginParser.handles(t)) return PluginParser.parse(text);
        if (ReplicaParser.handles(t)) return ReplicaParser.parse(text);
        if (PreparedSqlParser.handles(t)) return PreparedSqlParser.parse(text);
        if (RoutineParser.handles(t)) return RoutineParser.parse(text);
        Token first = t.get(0);
        String second = t.size() > 1 && t.get(1).type() == io.minisqld.server.sql.TokenType.WORD ? t.get(1).upper() : "";
        if (AccountParser.isAccountStatement(t) && !first.is("FLUSH")) {
            return AccountParser.parse(text, currentDatabase);
        }
        if (first.is("SET")) return SetParser.parse(text);
        if (first.is("SHOW")) return ShowParser.parse(text);
        if (ShowParser.isDescribe(t)) return ShowParser.describe(text);
        if (first.is("LOCK") || first.is("UNLOCK")) return AdminParser.parse(text);
        if (AdminParser.isTableMaintenance(t)) return AdminParser.tableMaintenance(text);
        if (first.is("LOAD") && t.size() > 1 && t.get(1).is("DATA")) return AdminParser.loadData(text);
        if (first.is("USE") || first.is("BEGIN") || first.is("COMMIT") || first.is("KILL") || first.is("FLUSH")
                || first.is("SHUTDOWN") || first.is("PURGE") || first.is("BINLOG")
                || (first.is("ROLLBACK") && !rollbackTo(t))
                || (first.is("START") && second.equals("TRANSACTION"))
                || (first.is("RESET") && second.equals("MASTER"))
                || ((first.is("CREATE") || first.is("DROP")) && (second.equals("DATABASE") || second.equals("SCHEMA")))) {
            return AdminParser.parse(text);
        }
        if (first.is("GET") && (second.equals("DIAGNOSTICS") || second.equals("CURRENT"))) {
            return AdminParser.getDiagnostics(text);
        }
        refuseEngineOnly(text, t);
        return EngineStatementParser.parse(text, currentDatabase);
    }

    /** The statements MySQL 5.7 has that the engine runs, by their first word. */
    private static final Set<String> ENGINE_VERBS = Set.of("SELECT", "INSERT", "REPLACE", "UPDATE", "DELETE", "DO",
            "WITH", "(", "TRUNCATE", "RENAME", "SAVEPOINT", "RELEASE", "ROLLBACK", "EXPLAIN", "DESCRIBE", "DESC",
            "CREATE", "ALTER", "DROP", "CALL", "HANDLER", "XA", "GET", "SIGNAL", "RESIGNAL", "CACHE", "CHECKSUM");

    /** What MySQL 5.7 creates, alters or drops (the word after CREATE, ALTER or DROP). */
    private static final Set<String> DDL_OBJECTS = Set.of("TABLE", "TEMPORARY", "INDEX", "UNIQUE", "FULLTEXT",
            "SPATIAL", "VIEW", "OR", "ALGORITHM", "DEFINER", "SQL", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT",
            "DATABASE", "SCHEMA", "USER", "SERVER", "TABLESPACE", "LOGFILE", "INSTANCE", "ONLINE", "OFFLINE",
            "IGNORE", "AGGREGATE", "PREPARE");

    /**
     * The engine's own statements are none of MySQL's: {@code SCRIPT TO}, {@code RUNSCRIPT}, {@code
     * BACKUP}, {@code MERGE}, {@code COMMENT ON}, {@code CREATE ALIAS}, {@code CREATE LINKED TABLE},
     * {@code DROP ALL OBJECTS} would write or read the server's files, run Java methods, connect
     * elsewhere or drop every database. They are 1064 here, as on MySQL.
     */
    private static void refuseEngineOnly(StatementText text, List<Token> t) {
        Token first = t.get(0);
        String verb = first.type() == io.minisqld.server.sql.TokenType.WORD ? first.upper() : first.text();
        if (!ENGINE_VERBS.contains(verb)) throw text.syntaxErrorAt(0);
        if ((verb.equals("CREATE") || verb.equals("ALTER") || verb.equals("DROP"))
                && (t.size() < 2 || t.get(1).type() != io.minisqld.server.sql.TokenType.WORD
                || !DDL_OBJECTS.contains(t.get(1).upper()))) {
            throw text.syntaxErrorAt(1);
        }
    }

    /** ROLLBACK [WORK] TO [SAVEPOINT] name is the engine's. */
    private static boolean rollbackTo(List<Token> t) {
        return t.size() > 1 && (t.get(1).is("TO") || (t.size() > 2 && t.get(2).is("TO")));
    }
}
