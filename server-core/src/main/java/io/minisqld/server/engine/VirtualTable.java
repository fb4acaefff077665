package io.minisqld.server.engine;

import java.util.List;

/**
 * A table the server computes (information_schema.PLUGINS, GLOBAL_STATUS, PROCESSLIST, …).
 * Called on the querying session's thread, once per query.
 */
public interface VirtualTable {
    /** The columns, in order. */
    List<VirtualColumn> columns();

    /**
     * The rows for the session {@code sessionId} (session-scoped tables such as SESSION_VARIABLES
     * need it); each row holds one Java value per column (String, Long, Double or null).
     */
    List<List<Object>> rows(long sessionId);

    /** Which of a table's rows a session may see (information_schema's per-account tables). */
    @FunctionalInterface
    interface RowFilter {
        boolean visible(long sessionId, List<Object> row);
    }

    /** A column: its name and whether it holds integers (BIGINT) or text (VARCHAR). */
    record VirtualColumn(String name, boolean integer) {
        public static VirtualColumn text(String name) {
            return new VirtualColumn(name, false);
        }

        public static VirtualColumn number(String name) {
            return new VirtualColumn(name, true);
        }
    }
}
