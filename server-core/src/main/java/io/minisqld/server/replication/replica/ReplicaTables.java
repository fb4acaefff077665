package io.minisqld.server.replication.replica;

import io.minisqld.server.engine.SqlLiteral;
import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.result.RowsResult;
import java.util.Optional;

/**
 * The replica's persisted state in engine tables, as MySQL 5.7 keeps it with
 * {@code master_info_repository=TABLE} and {@code relay_log_info_repository=TABLE}:
 * {@code mysql.slave_master_info} (connection options, received position) and
 * {@code mysql.slave_relay_log_info} (applied position). One row each, channel {@code ''}.
 * Never binlogged: written through the system session or, for the SQL thread's position,
 * inside the applied transaction through the SQL thread's own engine session.
 *
 * <p>Lock rule: every use of the system session holds its monitor (the engine's contract); no
 * other lock is taken while holding it.
 */
final class ReplicaTables {
    static final String CHANNEL = "";

    private static final String CREATE_MASTER = "CREATE TABLE IF NOT EXISTS mysql.`slave_master_info` ("
            + "`Channel_name` VARCHAR(64) NOT NULL, `Host` VARCHAR(255) NOT NULL, `Port` INT NOT NULL, "
            + "`User_name` VARCHAR(255) NOT NULL, `User_password` VARCHAR(255) NOT NULL, "
            + "`Connect_retry` INT NOT NULL, `Heartbeat` DOUBLE NOT NULL, `Retry_count` BIGINT NOT NULL, "
            + "`Master_log_name` VARCHAR(255) NOT NULL, `Master_log_pos` BIGINT NOT NULL, "
            + "`Enabled_ssl` TINYINT NOT NULL DEFAULT 0, `Ssl_ca` VARCHAR(512) NOT NULL DEFAULT '', "
            + "`Ssl_verify_server_cert` TINYINT NOT NULL DEFAULT 0, `Ssl_cert` VARCHAR(512) NOT NULL DEFAULT '', "
            + "`Ssl_key` VARCHAR(512) NOT NULL DEFAULT '', `Ssl_cipher` VARCHAR(512) NOT NULL DEFAULT '', "
            + "`Tls_version` VARCHAR(255) NOT NULL DEFAULT '', `Auto_position` TINYINT NOT NULL DEFAULT 0, "
            + "PRIMARY KEY (`Channel_name`))";
    /** The TLS and auto-position columns a table from before them gains at start-up. */
    private static final java.util.List<String> ADDED_COLUMNS = java.util.List.of(
            "`Enabled_ssl` TINYINT NOT NULL DEFAULT 0", "`Ssl_ca` VARCHAR(512) NOT NULL DEFAULT ''",
            "`Ssl_verify_server_cert` TINYINT NOT NULL DEFAULT 0", "`Ssl_cert` VARCHAR(512) NOT NULL DEFAULT ''",
            "`Ssl_key` VARCHAR(512) NOT NULL DEFAULT ''", "`Ssl_cipher` VARCHAR(512) NOT NULL DEFAULT ''",
            "`Tls_version` VARCHAR(255) NOT NULL DEFAULT ''", "`Auto_position` TINYINT NOT NULL DEFAULT 0");
    private static final String CREATE_RELAY = "CREATE TABLE IF NOT EXISTS mysql.`slave_relay_log_info` ("
            + "`Channel_name` VARCHAR(64) NOT NULL, `Relay_log_name` VARCHAR(255) NOT NULL, "
            + "`Relay_log_pos` BIGINT NOT NULL, `Master_log_name` VARCHAR(255) NOT NULL, "
            + "`Master_log_pos` BIGINT NOT NULL, `Recovery_skip` BIGINT NOT NULL, "
            + "PRIMARY KEY (`Channel_name`))";

    private final StorageEngine engine;
    private final EngineSession system;

    private ReplicaTables(StorageEngine engine) {
        this.engine = engine;
        this.system = engine.systemSession();
    }

