package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.SqlLiteral;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The stored procedures, kept in the engine's hidden schema (one row each, what information_schema
 * ROUTINES and PARAMETERS show) and, once called, parsed in memory until CREATE or DROP changes
 * them. Procedure names are not case sensitive, as in MySQL.
 */
final class StoredRoutines {
    static final String TABLE = "`#minisqld_internal`.`routines`";

    /** A procedure's definition and its parsed body. */
    record Loaded(RoutineDefinition definition, RoutineBody body) {
    }

    private final ServerContext server;
    private final ConcurrentMap<String, Loaded> parsed = new ConcurrentHashMap<>();

    StoredRoutines(ServerContext server) {
        this.server = server;
    }

    private static String key(String db, String name) {
        return db.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT);
    }

    /** The procedure, or 1305 PROCEDURE db.name does not exist. */
    Loaded procedure(Session s, String db, String name) {
        Loaded p = find(s, db, name);
        if (p == null) throw ErrorCode.ER_SP_DOES_NOT_EXIST.error("PROCEDURE", db + "." + name);
        return p;
    }

    /** The procedure, or null. */
    Loaded find(Session s, String db, String name) {
        Loaded cached = parsed.get(key(db, name));
        if (cached != null) return cached;
        RowsResult r = read(s, "SELECT db, name, definer, parameters, param_list, body, is_deterministic,"
                + " sql_data_access, security_type, comment, sql_mode FROM " + TABLE + " WHERE db = "
                + SqlLiteral.quote(db) + " AND type = 'PROCEDURE' AND name = " + SqlLiteral.quote(name));
        if (r.rows().isEmpty()) return null;
        String definer = r.text(0, 2);
        int at = definer.lastIndexOf('@');
        List<RoutineDefinition.Parameter> params = new ArrayList<>();
        for (String line : r.text(0, 3).split("\n")) {
            if (line.isEmpty()) continue;
            String[] p = line.split("\t", 3);
            params.add(new RoutineDefinition.Parameter(p[0], p[1], p[2]));
        }
        RoutineDefinition d = new RoutineDefinition(r.text(0, 0), r.text(0, 1), definer.substring(0, at),
                definer.substring(at + 1), List.copyOf(params), r.text(0, 4), r.text(0, 5), r.text(0, 6).equals("YES"),
                r.text(0, 7), r.text(0, 8), r.text(0, 9), r.text(0, 10));
        Loaded loaded = new Loaded(d, RoutineBody.parse(server.lexer(), d));
        parsed.put(key(db, name), loaded);
        return loaded;
    }

    /** Stores a new procedure (1304 when one of that name exists) and commits it durably. */
    void create(Session s, RoutineDefinition d) {
        if (find(s, d.database(), d.name()) != null) throw ErrorCode.ER_SP_ALREADY_EXISTS.error("PROCEDURE", d.name());
        StringBuilder params = new StringBuilder();
        for (RoutineDefinition.Parameter p : d.parameters()) {
            params.append(p.mode()).append('\t').append(p.name()).append('\t').append(p.type()).append('\n');
        }
        String charset = s.variables().string("character_set_client");
        String collation = s.variables().string("collation_connection");
        write(s, "INSERT INTO " + TABLE + " VALUES (" + SqlLiteral.quote(d.database()) + ", " + SqlLiteral.quote(d.name())
                + ", 'PROCEDURE', " + SqlLiteral.quote(d.definer()) + ", " + SqlLiteral.quote(params.toString()) + ", "
                + SqlLiteral.quote(d.parameterText()) + ", '', " + SqlLiteral.quote(d.body()) + ", "
                + (d.deterministic() ? "'YES'" : "'NO'") + ", " + SqlLiteral.quote(d.dataAccess()) + ", "
                + SqlLiteral.quote(d.security()) + ", " + SqlLiteral.quote(d.comment()) + ", "
                + SqlLiteral.quote(d.sqlMode()) + ", NOW(), NOW(), " + SqlLiteral.quote(charset) + ", "
                + SqlLiteral.quote(collation) + ", 'utf8mb4_general_ci')");
        parsed.remove(key(d.database(), d.name()));
    }

    /** Removes a procedure; false when there was none. */
    boolean drop(Session s, String db, String name) {
        boolean existed = find(s, db, name) != null;
        if (existed) {
            write(s, "DELETE FROM " + TABLE + " WHERE db = " + SqlLiteral.quote(db) + " AND type = 'PROCEDURE' AND name = "
                    + SqlLiteral.quote(name));
        }
        parsed.remove(key(db, name));
        return existed;
    }

    /** DROP DATABASE takes its routines with it. */
    void dropDatabase(Session s, String db) {
        write(s, "DELETE FROM " + TABLE + " WHERE db = " + SqlLiteral.quote(db));
        parsed.keySet().removeIf(k -> k.startsWith(db.toLowerCase(Locale.ROOT) + "."));
    }

    private RowsResult read(Session s, String sql) {
        EngineSession.EngineResult r = s.engine().executeInternal(sql);
        return ((EngineSession.Rows) r).rows();
    }

    /** A change committed and synced at once, as DDL is (the binlog records it after). */
    private void write(Session s, String sql) {
        s.engine().executeInternal(sql);
        s.engine().commit();
        server.engine().sync();
    }
}
