package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.EngineSession.EngineResult;
import io.minisqld.server.engine.EngineSession.Update;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A table statement aimed at a view, or DROP VIEW aimed at a table, refused as MySQL 5.7 refuses
 * them (the engine altered, indexed and dropped a view as a table, and DROP TABLE v dropped the
 * view): ALTER TABLE and CREATE INDEX on a view are 1347 "'db.v' is not BASE TABLE"; DROP TABLE
 * counts a view as no table (1051 "Unknown table 'db.v'", a note with IF EXISTS, the view kept);
 * DROP VIEW of a table is 1347 "'db.t' is not VIEW" (a note 1051 with IF EXISTS, the table kept),
 * and of nothing 1051.
 */
final class ViewTargets {
    private static final QueryLexer LEXER = new QueryLexer();

    private final H2EngineSession session;

    ViewTargets(H2EngineSession session) {
        this.session = session;
    }

    /** Null to run the statement as it is; else its result, after its refusal has been thrown. */
    EngineResult check(List<Token> sig, EngineQuery query) {
        if (sig.size() < 3) return null;
        if (sig.get(0).is("ALTER")) {
            int k = 1;
            while (k < sig.size() && (sig.get(k).is("ONLINE") || sig.get(k).is("OFFLINE") || sig.get(k).is("IGNORE"))) k++;
            if (k < sig.size() && sig.get(k).is("TABLE")) baseTableOnly(sig, k + 1);
            return null;
        }
        if (sig.get(0).is("CREATE")) {
            int k = 1;
            if (sig.get(k).is("UNIQUE") || sig.get(k).is("FULLTEXT") || sig.get(k).is("SPATIAL")) k++;
            if (!sig.get(k).is("INDEX")) return null;
            while (k < sig.size() && !sig.get(k).is("ON")) k++;
            baseTableOnly(sig, k + 1);
            return null;
        }
        if (sig.get(0).is("DROP") && (sig.get(1).is("TABLE") || sig.get(1).is("VIEW"))) {
            return drop(sig, query, sig.get(1).is("VIEW"));
        }
        return null;
    }

    /** 1347 when the [db.]name at sig index {@code k} is a view. */
    private void baseTableOnly(List<Token> sig, int k) {
        String[] name = TableStatements.qualifiedName(sig, k);
        if (name == null) return;
        TableInfo info = described(name[0], name[1]);
        if (info != null && info.view()) {
            throw ErrorCode.ER_WRONG_OBJECT.error(database(name[0]), name[1], "BASE TABLE");
        }
    }

    private EngineResult drop(List<Token> sig, EngineQuery query, boolean views) {
        int k = 2;
        boolean ifExists = k + 1 < sig.size() && sig.get(k).is("IF") && sig.get(k + 1).is("EXISTS");
        if (ifExists) k += 2;
        List<String> kept = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        String wrongKind = null;
        String wrongDb = null;
        List<String> dropped = new ArrayList<>();
        while (true) {
            String[] name = TableStatements.qualifiedName(sig, k);
            if (name == null) return null;
            String db = database(name[0]);
            TableInfo info = described(name[0], name[1]);
            String shown = db + "." + name[1];
            if (info == null) {
                unknown.add(shown);
            } else if (info.view() != views) {
                kept.add(shown);
                if (wrongKind == null) {
                    wrongKind = name[1];
                    wrongDb = db;
                }
            } else {
                dropped.add(MySqlToH2.quoteIdent(db) + "." + MySqlToH2.quoteIdent(name[1]));
            }
            k = Integer.parseInt(name[2]);
            if (k < sig.size() && sig.get(k).isSymbol(",")) {
                k++;
                continue;
            }
            break;
        }
        if (kept.isEmpty() && (!views || unknown.isEmpty())) return null;
        if (!ifExists) {
            if (views && wrongKind != null) throw ErrorCode.ER_WRONG_OBJECT.error(wrongDb, wrongKind, "VIEW");
            List<String> missing = new ArrayList<>(unknown);
            if (!views) missing.addAll(kept);
            throw ErrorCode.ER_BAD_TABLE_ERROR.error(String.join(",", missing));
        }
        for (String name : kept) query.settings().notes().accept(ErrorCode.ER_BAD_TABLE_ERROR.error(name));
        if (views) {
            for (String name : unknown) query.settings().notes().accept(ErrorCode.ER_BAD_TABLE_ERROR.error(name));
        }
        if (dropped.isEmpty()) return Update.of(0);
        String text = "DROP " + (views ? "VIEW" : "TABLE") + " IF EXISTS " + String.join(", ", dropped);
        return session.execute(EngineQuery.of(LEXER.statement(text)).settings(query.settings()).build());
    }

    private String database(String named) {
        String db = named != null ? named : session.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        return db;
    }

    /** The table or view, or null when there is none of that name. */
    private TableInfo described(String db, String name) {
        try {
            return session.describe(database(db), name);
        } catch (SqlError e) {
            if (e.number() == ErrorCode.ER_NO_SUCH_TABLE.number()) return null;
            throw e;
        }
    }
}
