package io.minisqld.server;

import io.minisqld.server.auth.AccountStatements;
import io.minisqld.server.auth.AccountStore;
import io.minisqld.plugin.api.observer.ServerStateParam;
import io.minisqld.server.binlog.BinlogSettings;
import io.minisqld.server.binlog.commit.BinlogRecovery;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.connection.ConnectionCounters;
import io.minisqld.server.connection.ReplicationCommands;
import io.minisqld.server.connection.SessionOpener;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.storage.FileLayer;
import io.minisqld.server.storage.RealFileLayer;
import io.minisqld.server.engine.h2.H2StorageEngine;
import io.minisqld.server.log.ErrorLog;
import io.minisqld.server.log.LogContext;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.options.OptionMessages;
import io.minisqld.server.options.OptionReader;
import io.minisqld.server.options.ServerOptions;
import io.minisqld.server.plugin.EnginePluginRows;
import io.minisqld.server.plugin.LiveServerInfo;
import io.minisqld.server.plugin.OptionRereader;
import io.minisqld.server.plugin.Pf4jLibraryLoader;
import io.minisqld.server.plugin.PluginRegistry;
import io.minisqld.server.plugin.PluginsTable;
import io.minisqld.server.plugin.TypedPlugins;
import io.minisqld.server.protocol.ProtocolListener;
import io.minisqld.server.replication.replica.ReplicaCrashScan;
import io.minisqld.server.replication.replica.ReplicaService;
import io.minisqld.server.replication.source.ReplicationSource;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.statements.ServerContext;
import io.minisqld.server.statements.StatementExecutor;
import io.minisqld.server.variables.ServerVariables;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;
import io.minisqld.server.wire.BinlogDumpCommand;
import io.minisqld.server.wire.RegisterSlaveCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One minisqld server: its variables, engine, accounts, sessions and listener. Several can run in
 * one JVM (tests start a source and replicas side by side); nothing here is static.
 *
 * <p>Lifecycle: {@link #start(ServerOptions)} reads the options, opens the error log, the engine
 * and the accounts, then listens; {@link #close()} (SHUTDOWN, COM_SHUTDOWN, SIGTERM) closes client
 * sessions, then the engine, and logs MySQL's shutdown lines.
 */
public final class MiniSqlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MiniSqlServer.class);

    /** The program name mysqld prints in its start-up and shutdown lines. */
    public static final String PROGNAME = "minisqld";

    private final String serverKey = "minisqld-" + UUID.randomUUID().toString().substring(0, 8);
    private final SystemVariables variables = new SystemVariables();
    private final io.minisqld.server.auth.HostCache hosts =
            new io.minisqld.server.auth.HostCache(() -> variables.globalLong("max_connect_errors"));
    private final StatusRegistry status = new StatusRegistry();
    private final SessionManager sessions = new SessionManager();
    /** Options no one knew before plugins loaded: fatal unless a plugin claims them (MySQL's order). */
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ConnectionCounters connectionCounters = new ConnectionCounters();
    private final long startedAtMillis = System.currentTimeMillis();
    private final String version;
    private final ObserverRegistry observers = new ObserverRegistry();
    /** Lexes every client query, once. */
    private final QueryLexer lexer = new QueryLexer();
    private final FileLayer fileLayer;

    private ServerThreadFactory threads;
    private ErrorLog errorLog;
    private H2StorageEngine engine;
    private AccountStore accounts;
    private StatementExecutor executor;
    private ProtocolListener listener;
    private BinlogService binlog;
    private io.minisqld.server.gtid.GtidState gtids;
    private io.minisqld.server.binlog.commit.GtidExecutedTable gtidTable;
    private PluginRegistry plugins;
    /** What VALIDATE PASSWORD and INFORMATION_SCHEMA plugins give the server. */
    private TypedPlugins typedPlugins;
    private ReplicaService replica;
    private ReplicationSource replicationSource;
    private BinlogHousekeeping housekeeping;

    private MiniSqlServer(FileLayer fileLayer) {
        // three numbers, then a suffix without digits, as MySQL's own (5.7.44-log): tools such as MHA
        // read every number of VERSION() as part of the server's version; the project's version is
        // in version_comment
        this.version = "5.7.44-minisqld";
        this.fileLayer = fileLayer;
    }

    /**
     * Starts a server from its options (command line and option files, already read). Throws
     * {@link StartupException} with MySQL's message when an option is unknown or invalid.
     */
    public static MiniSqlServer start(ServerOptions options) throws StartupException {
        return start(options, new RealFileLayer());
    }

    /**
     * Starts a server whose binlog (and every file whose fsync a guarantee rests on) goes through
     * {@code fileLayer}: tests pass one that forgets unforced bytes at a simulated power loss.
     */
    public static MiniSqlServer start(ServerOptions options, FileLayer fileLayer) throws StartupException {
        MiniSqlServer server = new MiniSqlServer(fileLayer);
        try {
            LogContext.callAs(server.serverKey, () -> {
                try {
                    server.boot(options);
                } catch (StartupException e) {
                    throw e;
                } catch (Exception e) {
                    // what stopped the start goes to the error log, as mysqld's "[ERROR] … Aborting"
                    log.error("{}", e.toString(), e);
                    log.error(io.minisqld.server.options.OptionMessages.ABORTING);
                    throw e;
                }
                return null;
            });
        } catch (StartupException e) {
            server.closeQuietly();
            throw e;
        } catch (Exception e) {
            server.closeQuietly();
            throw new StartupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        return server;
    }

    /**
     * TLS for clients (MySQL 5.7): the certificate and key {@code ssl_cert} / {@code ssl_key} name,
     * else, with {@code auto_generate_certs} (ON by default), those of the datadir, generated at the
     * first start that finds none; null (have_ssl DISABLED) when neither applies. tls_version and
     * ssl_cipher choose the protocols and cipher suites (auth.TlsSettings); require_secure_transport
     * ON without TLS refuses the start, as MySQL's server exits.
     */
    private io.minisqld.server.wire.ServerTls tls(Path datadir) throws Exception {
        String cert = variables.globalString("ssl_cert");
        String key = variables.globalString("ssl_key");
        String ca = variables.globalString("ssl_ca");
        io.minisqld.server.auth.TlsMaterial material;
        if (cert != null && key != null) {
            material = io.minisqld.server.auth.TlsMaterial.load(datadir.resolve(cert), datadir.resolve(key),
                    ca == null ? null : datadir.resolve(ca));
        } else if (cert == null && key == null && ca == null && variables.globalBool("auto_generate_certs")) {
            boolean found = io.minisqld.server.auth.TlsMaterial.generatedIn(datadir);
            material = io.minisqld.server.auth.TlsMaterial.inDatadir(datadir, version.substring(0, version.indexOf('-')));
            log.info(found ? "Found ca.pem, server-cert.pem and server-key.pem in data directory. Trying to enable SSL"
                    + " support using them." : "Auto generated SSL certificates are placed in data directory.");
            variables.initGlobal("ssl_ca", "ca.pem");
            variables.initGlobal("ssl_cert", "server-cert.pem");
            variables.initGlobal("ssl_key", "server-key.pem");
        } else {
            if (cert != null || key != null) {
                throw new StartupException("ssl_cert and ssl_key are needed together (TLS would be off)", null);
            }
            if (variables.globalBool("require_secure_transport")) {
                throw new StartupException(io.minisqld.server.error.ErrorCode.ER_NO_SECURE_TRANSPORTS_CONFIGURED.message(),
                        null);
            }
            return null;
        }
        io.minisqld.server.wire.ServerTls serverTls;
        try {
            serverTls = io.minisqld.server.auth.TlsSettings.of(material, variables.globalString("tls_version"),
                    variables.globalString("ssl_cipher"), log::warn);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage(), e);
        }
        variables.initGlobal("tls_version", io.minisqld.server.auth.TlsSettings.shown(serverTls.parameters()));
        variables.initGlobal("have_ssl", "YES");
        variables.initGlobal("have_openssl", "YES");
        java.security.cert.X509Certificate c = material.certificate();
        java.time.format.DateTimeFormatter openssl = java.time.format.DateTimeFormatter.ofPattern(
                "MMM ppd HH:mm:ss yyyy 'GMT'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
        status.register(io.minisqld.plugin.api.variables.StatusVariable.of("Ssl_server_not_before", () -> openssl.format(c.getNotBefore().toInstant())));
        status.register(io.minisqld.plugin.api.variables.StatusVariable.of("Ssl_server_not_after", () -> openssl.format(c.getNotAfter().toInstant())));
        return serverTls;
    }

    /** The server's options as audit plugins' SERVER_STARTUP argv: the program, then each option as given. */
    private static java.util.List<String> startupArguments(ServerOptions options) {
        java.util.List<String> argv = new java.util.ArrayList<>();
        argv.add(PROGNAME);
        for (io.minisqld.server.options.Option o : options.options()) argv.add(o.text() != null ? o.text() : "--" + o.name());
        return argv;
    }

    private void boot(ServerOptions options) throws Exception {
        ServerVariables.declare(variables, version, "minisqld " + Version.project()
                + ", a MySQL-compatible server with plugin replication (GPL)");
        ServerStatus.declare(status, sessions, connectionCounters, () -> binlog, startedAtMillis);
        Path datadir = Path.of(options.get("datadir").orElse("data")).toAbsolutePath().normalize();
        Files.createDirectories(datadir);
        variables.initGlobal("datadir", datadir + "/");
        String logError = options.find("log_error").map(o -> o.value() == null
                ? datadir.resolve("localhost.err").toString() : datadir.resolve(o.value()).toString()).orElse(null);
        errorLog = ErrorLog.open(serverKey, logError == null ? null : Path.of(logError));
        variables.initGlobal("log_error", logError == null ? "stderr" : logError);
        variables.initGlobal("server_uuid", AutoCnf.serverUuid(datadir, log));
        gtids = new io.minisqld.server.gtid.GtidState(variables.globalString("server_uuid"));
        GtidVariables.declare(variables, gtids, () -> binlog, () -> gtidTable,
                () -> replica != null && replica.autoPosition());
        ServerVariables.declareApplier(variables, () -> replica != null && replica.sqlThreadRunning());
        threads = new ServerThreadFactory(serverKey, "minisqld");
        StartupOptions startupOptions = new StartupOptions(options, variables);
        startupOptions.logNotices();
        startupOptions.apply(datadir);
        GtidVariables.started(variables, gtids);
        log.info("{} ({} {}) starting as process {} ...", PROGNAME, "mysqld", version, ProcessHandle.current().pid());

        BinlogSettings settings = variables.globalBool("log_bin") ? BinlogSettings.of(datadir,
                variables.globalString("log_bin_basename"), variables.globalLong("server_id"), version,
                ChecksumAlgorithm.valueOf(variables.globalString("binlog_checksum")),
                variables.globalLong("max_binlog_size")) : null;
        engine = new H2StorageEngine(datadir);
        ServerStateParam stateParam = new ServerStateParam(variables.globalLong("server_id"));
        observers.serverState().beforeRecovery(stateParam);
        long replicatedToSkip = 0;
        if (settings != null) {
            // before recovery re-applies them: replicated transactions whose relay position was lost
            replicatedToSkip = ReplicaCrashScan.transactionsToSkip(fileLayer, settings, engine);
            binlog = BinlogService.open(fileLayer, settings, engine, observers, java.time.Clock.systemUTC(),
                    () -> variables.globalLong("sync_binlog"), this::shutdownAsync, gtids);
            binlog.groupCommitDelay(() -> variables.globalLong("binlog_group_commit_sync_delay"),
                    () -> variables.globalLong("binlog_group_commit_sync_no_delay_count"));
            gtidTable = binlog.gtidTable();
        } else {
            // without a binlog, the GTIDs a replica applies are kept in mysql.gtid_executed only (B.6)
            gtidTable = io.minisqld.server.binlog.commit.GtidExecutedTable.open(engine);
            io.minisqld.server.gtid.GtidSet kept = gtidTable.read();
            gtids.recovered(kept, kept, kept);
        }
        observers.serverState().afterEngineRecovery(stateParam);
        accounts = AccountStore.open(engine);
        typedPlugins = new TypedPlugins(engine, sessions);
        LogTables.create(engine);
        loadPlugins(options, datadir);
        startupOptions.rejectUnclaimed(plugins);
        // after the binlog and the plugins (relay IO observers), as MySQL's init_slave
        replica = ReplicaService.open(new ReplicaService.Services(fileLayer, datadir, variables, engine,
                sessions, accounts, observers, threads, version, () -> listener == null ? 0 : listener.port(), gtids),
                replicatedToSkip);
        status.register(io.minisqld.plugin.api.variables.StatusVariable.of("Slave_retried_transactions",
                replica::retriedTransactions));
        replicationSource = new ReplicationSource(
                new ReplicationSource.Services(() -> binlog,
                        () -> variables.globalLong("server_id"), accounts, observers, sessions, threads));
        RuntimeSettings.follow(variables, options, errorLog, replica);
        ServerContext context = new ServerContext(lexer, variables, status, sessions, engine, accounts,
                new AccountStatements(accounts, typedPlugins), version, this::shutdownAsync, observers, binlog, plugins,
                replicationSource, hosts, () -> {
                    if (housekeeping != null) housekeeping.purgeExpired(true);
                }, gtids, () -> gtidTable);
        executor = new StatementExecutor(context, replica);
        // re-applied through the statement layer, in the context the binlog recorded (INTVAR, …)
        if (binlog != null) binlog.finishRecovery(executor.crashRecoveryReplayer());
        InformationSchema.register(this, engine, new PluginsTable(plugins));
        observers.serverState().afterRecovery(stateParam);
        housekeeping = new BinlogHousekeeping(binlog, variables, threads);
        housekeeping.start();
        observers.serverState().beforeHandleConnection(stateParam);
        observers.audit().notify(new io.minisqld.plugin.api.observer.AuditEvent.ServerStartup(
                io.minisqld.plugin.api.observer.AuditEventSubclass.SERVER_STARTUP_STARTUP, startupArguments(options)));

        String bind = variables.globalString("bind_address");
        int port = (int) variables.globalLong("port");
        io.minisqld.server.wire.ServerTls tls = tls(datadir);
        SessionOpener opener = new SessionOpener(new SessionOpener.Services(shuttingDown::get, variables,
                status, sessions, accounts, engine::openSession, executor, version, connectionCounters, hosts, tls));
        status.register(io.minisqld.plugin.api.variables.StatusVariable.of("Ssl_accepts", opener::tlsAccepts));
        // a session over TLS shows its own (SessionStatus texts); the server's are empty, as MySQL's
        status.register(io.minisqld.plugin.api.variables.StatusVariable.of("Ssl_cipher", () -> ""));
        status.register(io.minisqld.plugin.api.variables.StatusVariable.of("Ssl_version", () -> ""));
        listener = new ProtocolListener(opener, bind, port, threads);
        ReplicationCommands replicationCommands = new ReplicationCommands(replicationSource, sessions);
        listener.registerRawCommand(RegisterSlaveCommand.CODE, replicationCommands::registerSlave);
        listener.registerRawCommand(BinlogDumpCommand.CODE, replicationCommands::binlogDump);
        listener.registerRawCommand(io.minisqld.server.wire.BinlogDumpGtidCommand.CODE, replicationCommands::binlogDumpGtid);
        listener.start();
        variables.initGlobal("port", (long) listener.port());
        if (variables.globalLong("report_port") == 0) variables.initGlobal("report_port", (long) listener.port());
        log.info("Server hostname (bind-address): '{}'; port: {}", bind, listener.port());
        log.info("Server socket created on IP: '{}'.", bind);
        // MySQL starts the slave threads of a configured replica at start-up unless skip_slave_start
        replica.startAtServerStart(executor.applier());
        log.info("{}: ready for connections.\nVersion: '{}'  socket: '{}'  port: {}  {}", PROGNAME, version, "",
                listener.port(), variables.globalString("version_comment"));
    }

    /** The project version as x.y.z for PF4J's Plugin-Requires ("0.0.0", checking nothing, when unknown). */
    private static String semver(String projectVersion) {
        return projectVersion.matches("\\d+\\.\\d+\\.\\d+") ? projectVersion : "0.0.0";
    }

    /**
     * Plugin start-up (spec plugin-framework.md §A.7): after the engine and the accounts,
     * plugin-load lists, then mysql.plugin rows; then options nobody claimed abort start-up.
     */
    private void loadPlugins(ServerOptions options, Path datadir) throws StartupException {
        String dir = variables.globalString("plugin_dir");
        Path pluginDir = Path.of(dir == null || dir.isEmpty() ? "plugins" : dir).toAbsolutePath().normalize();
        variables.initGlobal("plugin_dir", pluginDir + "/");
        LiveServerInfo info = new LiveServerInfo(() -> variables.globalLong("server_id"), version, datadir,
                binlog != null, () -> binlog == null ? Optional.empty() : Optional.of(binlog.publishedEnd()));
        plugins = new PluginRegistry(pluginDir, new Pf4jLibraryLoader(pluginDir, semver(Version.project())), EnginePluginRows.open(engine),
                new PluginRegistry.Services(variables, status, observers, sessions, info, serverKey, typedPlugins),
                new OptionRereader(options, OptionReader.forSystem()));
        try {
            plugins.loadAtStartup(options.options(), options.pluginLoad(), true);
        } catch (IllegalStateException e) {
            log.error(OptionMessages.ABORTING);
            throw new StartupException(e.getMessage(), e);
        }
    }

    // --- accessors for the server's own statements and tests

    public String serverKey() {
        return serverKey;
    }

    public SystemVariables variables() {
        return variables;
    }

    public StatusRegistry status() {
        return status;
    }

    public SessionManager sessions() {
        return sessions;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public String version() {
        return version;
    }

    /** The port the server listens on (the ephemeral one when started with port=0). */
    public int port() {
        return listener.port();
    }

    public Path datadir() {
        return Path.of(variables.globalString("datadir"));
    }

    /** SHUTDOWN and COM_SHUTDOWN: answer the client first, then stop on another thread. */
    private void shutdownAsync() {
        if (shuttingDown.get()) return;
        new AsyncShutdown(sessions, threads).start(this::close);
    }

    /** Blocks until the server has stopped. */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /** Stops the server: closes client sessions, then the engine, with MySQL 5.7's log lines. */
    @Override
    public void close() {
        if (!shuttingDown.compareAndSet(false, true)) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        LogContext.runAs(serverKey, () -> {
            ServerStateParam stateParam = new ServerStateParam(variables.globalLong("server_id"));
            log.info("{}: Normal shutdown", PROGNAME);
            observers.serverState().beforeServerShutdown(stateParam);
            observers.audit().notify(new io.minisqld.plugin.api.observer.AuditEvent.ServerShutdown(
                    io.minisqld.plugin.api.observer.AuditEventSubclass.SERVER_SHUTDOWN_SHUTDOWN, "shutdown", 0));
            log.info("Giving {} client threads a chance to die gracefully", sessions.count());
            // dump threads end first: they must not read the binlog once it closes
            if (replicationSource != null) replicationSource.close();
            if (listener != null) listener.close();
            log.info("Shutting down slave threads");
            if (replica != null) replica.close();
            log.info("Forcefully disconnecting {} remaining clients", sessions.count());
            if (housekeeping != null) housekeeping.stop();
            observers.serverState().afterServerShutdown(stateParam);
            log.info("Binlog end");
            // MySQL's plugin_shutdown: after client sessions, before the binlog and the engine
            if (plugins != null) plugins.shutdown();
            if (binlog != null) binlog.close();
            if (engine != null) engine.close();
            log.info("{}: Shutdown complete", PROGNAME);
        });
        try {
            if (errorLog != null) errorLog.close();
        } catch (IOException e) {
            log.warn("closing the error log", e);
        }
        stopped.countDown();
    }

    /**
     * expire_logs_days: purges the binlog files older than that many days, as the background
     * thread does once a minute ({@code now}: even if it just did).
     *
     * @return the files purged
     */
    public List<String> purgeExpiredBinlogs(boolean now) {
        return housekeeping == null ? List.of() : housekeeping.purgeExpired(now);
    }

    /** The binary log, or null when log_bin is off. */
    public BinlogService binlog() {
        return binlog;
    }

    /** The plugin registry (INSTALL/UNINSTALL PLUGIN, SHOW PLUGINS), or null before start-up reached it. */
    public PluginRegistry plugins() {
        return plugins;
    }

    /** The source side of replication (dump threads, registered replicas), or null before start-up reached it. */
    public ReplicationSource replicationSource() {
        return replicationSource;
    }

    /** The replica channel (CHANGE MASTER, slave threads), or null before start-up reached it. */
    public ReplicaService replica() {
        return replica;
    }

    /** The lexer of clients' queries (tests count its passes: one per query). */
    public QueryLexer lexer() {
        return lexer;
    }

    /** The replication observers: where plugins (and tests) register hooks. */
    public ObserverRegistry observers() {
        return observers;
    }

    /**
     * Stops the server abruptly, as a crash would: no STOP event, no engine checkpoint, no clean
     * close of the engine (its unsynced commits may be lost). For crash tests only.
     */
    public void crashForTesting() {
        shuttingDown.set(true);
        if (housekeeping != null) housekeeping.abandon();
        // a crashed source's dump threads die with it (in one JVM they would wait forever)
        if (replicationSource != null) replicationSource.close();
        if (listener != null) listener.close();
        if (engine != null) engine.crashForTesting();
        if (replica != null) replica.abortForCrash();
        stopped.countDown();
    }

    private void closeQuietly() {
        try {
            if (housekeeping != null) housekeeping.stop();
            if (replicationSource != null) replicationSource.close();
            if (listener != null) listener.close();
            if (replica != null) replica.close();
            if (plugins != null) plugins.shutdown();
            if (binlog != null) binlog.close();
            if (engine != null) engine.close();
            if (errorLog != null) errorLog.close();
        } catch (Exception e) {
            log.debug("cleanup after a failed start", e);
        }
        shuttingDown.set(true);
        stopped.countDown();
    }
}
