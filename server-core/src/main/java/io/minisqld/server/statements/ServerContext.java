package io.minisqld.server.statements;

import io.minisqld.server.auth.AccountStatements;
import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.auth.HostCache;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.plugin.PluginRegistry;
import io.minisqld.server.replication.source.ReplicationSource;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;

/**
 * The server services that statements act on. One per server.
 *
 * @param lexer             where client queries are lexed (once each)
 * @param accountStatements runs CREATE USER, GRANT, SHOW GRANTS and the other account statements
 * @param shutdown          starts an orderly shutdown of the server from another thread
 * @param observers         the replication observers (plugins' hooks)
 * @param binlog            the binary log, or null when {@code log_bin} is off
 * @param plugins           INSTALL/UNINSTALL PLUGIN, or null in a server without a plugin registry
 * @param source            the replication source (SHOW SLAVE HOSTS), or null
 * @param hosts             the host cache of max_connect_errors (FLUSH HOSTS)
 * @param expireLogs        purges the binlog files expire_logs_days has expired (MySQL does at each FLUSH LOGS)
 */
public record ServerContext(QueryLexer lexer, SystemVariables variables, StatusRegistry status,
                            SessionManager sessions, StorageEngine engine, AccountStore accounts,
                            AccountStatements accountStatements, String version, Runnable shutdown,
                            ObserverRegistry observers, BinlogService binlog, PluginRegistry plugins,
                            ReplicationSource source, HostCache hosts, Runnable expireLogs,
                            io.minisqld.server.gtid.GtidState gtids,
                            java.util.function.Supplier<io.minisqld.server.binlog.commit.GtidExecutedTable> gtidTable) {

    /** The server id events are written with (MySQL reads the global at each event). */
    public long serverId() {
        return variables.globalLong("server_id");
    }
}
