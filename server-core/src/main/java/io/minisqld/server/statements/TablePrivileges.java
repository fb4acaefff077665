package io.minisqld.server.statements;

import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.auth.Privilege;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.Token;
import java.util.List;
import java.util.Set;

/**
 * Table privilege checks for statements that go to the engine: the tables a statement names
 * after FROM, JOIN, INTO, UPDATE or TABLE need the statement's privilege, else 1142
 * ("SELECT command denied to user 'u'@'h' for table 't'"). A coarse reading of the statement:
 * enough for MySQL's common cases, not a full resolver.
 */
final class TablePrivileges {
    private static final Set<String> TABLE_INTRODUCERS = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE");

    private TablePrivileges() {
    }

    static void check(AccountStore accounts, Session s, List<Token> tokens, String kw) {
        if (s.account().internal()) return;
        Privilege priv = switch (kw) {
            case "SELECT" -> Privilege.SELECT;
            case "INSERT", "REPLACE" -> Privilege.INSERT;
            case "UPDATE" -> Privilege.UPDATE;
            case "DELETE" -> Privilege.DELETE;
            case "CREATE" -> Privilege.CREATE;
            case "DROP", "TRUNCATE" -> Privilege.DROP;
            case "ALTER" -> Privilege.ALTER;
            default -> null;
        };
        if (priv == null) return;
        if (kw.equals("CREATE") && tokens.size() > 1 && (tokens.get(1).is("INDEX") || tokens.get(1).is("UNIQUE"))) {
            priv = Privilege.INDEX;
        }
        for (int i = 0; i < tokens.size() - 1; i++) {
            Token t = tokens.get(i);
            if (!TABLE_INTRODUCERS.contains(t.upper()) || t.type() != io.minisqld.server.sql.TokenType.WORD) continue;
            int j = i + 1;
            while (j < tokens.size() && (tokens.get(j).is("IF") || tokens.get(j).is("NOT") || tokens.get(j).is("EXISTS"))) j++;
            if (j >= tokens.size() || !tokens.get(j).isIdentifier()) continue;
            String db = s.database();
            String table = tokens.get(j).value();
            if (j + 2 < tokens.size() && tokens.get(j + 1).isSymbol(".") && tokens.get(j + 2).isIdentifier()) {
                db = table;
                table = tokens.get(j + 2).value();
            }
            if (db == null || db.equalsIgnoreCase("information_schema")) continue;
            Privilege needed = t.is("FROM") && priv != Privilege.DELETE ? Privilege.SELECT : priv;
            if (!accounts.has(s.account(), needed, db, table)) {
                throw ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error(needed.commandName(), s.user(),
                        s.account().clientHost(), table);
            }
        }
    }
}
