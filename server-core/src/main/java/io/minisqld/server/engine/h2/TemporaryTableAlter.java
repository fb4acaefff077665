package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.EngineSession.EngineResult;
import io.minisqld.server.engine.EngineSession.Update;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ALTER TABLE of a session's temporary table, as MySQL alters any table. H2 rebuilds no temporary
 * table (a column added, dropped or changed was "Feature not supported: TEMP TABLE", error 1105,
 * and so was CREATE TEMPORARY TABLE … SELECT of a table's columns) and renames none. Here the
 * ALTER runs on a copy, an ordinary table in the engine's internal schema holding the rows, with
 * all of the server's ALTER TABLE; the temporary table is then made again from the copy's
 * definition, under the name the ALTER gives it, and takes its rows back. An ALTER the copy
 * refuses leaves the temporary table as it was, with MySQL's error naming it.
 */
final class TemporaryTableAlter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TemporaryTableAlter.class);
    private static final AtomicLong COPIES = new AtomicLong();

    private TemporaryTableAlter() {
    }

    /** Runs {@code ALTER TABLE t …} of the session's temporary table t; null for any other statement. */
    static EngineResult run(H2EngineSession session, TableStatements tables, EngineQuery query, List<Token> sig) {
        if (sig.size() < 4 || !sig.get(0).is("ALTER") || !sig.get(1).is("TABLE")) return null;
        String[] name = TableStatements.qualifiedName(sig, 2);
        if (name == null) return null;
        String db = name[0] != null ? name[0] : session.database();
        if (db == null) return null;
        int specsFrom = Integer.parseInt(name[2]);
        // its options only (counter, comment, character set): the engine changes them in place
        if (TableStatements.tableOptions(sig, specsFrom) != null) return null;
        String table = tables.temporaryTable(db, name[1]);
        if (table == null) return null;

        // RENAME [TO | AS] [db.]name among the changes names the table made again; the copy keeps its name
        String[] renamed = null;
        int renameFrom = -1;
        int renameTo = -1;
        int depth = 0;
        for (int k = specsFrom; k < sig.size(); k++) {
            Token t = sig.get(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            if (depth != 0 || !t.is("RENAME") || k + 1 >= sig.size()) continue;
            Token next = sig.get(k + 1);
            if (next.is("INDEX") || next.is("KEY") || next.is("COLUMN")) continue;
            int n = next.is("TO") || next.is("AS") ? k + 2 : k + 1;
            renamed = TableStatements.qualifiedName(sig, n);
            if (renamed == null) return null;
            renameFrom = k;
            renameTo = Integer.parseInt(renamed[2]);
            // the comma between it and another change goes with it
            if (renameFrom > specsFrom && sig.get(renameFrom - 1).isSymbol(",")) renameFrom--;
            else if (renameTo < sig.size() && sig.get(renameTo).isSymbol(",")) renameTo++;
            break;
        }
        String copyName = "alter#" + table.toLowerCase(java.util.Locale.ROOT) + "#" + COPIES.incrementAndGet();
        String copy = MySqlToH2.quoteIdent(H2StorageEngine.INTERNAL_SCHEMA) + "." + MySqlToH2.quoteIdent(copyName);
        String original = MySqlToH2.quoteIdent(db) + "." + MySqlToH2.quoteIdent(table);
        java.util.Map<Token, Integer> places = new java.util.IdentityHashMap<>();
        for (int i = 0; i < sig.size(); i++) places.put(sig.get(i), i);
        StringBuilder changes = new StringBuilder();
        boolean any = false;
        for (Token t : query.tokens()) {
            int at = places.getOrDefault(t, -1);
            if (at >= 0 && at < specsFrom) continue;
            if (at >= renameFrom && at < renameTo) continue;
            if (at >= 0 && !t.isSymbol(";")) any = true;
            if (at >= 0 || any) changes.append(t.text());
        }

        TableInfo before = session.describe(db, table);
        session.executeInternal("CREATE TABLE " + copy + " " + TableStatements.likeBody(before.createStatement()));
        TableInfo after;
        try {
            session.executeInternal("INSERT INTO " + copy + " SELECT * FROM " + original);
            if (any) session.executeInternal("ALTER TABLE " + copy + " " + changes.toString().strip());
            after = session.describe(H2StorageEngine.INTERNAL_SCHEMA, copyName);
        } catch (SqlError e) {
            dropCopy(session, copy);
            throw new SqlError(e.number(), e.sqlState(), e.getMessage().replace(copyName, table), e);
        }
        String targetDb = renamed != null && renamed[0] != null ? renamed[0] : db;
        String targetName = renamed != null ? renamed[1] : table;
        String target = MySqlToH2.quoteIdent(targetDb) + "." + MySqlToH2.quoteIdent(targetName);
        if (renamed != null && !(targetDb.equalsIgnoreCase(db) && targetName.equalsIgnoreCase(table))
                && tables.temporaryTable(targetDb, targetName) != null) {
            dropCopy(session, copy);
            throw io.minisqld.server.error.ErrorCode.ER_TABLE_EXISTS_ERROR.error(targetName);
        }
        session.executeInternal("DROP TEMPORARY TABLE " + original);
        try {
            session.executeInternal("CREATE TEMPORARY TABLE " + target + " "
                    + TableStatements.likeBody(after.createStatement()));
            session.executeInternal("INSERT INTO " + target + " SELECT * FROM " + copy);
        } catch (SqlError e) {
            // the copy, which holds the altered rows, is kept: the error names it
            throw new SqlError(e.number(), e.sqlState(), e.getMessage() + " (temporary table '" + table
                    + "' could not be made again; its rows are in " + copy + ")", e);
        }
        dropCopy(session, copy);
        return Update.of(0);
    }

    private static void dropCopy(H2EngineSession session, String copy) {
        try {
            session.executeInternal("DROP TABLE IF EXISTS " + copy);
        } catch (SqlError e) {
            // the copy stays in the internal schema, which no user sees
            LOG.warn("Could not drop {}, the copy an ALTER TABLE of a temporary table used: {}", copy, e.getMessage());
        }
    }
}
