package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineSession.EngineResult;
import io.minisqld.server.engine.EngineSession.Update;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One session's MySQL table statements that H2 has no form for (CREATE TABLE … LIKE, ALTER TABLE
 * with table options only), and the check that a CREATE TABLE names a database.
 */
final class TableStatements {
    /** Table options ALTER TABLE may change that H2 has no notion of (storage, charset, statistics). */
    private static final Set<String> ALTER_TABLE_OPTIONS = Set.of("ENGINE", "CHARSET", "CHARACTER",
            "COLLATE", "ROW_FORMAT", "COMMENT", "AUTO_INCREMENT", "STATS_PERSISTENT", "STATS_AUTO_RECALC",
            "STATS_SAMPLE_PAGES", "KEY_BLOCK_SIZE", "PACK_KEYS", "CHECKSUM", "DELAY_KEY_WRITE", "MAX_ROWS",
            "MIN_ROWS", "AVG_ROW_LENGTH");

    private final H2EngineSession session;
    private final H2StorageEngine engine;

    TableStatements(H2EngineSession session, H2StorageEngine engine) {
        this.session = session;
        this.engine = engine;
    }

    /**
     * MySQL statements H2 has no form for, done here with H2's help: CREATE TABLE b LIKE a (from
     * a's description) and ALTER TABLE t AUTO_INCREMENT = n (the identity restarts). Null for others.
     */
    EngineResult run(List<Token> sig) {
        if (sig.size() >= 4 && sig.get(0).is("DROP") && sig.get(1).is("TEMPORARY") && sig.get(2).is("TABLE")) {
            return dropTemporary(sig);
        }
        if (sig.size() >= 5 && sig.get(0).is("RENAME") && (sig.get(1).is("TABLE") || sig.get(1).is("TABLES"))) {
            return rename(sig);
        }
        boolean temporary = sig.size() >= 5 && sig.get(0).is("CREATE") && sig.get(1).is("TEMPORARY")
                && sig.get(2).is("TABLE");
        if (sig.size() < 4 || !sig.get(1).is("TABLE") && !temporary) return null;
        if (sig.get(0).is("CREATE")) {
            int k = temporary ? 3 : 2;
            boolean ifNotExists = false;
            if (ifNotExistsAt(sig, k)) {
                ifNotExists = true;
                k += 3;
            }
            String[] target = qualifiedName(sig, k);
            if (target == null) return null;
            k = Integer.parseInt(target[2]);
            if (k < sig.size() && sig.get(k).isSymbol("(")) k++;
            if (k >= sig.size() || !sig.get(k).is("LIKE")) return null;
            String[] source = qualifiedName(sig, k + 1);
            if (source == null) return null;
            String targetDb = target[0] != null ? target[0] : session.database();
            if (targetDb == null) throw ErrorCode.ER_NO_DB_ERROR.error();
            TableInfo like = session.describe(source[0], source[1]);
            // a statement the engine composes itself, from the source table's description
            return session.executeInternal("CREATE " + (temporary ? "TEMPORARY " : "") + "TABLE "
                    + (ifNotExists ? "IF NOT EXISTS " : "") + MySqlToH2.quoteIdent(targetDb) + "."
                    + MySqlToH2.quoteIdent(target[1]) + " " + likeBody(like.createStatement()));
        }
        if (sig.get(0).is("ALTER")) {
            String[] target = qualifiedName(sig, 2);
            if (target == null) return null;
            // ALTER TABLE t <table options only>: H2 keeps none of them but the counter and the
            // comment (the character sets are kept around the statement: ColumnCharsets)
            TableOptions options = tableOptions(sig, Integer.parseInt(target[2]));
            if (options == null) return null;
            Long autoIncrement = options.autoIncrement();
            String comment = options.comment();
            String db = target[0] != null ? target[0] : session.database();
            if (comment != null) {
                if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
                TableInfo table = session.describe(db, target[1]);
                if (table == null) throw ErrorCode.ER_NO_SUCH_TABLE.error(db, target[1]);
                try {
                    ColumnCharsets.setTableComment(session.connection(), table.database(), table.name(), comment);
                } catch (java.sql.SQLException e) {
                    throw H2Errors.translate(e, null, session);
                }
            }
            if (autoIncrement != null) {
                restartAutoIncrement(db, target[1], autoIncrement);
            } else {
                if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
                session.describe(db, target[1]);
                // DDL commits implicitly in MySQL, even when there is nothing for H2 to change
                session.commit();
            }
            return Update.of(0);
        }
        return null;
    }

    /** The counter and comment an ALTER TABLE of table options sets (each null when it sets none). */
    record TableOptions(Long autoIncrement, String comment) {
    }

