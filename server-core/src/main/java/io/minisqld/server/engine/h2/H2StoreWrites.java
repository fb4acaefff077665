package io.minisqld.server.engine.h2;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the H2 store between transaction commits, never during one.
 *
 * <p>Why: H2 2.3 writes a version of its store by taking the current root of each map in turn
 * ({@code MVStore.collectChangedMapRoots}) while other threads go on changing the maps. A transaction
 * whose commit ran while the roots were being taken reaches the file with some of its values
 * settled, others still marked with its transaction id, and its undo log either cleared already or
 * not yet marked committed. After a crash H2 then restores part of a committed transaction: the
 * kill -9 campaigns saw a replica's transaction cut (its counter update kept, its row missing, no
 * error) or a committed one applied again (1062).
 *
 * <p>What: H2's own store writes (its background writer and housekeeping, the writes it starts when
 * unsaved memory grows or when a transaction that spilled pages commits) are made no-ops: the store's
 * background thread is stopped ({@code WRITE_DELAY 0}) and its "store operation in progress" flag is
 * kept set, which every one of those paths checks before it writes. This class writes the store
 * instead — from its own thread every {@value #WRITE_EVERY_MS} ms or when unsaved memory passes half
 * of H2's auto-commit buffer, and on {@link #writeAndSync()} — each time holding the write side of a
 * lock whose read side every commit holds ({@link #commit}). A version on disk therefore holds each
 * transaction either committed and settled in every map, or not committed: values of an uncommitted
 * transaction that it caught without their undo records are rolled back at the next start
 * ({@link H2OrphanRepair}), and crash recovery applies the transaction again from the binary or
 * relay log.
 *
 * <p>Uses H2 internals (the flag is a private field of {@link MVStore}): pinned to H2 2.3.x by the
 * project's dependency; the engine refuses to start when the field is missing.
 */
final class H2StoreWrites implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(H2StoreWrites.class);
    static final long WRITE_EVERY_MS = 500;
    private static final long POLL_MS = 50;
    /** Chunk rewriting (H2's housekeeping does it in its background thread): every tenth write. */
    private static final int COMPACT_EVERY_WRITES = 10;
    private static final int COMPACT_BELOW_FILL_RATE = 50;

    private final MVStore store;
    private final AtomicBoolean storeBlocked;
    /** The engine's admin connection's lock: its autocommitted statements commit inside H2. */
    private final Object adminLock;
    /** Read side: a commit in progress; write side: a store write. */
    private final ReentrantReadWriteLock fence = new ReentrantReadWriteLock();
    private final Thread writer;
    private volatile boolean stopped;

    private H2StoreWrites(MVStore store, AtomicBoolean storeBlocked, Object adminLock) {
        this.store = store;
        this.storeBlocked = storeBlocked;
        this.adminLock = adminLock;
        this.writer = new Thread(this::writeLoop, "h2-store-writer");
        writer.setDaemon(true);
    }

    /**
     * Takes over the writes of {@code store}; its background writer must be stopped already
     * ({@code SET WRITE_DELAY 0}). Store writes hold {@code adminLock}, which the engine holds
     * while its admin connection runs statements that commit inside H2.
     */
    static H2StoreWrites takeOver(MVStore store, Object adminLock) {
        AtomicBoolean flag;
        try {
            Field f = MVStore.class.getDeclaredField("storeOperationInProgress");
            f.setAccessible(true);
            flag = (AtomicBoolean) f.get(store);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Writing the store between commits needs H2 2.3.232's MVStore internals: "
                    + e, e);
        }
        if (store.getAutoCommitDelay() != 0) {
            throw new IllegalStateException("H2's background writer still runs (WRITE_DELAY "
                    + store.getAutoCommitDelay() + ")");
        }
        block(flag);
        H2StoreWrites writes = new H2StoreWrites(store, flag, adminLock);
        writes.writer.start();
        return writes;
    }

    /** A commit (or anything that commits inside H2): never runs while the store is written. */
    <E extends Exception> void commit(ThrowingRunnable<E> commit) throws E {
        fence.readLock().lock();
        try {
            commit.run();
        } finally {
            fence.readLock().unlock();
        }
    }

    /** Writes every commit so far to the store file and forces it to the disk. */
    void writeAndSync() {
        write(true);
    }

    private void write(boolean sync) {
        synchronized (adminLock) {
            fence.writeLock().lock();
            try {
                if (stopped || store.isClosed()) return;
                storeBlocked.set(false);
                try {
                    store.commit();
                } finally {
                    block(storeBlocked);
                }
            } finally {
                fence.writeLock().unlock();
            }
            // the version written holds every commit before the fence was taken; commits go on
            // while it reaches the disk
            if (sync) store.sync();
        }
    }

    /**
     * Sets the flag that turns H2's store writes into no-ops, once no store write runs (one that
     * started meanwhile finds no commit in progress either: the fence is held or no session exists).
     */
    private static void block(AtomicBoolean flag) {
        while (!flag.compareAndSet(false, true)) Thread.onSpinWait();
    }

    private void writeLoop() {
        long last = System.nanoTime();
        int writes = 0;
        while (!stopped) {
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
                boolean due = System.nanoTime() - last >= TimeUnit.MILLISECONDS.toNanos(WRITE_EVERY_MS);
                if (!due && store.getUnsavedMemory() * 2L < store.getAutoCommitMemory()) continue;
                last = System.nanoTime();
                if (!store.hasUnsavedChanges()) continue;
                write(false);
                if (++writes % COMPACT_EVERY_WRITES == 0 && !stopped) {
                    // rewrites live pages of sparse chunks; they reach the file with the next write
                    store.compact(COMPACT_BELOW_FILL_RATE, Math.max(1, store.getAutoCommitMemory() / 4));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopped || store.isClosed()) return;
                LOG.error("Writing the engine's store failed (the next write retries): {}", e.toString(), e);
            }
        }
    }

    /**
     * Stops writing: H2 writes its store itself again (as it does when the database closes). Waits
     * for the commits in progress.
     */
    @Override
    public void close() {
        halt();
        fence.writeLock().lock();
        try {
            storeBlocked.set(false);
        } finally {
            fence.writeLock().unlock();
        }
    }

    /** Stops writing and leaves H2's own writes blocked: what a crash leaves on disk stays there. */
    void halt() {
        stopped = true;
        // not interrupted: an interrupt inside a file write would close H2's file channel
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A commit that may throw {@code E}. */
    @FunctionalInterface
    interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }
}
