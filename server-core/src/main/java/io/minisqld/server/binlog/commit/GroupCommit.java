package io.minisqld.server.binlog.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MySQL 5.7's binlog group commit (spec semisync.md §1.5): committers queue up; the first becomes
 * the leader and runs the flush stage for everybody queued (one write, {@code after_flush} once
 * with the group's end, one fsync, publication of the new end), then hands the flush stage to the
 * next leader <em>before</em> running {@code after_sync} for its group, so a slow after_sync (a
 * semisync wait) never keeps the next group from being written and synced. Members then commit
 * in the engine on their own threads.
 *
 * <p>Locking: {@link #lock} guards the queue and the leader flag; it is never held while writing,
 * syncing or calling hooks. {@link #flushStage} is held by the one leader writing a group.
 *
 * @param <T> what a committer brings (its events) and gets back (its end position)
 */
public final class GroupCommit<T extends GroupCommit.Member> {

    /** One committer in a group. */
    public interface Member {
        /** Called by the leader for a failed group: the member's commit fails with this error. */
        void fail(RuntimeException error);

        /** True once the member's flush result or failure is known. */
        boolean done();
    }

    /** What the leader does with a group. Runs on the leader's thread. */
    public interface Stages<T> {
        /** Writes the group's events in queue order, calls after_flush, syncs, publishes. */
        void flushAndSync(List<T> group);

        /** Runs after_sync for the group; other groups may be flushing meanwhile. */
        void afterSync(List<T> group);
    }

    /**
     * MySQL 5.7's {@code binlog_group_commit_sync_delay} and {@code
     * binlog_group_commit_sync_no_delay_count}: how long a new leader waits for more committers
     * before it takes its group, and how many committers (the leader included) end that wait early.
     */
    public interface Delay {
        /** Nanoseconds the next leader waits for more committers; 0: it takes its group at once. */
        long nanos();

        /** Committers queued (the leader included) at which the wait ends early; 0: no such count. */
        long count();

        /** No wait (both variables 0). */
        Delay NONE = new Delay() {
            @Override
            public long nanos() {
                return 0;
            }

            @Override
            public long count() {
                return 0;
            }
        };
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock flushStage = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Stages<T> stages;

    private final Delay delay;

    private List<T> queue = new ArrayList<>();
    private boolean leaderActive;
    /** A leader is waiting for more committers: each one queued wakes it to count. */
    private boolean delaying;
    private final java.util.IdentityHashMap<T, Boolean> finished = new java.util.IdentityHashMap<>();

    public GroupCommit(Stages<T> stages) {
        this(stages, Delay.NONE);
    }

    public GroupCommit(Stages<T> stages, Delay delay) {
        this.stages = stages;
        this.delay = delay;
    }

    /**
     * Queues {@code member} and returns once its group has been flushed, synced and passed
     * after_sync (or failed: {@link Member#fail} was called). The caller then commits in the
     * engine and runs after_commit.
     */
    public void commit(T member) {
        List<T> group = null;
        lock.lock();
        try {
            queue.add(member);
            if (delaying) changed.signalAll();
            while (true) {
                if (finished.remove(member) != null) return;
                if (!leaderActive && !queue.isEmpty() && queue.get(0) == member) {
                    leaderActive = true;
                    awaitMoreCommitters();
                    group = queue;
                    queue = new ArrayList<>();
                    break;
                }
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        lead(group);
    }

    /**
     * The new leader waits up to {@link Delay#nanos()} for more committers to queue behind it, or
     * until {@link Delay#count()} are queued; they then share its write and its fsync. Holds
     * {@link #lock} (released while waiting).
     */
    private void awaitMoreCommitters() {
        long nanos = delay.nanos();
        if (nanos <= 0) return;
        long count = delay.count();
        long deadline = System.nanoTime() + nanos;
        delaying = true;
        try {
            while (count == 0 || queue.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delaying = false;
        }
    }

    private void lead(List<T> group) {
        RuntimeException failure = null;
        flushStage.lock();
        try {
            stages.flushAndSync(group);
        } catch (RuntimeException e) {
            failure = e;
            for (T m : group) m.fail(e);
        } finally {
            flushStage.unlock();
            // hand the flush stage on before after_sync: the next group is written while this one waits
            lock.lock();
            try {
                leaderActive = false;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        if (failure == null) {
            try {
                stages.afterSync(group);
            } catch (RuntimeException e) {
                for (T m : group) m.fail(e);
            }
        }
        lock.lock();
        try {
            for (T m : group) finished.put(m, Boolean.TRUE);
            finished.remove(group.get(0));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
