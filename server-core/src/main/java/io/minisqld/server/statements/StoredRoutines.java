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
 * The stored procedures and functions, kept in the engine's hidden schema (one row each, what information_schema
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
    private volatile java.util.Set<String> functions;

    StoredRoutines(ServerContext server) {
        this.server = server;
    }

    private static String key(boolean function, String db, String name) {
        return (function ? "f:" : "p:") + db.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT);
    }

    /** The procedure, or 1305 PROCEDURE db.name does not exist. */
    Loaded procedure(Session s, String db, String name) {
        Loaded p = find(s, false, db, name);
        if (p == null) throw ErrorCode.ER_SP_DOES_NOT_EXIST.error("PROCEDURE", db + "." + name);
        return p;
    }

    /** The procedure, or null. */
    Loaded find(Session s, String db, String name) {
        return find(s, false, db, name);
    }

    /** The procedure or function, or null. */
    Loaded find(Session s, boolean function, String db, String name) {
        Loaded cached = parsed.get(key(function, db, name));
        if (cached != null) return cached;
        RowsResult r = read(s, "SELECT db, name, definer, parameters, param_list, body, is_deterministic,"
                + " sql_data_access, security_type, comment, sql_mode, returns FROM " + TABLE + " WHERE db = "
                + SqlLiteral.quote(db) + " AND type = " + (function ? "'FUNCTION'" : "'PROCEDURE'") + " AND name = "
                + SqlLiteral.quote(name));
        if (r.rows().isEmpty()) return null;
        String definer = r.text(0, 2);
        int at = definer.lastIndexOf('@');
        List<RoutineDefinition.Parameter> params = new ArrayList<>();
        for (String line : r.text(0, 3).split("\n")) {
            if (line.isEmpty()) continue;
            String[] p = line.split("\t", 3);
            params.add(new RoutineDefinition.Parameter(p[0], p[1], p[2]));
        }
        RoutineDefinition d = new RoutineDefinition(function, r.text(0, 0), r.text(0, 1), definer.substring(0, at),
                definer.substring(at + 1), List.copyOf(params), r.text(0, 4), r.text(0, 11), r.text(0, 5),
                r.text(0, 6).equals("YES"), r.text(0, 7), r.text(0, 8), r.text(0, 9), r.text(0, 10));
        Loaded loaded = new Loaded(d, RoutineBody.parse(server.lexer(), d));
        parsed.put(key(function, db, name), loaded);
        return loaded;
    }

    /**
     * The functions that exist, as "db.name" in lower case (read once, then kept as CREATE and DROP
     * change them): what a statement's calls are looked up in.
     */
    java.util.Set<String> functionNames(Session s) {
        java.util.Set<String> names = functions;
        if (names != null) return names;
        synchronized (this) {
            if (functions == null) {
                java.util.Set<String> loaded = ConcurrentHashMap.newKeySet();
                RowsResult r = read(s, "SELECT db, name FROM " + TABLE + " WHERE type = 'FUNCTION'");
                for (int i = 0; i < r.rows().size(); i++) {
                    loaded.add(r.text(i, 0).toLowerCase(Locale.ROOT) + "." + r.text(i, 1).toLowerCase(Locale.ROOT));
                }
                functions = loaded;
            }
            return functions;
        }
    }

    /** Stores a new routine (1304 when one of that kind and name exists) and commits it durably. */
    void create(Session s, RoutineDefinition d) {
        if (find(s, d.function(), d.database(), d.name()) != null) {
            throw ErrorCode.ER_SP_ALREADY_EXISTS.error(d.kind(), d.name());
        }
        StringBuilder params = new StringBuilder();
        for (RoutineDefinition.Parameter p : d.parameters()) {
            params.append(p.mode()).append('\t').append(p.name()).append('\t').append(p.type()).append('\n');
        }
        String charset = s.variables().string("character_set_client");
        String collation = s.variables().string("collation_connection");
        write(s, "INSERT INTO " + TABLE + " VALUES (" + SqlLiteral.quote(d.database()) + ", " + SqlLiteral.quote(d.name())
                + ", '" + d.kind() + "', " + SqlLiteral.quote(d.definer()) + ", " + SqlLiteral.quote(params.toString())
                + ", " + SqlLiteral.quote(d.parameterText()) + ", " + SqlLiteral.quote(d.returns()) + ", "
                + SqlLiteral.quote(d.body()) + ", " + (d.deterministic() ? "'YES'" : "'NO'") + ", "
                + SqlLiteral.quote(d.dataAccess()) + ", " + SqlLiteral.quote(d.security()) + ", "
                + SqlLiteral.quote(d.comment()) + ", " + SqlLiteral.quote(d.sqlMode()) + ", NOW(), NOW(), "
                + SqlLiteral.quote(charset) + ", " + SqlLiteral.quote(collation) + ", 'utf8mb4_general_ci')");
        parsed.remove(key(d.function(), d.database(), d.name()));
        if (d.function()) functionNames(s).add(d.database().toLowerCase(Locale.ROOT) + "." + d.name().toLowerCase(Locale.ROOT));
    }

    /** Removes a routine; false when there was none. */
    boolean drop(Session s, boolean function, String db, String name) {
        boolean existed = find(s, function, db, name) != null;
        if (existed) {
            write(s, "DELETE FROM " + TABLE + " WHERE db = " + SqlLiteral.quote(db) + " AND type = "
                    + (function ? "'FUNCTION'" : "'PROCEDURE'") + " AND name = " + SqlLiteral.quote(name));
        }
        parsed.remove(key(function, db, name));
        if (function) functionNames(s).remove(db.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT));
        return existed;
    }

    /** DROP DATABASE takes its routines with it. */
    void dropDatabase(Session s, String db) {
        write(s, "DELETE FROM " + TABLE + " WHERE db = " + SqlLiteral.quote(db));
        String prefix = db.toLowerCase(Locale.ROOT) + ".";
        parsed.keySet().removeIf(k -> k.substring(2).startsWith(prefix));
        functionNames(s).removeIf(k -> k.startsWith(prefix));
    }

    /**
     * Reads {@code mysql.proc} as committed now, through the engine's system session and not the
     * client's: a definition is no data of the client's transaction (MySQL keeps routines in a
     * cache outside it), and a read in the client's session would leave it a snapshot, from which
     * a routine created later stays unseen (1305) when the statement then fails.
     */
    private RowsResult read(Session s, String sql) {
        EngineSession system = server.engine().systemSession();
        synchronized (system) {
            try {
                EngineSession.EngineResult r = system.executeInternal(sql);
                return ((EngineSession.Rows) r).rows();
            } finally {
                system.commit();
            }
        }
    }

    /** A change committed and synced at once, as DDL is (the binlog records it after). */
    private void write(Session s, String sql) {
        s.engine().executeInternal(sql);
        s.engine().commit();
        server.engine().sync();
    }
}
