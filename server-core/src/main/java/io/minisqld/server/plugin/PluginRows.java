package io.minisqld.server.plugin;

import java.util.List;

/**
 * The {@code mysql.plugin} table (spec plugin-framework.md §A.6): what INSTALL PLUGIN wrote, so
 * that a restarted server loads the same plugins. Never binlogged. The registry calls it under
 * its install lock.
 */
public interface PluginRows {
    /** A row: the plugin name as typed in INSTALL and the SONAME as given. */
    record Row(String name, String dl) {
    }

    /** Every row, in primary key order. */
    List<Row> all();

    /** Writes a row, replacing a stale one of the same name. */
    void insert(String name, String dl);

    /** Deletes the row of {@code name} (any case); a missing row is not an error. */
    void delete(String name);
}
