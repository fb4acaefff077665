package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.RowCapture;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code INSERT IGNORE … VALUES} (or {@code … SET}) meeting a duplicate key: MySQL skips the row
 * with warning 1062 "Duplicate entry 'v' for key 'k'" for it, and its OK says {@code Records: n
 * Duplicates: d  Warnings: w}; the engine's IGNORE skipped the row without a word. When the engine
 * stored fewer rows than the statement has, the statement is undone and run again row by row
 * without IGNORE: each row a duplicate key refuses is undone and becomes the warning MySQL gives
 * (the same error text the statement without IGNORE would have had). Each row keeps the
 * AUTO_INCREMENT value the server wrote into it, so the stored ids are those of the first run.
 */
final class IgnoredDuplicates {
    /** The H2 text before the first row (IGNORE taken out), and each row's text. */
    private final String head;
    private final List<String> rows;

    private IgnoredDuplicates(String head, List<String> rows) {
        this.head = head;
        this.rows = rows;
    }

    /** The indexes of the tokens that are not blanks or comments, a trailing ';' left out. */
    static List<Integer> significant(List<Token> all) {
        List<Integer> sig = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).type() != TokenType.SPACE) sig.add(i);
        }
        while (!sig.isEmpty() && all.get(sig.get(sig.size() - 1)).isSymbol(";")) sig.remove(sig.size() - 1);
        return sig;
    }

    /** How many rows the statement has. */
    int rows() {
        return rows.size();
    }

    /**
     * An INSERT's or REPLACE's form: its IGNORE token (index in all tokens, -1 for none), its rows
     * given as VALUES ({open, close} sig indexes of each), or whether it takes a SELECT's or a SET's;
     * {@code values} is the sig index where its rows start (VALUES, or the SELECT), -1 for SET.
     */
    record Shape(List<Token> all, List<Integer> sig, int ignore, boolean duplicateKeyUpdate,
                         List<int[]> tuples, int values, boolean select, boolean set) {
    }

    /** The form of an INSERT or REPLACE; null for another statement. */
    static Shape shape(MySqlToH2.Translation tr) {
        if (!tr.isInsertOrReplace() || tr.statements().size() != 1 || !tr.sql().equals(tr.statements().get(0))) {
            return null;
        }
        List<Token> all = tr.tokens();
        List<Integer> sig = significant(all);
        int ignore = -1;
        for (int s = 1; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.is("IGNORE")) ignore = sig.get(s);
            else if (!t.is("LOW_PRIORITY") && !t.is("DELAYED") && !t.is("HIGH_PRIORITY")) break;
        }
        boolean odku = "INSERT".equals(tr.firstWord()) && UpdateAssignments.duplicateKeyUpdate(all, sig) >= 0;
        int depth = 0;
        for (int s = 0; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.isSymbol("(")) {
                if (depth == 0 && s + 1 < sig.size() && all.get(sig.get(s + 1)).is("SELECT")) {
                    return new Shape(all, sig, ignore, odku, List.of(), s, true, false);
                }
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (t.is("SELECT") || t.is("TABLE") || t.is("WITH"))) {
                return new Shape(all, sig, ignore, odku, List.of(), s, true, false);
            } else if (depth == 0 && t.is("SET")) {
                return new Shape(all, sig, ignore, odku, List.of(), -1, false, true);
            } else if (depth == 0 && (t.is("VALUES") || t.is("VALUE"))) {
                List<int[]> tuples = new ArrayList<>();
                int k = s + 1;
                while (k < sig.size() && all.get(sig.get(k)).isSymbol("(")) {
                    int close = MySqlToH2.matchingParen(all, sig, k);
                    if (close < 0) return null;
                    tuples.add(new int[] {k, close});
                    k = close + 1;
                    if (k >= sig.size() || !all.get(sig.get(k)).isSymbol(",")) break;
                    k++;
                }
                return new Shape(all, sig, ignore, odku, tuples, s, false, false);
            }
        }
        return null;
    }

    /**
     * What MySQL's OK for this INSERT or REPLACE reports as its records: the rows of a VALUES list
     * of more than one, the rows stored by an INSERT … SELECT ({@code stored}); -1 where the OK
     * has no such text (one row, or what the count cannot tell: IGNORE or REPLACE of a SELECT,
     * ON DUPLICATE KEY UPDATE).
     */
    static long records(MySqlToH2.Translation tr, Shape shape, long stored) {
        if (shape == null || shape.duplicateKeyUpdate()) return -1;
        if (shape.select()) return shape.ignore() < 0 && "INSERT".equals(tr.firstWord()) ? stored : -1;
        return shape.tuples().size() > 1 ? shape.tuples().size() : -1;
    }

    /** The plan for an INSERT IGNORE of rows given as VALUES or SET; null for any other statement. */
    static IgnoredDuplicates plan(MySqlToH2.Translation tr, Shape shape) {
        if (shape == null || !"INSERT".equals(tr.firstWord()) || shape.ignore() < 0 || shape.duplicateKeyUpdate() || shape.select()) return null;
        return split(tr, shape);
    }

    /**
     * The plan for a REPLACE (its rows one by one, a SELECT's or SET's as one statement); null for
     * any other statement.
     */
    static IgnoredDuplicates replacing(MySqlToH2.Translation tr, Shape shape) {
        if (shape == null || !"REPLACE".equals(tr.firstWord())) return null;
        if (shape.select()) return new IgnoredDuplicates("", List.of(tr.sql()));
        return split(tr, shape);
    }

    /** The same rows inserted: a REPLACE's first word made INSERT, so that every key a row meets refuses it. */
    IgnoredDuplicates asInserts() {
        if (!head.isEmpty()) return new IgnoredDuplicates(inserting(head), rows);
        return new IgnoredDuplicates(head, rows.stream().map(IgnoredDuplicates::inserting).toList());
    }

    private static final java.util.regex.Pattern REPLACE_WORD = java.util.regex.Pattern.compile(
            "^(\\s*(?:/\\*.*?\\*/\\s*)*)REPLACE\\b", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

    private static String inserting(String statement) {
        java.util.regex.Matcher m = REPLACE_WORD.matcher(statement);
        if (!m.find()) throw new IllegalStateException("no REPLACE to make an INSERT of: " + statement);
        return m.group(1) + "INSERT" + statement.substring(m.end());
    }

    /** The statement's rows, each its own statement, IGNORE taken out. */
    private static IgnoredDuplicates split(MySqlToH2.Translation tr, Shape shape) {
        String sql = tr.sql();
        int[] starts = tr.h2Starts();
        int ignore = shape.ignore();
        String withoutIgnore = ignore < 0 ? sql
                : sql.substring(0, starts[ignore]) + " " + sql.substring(end(starts, ignore, sql));
        if (shape.set()) return new IgnoredDuplicates("", List.of(withoutIgnore));
        int cut = ignore < 0 ? 0 : end(starts, ignore, sql) - starts[ignore] - 1;
        List<Integer> sig = shape.sig();
        List<String> rows = new ArrayList<>();
        for (int[] tuple : shape.tuples()) {
            int from = starts[sig.get(tuple[0])] - cut;
            int to = tuple[1] + 1 < sig.size() ? starts[sig.get(tuple[1] + 1)] - cut : withoutIgnore.length();
            String row = withoutIgnore.substring(from, to).strip();
            if (row.endsWith(",")) row = row.substring(0, row.length() - 1);
            rows.add(row);
        }
        if (rows.isEmpty()) return null;
        String head = withoutIgnore.substring(0, starts[sig.get(shape.tuples().get(0)[0])] - cut);
        return new IgnoredDuplicates(head, rows);
    }

    /** Where token {@code i}'s text (with what follows it up to the next token) ends in {@code sql}. */
    private static int end(int[] starts, int i, String sql) {
        return i + 1 < starts.length ? starts[i + 1] : sql.length();
    }

    /** What the rows run one by one stored: rows, the first AUTO_INCREMENT id generated, the highest. */
    private static final class Stored {
        long rows;
        long first;
        long highest;

        /**
         * Runs {@code sql} alone; null when it ran, else the duplicate key error that refused it,
         * the statement undone (another error is thrown).
         */
        SQLException tryAlone(Connection conn, org.h2.engine.SessionLocal h2, String sql, Consumer<Statement> running)
                throws SQLException {
            return tryAlone(conn, h2, sql, null, running);
        }

        /** As {@link #tryAlone(Connection, org.h2.engine.SessionLocal, String, Consumer)}, {@code sql}'s parameters bound. */
        SQLException tryAlone(Connection conn, org.h2.engine.SessionLocal h2, String sql, Object[] parameters,
                              Consumer<Statement> running) throws SQLException {
            long undo = h2.getTransaction().setSavepoint();
            long[] captured = RowCapture.mark();
            try (PreparedStatement ps = conn.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                if (parameters != null) {
                    for (int i = 0; i < parameters.length; i++) ps.setObject(i + 1, parameters[i]);
                }
                running.accept(ps);
                rows += ps.executeLargeUpdate();
                long[] keys = H2EngineSession.keys(ps);
                if (first == 0) first = keys[0];
                highest = Math.max(highest, keys[1]);
                return null;
            } catch (SQLException e) {
                if (e.getErrorCode() != org.h2.api.ErrorCode.DUPLICATE_KEY_1) throw e;
                h2.getTransaction().rollbackToSavepoint(undo);
                RowCapture.rewind(captured);
                return e;
            }
        }

        long[] result() {
            return new long[] {rows, first, highest};
        }
    }

    /**
     * Runs the rows one by one; a row refused for a duplicate key is undone and its error becomes a
     * warning. {@code running} is told of each statement before it runs.
     *
     * @return {rows stored, first AUTO_INCREMENT id generated, highest id}
     */
    long[] run(Connection conn, org.h2.engine.SessionLocal h2, Function<SQLException, SqlError> translate,
               Consumer<SqlError> warnings, Consumer<Statement> running) throws SQLException {
        Stored stored = new Stored();
        for (String row : rows) {
            SQLException duplicate = stored.tryAlone(conn, h2, head + row, running);
            if (duplicate != null) warnings.accept(translate.apply(duplicate));
        }
        return stored.result();
    }

    /**
     * {@code INSERT IGNORE … SELECT}: the engine's IGNORE skipped the rows a unique key refused
     * without MySQL's warning 1062 for each, and its OK had no {@code Records: n  Duplicates: d}.
     * The statement runs without IGNORE first; when a duplicate key refuses it, it is undone, the
     * SELECT's rows are read (as MySQL reads them before inserting when it selects from the table
     * it fills) and each is inserted alone, a duplicate key's error becoming the warning.
     *
     * @param withoutIgnore the statement without IGNORE
     * @param insert        the INSERT without IGNORE up to its rows, to which VALUES (?, …) is added
     * @param select        the SELECT of its rows
     */
    record IgnoredSelect(String withoutIgnore, String insert, String select) {
        /** The plan for an INSERT IGNORE of a SELECT's rows; null for any other statement. */
        static IgnoredSelect plan(MySqlToH2.Translation tr, Shape shape) {
            if (shape == null || !"INSERT".equals(tr.firstWord()) || shape.ignore() < 0 || shape.duplicateKeyUpdate()
                    || !shape.select() || shape.values() < 0) {
                return null;
            }
            String sql = tr.sql();
            int[] starts = tr.h2Starts();
            int ignore = shape.ignore();
            int rows = starts[shape.sig().get(shape.values())];
            String before = sql.substring(0, starts[ignore]) + " ";
            return new IgnoredSelect(before + sql.substring(end(starts, ignore, sql)),
                    before + sql.substring(end(starts, ignore, sql), rows), sql.substring(rows));
        }

        /**
         * Reads the SELECT's rows and inserts each alone; a row a duplicate key refuses is undone
         * and warned of.
         *
         * @return {rows stored, first AUTO_INCREMENT id, highest id, rows selected}
         */
        long[] run(Connection conn, org.h2.engine.SessionLocal h2, Function<SQLException, SqlError> translate,
                   Consumer<SqlError> warnings, Consumer<Statement> running) throws SQLException {
            List<Object[]> selected = new ArrayList<>();
            try (Statement st = conn.createStatement()) {
                running.accept(st);
                try (java.sql.ResultSet rs = st.executeQuery(select)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) row[i] = rs.getObject(i + 1);
                        selected.add(row);
                    }
                }
            }
            if (selected.isEmpty()) return new long[] {0, 0, 0, 0};
            String one = insert + " VALUES (" + "?, ".repeat(selected.get(0).length - 1) + "?)";
            Stored stored = new Stored();
            for (Object[] row : selected) {
                SQLException duplicate = stored.tryAlone(conn, h2, one, row, running);
                if (duplicate != null) warnings.accept(translate.apply(duplicate));
            }
            long[] r = stored.result();
            return new long[] {r[0], r[1], r[2], selected.size()};
        }
    }

    /**
     * A duplicate key error of a unique index: its table (as H2's message quotes it) and H2's row
     * key of the stored row it met, at the start of the error's values.
     */
    private static final java.util.regex.Pattern MET_ROW = java.util.regex.Pattern.compile(
            "violation: \".*? ON (.+?)\\(.*?\\) (?:VALUES )?\\( /\\* (?:key:)?(-?\\d+) \\*/", java.util.regex.Pattern.DOTALL);

    /**
     * A REPLACE that a unique key other than the primary key refused (the engine's REPLACE meets
     * rows by the primary key only), or one made INSERTs ({@link #asInserts}) because deleting a row
     * of its table fires something: MySQL deletes every row the new one meets on any unique key,
     * then inserts it (13.2.8, "REPLACE Statement"). Each row is run alone; each row a unique key
     * meets is deleted (through the table's triggers, its foreign keys and the binlog's row
     * capture, as MySQL's DELETE of it) and the row tried again.
     *
     * @return {rows affected (inserted, replaced and deleted), first AUTO_INCREMENT id, highest id}
     */
    long[] runReplacing(Connection conn, org.h2.engine.SessionLocal h2, Consumer<Statement> running)
            throws SQLException {
        Stored affected = new Stored();
        for (String row : rows) {
            for (SQLException met; (met = affected.tryAlone(conn, h2, head + row, running)) != null; ) {
                java.util.regex.Matcher stored = MET_ROW.matcher(met.getMessage());
                if (!stored.find()) throw met;
                try (Statement st = conn.createStatement()) {
                    running.accept(st);
                    // none deleted: a row of this statement's own (undone) or another session's
                    String table = stored.group(1).replace("\"\"", "\"");
                    if (st.executeUpdate("DELETE FROM " + table + " WHERE _ROWID_ = " + stored.group(2)) == 0) throw met;
                }
                affected.rows++;
            }
        }
        return affected.result();
    }

    /**
     * {@code UPDATE IGNORE t SET … [WHERE …] [ORDER BY …] [LIMIT n]} whose change a duplicate key
     * refused: MySQL skips each such row with warning 1062 and updates the others; the engine
     * refused the whole statement. Run again row by row: the rows it matches, in its order (else
     * the table's), each updated alone, a duplicate key undoing that row and warning. And
     * {@code UPDATE t SET … [WHERE …] ORDER BY …} without a LIMIT, run row by row from the start:
     * MySQL writes the rows in the order asked, each checked against the unique keys as it is
     * written ({@code SET id = id + 1 ORDER BY id DESC} succeeds, without the ORDER BY it is 1062),
     * and its row events go in that order; the engine wrote them in its own order (which a
     * replica applying the events one at a time could not follow: 1062).
     *
     * @param ids     the H2 query of the matched rows' ids, in order
     * @param perRow  the H2 UPDATE of one row, its id appended
     * @param ignore  whether a row a duplicate key refuses is skipped (IGNORE), else the statement fails
     */
    record RowByRowUpdate(String ids, String perRow, boolean ignore) {
        /**
         * The plan for a single-table UPDATE IGNORE the engine runs as written, or for an UPDATE
         * with ORDER BY and no LIMIT; null otherwise.
         */
        static RowByRowUpdate plan(MySqlToH2.Translation tr) {
            if (!"UPDATE".equals(tr.firstWord()) || tr.multiTable() != null || tr.statements().size() != 1) return null;
            List<Token> all = tr.tokens();
            List<Integer> sig = significant(all);
            int table = 1;
            boolean ignore = false;
            while (table < sig.size() && (all.get(sig.get(table)).is("LOW_PRIORITY") || all.get(sig.get(table)).is("IGNORE"))) {
                ignore |= all.get(sig.get(table)).is("IGNORE");
                table++;
            }
            // assignments that read earlier ones are written otherwise for the engine
            if (UpdateAssignments.plan(all, sig) != null) return null;
            int set = -1;
            int where = -1;
            int rest = -1;
            boolean limited = false;
            int depth = 0;
            for (int s = table; s < sig.size(); s++) {
                Token t = all.get(sig.get(s));
                if (t.isSymbol("(")) depth++;
                else if (t.isSymbol(")")) depth--;
                else if (depth == 0 && set < 0 && t.is("SET")) set = s;
                else if (depth == 0 && set >= 0 && where < 0 && rest < 0 && t.is("WHERE")) where = s;
                else if (depth == 0 && set >= 0 && rest < 0 && (t.is("ORDER") || t.is("LIMIT"))) rest = s;
                if (depth == 0 && rest >= 0 && t.is("LIMIT")) limited = true;
            }
            if (set < 0) return null;
            boolean ordered = rest >= 0 && all.get(sig.get(rest)).is("ORDER");
            // with a LIMIT the engine's statement chooses the rows (OrderedWrites), locks and all
            if (!ignore && (!ordered || limited)) return null;
            String sql = tr.text();
            int[] starts = tr.h2Starts();
            int end = sql.length();
            while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) end--;
            int assignmentsEnd = where >= 0 ? starts[sig.get(where)] : rest >= 0 ? starts[sig.get(rest)] : end;
            String filter = where >= 0 ? sql.substring(starts[sig.get(where)], rest >= 0 ? starts[sig.get(rest)] : end) : "";
            String tail = rest >= 0 ? sql.substring(starts[sig.get(rest)], end) : "";
            String ids = "SELECT _ROWID_ FROM " + sql.substring(starts[sig.get(table)], starts[sig.get(set)]) + " "
                    + filter + (ordered ? " " : " ORDER BY _ROWID_ ") + tail;
            // a row another transaction changed meanwhile is updated only if it still matches
            String condition = filter.isEmpty() ? "" : "(" + filter.strip().substring("WHERE".length()) + ") AND ";
            return new RowByRowUpdate(ids, sql.substring(0, assignmentsEnd) + " WHERE "
                    + (ignore ? "" : condition) + "_ROWID_ = ", ignore);
        }

        /**
         * Updates the matched rows one by one; a row a duplicate key refuses is undone and warned of
         * (IGNORE), or the statement undone and failed.
         *
         * @return the rows matched
         */
        long run(Connection conn, org.h2.engine.SessionLocal h2, Function<SQLException, SqlError> translate,
                 Consumer<SqlError> warnings, Consumer<Statement> running, Runnable pinClock) throws SQLException {
            List<Long> rows = new ArrayList<>();
            try (Statement st = conn.createStatement()) {
                running.accept(st);
                try (java.sql.ResultSet rs = st.executeQuery(ids)) {
                    while (rs.next()) rows.add(rs.getLong(1));
                }
            }
            long statementUndo = h2.getTransaction().setSavepoint();
            long[] statementCaptured = RowCapture.mark();
            for (long id : rows) {
                long undo = h2.getTransaction().setSavepoint();
                long[] captured = RowCapture.mark();
                try (Statement st = conn.createStatement()) {
                    running.accept(st);
                    // each row's command reads the statement's time (DEFAULT and ON UPDATE CURRENT_TIMESTAMP)
                    pinClock.run();
                    st.executeUpdate(perRow + id);
                } catch (SQLException e) {
                    if (!ignore || e.getErrorCode() != org.h2.api.ErrorCode.DUPLICATE_KEY_1) {
                        // the statement fails whole: the rows it wrote before are undone
                        h2.getTransaction().rollbackToSavepoint(statementUndo);
                        RowCapture.rewind(statementCaptured);
                        throw e;
                    }
                    h2.getTransaction().rollbackToSavepoint(undo);
                    RowCapture.rewind(captured);
                    warnings.accept(translate.apply(e));
                }
            }
            return rows.size();
        }
    }
}
