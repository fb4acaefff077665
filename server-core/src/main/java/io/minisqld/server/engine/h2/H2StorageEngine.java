package io.minisqld.server.engine.h2;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.AutoIncrement;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.engine.VirtualTable;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.QueryLexer;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage engine on embedded H2 2.3 in MySQL mode: one file database
 * {@code <datadir>/minisqld.mv.db}, one H2 schema per MySQL database, one H2 connection per session.
 * The constructor opens (and on first start creates) the database and the {@code mysql} database.
 */
public final class H2StorageEngine implements StorageEngine {
    private final java.util.concurrent.atomic.AtomicLong schemaGeneration = new java.util.concurrent.atomic.AtomicLong();
    private final QueryLexer internalLexer = new QueryLexer();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(H2StorageEngine.class);
    /** The empty schema a session without a current database points at (never listed). */
    static final String NO_DATABASE_SCHEMA = "#minisqld_no_database";

    /**
     * The schema of the server's own crash-recovery bookkeeping: never listed, dumped or named by a
     * client (a dump of the {@code mysql} database restored into another server must not carry it).
     */
    static final String INTERNAL_SCHEMA = "#minisqld_internal";

    private static final Set<String> HIDDEN_SCHEMAS = Set.of("INFORMATION_SCHEMA", "PUBLIC", NO_DATABASE_SCHEMA,
            INTERNAL_SCHEMA);

    private final Path datadir;
    private final String url;
    private final String key = UUID.randomUUID().toString();
    /** Upper-case name → table; read by every session's queries, written by registration. */
    private final Map<String, VirtualTable> virtualTables = new ConcurrentHashMap<>();
    private final Map<String, VirtualTable.RowFilter> rowFilters = new java.util.concurrent.ConcurrentHashMap<>();
    /** Open sessions, closed with the engine. */
    private final Set<H2EngineSession> sessions = ConcurrentHashMap.newKeySet();
    /** Guards {@link #admin}, the connection for database DDL; no other lock is taken while holding it. */
    private final Object adminLock = new Object();
    private final Connection admin;
    private final H2EngineSession system;
    private final H2AutoIncrement autoIncrement = new H2AutoIncrement(this::highestStored);
    private final ForeignKeyChecks foreignKeyChecks;
    private volatile boolean closed;
    /** Orders {@link #connect()} against the engine's closing. */
    private final Object lifecycle = new Object();
    private final H2StoreWrites storeWrites;

