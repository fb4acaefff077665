package io.minisqld.server.engine;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import java.util.List;

/**
 * The storage engine boundary: databases, tables and transactions. The server core drives every
 * commit (the binlog comes before it); the engine never commits on its own except for DDL, which
 * commits implicitly as in MySQL. One {@link EngineSession} per client session.
 *
 * <p>Databases are MySQL databases (schemas). The server keeps its own tables in the {@code mysql}
 * database through {@link #systemSession()}.
 */
public interface StorageEngine extends AutoCloseable {

    /** Opens a session for one client, with autocommit off at the engine level. */
    EngineSession openSession();

    /** The engine's open transactions (information_schema.INNODB_TRX). */
    default java.util.List<EngineTransaction> transactions() {
        return java.util.List.of();
    }

    /** The latest deadlock the engine broke (SHOW ENGINE INNODB STATUS); null when none since start-up. */
    default Deadlock latestDeadlock() {
        return null;
    }

    /** Who runs stored functions the engine's expressions call (set once, by the statement layer). */
    default void storedFunctionInvoker(StoredFunctionInvoker invoker) {
        throw new UnsupportedOperationException("stored functions");
    }

    /** A session for the server's own bookkeeping (accounts, plugin rows); callers synchronise on it. */
    EngineSession systemSession();

    /** The user-visible databases, sorted, without information_schema (the server adds it). */
    List<String> databases();

    boolean databaseExists(String name);

    /** CREATE DATABASE; 1007 if it exists and !ifNotExists. Returns false if it already existed. */
    default boolean createDatabase(String name, boolean ifNotExists) {
        return createDatabase(name, ifNotExists, Collation.of(MysqlCharset.UTF8MB4));
    }

    /** CREATE DATABASE whose tables default to {@code collation} (a set's default or its {@code _bin} one). */
    boolean createDatabase(String name, boolean ifNotExists, Collation collation);

    /** A database's default collation (SHOW CREATE DATABASE, information_schema.SCHEMATA). */
    Collation defaultCollation(String database);

    /** A database's default character set. */
    default MysqlCharset defaultCharset(String database) {
        return defaultCollation(database).charset();
    }

    /** DROP DATABASE; 1008 if absent and !ifExists. Returns the number of tables dropped, -1 if absent. */
    int dropDatabase(String name, boolean ifExists);

    /**
     * Makes {@code information_schema.<name>} readable in every session's SQL, with any WHERE,
     * ORDER BY, JOIN or LIKE, its rows computed by {@code table} at query time.
     */
    void registerVirtualTable(String name, VirtualTable table);

    /**
     * Shows each session only the rows of {@code information_schema.<name>} that {@code filter}
     * lets through (the privilege tables: an account's own grants unless it may read mysql.*).
     */
    void filterVirtualTable(String name, VirtualTable.RowFilter filter);

    /** Removes {@code information_schema.<name>} (a plugin's table at its UNINSTALL). */
    void unregisterVirtualTable(String name);

    /** Whether {@code information_schema.<name>} is one of the server's computed tables. */
    boolean hasVirtualTable(String name);

    /** The tables' AUTO_INCREMENT counters. */
    AutoIncrement autoIncrement();

    /** Whether a transaction that recorded {@code xid} is committed in the engine (crash recovery). */
    boolean xidCommitted(long xid);

    /** The highest XID recorded, or 0: new XIDs continue after it. */
    long maxRecordedXid();

    /**
     * Makes everything committed so far durable in the engine files (an fsync of the engine).
     * DDL calls it before the binlog records the DDL, since DDL is not replayed by recovery.
     */
    void sync();

    /**
     * Records a checkpoint: every transaction before {@code binlogPosition} is committed in the
     * engine, and XID records below {@code pruneBelowXid} are no longer needed.
     * Runs in its own transaction, then {@link #sync()}s, so that the checkpoint is durable
     * together with everything it vouches for.
     */
    void checkpoint(LogPosition binlogPosition, long pruneBelowXid);

    /** The last durable checkpoint, or null if none was taken. */
    Checkpoint lastCheckpoint();

    /**
     * Where crash recovery starts reading the binlog, and the XID floor: every XID below it
     * belongs to a transaction before the checkpoint (new XIDs continue above it).
     *
     * @param binlogPosition the end of the binlog prefix the engine holds entirely
     * @param xidFloor       the lowest XID the checkpoint does not cover
     */
    record Checkpoint(LogPosition binlogPosition, long xidFloor) {
    }

    /** Flushes and closes the engine files. */
    @Override
    void close();
}
