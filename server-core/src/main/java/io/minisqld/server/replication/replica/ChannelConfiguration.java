package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.statement.ReplicaStatement;
import io.minisqld.server.variables.Warnings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * CHANGE MASTER TO, as MySQL 5.7's {@code change_master} decides it: which options a running
 * thread forbids (1198), the new connection settings (a new host gets the default heartbeat
 * period again; the password notes), where the IO thread fetches from next, and where the SQL
 * thread applies from, purging the relay logs when the statement names no relay log position.
 * The caller persists the outcome and holds the channel's control lock.
 */
final class ChannelConfiguration {
    /** MySQL's SLAVE_MAX_HEARTBEAT_PERIOD in seconds. */
    static final double MAX_HEARTBEAT = 4294967;

    /** The channel after the statement: {@code master.read()} is where the IO thread fetches from next. */
    record Outcome(MasterInfo master, RelayLogInfo relay) {
    }

    private ChannelConfiguration() {
    }

    /** The heartbeat period a channel starts with: half of slave_net_timeout. */
    static double defaultHeartbeat(double netTimeoutSeconds) {
        return Math.min(MAX_HEARTBEAT, netTimeoutSeconds / 2);
    }

    /**
     * @param current    the channel's configuration, null when the server is not a replica yet
     * @param relay      the SQL thread's position
     * @param read       where a (re)started IO thread would fetch from
     * @param ioOn       whether the IO thread runs
     * @param sqlOn      whether the SQL thread runs
     * @param netTimeout slave_net_timeout in seconds
     */
    static Outcome change(ReplicaStatement.ChangeMaster c, Warnings warnings, MasterInfo current, RelayLogInfo relay,
                          LogPosition read, boolean ioOn, boolean sqlOn, double netTimeout, RelayLog relayLog,
                          io.minisqld.server.gtid.GtidMode gtidMode) {
        if ((ioOn && sqlOn) || (ioOn && c.receiverOptions()) || (sqlOn && c.applierOptions())) {
            throw ErrorCode.ER_SLAVE_MUST_STOP.error();
        }
        if (c.host() != null && c.host().isEmpty()) throw ErrorCode.ER_WRONG_ARGUMENTS.error("MASTER_HOST");
        MasterInfo old = current == null ? MasterInfo.unconfigured(defaultHeartbeat(netTimeout)) : current;
        // B.9: positions are the GTIDs' business in auto-position mode, which needs GTIDs
        boolean autoPosition = c.autoPosition() != null ? c.autoPosition() : old.settings().autoPosition();
        if (autoPosition && (c.logFile() != null || c.logPos() != null || c.relayLogFile() != null
                || c.relayLogPos() != null)) {
            throw ErrorCode.ER_BAD_SLAVE_AUTO_POSITION.error();
        }
        if (Boolean.TRUE.equals(c.autoPosition()) && gtidMode == io.minisqld.server.gtid.GtidMode.OFF) {
            throw ErrorCode.ER_AUTO_POSITION_REQUIRES_GTID_MODE_NOT_OFF.error();
        }
        SourceSettings settings = settings(c, warnings, old.settings(), netTimeout);
        RelayLogInfo r = relay;
        LogPosition newRead = read;
        if (c.logFile() != null || c.logPos() != null) {
            String file = c.logFile() != null ? c.logFile() : newRead.file();
            long pos = Math.max(BinlogReader.FIRST_EVENT_POSITION,
                    c.logPos() != null ? c.logPos() : BinlogReader.FIRST_EVENT_POSITION);
            newRead = new LogPosition(file, pos);
        } else if (c.host() != null || c.port() != null) {
            // another source: its binlog starts from the beginning unless told otherwise (MySQL)
            newRead = MasterInfo.SOURCE_START;
        } else if (!sqlOn) {
            // the relay logs go (below): fetch again from what the SQL thread executed
            newRead = r.executed();
        }
        if (c.relayLogFile() != null || c.relayLogPos() != null) {
            String file = c.relayLogFile() != null ? Path.of(c.relayLogFile()).getFileName().toString()
                    : r.relay().file();
            if (!relayLog.files().contains(file)) {
                throw ErrorCode.ER_RELAY_LOG_INIT.error("Could not find target log during relay log initialization");
            }
            long pos = Math.max(BinlogReader.FIRST_EVENT_POSITION, c.relayLogPos() != null ? c.relayLogPos()
                    : BinlogReader.FIRST_EVENT_POSITION);
            LogPosition exec = c.logFile() != null || c.logPos() != null ? newRead : r.executed();
            r = new RelayLogInfo(new LogPosition(file, pos), exec, r.recoverySkip());
        } else if (!sqlOn) {
            // MySQL purges the relay logs when CHANGE MASTER names no relay log position
            try {
                relayLog.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r = new RelayLogInfo(new LogPosition(relayLog.currentFile(), BinlogReader.FIRST_EVENT_POSITION), newRead, 0);
        }
        return new Outcome(new MasterInfo(settings, newRead), r);
    }

    /** The connection options: the statement's where given, the old ones otherwise. */
    private static SourceSettings settings(ReplicaStatement.ChangeMaster c, Warnings s, SourceSettings o,
                                           double netTimeout) {
        double heartbeat = o.heartbeatPeriodSeconds();
        if (c.heartbeatPeriod() != null) {
            double h = c.heartbeatPeriod();
            if (h < 0 || h > MAX_HEARTBEAT) {
                throw ErrorCode.ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE.error(String.valueOf((long) MAX_HEARTBEAT));
            }
            if (h > 0 && h < 0.001) {
                s.warn(ErrorCode.ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE_MIN);
                h = 0;
            }
            if (h > netTimeout) s.warn(ErrorCode.ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE_MAX);
            heartbeat = h;
        } else if (c.host() != null && !c.host().equals(o.host())) {
            // a new source gets the default period again, as MySQL resets it with the host
            heartbeat = defaultHeartbeat(netTimeout);
        }
        SourceSettings n = new SourceSettings(c.host() != null ? c.host() : o.host(),
                c.port() != null ? c.port() : o.port(), c.user() != null ? c.user() : o.user(),
                c.password() != null ? c.password() : o.password(),
                c.connectRetry() != null ? c.connectRetry() : o.connectRetrySeconds(), heartbeat,
                c.retryCount() != null ? c.retryCount() : o.retryCount(),
                new io.minisqld.server.replication.client.ClientTls(c.ssl() != null ? c.ssl() : o.tls().enabled(),
                        c.sslCa() != null ? c.sslCa() : o.tls().caFile(),
                        c.sslVerify() != null ? c.sslVerify() : o.tls().verifyServerCert(),
                        c.sslCert() != null ? c.sslCert() : o.tls().certFile(),
                        c.sslKey() != null ? c.sslKey() : o.tls().keyFile(),
                        c.sslCipher() != null ? c.sslCipher() : o.tls().cipher(),
                        c.tlsVersion() != null ? c.tlsVersion() : o.tls().tlsVersion()),
                c.autoPosition() != null ? c.autoPosition() : o.autoPosition());
        if (c.user() != null || c.password() != null) {
            s.note(ErrorCode.ER_INSECURE_PLAIN_TEXT);
            s.note(ErrorCode.ER_INSECURE_CHANGE_MASTER);
        }
        return n;
    }
}