    public H2StorageEngine(Path datadir) {
        this.datadir = datadir;
        // refuse to start on an H2 whose transactions cannot be given InnoDB's locking rules
        InnoDbLocking.check();
        try {
            Files.createDirectories(datadir);
        } catch (IOException e) {
            throw ErrorCode.ER_UNKNOWN_ERROR.error("Can't create datadir " + datadir + ": " + e.getMessage());
        }
        this.url = "jdbc:h2:" + datadir.toAbsolutePath().resolve("minisqld")
                + ";MODE=MySQL;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
                // column names MySQL allows that are H2 keywords (a bare USER is quoted by MySqlToH2)
                // (QUALIFY stays a keyword: MySqlToH2 quotes the name and writes a HAVING without groups so)
                + ";NON_KEYWORDS=USER,VALUE,TOP,ROWNUM,MINUS,UESCAPE,YEAR,MONTH,DAY,HOUR,MINUTE,SECOND"
                // the server closes the engine in its own shutdown order, not H2's JVM hook;
                // innodb_lock_wait_timeout's default (50 s) until a session sets its own
                + ";DB_CLOSE_ON_EXIT=FALSE;DEFAULT_LOCK_TIMEOUT=50000";
        try {
            // transactions a crash left open end before H2 opens the store (H2 2.3 would refuse a
            // store whose open transactions changed a string-keyed index)
            H2LeftoverTransactions.Outcome leftover = H2LeftoverTransactions.settle(
                    datadir.toAbsolutePath().resolve("minisqld" + org.h2.engine.Constants.SUFFIX_MV_FILE));
            if (leftover.committed() + leftover.rolledBack() > 0) {
                LOG.info("Engine recovery: ended the transactions a crash left open: {} completed (marked committed), "
                        + "{} rolled back", leftover.committed(), leftover.rolledBack());
            }
            if (leftover.strays() > 0) {
                LOG.warn("Engine recovery: left {} undo record(s) out of those rollbacks: the rows they name hold "
                        + "later committed changes, which undoing them would have lost", leftover.strays());
            }
            admin = connect();
            admin.setAutoCommit(true);
            // before any transaction of the server's: rollbacks put back only rows they still hold
            org.h2.mvstore.db.Store h2Store = ((SessionLocal) ((JdbcConnection) admin).getSession()).getDatabase()
                    .getStore();
            H2RollbackGuard.install(h2Store.getMvStore(), h2Store.getTransactionStore());
            // a statement H2 runs again after meeting another transaction's unique key starts clean
            ((SessionLocal) ((JdbcConnection) admin).getSession()).getDatabase().setEventListener(
                    new H2StatementRetries());
            // before 2026-12 the bookkeeping lived in the mysql database, as mysql.minisqld_binlog_*
            boolean legacy = tableExists(admin, "mysql", "minisqld_binlog_xids");
            int orphans = H2OrphanRepair.rollBack(admin);
            if (orphans > 0) {
                LOG.info("Engine recovery: rolled back {} row version(s) of transactions a crash interrupted before"
                        + " their commit", orphans);
            }
            try (Statement st = admin.createStatement()) {
                if (isNewDatabase(st)) {
                    // MySQL's default collation, utf8mb4_general_ci, in comparisons, LIKE, ORDER BY
                    // and unique keys; H2 can only set this while the database has no tables
                    st.execute("SET COLLATION " + GeneralCiCollation.SETTING + " STRENGTH PRIMARY");
                }
                org.h2.engine.Database database = ((SessionLocal) ((JdbcConnection) admin).getSession()).getDatabase();
                GeneralCiCollation.install(database);
                if (database.getCompareMode() instanceof PerThreadCollation) {
                    LOG.warn("This data directory was created before minisqld compared text as utf8mb4_general_ci:"
                            + " its text keeps the English collation its indexes are ordered by, where accents count"
                            + " ('e' <> 'é') and punctuation sorts before letters; mariadb-dump it and load the dump"
                            + " into a new data directory for utf8mb4_general_ci");
                }
                st.execute("CREATE SCHEMA IF NOT EXISTS " + ident("mysql"));
                st.execute("CREATE SCHEMA IF NOT EXISTS " + ident(NO_DATABASE_SCHEMA));
                st.execute("CREATE SCHEMA IF NOT EXISTS " + ident(INTERNAL_SCHEMA));
                // the server's own bookkeeping for crash recovery (never binlogged)
                st.execute("CREATE TABLE IF NOT EXISTS " + XID_TABLE + " (xid BIGINT NOT NULL PRIMARY KEY)");
                st.execute("CREATE TABLE IF NOT EXISTS " + CHECKPOINT_TABLE + " (id INT NOT NULL PRIMARY KEY,"
                        + " binlog_file VARCHAR(512) NOT NULL, binlog_position BIGINT NOT NULL, xid_floor BIGINT NOT NULL)");
                if (legacy) {
                    st.execute("INSERT INTO " + XID_TABLE + " SELECT xid FROM `mysql`.`minisqld_binlog_xids`");
                    st.execute("INSERT INTO " + CHECKPOINT_TABLE + " SELECT * FROM `mysql`.`minisqld_binlog_checkpoint`");
                    st.execute("DROP TABLE `mysql`.`minisqld_binlog_xids`");
                    st.execute("DROP TABLE `mysql`.`minisqld_binlog_checkpoint`");
                    LOG.info("Moved the crash-recovery tables out of the mysql database");
                }
                st.execute(Triggers.CREATE_TABLE);
                st.execute(StoredRoutineTables.CREATE_TABLE);
                for (String domain : ColumnDomains.createSql()) st.execute(domain);
                st.execute(VirtualTableFunction.createAliasSql());
                for (String alias : H2Functions.createAliasSql()) st.execute(alias);
                for (String alias : StoredFunctionCalls.createAliasSql()) st.execute(alias);
                for (String alias : RandomCalls.createAliasSql()) st.execute(alias);
            }
            // ROW-format logging reads each changed row from a trigger on its table
            int created = RowLogTrigger.reconcile(admin);
            if (created > 0) LOG.info("Prepared {} table(s) for row-based binary logging", created);
            // from here the engine writes the store, between commits (H2StoreWrites)
            try (Statement st = admin.createStatement()) {
                st.execute("SET WRITE_DELAY 0");
            }
            storeWrites = H2StoreWrites.takeOver(
                    ((SessionLocal) ((JdbcConnection) admin).getSession()).getDatabase().getStore().getMvStore(),
                    adminLock);
        } catch (SQLException e) {
            throw ErrorCode.ER_UNKNOWN_ERROR.error("Can't open the H2 database in " + datadir + ": " + e.getMessage());
        }
        foreignKeyChecks = new ForeignKeyChecks(
                ((org.h2.engine.SessionLocal) ((org.h2.jdbc.JdbcConnection) admin).getSession()).getDatabase());
        VirtualTableFunction.register(key, this);
        InformationSchemaTables.registerAll(this);
        system = (H2EngineSession) openSession(0);
        system.useDatabase("mysql");
    }