    /** Creates the tables if they are missing. */
    static ReplicaTables open(StorageEngine engine) {
        ReplicaTables t = new ReplicaTables(engine);
        synchronized (t.system) {
            engine.createDatabase("mysql", true);
            t.system.executeInternal(CREATE_MASTER);
            // a datadir from before replication over TLS or GTIDs: the master info gains those columns
            java.util.Set<String> have = new java.util.HashSet<>();
            for (var c : t.system.describe("mysql", "slave_master_info").columns()) have.add(c.name().toLowerCase());
            for (String column : ADDED_COLUMNS) {
                String name = column.substring(1, column.indexOf('`', 1));
                if (!have.contains(name.toLowerCase())) {
                    t.system.executeInternal("ALTER TABLE mysql.`slave_master_info` ADD COLUMN " + column);
                }
            }
            t.system.executeInternal(CREATE_RELAY);
            t.system.commit();
        }
        return t;
    }

    Optional<MasterInfo> readMaster() {
        synchronized (system) {
            RowsResult r = query("SELECT `Host`, `Port`, `User_name`, `User_password`, `Connect_retry`, `Heartbeat`, "
                    + "`Retry_count`, `Master_log_name`, `Master_log_pos`, `Enabled_ssl`, `Ssl_ca`, "
                    + "`Ssl_verify_server_cert`, `Ssl_cert`, `Ssl_key`, `Ssl_cipher`, `Tls_version`, `Auto_position` "
                    + "FROM mysql.`slave_master_info` "
                    + "WHERE `Channel_name` = ''");
            if (r.rows().isEmpty()) return Optional.empty();
            SourceSettings s = new SourceSettings(r.text(0, 0), Integer.parseInt(r.text(0, 1)), r.text(0, 2),
                    r.text(0, 3), Integer.parseInt(r.text(0, 4)), Double.parseDouble(r.text(0, 5)),
                    Long.parseLong(r.text(0, 6)), new io.minisqld.server.replication.client.ClientTls(
                    !"0".equals(r.text(0, 9)), r.text(0, 10), !"0".equals(r.text(0, 11)), r.text(0, 12), r.text(0, 13),
                    r.text(0, 14), r.text(0, 15)), !"0".equals(r.text(0, 16)));
            return Optional.of(new MasterInfo(s, new LogPosition(r.text(0, 7), Long.parseLong(r.text(0, 8)))));
        }
    }

    Optional<RelayLogInfo> readRelay() {
        synchronized (system) {
            RowsResult r = query("SELECT `Relay_log_name`, `Relay_log_pos`, `Master_log_name`, `Master_log_pos`, "
                    + "`Recovery_skip` FROM mysql.`slave_relay_log_info` WHERE `Channel_name` = ''");
            if (r.rows().isEmpty()) return Optional.empty();
            return Optional.of(new RelayLogInfo(new LogPosition(r.text(0, 0), Long.parseLong(r.text(0, 1))),
                    new LogPosition(r.text(0, 2), Long.parseLong(r.text(0, 3))), Long.parseLong(r.text(0, 4))));
        }
    }

