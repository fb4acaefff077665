package io.minisqld.server;

import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.engine.VirtualTable;
import io.minisqld.server.engine.VirtualTable.VirtualColumn;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.session.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The information_schema tables that the server computes: GLOBAL_VARIABLES, SESSION_VARIABLES,
 * SYSTEM_VARIABLES (MariaDB's),
 * GLOBAL_STATUS, SESSION_STATUS, PROCESSLIST, INNODB_TRX, INNODB_LOCKS, INNODB_LOCK_WAITS
 * ({@link InnodbTransactionTables}), and PLUGINS (the plugin registry's table). Variable names are upper case there, as
 * MySQL 5.6 and MariaDB show them (SHOW VARIABLES keeps lower case).
 */
final class InformationSchema {
    private InformationSchema() {
    }

    static void register(MiniSqlServer server, StorageEngine engine, VirtualTable plugins) {
        engine.registerVirtualTable("GLOBAL_VARIABLES", nameValue(id -> server.variables().show(null)));
        engine.registerVirtualTable("SESSION_VARIABLES", nameValue(id -> server.sessions().get(id)
                .map(s -> server.variables().show(s.variables())).orElseGet(() -> server.variables().show(null))));
        // MariaDB's table (MySQL 5.7 has none): its first columns, which MariaDB's test suite reads
        engine.registerVirtualTable("SYSTEM_VARIABLES", new VirtualTable() {
            @Override
            public List<VirtualColumn> columns() {
                return List.of(VirtualColumn.text("VARIABLE_NAME"), VirtualColumn.text("SESSION_VALUE"),
                        VirtualColumn.text("GLOBAL_VALUE"), VirtualColumn.text("VARIABLE_SCOPE"));
            }

            @Override
            public List<List<Object>> rows(long sessionId) {
                List<List<Object>> rows = new ArrayList<>();
                Session me = server.sessions().get(sessionId).orElse(null);
                for (String[] v : server.variables().describe(me == null ? null : me.variables())) {
                    rows.add(Arrays.asList(v[0].toUpperCase(Locale.ROOT), v[1], v[2], v[3]));
                }
                return rows;
            }
        });
        engine.registerVirtualTable("GLOBAL_STATUS", nameValue(id -> server.status().show(null)));
        engine.registerVirtualTable("SESSION_STATUS", nameValue(id -> server.sessions().get(id)
                .map(s -> server.status().show(s.status())).orElseGet(() -> server.status().show(null))));
        engine.registerVirtualTable("PROCESSLIST", new VirtualTable() {
            @Override
            public List<VirtualColumn> columns() {
                return List.of(VirtualColumn.number("ID"), VirtualColumn.text("USER"), VirtualColumn.text("HOST"),
                        VirtualColumn.text("DB"), VirtualColumn.text("COMMAND"), VirtualColumn.number("TIME"),
                        VirtualColumn.text("STATE"), VirtualColumn.text("INFO"));
            }

            @Override
            public List<List<Object>> rows(long sessionId) {
                // without PROCESS a session sees only its own user's threads, as SHOW PROCESSLIST
                Session me = server.sessions().get(sessionId).orElse(null);
                boolean all = me == null || server.accounts().hasGlobal(me.account(), Privilege.PROCESS);
                List<List<Object>> rows = new ArrayList<>();
                for (Session s : server.sessions().all()) {
                    if (!all && !s.user().equals(me.user())) continue;
                    rows.add(Arrays.asList(s.id(), s.user(), s.host(), s.database(), s.command(),
                            s.secondsInCommand(), s.state(), s.info()));
                }
                return rows;
            }
        });
        InnodbTransactionTables.register(server, engine);
        engine.registerVirtualTable("PLUGINS", plugins);
        // MySQL 5.7's fill_schema_*_privileges: an account without SELECT on mysql sees its own grants only
        VirtualTable.RowFilter ownGrants = (sessionId, row) -> {
            Session me = server.sessions().get(sessionId).orElse(null);
            if (me == null || server.accounts().has(me.account(), Privilege.SELECT, "mysql", null)) return true;
            return me.account().name().quoted().equals(String.valueOf(row.get(0)));
        };
        for (String table : List.of("USER_PRIVILEGES", "SCHEMA_PRIVILEGES", "TABLE_PRIVILEGES", "COLUMN_PRIVILEGES")) {
            engine.filterVirtualTable(table, ownGrants);
        }
    }

    private static VirtualTable nameValue(Function<Long, List<Map.Entry<String, String>>> source) {
        return new VirtualTable() {
            @Override
            public List<VirtualColumn> columns() {
                return List.of(VirtualColumn.text("VARIABLE_NAME"), VirtualColumn.text("VARIABLE_VALUE"));
            }

            @Override
            public List<List<Object>> rows(long sessionId) {
                List<List<Object>> rows = new ArrayList<>();
                for (Map.Entry<String, String> e : source.apply(sessionId)) {
                    rows.add(Arrays.asList(e.getKey().toUpperCase(Locale.ROOT), e.getValue()));
                }
                return rows;
            }
        };
    }
}
