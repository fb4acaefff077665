package io.minisqld.server.binlog.commit;

import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SHOW MASTER STATUS and SHOW BINLOG EVENTS as the binlog tests read them, on any account's connection. */
final class ShowBinlog {
    private ShowBinlog() {
    }

    /** One row of SHOW BINLOG EVENTS. */
    record EventRow(String logName, long pos, String eventType, long serverId, long endLogPos, String info) {
        static EventRow of(List<String> r) {
            return new EventRow(r.get(0), Long.parseLong(r.get(1)), r.get(2), Long.parseLong(r.get(3)),
                    Long.parseLong(r.get(4)), r.get(5));
        }
    }

    /** The rows of a SHOW BINLOG EVENTS statement. */
    static List<EventRow> binlogEvents(Connection c, String sql) throws SQLException {
        return SqlRunner.on(c).rows(sql).stream().map(EventRow::of).toList();
    }

    /** SHOW MASTER STATUS's File and Position. */
    static List<String> masterStatus(Connection c) throws SQLException {
        Map<String, String> r = SqlRunner.on(c).row("SHOW MASTER STATUS");
        if (r.isEmpty()) throw new AssertionError("SHOW MASTER STATUS returned no row");
        return List.of(r.get("File"), r.get("Position"));
    }
}
