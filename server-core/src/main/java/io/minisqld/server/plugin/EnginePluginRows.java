package io.minisqld.server.plugin;

import io.minisqld.server.engine.SqlLiteral;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.result.RowsResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code mysql.plugin} as a table of the storage engine, written through the engine's system
 * session (never through a client session, so never binlogged). Each change commits on its own.
 *
 * <p>Lock rule: every use holds the system session's monitor, as the engine's contract asks;
 * callers may hold the registry's install lock, never the other way round.
 */
public final class EnginePluginRows implements PluginRows {
    /** MySQL's definition (scripts/mysql_system_tables.sql). */
    static final String CREATE = "CREATE TABLE IF NOT EXISTS mysql.`plugin` ("
            + "`name` VARCHAR(64) NOT NULL DEFAULT '', `dl` VARCHAR(128) NOT NULL DEFAULT '', "
            + "PRIMARY KEY (`name`))";

    private final EngineSession session;

    private EnginePluginRows(EngineSession session) {
        this.session = session;
    }

    /** Creates {@code mysql.plugin} if it is missing (a datadir made before plugins existed). */
    public static EnginePluginRows open(StorageEngine engine) {
        EnginePluginRows rows = new EnginePluginRows(engine.systemSession());
        synchronized (rows.session) {
            engine.createDatabase("mysql", true);
            rows.session.executeInternal(CREATE);
            rows.session.commit();
        }
        return rows;
    }

    @Override
    public List<Row> all() {
        synchronized (session) {
            EngineSession.EngineResult r = session.executeInternal("SELECT `name`, `dl` FROM mysql.`plugin` ORDER BY `name`");
            session.commit();
            RowsResult rows = ((EngineSession.Rows) r).rows();
            List<Row> out = new ArrayList<>();
            for (int i = 0; i < rows.rows().size(); i++) {
                out.add(new Row(String.valueOf(rows.text(i, 0)), String.valueOf(rows.text(i, 1))));
            }
            return out;
        }
    }

    @Override
    public void insert(String name, String dl) {
        synchronized (session) {
            try {
                session.executeInternal("DELETE FROM mysql.`plugin` WHERE LOWER(`name`) = " + SqlLiteral.quote(name.toLowerCase(Locale.ROOT)));
                session.executeInternal("INSERT INTO mysql.`plugin` (`name`, `dl`) VALUES (" + SqlLiteral.quote(name) + ", "
                        + SqlLiteral.quote(dl) + ")");
                session.commit();
            } catch (RuntimeException e) {
                session.rollback();
                throw e;
            }
        }
    }

    @Override
    public void delete(String name) {
        synchronized (session) {
            try {
                session.executeInternal("DELETE FROM mysql.`plugin` WHERE LOWER(`name`) = " + SqlLiteral.quote(name.toLowerCase(Locale.ROOT)));
                session.commit();
            } catch (RuntimeException e) {
                session.rollback();
                throw e;
            }
        }
    }
}
