package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.engine.Database;

/**
 * {@code foreign_key_checks = 0} for one session on H2, whose switch (REFERENTIAL_INTEGRITY) is
 * the whole database's. H2 checks a row's foreign keys while the statement writes it, so a writing
 * statement of a session with the checks off runs alone: it waits until no other writing
 * statement runs, turns the checks off, runs, and turns them on again; writing statements of
 * other sessions wait meanwhile. Rows written that way are not checked (nor cascaded), and are
 * not checked later when the checks are on again, as InnoDB does.
 *
 * <p>Concurrency: {@code lock} is taken shared by every writing statement with the checks on and
 * exclusively by one with them off, for the duration of the statement only (never across
 * statements, so a transaction's row locks never wait for it in a cycle longer than
 * innodb_lock_wait_timeout). Fair, so that a session with the checks off is not starved. No
 * other lock of the server is taken while waiting for it.
 */
final class ForeignKeyChecks {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final Database database;

    ForeignKeyChecks(Database database) {
        this.database = database;
    }

    /** The lock a writing statement holds while it runs; closing it releases (and turns checks on again). */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Enters one writing statement. With {@code checks} off, waits for the other writers up to
     * {@code waitMillis} (then 1205, as a lock wait does) and turns the database's checks off.
     */
    Held enter(boolean checks, long waitMillis) {
        java.util.concurrent.locks.Lock l = checks ? lock.readLock() : lock.writeLock();
        try {
            if (!l.tryLock(waitMillis, TimeUnit.MILLISECONDS)) throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ErrorCode.ER_QUERY_INTERRUPTED.error();
        }
        if (checks) return l::unlock;
        database.setReferentialIntegrity(false);
        return () -> {
            try {
                database.setReferentialIntegrity(true);
            } finally {
                l.unlock();
            }
        };
    }
}
