package io.minisqld.server.statements;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.binlog.BinlogFileInfo;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.event.codec.EventFormatException;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.RandEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.statement.BinlogStatement;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SHOW MASTER STATUS, SHOW BINARY LOGS, SHOW BINLOG EVENTS, RESET MASTER and PURGE BINARY LOGS,
 * with MySQL 5.7's columns, privileges and errors.
 */
final class BinlogStatements {
    private final ServerContext server;

    BinlogStatements(ServerContext server) {
        this.server = server;
    }

    /** Registers every statement of {@link BinlogStatement} with its handler. */
    void register(DispatchTable table) {
        table.register(BinlogStatement.ShowMasterStatus.class, (s, st, t) -> masterStatus(s))
                .register(BinlogStatement.ShowBinaryLogs.class, (s, st, t) -> binaryLogs(s))
                .register(BinlogStatement.ShowBinlogEvents.class, (s, st, t) -> binlogEvents(s, st))
                .register(BinlogStatement.ShowSlaveHosts.class, (s, st, t) -> slaveHosts(s))
                .register(BinlogStatement.ResetMaster.class, (s, st, t) -> resetMaster(s))
                .register(BinlogStatement.PurgeTo.class, (s, st, t) -> purgeTo(s, st.file()))
                .register(BinlogStatement.PurgeBefore.class, (s, st, t) -> purgeBefore(s, st.before()));
    }

