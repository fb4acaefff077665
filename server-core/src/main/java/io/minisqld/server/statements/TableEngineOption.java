package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.StatementKind;
import io.minisqld.server.variables.StorageEngines;
import java.util.List;

/**
 * {@code ENGINE = name} in CREATE TABLE and ALTER TABLE, as MySQL 5.7 treats it on a server whose
 * only engine is InnoDB and whose other engines are in disabled_storage_engines
 * ({@link StorageEngines}): a name MySQL does not know is 1286, an error under
 * NO_ENGINE_SUBSTITUTION and a warning otherwise; another engine MySQL knows is 3161 under
 * NO_ENGINE_SUBSTITUTION and otherwise InnoDB with warning 1266. The table is always InnoDB, and
 * SHOW CREATE TABLE says so.
 */
final class TableEngineOption {
    private TableEngineOption() {
    }

    static void check(Session s, EngineStatement st) {
        if (st.kind() != StatementKind.CREATE_TABLE && st.kind() != StatementKind.ALTER_TABLE) return;
        List<Token> tokens = st.text().tokens();
        List<Integer> top = TopLevelTokens.of(tokens);
        for (int k = 0; k + 1 < top.size(); k++) {
            if (!tokens.get(top.get(k)).is("ENGINE")) continue;
            int n = k + 1;
            if (tokens.get(top.get(n)).isSymbol("=") && n + 1 < top.size()) n++;
            String name = tokens.get(top.get(n)).value();
            String engine = StorageEngines.mysqlName(name);
            boolean noSubstitution = s.variables().string("sql_mode").contains("NO_ENGINE_SUBSTITUTION");
            if (engine == null) {
                if (noSubstitution) throw ErrorCode.ER_UNKNOWN_STORAGE_ENGINE.error(name);
                s.warn(ErrorCode.ER_UNKNOWN_STORAGE_ENGINE, name);
            } else if (!engine.equals(StorageEngines.INNODB)) {
                if (noSubstitution) throw ErrorCode.ER_DISABLED_STORAGE_ENGINE.error(engine);
                s.warn(ErrorCode.ER_WARN_USING_OTHER_HANDLER, StorageEngines.INNODB, tableName(st));
            }
            return;
        }
    }

    /** The table the statement creates or alters, as the warning names it. */
    private static String tableName(EngineStatement st) {
        return st.tables().isEmpty() ? "" : st.tables().get(0).table();
    }
}
