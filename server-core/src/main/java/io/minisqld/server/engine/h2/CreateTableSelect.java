package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CREATE TABLE t [AS] SELECT …: a column the query copies from a table keeps that column's
 * definition, as in MySQL ("retained attributes are NULL (or NOT NULL) and, for those columns
 * that have them, CHARACTER SET, COLLATION, COMMENT, and the DEFAULT clause"; the type is the
 * column's). H2 makes each new column of its expression's engine type only: a {@code TINYINT
 * UNSIGNED} became a SMALLINT that took -5, a SET or a YEAR lost its values' checks, a TIMESTAMP
 * became a DATETIME, NOT NULL and DEFAULT went. So after the engine made the table and its rows,
 * each such column is redefined (one ALTER TABLE … MODIFY, the source column's definition as SHOW
 * CREATE TABLE gives it, its set and collation named); an AUTO_INCREMENT column becomes {@code NOT
 * NULL DEFAULT '0'}, as MySQL's copy. Columns of expressions keep the engine's type. A query with
 * an outer join, a ROLLUP or a UNION leaves NOT NULL out (its rows may hold NULL there).
 */
final class CreateTableSelect {
    private static final Set<String> NULLING = Set.of("LEFT", "RIGHT", "OUTER", "ROLLUP", "UNION");

    private final H2EngineSession session;
    private final String database;
    private final String table;
    /** By the new table's column position (0-based): the definition it takes, null for one it keeps. */
    private final List<String> modifications;

    private CreateTableSelect(H2EngineSession session, String database, String table, List<String> modifications) {
        this.session = session;
        this.database = database;
        this.table = table;
        this.modifications = modifications;
    }

    /**
     * For a CREATE TABLE … SELECT (of no column definitions) whose query copies table columns:
     * what redefines them once the statement ran; null for any other statement, and for a table
     * IF NOT EXISTS finds already there.
     *
     * @param sig   the MySQL statement's significant tokens
     * @param h2Sql its translation (the query, after {@code AS}, is what the engine describes)
     */
    static CreateTableSelect plan(H2EngineSession session, Connection conn, List<Token> sig, String h2Sql) {
        String[] name = target(session, sig);
        if (name == null) return null;
        String db = name[0];
        if (sig.get(sig.get(1).is("TEMPORARY") ? 3 : 2).is("IF") && exists(session, db, name[1])) return null;
        boolean keepNotNull = true;
        for (Token t : sig) keepNotNull &= !NULLING.contains(t.upper());
        String querySql = queryOf(session, h2Sql);
        if (querySql == null) return null;
        List<String> modifications = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(querySql)) {
            ResultSetMetaData md = ps.getMetaData();
            if (md == null) return null;
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String sourceTable = md.getTableName(i);
                String sourceColumn = md.getColumnName(i);
                TableInfo source = sourceTable == null || sourceTable.isEmpty() || sourceColumn == null ? null
                        : session.describe(md.getSchemaName(i), sourceTable);
                modifications.add(source == null || source.view() ? null : definition(source, sourceColumn, keepNotNull));
            }
        } catch (SQLException | SqlError e) {
            // the statement itself reports what is wrong with its query
            return null;
        }
        boolean any = modifications.stream().anyMatch(java.util.Objects::nonNull);
        return any ? new CreateTableSelect(session, db, name[1], modifications) : null;
    }

    /**
     * The {database, table} a CREATE [TEMPORARY] TABLE [IF NOT EXISTS] t [AS] SELECT … makes (the
     * query right after the name: AS, SELECT or a parenthesized SELECT); null for any other statement.
     */
    static String[] target(H2EngineSession session, List<Token> sig) {
        if (sig.size() < 4 || !sig.get(0).is("CREATE")) return null;
        int k = 1;
        if (sig.get(k).is("TEMPORARY")) k++;
        if (!sig.get(k).is("TABLE")) return null;
        k++;
        if (k + 2 < sig.size() && sig.get(k).is("IF") && sig.get(k + 1).is("NOT") && sig.get(k + 2).is("EXISTS")) k += 3;
        String[] name = TableStatements.qualifiedName(sig, k);
        if (name == null) return null;
        k = Integer.parseInt(name[2]);
        boolean query = k < sig.size() && (sig.get(k).is("AS") || sig.get(k).is("SELECT")
                || k + 1 < sig.size() && sig.get(k).isSymbol("(") && sig.get(k + 1).is("SELECT"));
        String db = name[0] != null ? name[0] : session.database();
        return query && db != null ? new String[] {db, name[1]} : null;
    }

    /**
     * What a CREATE TABLE … SELECT reports, as MySQL's: the rows it inserted, as affected rows and
     * as "Records: n  Duplicates: 0  Warnings: 0".
     */
    static io.minisqld.server.engine.EngineSession.Update inserted(H2EngineSession session, String[] target) {
        try (java.sql.Statement st = session.connection().createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + H2StorageEngine.ident(target[0]) + "."
                     + H2StorageEngine.ident(session.describe(target[0], target[1]).name()))) {
            long rows = rs.next() ? rs.getLong(1) : 0;
            return new io.minisqld.server.engine.EngineSession.Update(rows, 0, 0, rows, 0);
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
    }

    /** After the statement made the table: its copied columns take their sources' definitions. */
    void apply() {
        String qualified = MySqlToH2.quoteIdent(database) + "." + MySqlToH2.quoteIdent(table);
        try {
            applyOrThrow(qualified);
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        } catch (RuntimeException e) {
            // MySQL leaves no table behind a CREATE TABLE … SELECT that failed
            boolean temporary = session.temporaryTableName(database, table) != null;
            session.executeInternal("DROP " + (temporary ? "TEMPORARY " : "") + "TABLE IF EXISTS " + qualified);
            throw e;
        }
    }

    private void applyOrThrow(String qualified) throws SQLException {
        TableInfo made = TableMetadata.uncached(session.connection()).describe(database, table);
        if (made == null || made.columns().size() != modifications.size()) return;
        if (session.temporaryTableName(database, table) != null) {
            remakeTemporary(made, qualified);
            return;
        }
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < modifications.size(); i++) {
            String definition = modifications.get(i);
            if (definition != null) specs.add("MODIFY " + MySqlToH2.quoteIdent(made.columns().get(i).name()) + " " + definition);
        }
        session.executeInternal("ALTER TABLE " + qualified + " " + String.join(", ", specs));
    }

    /**
     * A temporary table, which the engine cannot alter in place, is made again with the columns'
     * definitions, its rows moved through a second temporary table: all inside the session's open
     * transaction, which CREATE TEMPORARY TABLE … SELECT does not commit.
     */
    private void remakeTemporary(TableInfo made, String qualified) {
        String[] lines = made.createStatement().split("\n", -1);
        for (int i = 0; i < modifications.size(); i++) {
            String definition = modifications.get(i);
            if (definition == null) continue;
            String prefix = "  " + MySqlToH2.quoteIdent(made.columns().get(i).name()) + " ";
            for (int l = 1; l < lines.length; l++) {
                if (!lines[l].startsWith(prefix)) continue;
                lines[l] = prefix + definition + (lines[l].endsWith(",") ? "," : "");
                break;
            }
        }
        String body = TableStatements.likeBody(String.join("\n", lines));
        String moving = MySqlToH2.quoteIdent(database) + "." + MySqlToH2.quoteIdent("ctas#" + table.toLowerCase(
                java.util.Locale.ROOT) + "#" + System.identityHashCode(this));
        session.executeInternal("CREATE TEMPORARY TABLE " + moving + " " + body);
        try {
            session.executeInternal("INSERT INTO " + moving + " SELECT * FROM " + qualified);
            session.executeInternal("DROP TEMPORARY TABLE " + qualified);
            session.executeInternal("CREATE TEMPORARY TABLE " + qualified + " " + body);
            session.executeInternal("INSERT INTO " + qualified + " SELECT * FROM " + moving);
        } finally {
            session.executeInternal("DROP TEMPORARY TABLE IF EXISTS " + moving);
        }
    }

    private static boolean exists(H2EngineSession session, String db, String table) {
        try {
            return session.describe(db, table) != null;
        } catch (SqlError e) {
            return false;
        }
    }

    /** The query of a translated CREATE TABLE … AS query: the text after the first AS at the statement's level. */
    private static String queryOf(H2EngineSession session, String h2Sql) {
        List<Token> tokens = session.internalLexer().statement(h2Sql).tokens();
        int depth = 0;
        for (Token t : tokens) {
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("AS")) return h2Sql.substring(t.end());
        }
        return null;
    }

    /**
     * A column's definition as SHOW CREATE TABLE prints it, with its set and collation named
     * (the new table's default may be another), NOT NULL left out unless {@code keepNotNull},
     * AUTO_INCREMENT as {@code NOT NULL DEFAULT '0'}; null when the column is not found.
     */
    private static String definition(TableInfo source, String column, boolean keepNotNull) {
        TableInfo.ColumnInfo info = null;
        for (TableInfo.ColumnInfo c : source.columns()) {
            if (c.name().equalsIgnoreCase(column)) info = c;
        }
        if (info == null) return null;
        String prefix = "  " + MySqlToH2.quoteIdent(info.name()) + " " + info.mysqlType();
        String line = null;
        for (String l : source.createStatement().split("\n")) {
            if (l.startsWith(prefix)) line = l;
        }
        if (line == null) return null;
        String rest = line.substring(prefix.length());
        if (rest.endsWith(",")) rest = rest.substring(0, rest.length() - 1);
        StringBuilder def = new StringBuilder(info.mysqlType());
        if (info.charset() != null && !rest.startsWith(" CHARACTER SET")) {
            def.append(" CHARACTER SET ").append(info.charset());
            if (info.caseSensitive() && !rest.startsWith(" COLLATE")) def.append(" COLLATE ").append(info.collation());
        }
        // the first NOT NULL and AUTO_INCREMENT are the attributes (a DEFAULT or COMMENT comes after them)
        if ("auto_increment".equalsIgnoreCase(info.extra())) rest = replaceFirst(rest, " AUTO_INCREMENT", " DEFAULT '0'");
        if (!keepNotNull && !info.nullable()) rest = replaceFirst(rest, " NOT NULL", "");
        return def.append(rest).toString();
    }

    private static String replaceFirst(String text, String what, String with) {
        int at = text.indexOf(what);
        return at < 0 ? text : text.substring(0, at) + with + text.substring(at + what.length());
    }
}