    private StatementResult slaveHosts(Session s) {
        if (server.source() == null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("SHOW SLAVE HOSTS");
        return server.source().showSlaveHosts(s);
    }

    private BinlogService binlog() {
        return server.binlog();
    }

    private void requireReplicationClient(Session s) {
        if (!server.accounts().hasGlobal(s.account(), Privilege.SUPER)
                && !server.accounts().hasGlobal(s.account(), Privilege.REPLICATION_CLIENT)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error("SUPER, REPLICATION CLIENT");
        }
    }

    /** SHOW MASTER STATUS: one row while the binlog is on, none otherwise. */
    StatementResult masterStatus(Session s) {
        requireReplicationClient(s);
        List<Column> cols = List.of(Column.textNotNull("File"), number("Position"), Column.textNotNull("Binlog_Do_DB"),
                Column.textNotNull("Binlog_Ignore_DB"), Column.textNotNull("Executed_Gtid_Set"));
        List<List<?>> rows = new ArrayList<>();
        if (binlog() != null) {
            LogPosition end = binlog().publishedEnd();
            rows.add(Arrays.asList(end.file(), end.offset(), "", "", binlog().gtids().executed().toString()));
        }
        return RowsResult.of(cols, rows);
    }

    /** SHOW BINARY LOGS / SHOW MASTER LOGS. */
    StatementResult binaryLogs(Session s) {
        requireReplicationClient(s);
        requireBinlog();
        List<List<?>> rows = new ArrayList<>();
        for (BinlogFileInfo f : binlog().list()) rows.add(Arrays.asList(f.name(), f.size()));
        return RowsResult.of(List.of(Column.textNotNull("Log_name"), number("File_size")), rows);
    }

    private void requireBinlog() {
        if (binlog() == null) throw ErrorCode.ER_NO_BINARY_LOGGING.error();
    }

    /** SHOW BINLOG EVENTS [IN 'file'] [FROM pos] [LIMIT [offset,] n]. */
    StatementResult binlogEvents(Session s, BinlogStatement.ShowBinlogEvents st) {
        // MySQL 5.7 asks REPLICATION SLAVE here, the privilege of reading events (not REPLICATION CLIENT)
        requirePrivilege(s, Privilege.REPLICATION_SLAVE, Privilege.REPLICATION_SLAVE.grantName());
        String file = st.file();
        long from = st.from();
        long offset = st.offset();
        long limit = st.limit();
        List<Column> cols = List.of(Column.textNotNull("Log_name"), number("Pos"), Column.textNotNull("Event_type"),
                number("Server_id"), number("End_log_pos"), Column.textNotNull("Info"));
        List<List<?>> rows = new ArrayList<>();
        if (binlog() == null) return RowsResult.of(cols, rows);
        List<String> names = binlog().files().fileNames();
        if (file == null) file = names.isEmpty() ? null : names.get(0);
        if (file == null || !names.contains(file)) {
            throw ErrorCode.ER_ERROR_WHEN_EXECUTING_COMMAND.error("SHOW BINLOG EVENTS", "Could not find target log");
        }
        LogPosition end = binlog().publishedEnd();
        Path path = binlog().files().path(file);
        try (BinlogReader reader = BinlogReader.open(binlog().layer(), path)) {
            long limitPos = file.equals(end.file()) ? end.offset() : reader.size();
            try {
                reader.checkBoundary(from, limitPos);
            } catch (EventFormatException e) {
                throw ErrorCode.ER_ERROR_WHEN_EXECUTING_COMMAND.error("SHOW BINLOG EVENTS",
                        "Wrong offset or I/O error");
            }
            long index = 0;
            long pos = from;
            while (pos < limitPos && rows.size() < limit) {
                PositionedEvent e = pos == 4 ? reader.formatDescriptionEvent() : reader.read(pos, limitPos);
                if (index++ >= offset) {
                    rows.add(Arrays.asList(file, e.position(), EventType.showName(e.header().type()),
                            e.header().serverId(), e.header().nextPosition(), info(e.body())));
                }
                pos = e.endPosition();
            }
        } catch (IOException e) {
            throw ErrorCode.ER_ERROR_WHEN_EXECUTING_COMMAND.error("SHOW BINLOG EVENTS", "I/O error reading log event");
        }
        return RowsResult.of(cols, rows);
    }

    /** The Info column as MySQL 5.7 prints it. */
    static String info(EventBody body) {
        if (body instanceof FormatDescriptionEvent f) {
            return "Server ver: " + f.serverVersion() + ", Binlog ver: " + f.binlogVersion();
        }
        if (body instanceof QueryEvent q) {
            String sql = q.sql();
            if (q.database().isEmpty() || sql.equalsIgnoreCase("BEGIN") || sql.equalsIgnoreCase("COMMIT")) return sql;
            return "use `" + q.database().replace("`", "``") + "`; " + sql;
        }
        if (body instanceof XidEvent x) return "COMMIT /* xid=" + x.xid() + " */";
        if (body instanceof io.minisqld.server.binlog.event.GtidEvent g) {
            return "SET @@SESSION.GTID_NEXT= '" + g.gtidText() + "'";
        }
        if (body instanceof io.minisqld.server.binlog.event.PreviousGtidsEvent p) return p.gtids().toString();
        if (body instanceof RotateEvent r) return r.nextFile() + ";pos=" + r.position();
        if (body instanceof IntvarEvent i) return i.kind().name() + "=" + i.value();
        if (body instanceof RandEvent r) return "rand_seed1=" + r.seed1() + ",rand_seed2=" + r.seed2();
        if (body instanceof io.minisqld.server.binlog.event.TableMapEvent t) {
            return "table_id: " + t.tableId() + " (" + t.database() + "." + t.table() + ")";
        }
        if (body instanceof io.minisqld.server.binlog.event.RowsEvent r) {
            return "table_id: " + r.tableId() + (r.endOfStatement() ? " flags: STMT_END_F" : "");
        }
        if (body instanceof io.minisqld.server.binlog.event.RowsQueryEvent q) return "# " + q.sql();
        return "";
    }

    /** RESET MASTER: needs RELOAD; then the transmit observers' after_reset_master. */
    StatementResult resetMaster(Session s) {
        requirePrivilege(s, Privilege.RELOAD, "RELOAD");
        requireBinlog();
        binlog().reset();
        if (!server.observers().binlogTransmit().isEmpty()) {
            server.observers().binlogTransmit().afterResetMaster(new TransmitParam(server.serverId(), 0, null));
        }
        return OkResult.EMPTY;
    }

    /** PURGE {BINARY | MASTER} LOGS TO 'file'. */
    StatementResult purgeTo(Session s, String file) {
        requirePurge(s);
        try {
            if (!binlog().files().fileNames().contains(file)) throw ErrorCode.ER_UNKNOWN_TARGET_BINLOG.error();
            binlog().purgeTo(file);
        } catch (IOException e) {
            throw ErrorCode.ER_BINLOG_PURGE_FATAL_ERR.error();
        }
        return OkResult.EMPTY;
    }

    /** PURGE {BINARY | MASTER} LOGS BEFORE 'datetime'. */
    StatementResult purgeBefore(Session s, String when) {
        requirePurge(s);
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(when.strip().replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw ErrorCode.ER_WRONG_ARGUMENTS.error("PURGE LOGS BEFORE");
        }
        try {
            binlog().purgeBefore(t.toInstant(ZoneOffset.UTC));
        } catch (IOException e) {
            throw ErrorCode.ER_BINLOG_PURGE_FATAL_ERR.error();
        }
        return OkResult.EMPTY;
    }

    private void requirePurge(Session s) {
        requirePrivilege(s, Privilege.SUPER, "SUPER");
        requireBinlog();
    }

    private void requirePrivilege(Session s, Privilege priv, String name) {
        if (!server.accounts().hasGlobal(s.account(), priv)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(name);
        }
    }

    private static Column number(String name) {
        return new Column("", "", "", name, "", Column.BINARY_CHARSET, 20, ColumnType.LONGLONG,
                Column.NOT_NULL | Column.UNSIGNED | Column.NUM | Column.BINARY, 0);
    }
}
