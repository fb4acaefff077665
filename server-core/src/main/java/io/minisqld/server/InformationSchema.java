package io.minisqld.server;

import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.engine.VirtualTable;
import io.minisqld.server.engine.VirtualTable.VirtualColumn;
import io.minisqld.server.session.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The information_schema tables that the server computes: GLOBAL_VARIABLES, SESSION_VARIABLES,
 * GLOBAL_STATUS, SESSION_STATUS, PROCESSLIST and PLUGINS. Variable names are upper case there, as
 * MySQL 5.6 and MariaDB show them (SHOW VARIABLES keeps lower case).
 */
final class InformationSchema {
    private InformationSchema() {
    }

    static void register(MiniSqlServer server, StorageEngine engine) {
        engine.registerVirtualTable("GLOBAL_VARIABLES", nameValue(id -> server.variables().show(null)));
        engine.registerVirtualTable("SESSION_VARIABLES", nameValue(id -> server.sessions().get(id)
                .map(s -> server.variables().show(s.variables())).orElseGet(() -> server.variables().show(null))));
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
                List<List<Object>> rows = new ArrayList<>();
                for (Session s : server.sessions().all()) {
                    rows.add(Arrays.asList(s.id(), s.user(), s.host(), s.database(), s.command(),
                            s.secondsInCommand(), s.state(), s.info()));
                }
                return rows;
            }
        });
        engine.registerVirtualTable("PLUGINS", new BuiltinPlugins());
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

    /** The parts of the server MySQL lists as built-in plugins (the plugin framework adds loaded ones). */
    private static final class BuiltinPlugins implements VirtualTable {
        @Override
        public List<VirtualColumn> columns() {
            return List.of(VirtualColumn.text("PLUGIN_NAME"), VirtualColumn.text("PLUGIN_VERSION"),
                    VirtualColumn.text("PLUGIN_STATUS"), VirtualColumn.text("PLUGIN_TYPE"),
                    VirtualColumn.text("PLUGIN_TYPE_VERSION"), VirtualColumn.text("PLUGIN_LIBRARY"),
                    VirtualColumn.text("PLUGIN_LIBRARY_VERSION"), VirtualColumn.text("PLUGIN_AUTHOR"),
                    VirtualColumn.text("PLUGIN_DESCRIPTION"), VirtualColumn.text("PLUGIN_LICENSE"),
                    VirtualColumn.text("LOAD_OPTION"));
        }

        @Override
        public List<List<Object>> rows(long sessionId) {
            return List.of(
                    Arrays.asList("binlog", "1.0", "ACTIVE", "STORAGE ENGINE", "50744.0", null, null,
                            "minisqld", "This is a pseudo storage engine to represent the binlog in a transaction",
                            "GPL", "FORCE"),
                    Arrays.asList("mysql_native_password", "1.1", "ACTIVE", "AUTHENTICATION", "1.1", null, null,
                            "minisqld", "Native MySQL authentication", "GPL", "FORCE"),
                    Arrays.asList("InnoDB", "5.7", "ACTIVE", "STORAGE ENGINE", "50744.0", null, null,
                            "minisqld", "Supports transactions, row-level locking, and foreign keys", "GPL", "FORCE"));
        }
    }
}