    /** Writes both rows and makes them durable (CHANGE MASTER, RESET SLAVE, start-up recovery). */
    void writeBoth(MasterInfo master, RelayLogInfo relay) {
        synchronized (system) {
            try {
                system.executeInternal("DELETE FROM mysql.`slave_master_info` WHERE `Channel_name` = ''");
                io.minisqld.server.replication.client.ClientTls tls = master.settings().tls();
                system.executeInternal("INSERT INTO mysql.`slave_master_info` (`Channel_name`, `Host`, `Port`, `User_name`,"
                        + " `User_password`, `Connect_retry`, `Heartbeat`, `Retry_count`, `Master_log_name`, `Master_log_pos`,"
                        + " `Enabled_ssl`, `Ssl_ca`, `Ssl_verify_server_cert`, `Ssl_cert`, `Ssl_key`, `Ssl_cipher`,"
                        + " `Tls_version`, `Auto_position`) VALUES ('', " + SqlLiteral.quote(master.settings().host())
                        + ", " + master.settings().port() + ", " + SqlLiteral.quote(master.settings().user()) + ", "
                        + SqlLiteral.quote(master.settings().password()) + ", " + master.settings().connectRetrySeconds() + ", "
                        + master.settings().heartbeatPeriodSeconds() + ", " + master.settings().retryCount() + ", "
                        + SqlLiteral.quote(master.read().file()) + ", " + master.read().offset() + ", "
                        + (tls.enabled() ? 1 : 0) + ", " + SqlLiteral.quote(tls.caFile()) + ", "
                        + (tls.verifyServerCert() ? 1 : 0) + ", " + SqlLiteral.quote(tls.certFile()) + ", "
                        + SqlLiteral.quote(tls.keyFile()) + ", " + SqlLiteral.quote(tls.cipher()) + ", "
                        + SqlLiteral.quote(tls.tlsVersion()) + ", " + (master.settings().autoPosition() ? 1 : 0) + ")");
                system.executeInternal("DELETE FROM mysql.`slave_relay_log_info` WHERE `Channel_name` = ''");
                system.executeInternal(insertRelay(relay));
                system.commit();
            } catch (RuntimeException e) {
                system.rollback();
                throw e;
            }
        }
        engine.sync();
    }

    /** Removes both rows (RESET SLAVE ALL), durably. */
    void deleteAll() {
        synchronized (system) {
            try {
                system.executeInternal("DELETE FROM mysql.`slave_master_info` WHERE `Channel_name` = ''");
                system.executeInternal("DELETE FROM mysql.`slave_relay_log_info` WHERE `Channel_name` = ''");
                system.commit();
            } catch (RuntimeException e) {
                system.rollback();
                throw e;
            }
        }
        engine.sync();
    }

    /** Persists the received position (IO thread stop), durably. */
    void writeRead(LogPosition read) {
        synchronized (system) {
            try {
                system.executeInternal("UPDATE mysql.`slave_master_info` SET `Master_log_name` = " + SqlLiteral.quote(read.file())
                        + ", `Master_log_pos` = " + read.offset() + " WHERE `Channel_name` = ''");
                system.commit();
            } catch (RuntimeException e) {
                system.rollback();
                throw e;
            }
        }
        engine.sync();
    }

    /**
     * Writes the applied position inside {@code session}'s open transaction: it commits with the
     * applied transaction or not at all (MySQL's crash-safe replica).
     */
    static void writeRelayIn(EngineSession session, RelayLogInfo relay) {
        session.executeInternalUpdate(UPDATE_RELAY, relay.relay().file(), relay.relay().offset(),
                relay.executed().file(), relay.executed().offset(), relay.recoverySkip());
    }

    /** The applied position's update, prepared once per session (it runs once per applied transaction). */
    private static final String UPDATE_RELAY = "UPDATE mysql.`slave_relay_log_info` SET `Relay_log_name` = ?, "
            + "`Relay_log_pos` = ?, `Master_log_name` = ?, `Master_log_pos` = ?, `Recovery_skip` = ? "
            + "WHERE `Channel_name` = ''";

    private static String insertRelay(RelayLogInfo relay) {
        return "INSERT INTO mysql.`slave_relay_log_info` VALUES ('', " + SqlLiteral.quote(relay.relay().file()) + ", "
                + relay.relay().offset() + ", " + SqlLiteral.quote(relay.executed().file()) + ", "
                + relay.executed().offset() + ", " + relay.recoverySkip() + ")";
    }

    private RowsResult query(String sql) {
        EngineSession.EngineResult r = system.executeInternal(sql);
        system.commit();
        return ((EngineSession.Rows) r).rows();
    }
}
