package io.minisqld.server.sql.statement;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import java.util.List;

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
        return EngineStatementParser.parse(text, currentDatabase);
    }

    /** ROLLBACK [WORK] TO [SAVEPOINT] name is the engine's. */
    private static boolean rollbackTo(List<Token> t) {
        return t.size() > 1 && (t.get(1).is("TO") || (t.size() > 2 && t.get(2).is("TO")));
    }
}
