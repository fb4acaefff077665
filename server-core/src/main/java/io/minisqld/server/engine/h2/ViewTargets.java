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
 * and of nothing 1051. DROP TABLE keeps the views over its tables ({@link DependentViews}) and
 * ignores RESTRICT and CASCADE, as MySQL (the engine's CASCADE dropped the views and the foreign
 * keys that referenced the table).
 */
final class ViewTargets {
    private static final QueryLexer LEXER = new QueryLexer();

    private final H2EngineSession session;
    /** While a DROP or ALTER TABLE runs with its views set aside: the statement runs as it is. */
    private boolean viewsAside;

    ViewTargets(H2EngineSession session) {
        this.session = session;
    }

    /** Null to run the statement as it is; else its result, after its refusal has been thrown. */
    EngineResult check(List<Token> sig, EngineQuery query) {
        if (sig.size() < 3 || viewsAside) return null;
        if (sig.get(0).is("ALTER")) {
            int k = 1;
            while (k < sig.size() && (sig.get(k).is("ONLINE") || sig.get(k).is("OFFLINE") || sig.get(k).is("IGNORE"))) {
                k++;
            }
            if (k >= sig.size() || !sig.get(k).is("TABLE")) return null;
            TableInfo table = baseTableOnly(sig, k + 1);
            // a view over the table keeps reading it by its old name and columns, as MySQL's: one
            // the change breaks (RENAME, DROP COLUMN) answers 1356 (the engine kept it reading the
            // renamed table, or refused the change)
            return table == null ? null
                    : withViewsAside(query, List.<String[]>of(new String[] {table.database(), table.name()}), null);
        }
        if (sig.get(0).is("CREATE")) {
            EngineResult existing = existingTable(sig, query);
            if (existing != null) return existing;
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

    /**
     * CREATE [TEMPORARY] TABLE IF NOT EXISTS of a table that exists: MySQL's note 1050 "Table 't'
     * already exists", and nothing is done (CREATE … SELECT inserts nothing). A temporary table of a
     * base table's name, or a base table of a temporary one's, is 1050 as without IF NOT EXISTS
     * (the engine cannot let one hide the other). Null for any other statement.
     */
    private EngineResult existingTable(List<Token> sig, EngineQuery query) {
        int k = 1;
        boolean temporary = sig.get(k).is("TEMPORARY");
        if (temporary) k++;
        if (k + 4 >= sig.size() || !sig.get(k).is("TABLE") || !sig.get(k + 1).is("IF") || !sig.get(k + 2).is("NOT")
                || !sig.get(k + 3).is("EXISTS")) {
            return null;
        }
        String[] name = TableStatements.qualifiedName(sig, k + 4);
        if (name == null) return null;
        String db = database(name[0]);
        boolean temporaryExists = session.temporaryTableName(db, name[1]) != null;
        boolean anyExists = temporaryExists || described(name[0], name[1]) != null;
        if (!anyExists) return null;
        if (temporary != temporaryExists) throw ErrorCode.ER_TABLE_EXISTS_ERROR.error(name[1]);
        query.settings().notes().accept(ErrorCode.ER_TABLE_EXISTS_ERROR.error(name[1]));
        return Update.of(0);
    }

    /** 1347 when the [db.]name at sig index {@code k} is a view; else the table, null when there is none. */
    private TableInfo baseTableOnly(List<Token> sig, int k) {
        String[] name = TableStatements.qualifiedName(sig, k);
        if (name == null) return null;
        TableInfo info = described(name[0], name[1]);
        if (info != null && info.view()) {
            throw ErrorCode.ER_WRONG_OBJECT.error(database(name[0]), name[1], "BASE TABLE");
        }
        return info;
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
        List<String[]> tables = new ArrayList<>();
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
                tables.add(new String[] {info.database(), info.name()});
            }
            k = Integer.parseInt(name[2]);
            if (k < sig.size() && sig.get(k).isSymbol(",")) {
                k++;
                continue;
            }
            break;
        }
        Token option = k < sig.size() && (sig.get(k).is("RESTRICT") || sig.get(k).is("CASCADE")) ? sig.get(k) : null;
        if (ifExists) {
            // MySQL's note for each name that is nothing of the kind
            for (String name : unknown) query.settings().notes().accept(ErrorCode.ER_BAD_TABLE_ERROR.error(name));
        }
        if (kept.isEmpty() && !views) return withViewsAside(query, tables, option);
        if (kept.isEmpty() && unknown.isEmpty()) return null;
        if (!ifExists) {
            if (views && wrongKind != null) throw ErrorCode.ER_WRONG_OBJECT.error(wrongDb, wrongKind, "VIEW");
            List<String> missing = new ArrayList<>(unknown);
            if (!views) missing.addAll(kept);
            throw ErrorCode.ER_BAD_TABLE_ERROR.error(String.join(",", missing));
        }
        for (String name : kept) query.settings().notes().accept(ErrorCode.ER_BAD_TABLE_ERROR.error(name));
        if (dropped.isEmpty()) return Update.of(0);
        String text = "DROP " + (views ? "VIEW" : "TABLE") + " IF EXISTS " + String.join(", ", dropped);
        EngineQuery rest = EngineQuery.of(LEXER.statement(text)).settings(query.settings()).build();
        if (views) return session.execute(rest);
        EngineResult result = withViewsAside(rest, tables, null);
        return result != null ? result : session.execute(rest);
    }

    /**
     * DROP TABLE of tables that exist (and of names that do not, for its own 1051 or notes), or
     * ALTER TABLE: the views over the tables set aside and made again after it, invalid while what
     * they read is missing; RESTRICT or CASCADE ({@code option}) left out, as MySQL ignores them.
     * Null when there is nothing to set aside or leave out: the statement runs as it is.
     */
    private EngineResult withViewsAside(EngineQuery query, List<String[]> tables, Token option) {
        if (option != null) {
            StringBuilder text = new StringBuilder();
            for (Token t : query.tokens()) {
                if (t != option) text.append(t.text());
            }
            query = EngineQuery.of(LEXER.statement(text.toString())).settings(query.settings()).build();
        }
        java.sql.Connection conn = session.connection();
        DependentViews.Detached detached;
        try {
            detached = DependentViews.detach(conn, tables);
        } catch (java.sql.SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
        if (detached.creates().isEmpty() && option == null) return null;
        viewsAside = true;
        try {
            return session.executeWithin(query);
        } finally {
            viewsAside = false;
            try {
                DependentViews.restore(conn, detached);
            } catch (java.sql.SQLException e) {
                throw H2Errors.translate(e, null, session);
            }
        }
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
