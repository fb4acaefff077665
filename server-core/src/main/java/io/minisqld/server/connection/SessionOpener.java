package io.minisqld.server.connection;

import io.minisqld.plugin.api.observer.AuditEvent;
import io.minisqld.plugin.api.observer.AuditEventSubclass;
import io.minisqld.server.auth.Account;
import io.minisqld.server.auth.AccountStore;
import io.minisqld.server.grant.TlsPeer;
import io.minisqld.server.auth.HostCache;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.charset.Collation;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.protocol.ClientConnection;
import io.minisqld.server.protocol.CommandHandler;
import io.minisqld.server.protocol.HandshakeResponse;
import io.minisqld.server.protocol.ServerEndpoint;
import io.minisqld.server.session.Session;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.statements.StatementExecutor;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;
import io.minisqld.server.wire.Capabilities;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * What the protocol layer calls for a new connection: authentication against the accounts,
 * max_connections, and the session and its {@link ClientSessionHandler}.
 */
public final class SessionOpener implements ServerEndpoint {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SessionOpener.class);

    /**
     * What opening and serving sessions needs.
     *
     * @param shuttingDown      whether the server is stopping (new logins and most commands get 1053)
     * @param variables         max_connections, max_allowed_packet and each session's variables
     * @param status            Bytes_received / Bytes_sent
     * @param sessions          the live sessions: a new one is added, a closed one removed
     * @param accounts          the accounts logins are checked against
     * @param openEngineSession opens the engine session of a connection id
     * @param executor          runs the session's statements
     * @param version           the handshake's server version
     * @param counters          Connections, Aborted_connects and Aborted_clients
     * @param hosts             the host cache max_connect_errors blocks hosts in
     */
    /** @param tls the TLS clients may switch to, or null when TLS is off */
    public record Services(BooleanSupplier shuttingDown, SystemVariables variables, StatusRegistry status,
                           SessionManager sessions, AccountStore accounts,
                           LongFunction<EngineSession> openEngineSession, StatementExecutor executor, String version,
                           ConnectionCounters counters, HostCache hosts, io.minisqld.server.wire.ServerTls tls) {
    }

    private final java.util.concurrent.atomic.LongAdder tlsAccepts = new java.util.concurrent.atomic.LongAdder();

    @Override
    public io.minisqld.server.wire.ServerTls tls() {
        return services.tls();
    }

    @Override
    public void tlsAccepted() {
        tlsAccepts.increment();
    }

    /** Ssl_accepts: the TLS handshakes clients completed. */
    public long tlsAccepts() {
        return tlsAccepts.sum();
    }

    private final Services services;

    public SessionOpener(Services services) {
        this.services = services;
    }

    @Override
    public long nextConnectionId() {
        // a connection attempt (MySQL's Connections counts them, successful or not)
        services.counters().connected();
        return services.sessions().nextConnectionId();
    }

    @Override
    public String serverVersion() {
        return services.version();
    }

    @Override
    public CommandHandler open(HandshakeResponse response, ClientConnection connection) throws SqlError {
        if (services.shuttingDown().getAsBoolean()) throw ErrorCode.ER_SERVER_SHUTDOWN.error();
        String ip = ipOf(response.remoteHost());
        // a refused login is counted in Aborted_connects by the protocol layer's abortedConnect()
        AccountStore accounts = services.accounts();
        TlsPeer peer = TlsPeer.of(response.tls());
        Account account;
        try {
            // require_secure_transport: MySQL refuses a plain TCP client before its account is looked at
            if (peer == null && services.variables().globalBool("require_secure_transport")) {
                throw ErrorCode.ER_SECURE_TRANSPORT_REQUIRED.error();
            }
            account = accounts.authenticate(response.user(), ip, response.scramble(), response.authResponse(), peer);
        } catch (SqlError refused) {
            // audit plugins hear of the failed attempt, with its error as the status
            connectionEvent(AuditEventSubclass.CONNECTION_CONNECT, refused.number(), response.connectionId(),
                    response.user(), "", ipOf(response.remoteHost()), response.database());
            throw refused;
        }
        // MySQL lets one connection beyond max_connections in for an account with SUPER
        SessionManager sessions = services.sessions();
        long max = services.variables().globalLong("max_connections");
        if (sessions.count() >= max && !(sessions.count() == max && accounts.hasGlobal(account, Privilege.SUPER))) {
            services.counters().maxConnectionsError();
            throw ErrorCode.ER_CON_COUNT_ERROR.error();
        }
        checkUserConnections(account);
        services.accounts().countConnection(account);
        refuseExpiredUnlessSandboxed(response, account);
        Session session = newSession(response, connection, account);
        if (peer != null) {
            session.status().setText("Ssl_cipher", peer.cipher());
            session.status().setText("Ssl_version", peer.version());
        }
        try {
            // an audit plugin may refuse the connection (3164 or its own error)
            connected(AuditEventSubclass.CONNECTION_CONNECT, session);
        } catch (SqlError refused) {
            session.engine().close();
            throw refused;
        }
        services.hosts().connected(ip);
        sessions.add(session);
        services.counters().sessionOpened(sessions.count());
        return new ClientSessionHandler(services, session, services.executor(), this, connection);
    }

    /**
     * MySQL 5.7 with an expired password: a client that cannot handle it (no
     * CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS) is refused with 1862 while disconnect_on_expired_password
     * is ON; others log in to sandbox mode (newSession).
     */
    private void refuseExpiredUnlessSandboxed(HandshakeResponse response, Account account) {
        if ((response.capabilities() & io.minisqld.server.wire.Capabilities.CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS) != 0
                || !services.variables().globalBool("disconnect_on_expired_password")) {
            return;
        }
        if (passwordExpired(account)) throw ErrorCode.ER_MUST_CHANGE_PASSWORD_LOGIN.error();
    }

    private boolean passwordExpired(Account account) {
        return services.accounts().passwordExpired(account.name(),
                services.variables().globalLong("default_password_lifetime"));
    }

    /**
     * MySQL's check_for_max_user_connections: an account with its own WITH MAX_USER_CONNECTIONS n
     * holds at most n sessions (1226), any other at most the global max_user_connections (1203).
     */
    private void checkUserConnections(Account account) {
        long own = services.accounts().maxUserConnections(account);
        long global = services.variables().globalLong("max_user_connections");
        if (own == 0 && global == 0) return;
        long open = services.sessions().all().stream().filter(x -> x.account().name().equals(account.name())).count();
        if (own > 0 && open >= own) {
            throw ErrorCode.ER_USER_LIMIT_REACHED.error(account.name().user(), "max_user_connections", own);
        }
        if (own == 0 && open >= global) throw ErrorCode.ER_TOO_MANY_USER_CONNECTIONS.error(account.name().user());
    }

    /**
     * COM_CHANGE_USER: a new session for the same connection as the account {@code response} logs
     * in as (1045 for wrong credentials, 1049 for an unknown database); the caller swaps it in.
     */
    Session reopen(HandshakeResponse response, ClientConnection connection) {
        Account account = services.accounts().authenticate(response.user(), ipOf(response.remoteHost()),
                response.scramble(), response.authResponse(), TlsPeer.of(response.tls()));
        refuseExpiredUnlessSandboxed(response, account);
        return newSession(response, connection, account);
    }

    /** A CONNECTION event of an authenticated session (CONNECT, CHANGE_USER, DISCONNECT). */
    void connected(AuditEventSubclass subclass, Session session) {
        if (services.executor().audit().isEmpty()) return;
        services.executor().audit().notify(new AuditEvent.Connection(subclass, 0, session.id(), session.user(),
                session.account().name().user(), session.account().clientHost(),
                session.account().clientHost().equals("localhost") ? "127.0.0.1" : session.account().clientHost(),
                session.database() == null ? "" : session.database(), 1));
    }

    private void connectionEvent(AuditEventSubclass subclass, int status, long id, String user, String privUser,
                                 String host, String database) {
        if (services.executor().audit().isEmpty()) return;
        services.executor().audit().notify(new AuditEvent.Connection(subclass, status, id, user, privUser, host,
                host, database == null ? "" : database, 1));
    }

    /** A session of {@code account}: its variables, character sets, database and init_connect. */
    private Session newSession(HandshakeResponse response, ClientConnection connection, Account account) {
        EngineSession engineSession = services.openEngineSession().apply(response.connectionId());
        Session session = new Session(response.connectionId(), response.user(),
                account.clientHost() + ":" + portOf(connection.remoteAddress()), account, connection::abort,
                services.variables().newSession(), engineSession);
        // the handshake's character set is the session's client, connection and results set (MySQL's
        // thd_init_client_charset); an id this server does not know keeps the server's default
        Collation handshake = Collation.byId(response.collation());
        if (handshake != null) {
            String cs = handshake.charset().mysqlName();
            session.variables().set("character_set_client", cs);
            session.variables().set("character_set_connection", cs);
            session.variables().set("character_set_results", cs);
            session.variables().set("collation_connection", handshake.name());
        }
        session.setClientFoundRows((response.capabilities() & Capabilities.CLIENT_FOUND_ROWS) != 0);
        session.setPasswordExpired(passwordExpired(account));
        // MySQL: an interactive client's wait_timeout starts as the global interactive_timeout
        if ((response.capabilities() & Capabilities.CLIENT_INTERACTIVE) != 0) {
            session.variables().set("wait_timeout", services.variables().global("interactive_timeout"));
        }
        try {
            engineSession.setIsolationLevel(session.variables().string("transaction_isolation"));
            engineSession.setDefiner(account.name().user() + "@" + account.name().host());
            engineSession.setLockWaitTimeout(session.variables().longValue("innodb_lock_wait_timeout"));
            if (response.database() != null && !response.database().isEmpty()) {
                services.executor().initDb(session, response.database());
            }
            runInitConnect(session, account);
        } catch (SqlError e) {
            if (session.inTransaction()) services.executor().transactions().rollback(session);
            engineSession.close();
            throw e;
        }
        return session;
    }

    /**
     * init_connect: its statements run for each new session of an account without SUPER, as MySQL
     * runs them; the first that fails refuses the connection with its error (MySQL closes it) and
     * is noted in the error log.
     */
    private void runInitConnect(Session session, Account account) {
        String init = services.variables().globalString("init_connect");
        // not for SUPER, nor for a session whose password has expired (MySQL 5.7)
        if (init == null || init.isBlank() || services.accounts().hasGlobal(account, Privilege.SUPER)
                || session.passwordExpired()) {
            return;
        }
        try {
            for (StatementText st : services.executor().statements(init, true)) services.executor().execute(session, st);
        } catch (SqlError e) {
            log.info(ErrorCode.ER_NEW_ABORTING_CONNECTION.message(session.id(),
                    session.database() == null ? "unconnected" : session.database(), session.user(),
                    account.clientHost(), "init_connect command failed"));
            log.warn(e.getMessage());
            throw e;
        }
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(services.variables().globalLong("connect_timeout"));
    }

    @Override
    public void admit(String host) {
        services.hosts().admit(ipOf(host));
    }

    @Override
    public void handshakeError(String host) {
        services.hosts().handshakeError(ipOf(host));
    }

    @Override
    public void acceptFailed() {
        services.counters().acceptError();
    }

    @Override
    public void internalError() {
        services.counters().internalError();
    }

    @Override
    public void abortedConnect() {
        services.counters().abortedConnect();
    }

    @Override
    public void countBytes(long received, long sent) {
        services.status().count(null, "Bytes_received", received);
        services.status().count(null, "Bytes_sent", sent);
    }

    private static String ipOf(String remote) {
        if (remote == null) return "";
        String r = remote.startsWith("/") ? remote.substring(1) : remote;
        int colon = r.lastIndexOf(':');
        if (colon > 0 && r.indexOf(':') == colon) r = r.substring(0, colon);
        if (r.startsWith("[") && r.contains("]")) r = r.substring(1, r.indexOf(']'));
        return r;
    }

    private static String portOf(String remote) {
        if (remote == null) return "";
        int colon = remote.lastIndexOf(':');
        return colon < 0 ? "" : remote.substring(colon + 1);
    }
}
