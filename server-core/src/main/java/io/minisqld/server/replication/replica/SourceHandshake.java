package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.replication.client.MysqlClient;
import io.minisqld.plugin.api.observer.SourceQueryException;
import io.minisqld.server.wire.BinlogDumpCommand;
import io.minisqld.server.wire.RegisterSlaveCommand;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the IO thread's connect sequence on one connection to the source (protocol.md
 * §2.3; MySQL 5.7's {@code get_master_version_and_clock}, {@code register_slave_on_master} and
 * {@code request_dump}), which {@link IoThread} runs in this order: the greeting's version;
 * {@code SELECT UNIX_TIMESTAMP()} (a failure is only a warning); {@code SHOW VARIABLES LIKE
 * 'SERVER_ID'} (our own id there is fatal error 1593); {@code SET @master_heartbeat_period=<ns>}
 * when the period is not 0; {@code SET @master_binlog_checksum= @@global.binlog_checksum} and
 * {@code SELECT @master_binlog_checksum} (1193 from an old source means no checksums);
 * {@code SET @mariadb_slave_capability=4}, so a MariaDB primary sends its GTID events as they
 * are; COM_REGISTER_SLAVE; COM_BINLOG_DUMP.
 *
 * <p>An ERR with one of MySQL's {@linkplain #isNetworkError network error numbers} is thrown as
 * is: the thread reconnects. Other refusals are fatal ({@link IoFatalError}) or a warning, as
 * MySQL decides per step. IO thread only.
 */
final class SourceHandshake {
    private static final Logger LOG = LoggerFactory.getLogger(SourceHandshake.class);

    /**
     * Server errors that mean "the connection is going away, try again" (protocol.md §2.3):
     * ER_CON_COUNT_ERROR, ER_SERVER_SHUTDOWN, ER_NET_READ_INTERRUPTED, ER_NEW_ABORTING_CONNECTION,
     * ER_CONNECTION_KILLED (MariaDB) and MySQL's ER_QUERY_INTERRUPTED from a KILLed dump.
     */
    private static final Set<Integer> NETWORK_ERRORS = Set.of(ErrorCode.ER_CON_COUNT_ERROR.number(),
            ErrorCode.ER_SERVER_SHUTDOWN.number(), ErrorCode.ER_NET_READ_INTERRUPTED.number(),
            ErrorCode.ER_NEW_ABORTING_CONNECTION.number(), ErrorCode.ER_CONNECTION_KILLED.number(),
            ErrorCode.ER_QUERY_INTERRUPTED.number());

    private final MysqlClient c;

    SourceHandshake(MysqlClient c) {
        this.c = c;
    }

    /** Whether an ERR from the source means the connection is going away (reconnect, not fail). */
    static boolean isNetworkError(SourceQueryException e) {
        return NETWORK_ERRORS.contains(e.errorNumber());
    }

