package io.minisqld.server.engine;

import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.RowsResult;
import java.util.List;

/**
 * One client's connection to the engine. Not thread-safe: used by its session's thread, except
 * {@link #cancel()}, which KILL QUERY calls from another thread.
 *
 * <p>Autocommit is the server's business: the engine always runs inside a transaction that
 * {@link #commit()} or {@link #rollback()} ends. Every method throws {@link SqlError} with
 * MySQL's number, SQLSTATE and message (1146, 1062, 1064, 1205, 1213, …).
 */
public interface EngineSession extends AutoCloseable {

    /** Switches the current database (USE); null means none (1046 on unqualified tables). */
    void useDatabase(String database);

    /** The current database, or null. */
    String database();

    /**
     * The columns the result of {@code query} (a SELECT) will have, found without running it.
     */
    java.util.List<io.minisqld.server.result.Column> resultColumns(EngineQuery query);

    /**
     * Runs one MySQL statement (DDL, DML or query) that the server does not handle itself, given
     * as its tokens with the server's edits; the engine translates what it must. DDL commits
     * implicitly.
     */
    EngineResult execute(EngineQuery query);

    /**
     * Runs a statement the server runs on its own account, as MySQL SQL text: its system tables
     * (accounts, plugin rows, replication positions) and crash recovery's replay of the binlog.
     * A client's statement never comes here: it arrives lexed, as an {@link EngineQuery}.
     */
    EngineResult executeInternal(String mysqlSql);

    /**
     * Runs a write the server repeats on its own account with other values each time (the
     * replica's applied position, once per applied transaction): MySQL SQL text whose {@code ?}
     * markers take {@code values} in order (String, Long or null). The engine translates and
     * prepares the text once per session. The write reads the latest committed rows, as any write
     * does, and takes no row lock before it other than the engine's own (the server's tables,
     * written by one thread at a time).
     *
     * @return the rows the write changed
     */
    long executeInternalUpdate(String mysqlTemplate, Object... values);

    /**
     * Records, inside the open transaction, that the transaction with binlog XID {@code xid}
     * commits: crash recovery re-applies a binlogged transaction only if its XID is absent.
     */
    void recordXid(long xid);

    /**
     * Whether the engine finds the rows of this single-table UPDATE or DELETE through an index
     * rather than by reading the whole table: what sql_safe_updates asks of a WHERE clause.
     */
    boolean findsRowsByKey(EngineQuery query);

    /**
     * START TRANSACTION WITH CONSISTENT SNAPSHOT: the open transaction's snapshot of every table
     * is taken now (otherwise a table's is taken at its first read, as InnoDB's read view is).
     */
    void startConsistentSnapshot();

    /** Commits the engine transaction (no fsync: the binlog makes commits durable). */
    void commit();

    void rollback();

    /** REPEATABLE-READ, READ-COMMITTED, READ-UNCOMMITTED or SERIALIZABLE (MySQL spellings). */
    void setIsolationLevel(String mysqlLevel);

    /**
     * The account ({@code user@host}) objects this session creates without a DEFINER clause get as
     * definer (a trigger), as MySQL's CURRENT_USER; root@localhost until set.
     */
    default void setDefiner(String userAtHost) {
    }

    /** innodb_lock_wait_timeout, in seconds. */
    void setLockWaitTimeout(long seconds);

    /** Aborts the statement running now (KILL QUERY); it fails with 1317. */
    void cancel();

    /** The tables (and views) of a database, sorted; 1049 if it does not exist. */
    List<TableInfo> tables(String database);

    /** A table's columns and keys, for SHOW COLUMNS, SHOW CREATE TABLE and COM_FIELD_LIST; 1146 if absent. */
    TableInfo describe(String database, String table);

    /**
     * The AUTO_INCREMENT counters of this session's temporary tables, which are the session's own
     * as the tables are (two sessions' temporary {@code t1} count apart, and apart from the base
     * tables' counters of {@link StorageEngine#autoIncrement()}).
     */
    AutoIncrement temporaryTableCounters();

    /**
     * Whether the engine reports the changed rows of this table to a {@link RowCapture}: every
     * permanent table; not a temporary table, whose rows a ROW-format binlog leaves out (as MySQL's).
     */
    boolean reportsRowsOf(String database, String table);

    @Override
    void close();

    /**
     * Gives the engine's own user variables these values (lower-case names; null unsets one): a
     * query that assigns them with {@code :=} reads and writes them row by row there.
     */
    default void putUserVariables(java.util.Map<String, Object> values) {
    }

    /**
     * Before a change statement, whose triggers may read and assign user variables: the engine's
     * user variables become exactly {@code values} (lower-case names). Returns what
     * {@link #userVariablesAssignedSince} compares with, or null when neither side has any.
     */
    default Object shareUserVariables(java.util.Map<String, Object> values) {
        return null;
    }

    /**
     * The user variables the statement assigned in the engine since {@link #shareUserVariables}
     * gave {@code shared}: lower-case name to its value (null for one it unset).
     */
    default java.util.Map<String, Object> userVariablesAssignedSince(Object shared) {
        return java.util.Map.of();
    }

    /** The engine's values of these user variables after a query assigned them (null for none). */
    default java.util.Map<String, Object> userVariables(java.util.Collection<String> names) {
        return java.util.Map.of();
    }

    /**
     * The value of the last {@code LAST_INSERT_ID(expr)} the last statement evaluated (MySQL's
     * LAST_INSERT_ID() and insert id from then on), or null when it evaluated none.
     */
    default Long lastInsertIdSet() {
        return null;
    }

    /** What a statement gave: rows, or a count of affected rows with the first generated id. */
    sealed interface EngineResult permits Rows, Update, MatchedUpdate {
    }

    record Rows(RowsResult rows) implements EngineResult {
    }

    /**
     * @param firstGeneratedId the first value the statement stored in an AUTO_INCREMENT column, or 0
     * @param highestKey       the highest such value, or 0
     * @param records          the rows an INSERT or REPLACE of several rows (or of a SELECT) had,
     *                         which MySQL's OK reports ({@code Records: n  Duplicates: d  Warnings:
     *                         w}); -1 for a statement whose OK has no such text
     * @param duplicates       of them, those a duplicate key skipped (IGNORE) or that replaced a row
     */
    record Update(long affectedRows, long firstGeneratedId, long highestKey, long records, long duplicates)
            implements EngineResult {
        public Update(long affectedRows, long firstGeneratedId, long highestKey) {
            this(affectedRows, firstGeneratedId, highestKey, -1, 0);
        }

        /** A statement that stored no AUTO_INCREMENT value. */
        public static Update of(long affectedRows) {
            return new Update(affectedRows, 0, 0);
        }
    }

    /**
     * An UPDATE that tells the rows it matched from those it changed (MySQL's "Rows matched: n
     * Changed: m"; a row set to the values it has is matched, not changed).
     */
    record MatchedUpdate(long matched, long changed) implements EngineResult {
    }
}