    /**
     * The options of {@code ALTER TABLE t <table options only>}, read from sig index {@code k}
     * (after the table's name); null when the statement changes more than its options.
     */
    static TableOptions tableOptions(List<Token> sig, int k) {
        Long autoIncrement = null;
        String comment = null;
        while (k < sig.size()) {
            if (sig.get(k).isSymbol(",")) {
                k++;
                continue;
            }
            if (sig.get(k).is("DEFAULT")) k++;
            if (k >= sig.size() || sig.get(k).type() != TokenType.WORD) return null;
            String option = sig.get(k).upper();
            if (option.equals("CHARACTER") && k + 1 < sig.size() && sig.get(k + 1).is("SET")) k++;
            else if (!ALTER_TABLE_OPTIONS.contains(option)) return null;
            k++;
            if (k < sig.size() && sig.get(k).isSymbol("=")) k++;
            if (k >= sig.size()) return null;
            if (option.equals("AUTO_INCREMENT")) {
                if (sig.get(k).type() != TokenType.NUMBER) return null;
                autoIncrement = Long.parseLong(sig.get(k).text());
            } else if (option.equals("COMMENT")) {
                if (sig.get(k).type() != TokenType.STRING) return null;
                comment = sig.get(k).value();
            }
            k++;
        }
        return new TableOptions(autoIncrement, comment);
    }