    /** The greeting's version must start with a digit ≥ 5 (after MariaDB's 5.5.5- prefix). */
    void checkVersion() throws IoFatalError {
        String v = c.serverVersion();
        if (v == null || v.isEmpty() || !Character.isDigit(v.charAt(0)) || v.charAt(0) < '5') {
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, "Master reported unrecognized MySQL version");
        }
    }

    void unixTimestamp() throws IOException, SourceQueryException {
        try {
            c.query("SELECT UNIX_TIMESTAMP()");
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
            LOG.warn("\"SELECT UNIX_TIMESTAMP()\" failed on master, do not trust column Seconds_Behind_Master of "
                    + "SHOW SLAVE STATUS. Error: {} ({})", e.getMessage(), e.errorNumber());
        }
    }

    /**
     * Reads the source's server_id and hands it to {@code seen} (SHOW SLAVE STATUS shows it even
     * when it is fatal), then refuses our own id.
     */
    void sourceServerId(long ownServerId, LongConsumer seen) throws IOException, SourceQueryException, IoFatalError {
        List<List<String>> rows;
        try {
            rows = c.query("SHOW VARIABLES LIKE 'SERVER_ID'");
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR,
                    "The slave I/O thread stops because a fatal error is encountered when it try to get the value "
                            + "of SERVER_ID variable from master.");
        }
        if (rows.isEmpty() || rows.get(0).size() < 2 || rows.get(0).get(1) == null) {
            LOG.warn("Unknown system variable 'SERVER_ID' on master, maybe it is a *VERY OLD MASTER*.");
            return;
        }
        long id;
        try {
            id = Long.parseLong(rows.get(0).get(1).trim());
        } catch (NumberFormatException e) {
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR,
                    "The slave I/O thread stops because a fatal error is encountered when it try to get the value "
                            + "of SERVER_ID variable from master.");
        }
        seen.accept(id);
        if (id == ownServerId) {
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR,
                    "The slave I/O thread stops because master and slave have equal MySQL server ids; these ids "
                            + "must be different for replication to work (or the --replicate-same-server-id option "
                            + "must be used on slave but this does not always make sense; please check the manual "
                            + "before using it).");
        }
    }

    /** {@code SET @master_heartbeat_period} in nanoseconds, when the period is not 0. */
    void heartbeatPeriod(double seconds) throws IOException, SourceQueryException, IoFatalError {
        if (seconds <= 0) return;
        long ns = (long) (seconds * 1_000_000_000d);
        String sql = "SET @master_heartbeat_period= " + ns;
        fatalUnlessNetwork(sql, "The slave I/O thread stops because querying master with '" + sql + "' failed;");
    }

    /** The checksum the source's events carry: its {@code binlog_checksum}, NONE for a source without checksums. */
    ChecksumAlgorithm sourceChecksum() throws IOException, SourceQueryException, IoFatalError {
        try {
            c.query("SET @master_binlog_checksum= @@global.binlog_checksum");
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
            // A source older than checksums does not know the variable: it sends none.
            if (e.errorNumber() == ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE.number()) return ChecksumAlgorithm.NONE;
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR,
                    "The slave I/O thread stops because a fatal error is encountered when it tried to SET "
                            + "@master_binlog_checksum on master.");
        }
        String fail = "The slave I/O thread stops because a fatal error is encountered when it tried to SELECT "
                + "@master_binlog_checksum.";
        List<List<String>> rows;
        try {
            rows = c.query("SELECT @master_binlog_checksum");
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, fail);
        }
        if (rows.isEmpty() || rows.get(0).isEmpty() || rows.get(0).get(0) == null) {
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, fail);
        }
        String value = rows.get(0).get(0).trim().toUpperCase(Locale.ROOT);
        return switch (value) {
            case "CRC32" -> ChecksumAlgorithm.CRC32;
            case "NONE" -> ChecksumAlgorithm.NONE;
            default -> throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, fail);
        };
    }

    /**
     * MySQL 5.7's get_master_uuid and io_thread_init_commands: the source's server_uuid (none from
     * a source without one, such as MariaDB) goes to {@code seen} (SHOW SLAVE STATUS's Master_UUID);
     * our own there is fatal error 1593; then {@code SET @slave_uuid} tells the source ours (a
     * refusal is only a warning).
     */
    void uuids(String ownUuid, java.util.function.Consumer<String> seen) throws IOException, SourceQueryException,
            IoFatalError {
        List<List<String>> rows;
        try {
            rows = c.query("SHOW VARIABLES LIKE 'SERVER_UUID'");
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, "The slave I/O thread stops because a fatal error"
                    + " is encountered when it tries to get the value of SERVER_UUID variable from master.");
        }
        if (!rows.isEmpty() && rows.get(0).size() > 1 && rows.get(0).get(1) != null) {
            String uuid = rows.get(0).get(1).trim();
            seen.accept(uuid);
            if (!ownUuid.isEmpty() && uuid.equalsIgnoreCase(ownUuid)) {
                throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, "The slave I/O thread stops because master and"
                        + " slave have equal MySQL server UUIDs; these UUIDs must be different for replication to work.");
            }
        }
        if (ownUuid.isEmpty()) return;
        try {
            c.query("SET @slave_uuid= '" + ownUuid + "'");
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
            LOG.warn("The initialization command 'SET @slave_uuid= '{}'' failed with the following error: '{}'.",
                    ownUuid, e.getMessage());
        }
    }

    /** Asks a MariaDB primary for its GTID events as they are; another source refuses, which is fine. */
    void mariadbCapability() throws IOException, SourceQueryException {
        try {
            c.query("SET @mariadb_slave_capability=4");
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
            // A source that refuses it is not MariaDB: it sends MySQL's events anyway.
        }
    }

    /** COM_REGISTER_SLAVE with the replica's report_host, report_user, report_password and report_port. */
    void register(long serverId, ReportedIdentity report) throws IOException, SourceQueryException {
        c.writeCommand(RegisterSlaveCommand.of(serverId, report.host(), report.user(), report.password(),
                report.port()).encode());
        c.readOk();
    }

    /**
     * MySQL 5.7's check of the source's gtid_mode (B.9; a source without the variable, such as
     * MariaDB, counts as OFF): fatal 1593 when the two servers' modes cannot replicate, or when
     * auto-position meets a source whose mode is not ON.
     */
    void gtidMode(io.minisqld.server.gtid.GtidMode own, boolean autoPosition) throws IOException, SourceQueryException,
            IoFatalError {
        io.minisqld.server.gtid.GtidMode theirs = io.minisqld.server.gtid.GtidMode.OFF;
        try {
            List<List<String>> rows = c.query("SELECT @@GLOBAL.GTID_MODE");
            if (!rows.isEmpty() && rows.get(0).get(0) != null) {
                theirs = io.minisqld.server.gtid.GtidMode.of(rows.get(0).get(0).trim());
            }
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
        } catch (IllegalArgumentException unknownValue) {
            theirs = io.minisqld.server.gtid.GtidMode.OFF;
        }
        if ((own == io.minisqld.server.gtid.GtidMode.OFF && theirs.assignsGtids())
                || (own == io.minisqld.server.gtid.GtidMode.ON && !theirs.assignsGtids())) {
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, "The replication receiver thread cannot start "
                    + "because the master has GTID_MODE = " + theirs + " and this server has GTID_MODE = " + own + ".");
        }
        if (autoPosition && theirs != io.minisqld.server.gtid.GtidMode.ON) {
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR, "The replication receiver thread cannot start in "
                    + "AUTO_POSITION mode: the master has GTID_MODE = " + theirs + " instead of ON.");
        }
    }

    /** COM_BINLOG_DUMP_GTID with the replica's GTIDs, the source choosing the file (B.8). */
    void requestDumpGtid(io.minisqld.server.gtid.GtidSet gtids, int flags, long serverId) throws IOException {
        c.writeCommand(new io.minisqld.server.wire.BinlogDumpGtidCommand(flags, serverId, "",
                BinlogReader.FIRST_EVENT_POSITION, gtids.encode()).encode());
    }

    /** COM_BINLOG_DUMP from {@code from}; its answer is the binlog stream. */
    void requestDump(LogPosition from, int flags, long serverId) throws IOException {
        c.writeCommand(new BinlogDumpCommand(from.offset(), flags, serverId, from.file()).encode());
    }

    private void fatalUnlessNetwork(String sql, String text) throws IOException, SourceQueryException, IoFatalError {
        try {
            c.query(sql);
        } catch (SourceQueryException e) {
            if (isNetworkError(e)) throw e;
            throw IoFatalError.of(ErrorCode.ER_SLAVE_FATAL_ERROR,
                    text + " error: " + e.errorNumber() + "  '" + e.getMessage() + "'");
        }
    }
}
