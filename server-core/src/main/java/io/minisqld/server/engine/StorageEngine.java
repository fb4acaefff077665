package io.minisqld.server.engine;

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

    /** A session for the server's own bookkeeping (accounts, plugin rows); callers synchronise on it. */
    EngineSession systemSession();

    /** The user-visible databases, sorted, without information_schema (the server adds it). */
    List<String> databases();

    boolean databaseExists(String name);

    /** CREATE DATABASE; 1007 if it exists and !ifNotExists. Returns false if it already existed. */
    boolean createDatabase(String name, boolean ifNotExists);

    /** DROP DATABASE; 1008 if absent and !ifExists. Returns the number of tables dropped, -1 if absent. */
    int dropDatabase(String name, boolean ifExists);

    /**
     * Makes {@code information_schema.<name>} readable in every session's SQL, with any WHERE,
     * ORDER BY, JOIN or LIKE, its rows computed by {@code table} at query time.
     */
    void registerVirtualTable(String name, VirtualTable table);

    /** Flushes and closes the engine files. */
    @Override
    void close();
}