    /** Opens (or creates) the engine in {@code datadir}. */
    public static H2StorageEngine open(Path datadir) {
        return new H2StorageEngine(datadir);
    }

    public Path datadir() {
        return datadir;
    }

    /**
     * A new H2 connection to the engine's database. Never once the engine is closed or crashed: H2
     * would open the database's file again for it (an embedded URL opens what is not open), and
     * the file would stay held by this JVM, so a server started again on the datadir in it would
     * find the database "already in use". The check and the connect are one step against
     * {@link #markClosed()}.
     */
    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        synchronized (lifecycle) {
            if (closed) throw new SQLException("Database is closed", "90098", org.h2.api.ErrorCode.DATABASE_IS_CLOSED);
            Connection c;
            try {
                c = new org.h2.Driver().connect(url, p);
            } catch (SQLException e) {
                if (e.getErrorCode() != org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1 || admin == null
                        || !registerAgain()) {
                    throw e;
                }
                c = new org.h2.Driver().connect(url, p);
            }
            if (c == null) throw new SQLException("H2 refused " + url);
            return c;
        }
    }

    /**
     * Puts this engine's open database back into H2's registry of open databases, which a database
     * crashed before in this JVM on the same files can take it out of: a thread of the crashed one
     * that was inside H2's power-off when it began removes the registry entry by file name, whoever
     * holds it now, once it runs on (H2's {@code Database.checkPowerOff2} ends in {@code
     * Engine.close(name)}). The next connection then tries to open the files a second time: "Database
     * may be already in use". Only a crash test running two servers one after the other in one JVM
     * ({@link #crashForTesting}) meets it; CI met it once. False when there is nothing to repair.
     */
    private boolean registerAgain() {
        try {
            org.h2.engine.Database database = ((SessionLocal) ((JdbcConnection) admin).getSession()).getDatabase();
            if (database.isClosing()) return false;
            java.lang.reflect.Field registry = org.h2.engine.Engine.class.getDeclaredField("DATABASES");
            registry.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, Object> databases = (Map<String, Object>) registry.get(null);
            Class<?> holderClass = Class.forName("org.h2.engine.Engine$DatabaseHolder");
            java.lang.reflect.Constructor<?> make = holderClass.getDeclaredConstructor();
            make.setAccessible(true);
            java.lang.reflect.Field held = holderClass.getDeclaredField("database");
            held.setAccessible(true);
            synchronized (databases) {
                Object holder = databases.get(database.getName());
                if (holder != null && held.get(holder) != null) return false;
                if (holder == null) {
                    holder = make.newInstance();
                    databases.put(database.getName(), holder);
                }
                held.set(holder, database);
            }
            LOG.warn("Engine: H2's registry had lost this open database (a database crashed before in this JVM "
                    + "removed it); registered it again");
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the engine to new connections; false if it was closed already. */
    private boolean markClosed() {
        synchronized (lifecycle) {
            if (closed) return false;
            closed = true;
            return true;
        }
    }

    @Override
    public EngineSession openSession() {
        return openSession(0);
    }

    /** A session for client connection {@code sessionId}, which virtual tables receive. */
    public EngineSession openSession(long sessionId) {
        if (closed) throw ErrorCode.ER_SERVER_SHUTDOWN.error();
        try {
            Connection c = connect();
            c.setAutoCommit(false);
            H2EngineSession s = new H2EngineSession(this, c, sessionId);
            sessions.add(s);
            s.useDatabase(null);
            return s;
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, null);
        }
    }

    /** foreign_key_checks per session over H2's database-wide switch. */
    ForeignKeyChecks foreignKeyChecks() {
        return foreignKeyChecks;
    }

    private final DeadlockReports deadlocks = new DeadlockReports();

    @Override
    public List<io.minisqld.server.engine.EngineTransaction> transactions() {
        return OpenTransactions.list((SessionLocal) ((JdbcConnection) admin).getSession(), sessions);
    }

    @Override
    public io.minisqld.server.engine.Deadlock latestDeadlock() {
        return deadlocks.latest();
    }

    /** H2 broke a deadlock by failing {@code victim}'s statement with {@code error}. */
    void deadlockFound(H2EngineSession victim, SessionLocal h2, Throwable error) {
        deadlocks.found(victim, h2, error, sessions);
    }

    void sessionClosed(H2EngineSession s) {
        sessions.remove(s);
    }

    @Override
    public EngineSession systemSession() {
        return system;
    }

    @Override
    public List<String> databases() {
        synchronized (adminLock) {
            List<String> out = new ArrayList<>();
            try (Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA")) {
                while (rs.next()) {
                    String n = rs.getString(1);
                    if (!HIDDEN_SCHEMAS.contains(n)) out.add(n);
                }
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
            out.sort(null);
            return out;
        }
    }

    @Override
    public boolean databaseExists(String name) {
        if (name == null || HIDDEN_SCHEMAS.contains(name)) return false;
        synchronized (adminLock) {
            return schemaExists(admin, name);
        }
    }

    private static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static boolean schemaExists(Connection c, String name) {
        // database names are case-sensitive, as MySQL's on Linux; H2 compares identifiers and, with the
        // database collation, text ignoring case, so the exact match is made here
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (name.equals(rs.getString(1))) return true;
                }
                return false;
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, null);
        }
    }

    /** Moves on with every DDL statement of any session: cached table descriptions older than it are dropped. */
    long schemaGeneration() {
        return schemaGeneration.get();
    }

    void schemaChanged() {
        schemaGeneration.incrementAndGet();
    }

    /** Runs {@code CREATE DOMAIN IF NOT EXISTS …} statements on the engine's own connection. */
    void createDomains(List<String> domains) {
        synchronized (adminLock) {
            try (Statement st = admin.createStatement()) {
                for (String domain : domains) st.execute(domain);
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
        }
    }

    /**
     * After a DDL statement: the row log trigger on the tables it created (or re-created), made
     * on the engine's own connection (H2's CREATE TRIGGER commits). A failure is logged; a
     * statement that then changes such a table in ROW format is refused for lack of row images.
     */
    void tablesCreated() {
        synchronized (adminLock) {
            if (closed) return;
            try {
                RowLogTrigger.reconcile(admin);
            } catch (SQLException e) {
                LOG.warn("Could not prepare new tables for row-based binary logging: {}", e.getMessage());
            }
            try {
                // views whose tables a DROP TABLE removed answer again once tables of those names are back
                DependentViews.recompile(admin);
            } catch (SQLException e) {
                LOG.warn("Could not compile views again: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean createDatabase(String name, boolean ifNotExists, Collation collation) {
        synchronized (adminLock) {
            if (HIDDEN_SCHEMAS.contains(name) || schemaExists(admin, name)) {
                if (ifNotExists) return false;
                throw ErrorCode.ER_DB_CREATE_EXISTS.error(name);
            }
            try (Statement st = admin.createStatement()) {
                st.execute("CREATE SCHEMA " + ident(name));
                if (!collation.equals(Collation.of(MysqlCharset.UTF8MB4))) {
                    ColumnCharsets.setDatabaseDefault(admin, name, collation);
                }
                return true;
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
        }
    }

    @Override
    public Collation defaultCollation(String database) {
        synchronized (adminLock) {
            try {
                return ColumnCharsets.databaseCollation(admin, database);
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
        }
    }

    @Override
    public int dropDatabase(String name, boolean ifExists) {
        synchronized (adminLock) {
            if (HIDDEN_SCHEMAS.contains(name) || !schemaExists(admin, name)) {
                if (ifExists) return -1;
                throw ErrorCode.ER_DB_DROP_EXISTS.error(name);
            }
            try (Statement st = admin.createStatement()) {
                int tables = 0;
                try (PreparedStatement ps = admin.prepareStatement(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        tables = rs.getInt(1);
                    }
                }
                // the views of other databases over its tables stay, invalid, as MySQL's (DependentViews)
                DependentViews.Detached outside = DependentViews.detachOutside(admin, name);
                try {
                    st.execute("DROP SCHEMA " + ident(name) + " CASCADE");
                } finally {
                    DependentViews.restore(admin, outside);
                }
                return tables;
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            } finally {
                schemaChanged();
            }
        }
    }

    /** XIDs of committed binlogged transactions, recorded inside each transaction. */
    static final String XID_TABLE = "`" + INTERNAL_SCHEMA + "`.`binlog_xids`";
    /** The last engine checkpoint: how far the binlog is known to be applied durably. */
    static final String CHECKPOINT_TABLE = "`" + INTERNAL_SCHEMA + "`.`binlog_checkpoint`";

    @Override
    public boolean xidCommitted(long xid) {
        synchronized (adminLock) {
            try (PreparedStatement ps = admin.prepareStatement("SELECT 1 FROM " + XID_TABLE + " WHERE xid = ?")) {
                ps.setLong(1, xid);
                try (ResultSet r = ps.executeQuery()) {
                    return r.next();
                }
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
        }
    }

    @Override
    public long maxRecordedXid() {
        synchronized (adminLock) {
            try (Statement st = admin.createStatement();
                 ResultSet r = st.executeQuery("SELECT COALESCE(MAX(xid), 0) FROM " + XID_TABLE)) {
                r.next();
                return r.getLong(1);
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
        }
    }

    @Override
    public void sync() {
        storeWrites.writeAndSync();
    }

    /** Runs {@code commit}, which commits an H2 transaction, never while the store is written. */
    <E extends Exception> void commit(H2StoreWrites.ThrowingRunnable<E> commit) throws E {
        storeWrites.commit(commit);
    }

    @Override
    public void checkpoint(LogPosition binlogPosition, long pruneBelowXid) {
        synchronized (adminLock) {
            try {
                admin.setAutoCommit(false);
                try (PreparedStatement merge = admin.prepareStatement("MERGE INTO " + CHECKPOINT_TABLE
                        + " (id, binlog_file, binlog_position, xid_floor) KEY (id) VALUES (1, ?, ?, ?)");
                     PreparedStatement prune = admin.prepareStatement("DELETE FROM " + XID_TABLE + " WHERE xid < ?")) {
                    merge.setString(1, binlogPosition.file());
                    merge.setLong(2, binlogPosition.offset());
                    merge.setLong(3, pruneBelowXid);
                    merge.executeUpdate();
                    prune.setLong(1, pruneBelowXid);
                    prune.executeUpdate();
                    admin.commit();
                } finally {
                    admin.setAutoCommit(true);
                }
                // MVStore persists versions in order: once the checkpoint row is on disk, so is
                // every commit before it
                storeWrites.writeAndSync();
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
        }
    }

    @Override
    public Checkpoint lastCheckpoint() {
        synchronized (adminLock) {
            try (Statement st = admin.createStatement();
                 ResultSet r = st.executeQuery("SELECT binlog_file, binlog_position, xid_floor FROM "
                         + CHECKPOINT_TABLE + " WHERE id = 1")) {
                return r.next() ? new Checkpoint(LogPosition.of(r.getString(1), r.getLong(2)), r.getLong(3)) : null;
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
        }
    }

    /**
     * Closes the database files the way a crash would, for crash tests run inside one JVM: what is
     * not in the file yet is lost, sessions still running get "database is closed". H2's own power-off
     * ({@code Database.shutdownImmediately()}), not the SHUTDOWN IMMEDIATELY statement, which first
     * waits up to twice the lock timeout for the other sessions to close and rolls them back.
     * Returns once the store has let go of its file (H2 can close it a moment after the power-off
     * returns, and an engine opened on the file before that would find it "already in use").
     */
    public void crashForTesting() {
        if (!markClosed()) return;
        VirtualTableFunction.unregister(key);
        storeWrites.halt();
        ((SessionLocal) ((JdbcConnection) admin).getSession()).getDatabase().shutdownImmediately();
        awaitFileReleased(datadir.toAbsolutePath().resolve("minisqld.mv.db"), 10_000);
    }

    /**
     * Waits until no channel of this JVM holds {@code file}'s lock, the lock H2's store takes when it
     * opens the file: this JVM's lock table refuses an overlapping lock while the store holds it.
     * Polled (H2 tells no one when it lets go). Closing the probe's channel may drop the crashed
     * store's operating-system lock early, which nothing needs any more.
     */
    static void awaitFileReleased(Path file, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.channels.FileLock lock = channel.tryLock();
                if (lock != null) {
                    lock.release();
                    return;
                }
            } catch (java.nio.channels.OverlappingFileLockException stillHeld) {
                // the crashed store has not closed its file yet
            } catch (IOException noFile) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the crashed store still holds " + file + " after "
                        + timeoutMillis + " ms");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean isNewDatabase(Statement st) throws SQLException {
        try (java.sql.ResultSet r = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
            r.next();
            return r.getLong(1) == 0;
        }
    }

    private volatile io.minisqld.server.engine.StoredFunctionInvoker functionInvoker;

    @Override
    public void storedFunctionInvoker(io.minisqld.server.engine.StoredFunctionInvoker invoker) {
        this.functionInvoker = invoker;
    }

    io.minisqld.server.engine.StoredFunctionInvoker functionInvoker() {
        return functionInvoker;
    }

    @Override
    public void registerVirtualTable(String name, VirtualTable table) {
        virtualTables.put(name.toUpperCase(Locale.ROOT), table);
    }

    @Override
    public void filterVirtualTable(String name, VirtualTable.RowFilter filter) {
        rowFilters.put(name.toUpperCase(Locale.ROOT), filter);
    }

    /** The row filter of a virtual table, or null when every session sees every row. */
    VirtualTable.RowFilter rowFilter(String name) {
        return rowFilters.get(name.toUpperCase(Locale.ROOT));
    }

    @Override
    public void unregisterVirtualTable(String name) {
        virtualTables.remove(name.toUpperCase(Locale.ROOT));
    }

    @Override
    public boolean hasVirtualTable(String name) {
        return virtualTables.containsKey(name.toUpperCase(Locale.ROOT));
    }

    VirtualTable virtualTable(String name) {
        return virtualTables.get(name.toUpperCase(Locale.ROOT));
    }

    /** The H2 call standing for {@code information_schema.<name>}, or null if none is registered. */
    /**
     * Lexes the statements the server composes itself (system tables, CREATE TABLE … LIKE from a
     * table's description); clients' statements are lexed by the statement layer.
     */
    QueryLexer internalLexer() {
        return internalLexer;
    }

    String virtualCall(String name, long sessionId) {
        VirtualTable t = virtualTable(name);
        return t == null ? null : VirtualTableFunction.callSql(key, name.toUpperCase(Locale.ROOT), sessionId);
    }

    @Override
    public void close() {
        if (!markClosed()) return;
        for (H2EngineSession s : List.copyOf(sessions)) {
            s.close();
        }
        VirtualTableFunction.unregister(key);
        storeWrites.close();
        synchronized (adminLock) {
            try (Statement st = admin.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new SqlError(ErrorCode.ER_UNKNOWN_ERROR.number(), ErrorCode.ER_UNKNOWN_ERROR.sqlState(),
                        H2Errors.cleanMessage(e), e);
            } finally {
                try {
                    admin.close();
                } catch (SQLException ignored) {
                    // SHUTDOWN closed it already; nothing is left to release
                }
            }
        }
    }

    /** An H2 quoted identifier. */
    /** Is {@code database} this engine's H2 database? */
    boolean owns(org.h2.engine.Database database) {
        return ((SessionLocal) ((JdbcConnection) admin).getSession()).getDatabase() == database;
    }

    @Override
    public AutoIncrement autoIncrement() {
        return autoIncrement;
    }

    /**
     * The AUTO_INCREMENT counters of {@code db.table} as seen by the H2 session of {@code conn} (a
     * trigger's body): that session's own when the table is one of its temporary tables.
     */
    AutoIncrement countersOf(Connection conn, String db, String table) {
        if (conn instanceof org.h2.jdbc.JdbcConnection jc) {
            for (H2EngineSession s : sessions) {
                if (s.connection() instanceof org.h2.jdbc.JdbcConnection own && own.getSession() == jc.getSession()) {
                    return s.countersOf(db, table);
                }
            }
        }
        return autoIncrement;
    }

    /** MAX(column) of a table, 0 for an empty table, read on the admin connection (committed rows). */
    private long highestStored(String column, String[] databaseAndTable) {
        synchronized (adminLock) {
            try (Statement st = admin.createStatement();
                 ResultSet r = st.executeQuery("SELECT MAX(" + ident(column) + ") FROM " + ident(databaseAndTable[0])
                         + "." + ident(databaseAndTable[1]))) {
                return r.next() ? Math.max(0, r.getLong(1)) : 0;
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, null);
            }
        }
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
