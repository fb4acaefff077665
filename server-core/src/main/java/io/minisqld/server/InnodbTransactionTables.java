package io.minisqld.server;

import io.minisqld.server.engine.EngineTransaction;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.engine.VirtualTable;
import io.minisqld.server.engine.VirtualTable.VirtualColumn;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.session.Session;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * information_schema.INNODB_TRX, INNODB_LOCKS and INNODB_LOCK_WAITS of MySQL 5.7, from the
 * engine's open transactions (PROCESS privilege, else 1227, as MySQL's). INNODB_TRX lists each
 * transaction with its state (RUNNING, LOCK WAIT), the time its first statement started, its weight,
 * connection, running statement and isolation level; INNODB_LOCKS the row locks a transaction
 * waits for and the ones that block it (exclusive record locks, named by the table); INNODB_LOCK_WAITS
 * who waits for whom. An autocommit statement that has changed and locked nothing is not listed,
 * as InnoDB lists no such read. What the engine does not keep (the page and record of a lock, the wait's
 * start, the counts of tables and lock structures) is NULL.
 */
final class InnodbTransactionTables {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private InnodbTransactionTables() {
    }

    static void register(MiniSqlServer server, StorageEngine engine) {
        engine.registerVirtualTable("INNODB_TRX", table(server, engine, List.of(text("trx_id"), text("trx_state"),
                text("trx_started"), text("trx_requested_lock_id"), text("trx_wait_started"), number("trx_weight"),
                number("trx_mysql_thread_id"), text("trx_query"), text("trx_operation_state"),
                number("trx_tables_in_use"), number("trx_tables_locked"), number("trx_lock_structs"),
                number("trx_lock_memory_bytes"), number("trx_rows_locked"), number("trx_rows_modified"),
                number("trx_concurrency_tickets"), text("trx_isolation_level"), number("trx_unique_checks"),
                number("trx_foreign_key_checks"), text("trx_last_foreign_key_error"), number("trx_adaptive_hash_latched"),
                number("trx_adaptive_hash_timeout"), number("trx_is_read_only"), number("trx_autocommit_non_locking")),
                t -> {
                    Session s = server.sessions().get(t.connectionId()).orElse(null);
                    return List.of(Arrays.asList(String.valueOf(t.number()), t.state(),
                            t.started() == null ? null : TIME.format(t.started()), requestedLock(t), null, t.weight(),
                            t.connectionId(), t.statement(), null, null, null, null, null, null, null, 0L, t.isolation(),
                            s == null ? null : s.variables().bool("unique_checks") ? 1L : 0L,
                            s == null ? null : s.variables().bool("foreign_key_checks") ? 1L : 0L, null, 0L, 0L,
                            s == null ? null : s.readOnlyTransaction() ? 1L : 0L, 0L));
                }));
        engine.registerVirtualTable("INNODB_LOCKS", table(server, engine, List.of(text("lock_id"), text("lock_trx_id"),
                text("lock_mode"), text("lock_type"), text("lock_table"), text("lock_index"), number("lock_space"),
                number("lock_page"), number("lock_rec"), text("lock_data")),
                t -> {
                    if (t.blockingNumber() == 0) return List.of();
                    String table = "`" + t.waitedDatabase() + "`.`" + t.waitedTable() + "`";
                    return List.of(Arrays.asList(requestedLock(t), String.valueOf(t.number()), "X", "RECORD", table,
                                    null, null, null, null, null),
                            Arrays.asList(blockingLock(t), String.valueOf(t.blockingNumber()), "X", "RECORD", table,
                                    null, null, null, null, null));
                }));
        engine.registerVirtualTable("INNODB_LOCK_WAITS", table(server, engine, List.of(text("requesting_trx_id"),
                text("requested_lock_id"), text("blocking_trx_id"), text("blocking_lock_id")),
                t -> t.blockingNumber() == 0 ? List.of() : List.of(Arrays.asList(String.valueOf(t.number()),
                        requestedLock(t), String.valueOf(t.blockingNumber()), blockingLock(t)))));
    }

    /** A waiting transaction's lock: its number and the row's table ("12:`db`.`t`"); null when it does not wait. */
    private static String requestedLock(EngineTransaction t) {
        return t.blockingNumber() == 0 ? null : lockId(t.number(), t);
    }

    /** The lock that makes {@code t} wait, held by the blocking transaction. */
    private static String blockingLock(EngineTransaction t) {
        return lockId(t.blockingNumber(), t);
    }

    private static String lockId(long transaction, EngineTransaction waiter) {
        return transaction + ":`" + waiter.waitedDatabase() + "`.`" + waiter.waitedTable() + "`";
    }

    /**
     * An autocommit statement's transaction that has changed and locked nothing: InnoDB does not
     * list such reads (a query of INNODB_TRX does not find itself).
     */
    private static boolean autocommitRead(MiniSqlServer server, EngineTransaction t) {
        if (t.weight() > 0 || t.blockingNumber() != 0) return false;
        Session s = server.sessions().get(t.connectionId()).orElse(null);
        return s != null && s.autocommit() && !s.inTransaction();
    }

    private static VirtualColumn text(String name) {
        return VirtualColumn.text(name);
    }

    private static VirtualColumn number(String name) {
        return VirtualColumn.number(name);
    }

    private static VirtualTable table(MiniSqlServer server, StorageEngine engine, List<VirtualColumn> columns,
                                      Function<EngineTransaction, List<List<Object>>> rowsOf) {
        return new VirtualTable() {
            @Override
            public List<VirtualColumn> columns() {
                return columns;
            }

            @Override
            public List<List<Object>> rows(long sessionId) {
                Session me = server.sessions().get(sessionId).orElse(null);
                if (me != null && !server.accounts().hasGlobal(me.account(), Privilege.PROCESS)) {
                    throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(Privilege.PROCESS.grantName());
                }
                List<List<Object>> rows = new ArrayList<>();
                for (EngineTransaction t : engine.transactions()) {
                    if (!autocommitRead(server, t)) rows.addAll(rowsOf.apply(t));
                }
                return rows;
            }
        };
    }
}
