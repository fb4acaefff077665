package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CREATE TRIGGER and DROP TRIGGER, MySQL 5.7's: a trigger is kept as its MySQL text in the
 * server's trigger table (in the engine's hidden schema) and made an H2 trigger of the same name
 * on the same table that runs it ({@link MysqlTrigger}). H2 drops and renames its triggers with
 * their table; what is listed (SHOW TRIGGERS, information_schema.TRIGGERS, SHOW CREATE TRIGGER) is
 * the definitions of the H2 triggers that exist.
 */
final class Triggers {
    static final String TABLE = "`" + H2StorageEngine.INTERNAL_SCHEMA + "`.`triggers`";

    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (trigger_schema VARCHAR(64) NOT NULL,"
            + " trigger_name VARCHAR(64) NOT NULL, timing VARCHAR(6) NOT NULL, event VARCHAR(6) NOT NULL,"
            + " body VARCHAR(1000000) NOT NULL, created TIMESTAMP(2) NOT NULL, sql_mode VARCHAR(1000) NOT NULL,"
            + " definer VARCHAR(300) NOT NULL, PRIMARY KEY (trigger_schema, trigger_name))";

    private Triggers() {
    }

    /** CREATE … TRIGGER or DROP TRIGGER, or null for any other statement. */
    static EngineSession.EngineResult run(H2EngineSession session, Connection conn, EngineQuery query, List<Token> sig)
            throws SQLException {
        if (sig.size() > 2 && sig.get(0).is("DROP") && sig.get(1).is("TRIGGER")) return drop(session, conn, sig);
        if (sig.isEmpty() || !sig.get(0).is("CREATE")) return null;
        int trigger = -1;
        for (int k = 1; k < sig.size() && k < 12; k++) {
            if (sig.get(k).is("TRIGGER")) {
                trigger = k;
                break;
            }
            if (sig.get(k).is("TABLE") || sig.get(k).is("VIEW") || sig.get(k).is("INDEX")) return null;
        }
        if (trigger < 0) return null;
        return create(session, conn, query, sig, trigger);
    }

    private static EngineSession.EngineResult create(H2EngineSession session, Connection conn, EngineQuery query,
                                                     List<Token> sig, int trigger) throws SQLException {
        // without a DEFINER clause (or DEFINER = CURRENT_USER) the creating account, as MySQL
        String definer = session.definer();
        if (sig.get(1).is("DEFINER") && trigger > 3 && sig.get(2).isSymbol("=")) {
            StringBuilder d = new StringBuilder();
            for (int k = 3; k < trigger; k++) d.append(sig.get(k).text());
            String named = d.toString().replace("`", "").replace("'", "");
            if (!named.equalsIgnoreCase("CURRENT_USER") && !named.equalsIgnoreCase("CURRENT_USER()")) definer = named;
        }
        int k = trigger + 1;
        boolean ifNotExists = false;
        if (k + 2 < sig.size() && sig.get(k).is("IF") && sig.get(k + 1).is("NOT") && sig.get(k + 2).is("EXISTS")) {
            ifNotExists = true;
            k += 3;
        }
        String[] name = qualified(sig, k);
        k = Integer.parseInt(name[2]);
        if (k + 3 >= sig.size()) throw syntax(sig, k);
        boolean before = sig.get(k).is("BEFORE");
        if (!before && !sig.get(k).is("AFTER")) throw syntax(sig, k);
        TriggerBody.Event event;
        try {
            event = TriggerBody.Event.valueOf(sig.get(k + 1).upper());
        } catch (IllegalArgumentException e) {
            throw syntax(sig, k + 1);
        }
        if (!sig.get(k + 2).is("ON")) throw syntax(sig, k + 2);
        String[] table = qualified(sig, k + 3);
        k = Integer.parseInt(table[2]);
        if (k + 2 >= sig.size() || !sig.get(k).is("FOR") || !sig.get(k + 1).is("EACH") || !sig.get(k + 2).is("ROW")) {
            throw syntax(sig, k);
        }
        k += 3;
        if (k < sig.size() && (sig.get(k).is("FOLLOWS") || sig.get(k).is("PRECEDES"))) {
            // a table's triggers fire in the order they were made: another order would not be kept
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error(sig.get(k).upper() + " in CREATE TRIGGER");
        }
        if (k >= sig.size()) throw syntax(sig, k);
        for (int b = k; b < sig.size(); b++) {
            // the body runs in the engine, which has no server variables to read
            if (sig.get(b).type() == io.minisqld.server.sql.TokenType.SYSTEM_VAR) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("system variables (" + sig.get(b).text() + ") in a trigger's body");
            }
        }
        String db = table[0] != null ? table[0] : session.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        if (name[0] != null && !name[0].equals(db)) throw ErrorCode.ER_TRG_IN_WRONG_SCHEMA.error();
        TableInfo info = session.describe(db, table[1]);
        if (info.view()) throw ErrorCode.ER_TRG_ON_VIEW_OR_TEMP_TABLE.error(table[1]);
        if (exists(conn, db, name[1])) {
            if (ifNotExists) return EngineSession.Update.of(0);
            throw ErrorCode.ER_TRG_ALREADY_EXISTS.error();
        }
        String body = bodyText(query.tokens(), sig.get(k));
        List<String> columns = new ArrayList<>();
        for (TableInfo.ColumnInfo c : info.columns()) columns.add(c.name().toLowerCase(Locale.ROOT));
        // checked now, as MySQL checks it: unknown columns, NEW/OLD where there is none, what cannot run
        TriggerBody.parse(body, columns, event, before).check(conn);
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM " + TABLE
                + " WHERE trigger_schema = ? AND trigger_name = ?");
             PreparedStatement ins = conn.prepareStatement("INSERT INTO " + TABLE
                     + " VALUES (?, ?, ?, ?, ?, LOCALTIMESTAMP(2), ?, ?)")) {
            // a definition left by a table dropped with its triggers
            del.setString(1, db);
            del.setString(2, name[1]);
            del.executeUpdate();
            ins.setString(1, db);
            ins.setString(2, name[1]);
            ins.setString(3, before ? "BEFORE" : "AFTER");
            ins.setString(4, event.name());
            ins.setString(5, body);
            // the engine is not told the session's sql_mode; MySQL records it (dump tools restore it)
            ins.setString(6, "");
            ins.setString(7, definer);
            ins.executeUpdate();
        }
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TRIGGER " + H2StorageEngine.ident(db) + "." + H2StorageEngine.ident(name[1]) + " "
                    + (before ? "BEFORE " : "AFTER ") + event.name() + " ON " + H2StorageEngine.ident(db) + "."
                    + H2StorageEngine.ident(info.name()) + " FOR EACH ROW CALL \""
                    + MysqlTrigger.class.getName() + "\"");
        }
        return EngineSession.Update.of(0);
    }

    private static EngineSession.EngineResult drop(H2EngineSession session, Connection conn, List<Token> sig)
            throws SQLException {
        int k = 2;
        boolean ifExists = false;
        if (k + 1 < sig.size() && sig.get(k).is("IF") && sig.get(k + 1).is("EXISTS")) {
            ifExists = true;
            k += 2;
        }
        String[] name = qualified(sig, k);
        if (Integer.parseInt(name[2]) != sig.size()) throw syntax(sig, Integer.parseInt(name[2]));
        String db = name[0] != null ? name[0] : session.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        if (!exists(conn, db, name[1])) {
            if (ifExists) {
                session.note(ErrorCode.ER_TRG_DOES_NOT_EXIST.error());
                return EngineSession.Update.of(0);
            }
            throw ErrorCode.ER_TRG_DOES_NOT_EXIST.error();
        }
        try (Statement st = conn.createStatement()) {
            st.execute("DROP TRIGGER " + H2StorageEngine.ident(db) + "." + H2StorageEngine.ident(name[1]));
        }
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM " + TABLE
                + " WHERE trigger_schema = ? AND trigger_name = ?")) {
            del.setString(1, db);
            del.setString(2, name[1]);
            del.executeUpdate();
        }
        return EngineSession.Update.of(0);
    }

    private static boolean exists(Connection conn, String db, String name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM INFORMATION_SCHEMA.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = ? AND TRIGGER_NAME = ?")) {
            ps.setString(1, db);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** [db.]name at sig index k: {db or null, name, the index after it}. */
    private static String[] qualified(List<Token> sig, int k) {
        if (k >= sig.size() || !sig.get(k).isIdentifier()) throw syntax(sig, k);
        if (k + 2 < sig.size() && sig.get(k + 1).isSymbol(".") && sig.get(k + 2).isIdentifier()) {
            return new String[] {sig.get(k).value(), sig.get(k + 2).value(), Integer.toString(k + 3)};
        }
        return new String[] {null, sig.get(k).value(), Integer.toString(k + 1)};
    }

    private static SqlError syntax(List<Token> sig, int k) {
        return ErrorCode.ER_PARSE_ERROR.error(k < sig.size() ? sig.get(k).text() : "", 1);
    }

    /** The body's text from its first token on, without executable comments' markers or a final ';'. */
    private static String bodyText(List<Token> all, Token first) {
        String body = ViewDefinitions.withoutCommentMarkers(all, all.indexOf(first), all.size() - 1).strip();
        while (body.endsWith(";")) body = body.substring(0, body.length() - 1).strip();
        return body;
    }

    /** One trigger as information_schema.TRIGGERS lists it. */
    record Definition(String schema, String name, String table, String timing, String event, String body,
                      java.sql.Timestamp created, String sqlMode, String definer, long order) {
    }

    /** The triggers that exist, by schema, table, event, timing and creation. */
    static List<Definition> list(Connection conn) throws SQLException {
        List<Definition> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT t.trigger_schema,"
                + " t.trigger_name, h.EVENT_OBJECT_TABLE, t.timing, t.event, t.body, t.created, t.sql_mode, t.definer"
                + " FROM " + TABLE + " t JOIN INFORMATION_SCHEMA.TRIGGERS h ON h.TRIGGER_SCHEMA = t.trigger_schema"
                + " AND h.TRIGGER_NAME = t.trigger_name ORDER BY 1, 3, 5, 4, 7, 2")) {
            String group = null;
            long order = 0;
            while (rs.next()) {
                String g = rs.getString(1) + "." + rs.getString(3) + "." + rs.getString(5) + "." + rs.getString(4);
                order = g.equals(group) ? order + 1 : 1;
                group = g;
                out.add(new Definition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7), rs.getString(8), rs.getString(9), order));
            }
        }
        return out;
    }

    /** information_schema.TRIGGERS' columns, MySQL 5.7's. */
    static final String INFORMATION_SCHEMA_COLUMNS = "TRIGGER_CATALOG, TRIGGER_SCHEMA, TRIGGER_NAME,"
            + " EVENT_MANIPULATION, EVENT_OBJECT_CATALOG, EVENT_OBJECT_SCHEMA, EVENT_OBJECT_TABLE, #ACTION_ORDER,"
            + " ACTION_CONDITION, ACTION_STATEMENT, ACTION_ORIENTATION, ACTION_TIMING, ACTION_REFERENCE_OLD_TABLE,"
            + " ACTION_REFERENCE_NEW_TABLE, ACTION_REFERENCE_OLD_ROW, ACTION_REFERENCE_NEW_ROW, CREATED, SQL_MODE,"
            + " DEFINER, CHARACTER_SET_CLIENT, COLLATION_CONNECTION, DATABASE_COLLATION";

    /** information_schema.TRIGGERS' rows. */
    static List<List<Object>> informationSchemaRows(Connection conn) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (Definition d : list(conn)) {
            String created = d.created().toLocalDateTime()
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SS"));
            rows.add(Arrays.asList("def", d.schema(), d.name(), d.event(), "def", d.schema(), d.table(), d.order(),
                    null, d.body(), "ROW", d.timing(), null, null, "OLD", "NEW", created, d.sqlMode(), d.definer(),
                    "utf8mb4", "utf8mb4_general_ci", "utf8mb4_general_ci"));
        }
        return rows;
    }
}