    /**
     * What CREATE TABLE … LIKE copies of a table's SHOW CREATE TABLE text, from its parenthesis
     * on: its columns, keys and options, as MySQL's, without its foreign keys (LIKE keeps their
     * indexes only; the copy had also been given the constraints, and a named one's index name
     * made the statement 1061) and without its AUTO_INCREMENT counter (the copy counts from 1).
     */
    static String likeBody(String createStatement) {
        String[] lines = createStatement.substring(createStatement.indexOf('(')).split("\n", -1);
        List<String> kept = new java.util.ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("  CONSTRAINT ") && line.contains(" FOREIGN KEY ")) continue;
            kept.add(line);
        }
        // the element before the closing line loses the comma a dropped constraint had needed
        int closing = kept.size() - 1;
        while (closing > 0 && !kept.get(closing).startsWith(")")) closing--;
        if (closing > 0 && kept.get(closing - 1).endsWith(",")) {
            String last = kept.get(closing - 1);
            kept.set(closing - 1, last.substring(0, last.length() - 1));
        }
        kept.set(closing, kept.get(closing).replaceFirst(" AUTO_INCREMENT=\\d+", ""));
        return String.join("\n", kept);
    }

    /**
     * DROP TEMPORARY TABLE [IF EXISTS] a [, b …] [RESTRICT | CASCADE]: drops this session's
     * temporary tables only, as MySQL; a name that is no temporary table of the session (a base
     * table included) is 1051 naming every such table, and nothing is dropped, unless IF EXISTS.
     */
    private EngineResult dropTemporary(List<Token> sig) {
        int k = 3;
        boolean ifExists = false;
        if (k + 1 < sig.size() && sig.get(k).is("IF") && sig.get(k + 1).is("EXISTS")) {
            ifExists = true;
            k += 2;
        }
        List<String[]> names = new java.util.ArrayList<>();
        while (true) {
            String[] name = qualifiedName(sig, k);
            if (name == null) throw ErrorCode.ER_PARSE_ERROR.error(sig.get(Math.min(k, sig.size() - 1)).text(), 1);
            String db = name[0] != null ? name[0] : session.database();
            if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
            names.add(new String[] {db, name[1]});
            k = Integer.parseInt(name[2]);
            if (k < sig.size() && sig.get(k).isSymbol(",")) {
                k++;
                continue;
            }
            break;
        }
        if (k < sig.size() && (sig.get(k).is("RESTRICT") || sig.get(k).is("CASCADE"))) k++;
        if (k < sig.size()) throw ErrorCode.ER_PARSE_ERROR.error(sig.get(k).text(), 1);
        List<String[]> found = new java.util.ArrayList<>();
        List<String> unknown = new java.util.ArrayList<>();
        for (String[] n : names) {
            String actual = temporaryTable(n[0], n[1]);
            if (actual == null) unknown.add(n[0] + "." + n[1]);
            else found.add(new String[] {n[0], actual});
        }
        if (!unknown.isEmpty() && !ifExists) throw ErrorCode.ER_BAD_TABLE_ERROR.error(String.join(",", unknown));
        for (String name : unknown) session.note(ErrorCode.ER_BAD_TABLE_ERROR.error(name));
        try (Statement st = session.connection().createStatement()) {
            for (String[] n : found) {
                TemporaryTableDdl.execute(st, "DROP TABLE " + H2StorageEngine.ident(n[0]) + "." + H2StorageEngine.ident(n[1]));
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
        return Update.of(0);
    }

    /**
     * RENAME TABLE a TO b [, c TO d …] as MySQL: the pairs in order, each old name a table or view
     * that exists by then (1146; a temporary table is none, as in MySQL 5.7) and each new name one
     * that is free by then (1050), so {@code a TO tmp, b TO a, tmp TO b} swaps two tables. All pairs
     * are checked before any is renamed: a statement that fails renames nothing (MySQL undoes the
     * renames it made). A new name in another database is refused (1235; H2 cannot move a table
     * between schemas). Each table's AUTO_INCREMENT counter goes with it.
     */
    private EngineResult rename(List<Token> sig) {
        record Pair(String fromDb, String from, String toDb, String to) {
        }
        List<Pair> pairs = new java.util.ArrayList<>();
        int k = 2;
        while (true) {
            String[] from = qualifiedName(sig, k);
            if (from == null) throw ErrorCode.ER_PARSE_ERROR.error(sig.get(Math.min(k, sig.size() - 1)).text(), 1);
            k = Integer.parseInt(from[2]);
            if (k >= sig.size() || !sig.get(k).is("TO")) {
                throw ErrorCode.ER_PARSE_ERROR.error(sig.get(Math.min(k, sig.size() - 1)).text(), 1);
            }
            String[] to = qualifiedName(sig, k + 1);
            if (to == null) throw ErrorCode.ER_PARSE_ERROR.error(sig.get(Math.min(k + 1, sig.size() - 1)).text(), 1);
            String fromDb = from[0] != null ? from[0] : session.database();
            String toDb = to[0] != null ? to[0] : session.database();
            if (fromDb == null || toDb == null) throw ErrorCode.ER_NO_DB_ERROR.error();
            pairs.add(new Pair(fromDb, from[1], toDb, to[1]));
            k = Integer.parseInt(to[2]);
            if (k < sig.size() && sig.get(k).isSymbol(",")) {
                k++;
                continue;
            }
            break;
        }
        if (k < sig.size()) throw ErrorCode.ER_PARSE_ERROR.error(sig.get(k).text(), 1);
        // the names as they will be after each pair: "db\0lower-case name" → the name's spelling
        Map<String, String> names = new java.util.HashMap<>();
        Set<String> read = new java.util.HashSet<>();
        List<String> actualFrom = new java.util.ArrayList<>();
        for (Pair p : pairs) {
            for (String db : List.of(p.fromDb(), p.toDb())) {
                if (read.add(db)) names.putAll(baseTablesAndViews(db));
            }
            String fromKey = p.fromDb() + "\0" + p.from().toLowerCase(Locale.ROOT);
            String actual = names.get(fromKey);
            if (actual == null) throw ErrorCode.ER_NO_SUCH_TABLE.error(p.fromDb(), p.from());
            if (names.containsKey(p.toDb() + "\0" + p.to().toLowerCase(Locale.ROOT))) {
                throw ErrorCode.ER_TABLE_EXISTS_ERROR.error(p.to());
            }
            if (!p.fromDb().equals(p.toDb())) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("RENAME TABLE to another database");
            }
            names.remove(fromKey);
            names.put(p.toDb() + "\0" + p.to().toLowerCase(Locale.ROOT), p.to());
            actualFrom.add(actual);
        }
        List<Integer> done = new java.util.ArrayList<>();
        // the views over a renamed table keep its old name, as MySQL's: invalid until a table has it again
        List<String[]> renamed = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) renamed.add(new String[] {pairs.get(i).fromDb(), actualFrom.get(i)});
        DependentViews.Detached detached;
        try {
            detached = DependentViews.detach(session.connection(), renamed);
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
        try (Statement st = session.connection().createStatement()) {
            try {
                for (int i = 0; i < pairs.size(); i++) {
                    Pair p = pairs.get(i);
                    st.execute(renameSql(p.fromDb(), actualFrom.get(i), p.to()));
                    done.add(i);
                }
            } catch (SQLException e) {
                // not foreseen by the checks above: the renames made are undone, newest first
                for (int j = done.size() - 1; j >= 0; j--) {
                    Pair p = pairs.get(done.get(j));
                    try {
                        st.execute(renameSql(p.fromDb(), p.to(), actualFrom.get(done.get(j))));
                    } catch (SQLException undo) {
                        e.addSuppressed(undo);
                    }
                }
                throw e;
            } finally {
                DependentViews.restore(session.connection(), detached);
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            engine.autoIncrement().renamed(p.fromDb(), actualFrom.get(i), p.to());
        }
        return Update.of(0);
    }

    private static String renameSql(String db, String from, String to) {
        return "ALTER TABLE " + H2StorageEngine.ident(db) + "." + H2StorageEngine.ident(from) + " RENAME TO "
                + H2StorageEngine.ident(to);
    }

    /** The base tables and views of {@code db} (not temporary tables): "db\0lower-case name" → name. */
    private Map<String, String> baseTablesAndViews(String db) {
        Map<String, String> out = new java.util.HashMap<>();
        try (java.sql.PreparedStatement ps = session.connection().prepareStatement("SELECT TABLE_NAME FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'VIEW')")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(db + "\0" + rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(1));
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
        return out;
    }

    /** The name of this session's temporary table {@code db.table} (any case), or null if it has none. */
    String temporaryTable(String db, String table) {
        try (java.sql.PreparedStatement ps = session.connection().prepareStatement("SELECT TABLE_NAME FROM"
                + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND LOWER(TABLE_NAME) = LOWER(?)"
                + " AND TABLE_TYPE = 'LOCAL TEMPORARY'")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
    }

    /** The {@code [db.]name} at sig index {@code k}: {db or null, name, the index after it}; null when none is there. */
    static String[] qualifiedName(List<Token> sig, int k) {
        if (k >= sig.size() || !sig.get(k).isIdentifier()) return null;
        if (k + 2 < sig.size() && sig.get(k + 1).isSymbol(".") && sig.get(k + 2).isIdentifier()) {
            return new String[] {sig.get(k).value(), sig.get(k + 2).value(), String.valueOf(k + 3)};
        }
        return new String[] {null, sig.get(k).value(), String.valueOf(k + 1)};
    }

    /**
     * For {@code CREATE [TEMPORARY] TABLE [IF NOT EXISTS] t (…) … AUTO_INCREMENT [=] n …} (a
     * mysqldump's tables carry it): what sets the new table's counter to n once the engine has
     * created it; null for any other statement, for n ≤ 1, and for a table IF NOT EXISTS finds
     * already there (MySQL leaves that one as it is).
     */
    Runnable createdCounterStart(List<Token> sig) {
        Long start = io.minisqld.server.sql.statement.EngineStatement.createTableAutoIncrement(sig);
        if (start == null || start <= 1) return null;
        int k = sig.get(1).is("TEMPORARY") ? 3 : 2;
        boolean ifNotExists = false;
        if (ifNotExistsAt(sig, k)) {
            ifNotExists = true;
            k += 3;
        }
        String[] target = qualifiedName(sig, k);
        if (target == null) return null;
        String db = target[0] != null ? target[0] : session.database();
        if (db == null) return null;
        if (ifNotExists) {
            try {
                session.describe(db, target[1]);
                return null;
            } catch (io.minisqld.server.error.SqlError absent) {
                // created by this statement
            }
        }
        return () -> restartAutoIncrement(db, target[1], start);
    }

    private static boolean ifNotExistsAt(List<Token> sig, int k) {
        return k + 2 < sig.size() && sig.get(k).is("IF") && sig.get(k + 1).is("NOT") && sig.get(k + 2).is("EXISTS");
    }

    /** MySQL never sets the counter at or below the largest value in the column. */
    private void restartAutoIncrement(String db, String table, long next) {
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        TableInfo info = session.describe(db, table);
        for (TableInfo.ColumnInfo c : info.columns()) {
            if (!"auto_increment".equals(c.extra())) continue;
            String qualified = H2StorageEngine.ident(db) + "." + H2StorageEngine.ident(info.name());
            try (Statement st = session.connection().createStatement()) {
                long max = 0;
                try (ResultSet rs = st.executeQuery("SELECT MAX(" + H2StorageEngine.ident(c.name()) + ") FROM "
                        + qualified)) {
                    if (rs.next()) max = rs.getLong(1);
                }
                TemporaryTableDdl.execute(st, "ALTER TABLE " + qualified + " ALTER COLUMN " + H2StorageEngine.ident(c.name())
                        + " RESTART WITH " + Math.max(next, max + 1));
                session.countersOf(db, info.name()).restart(db, info.name(), Math.max(next, max + 1));
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, session);
            }
        }
    }

    /** CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name without a database qualifier. */
    static boolean createsUnqualifiedTable(List<Token> sig) {
        int i = 0;
        if (i >= sig.size() || !sig.get(i++).is("CREATE")) return false;
        if (i < sig.size() && sig.get(i).is("TEMPORARY")) i++;
        if (i >= sig.size() || !sig.get(i++).is("TABLE")) return false;
        if (i + 2 < sig.size() && sig.get(i).is("IF") && sig.get(i + 1).is("NOT") && sig.get(i + 2).is("EXISTS")) {
            i += 3;
        }
        return i < sig.size() && sig.get(i).isIdentifier()
                && !(i + 1 < sig.size() && sig.get(i + 1).isSymbol("."));
    }
}
