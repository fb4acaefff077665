package io.minisqld.server.binlog.commitunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.binlog.commit.GroupCommit;
import io.minisqld.testcommon.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MySQL 5.7's group commit (semisync.md §1.5) on fake stages: grouping, order, failures, pipelining. */
@Timeout(30)
class GroupCommitTest {

    static final class Member implements GroupCommit.Member {
        final int id;
        volatile RuntimeException failure;
        volatile int flushedInGroup = -1;

        Member(int id) {
            this.id = id;
        }

        @Override
        public void fail(RuntimeException error) {
            failure = error;
        }

        @Override
        public boolean done() {
            return flushedInGroup >= 0 || failure != null;
        }
    }

    /**
     * binlog_group_commit_sync_no_delay_count ends binlog_group_commit_sync_delay's wait: a leader
     * given an hour to wait takes its group as soon as three committers are queued (a wait for the
     * hour would end in this class's timeout), and all three share one flush.
     */
    @Test
    void aDelayingLeaderTakesItsGroupOnceTheNoDelayCountIsQueued() throws Exception {
        List<List<Integer>> flushed = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Member> gc = new GroupCommit<>(new GroupCommit.Stages<>() {
            @Override
            public void flushAndSync(List<Member> group) {
                flushed.add(group.stream().map(m -> m.id).sorted().toList());
                for (Member m : group) m.flushedInGroup = 0;
            }

            @Override
            public void afterSync(List<Member> group) {
            }
        }, new GroupCommit.Delay() {
            @Override
            public long nanos() {
                return TimeUnit.HOURS.toNanos(1);
            }

            @Override
            public long count() {
                return 3;
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Member m = new Member(i);
                futures.add(pool.submit(() -> gc.commit(m)));
            }
            for (Future<?> f : futures) f.get(20, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(List.of(0, 1, 2)), flushed);
    }

    @Test
    void concurrentCommittersShareFlushesAndAllReturnAfterTheirGroupsAfterSync() throws Exception {
        List<List<Integer>> flushed = Collections.synchronizedList(new ArrayList<>());
        List<List<Integer>> synced = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstFlushEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstFlush = new CountDownLatch(1);
        AtomicInteger groups = new AtomicInteger();
        GroupCommit<Member> gc = new GroupCommit<>(new GroupCommit.Stages<>() {
            @Override
            public void flushAndSync(List<Member> group) {
                int g = groups.getAndIncrement();
                if (g == 0) {
                    firstFlushEntered.countDown();
                    await(releaseFirstFlush);
                }
                flushed.add(group.stream().map(m -> m.id).toList());
                for (Member m : group) m.flushedInGroup = g;
            }

            @Override
            public void afterSync(List<Member> group) {
                synced.add(group.stream().map(m -> m.id).toList());
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Member> members = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        Member first = new Member(0);
        members.add(first);
        futures.add(pool.submit(() -> gc.commit(first)));
        firstFlushEntered.await(10, TimeUnit.SECONDS);
        for (int i = 1; i < 16; i++) {
            Member m = new Member(i);
            members.add(m);
            futures.add(pool.submit(() -> gc.commit(m)));
        }
        // the 15 later committers queue up behind the busy flush stage
        Poll.until("the 15 later committers to queue up", Duration.ofSeconds(30),
                () -> !(pool instanceof java.util.concurrent.ThreadPoolExecutor tpe) || tpe.getActiveCount() >= 16);
        releaseFirstFlush.countDown();
        for (Future<?> f : futures) f.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertTrue(flushed.size() < 16, "groups formed: " + flushed);
        assertEquals(flushed.size(), synced.size(), "after_sync once per group");
        List<Integer> all = new ArrayList<>();
        flushed.forEach(all::addAll);
        Collections.sort(all);
        assertEquals(16, all.size(), "every member flushed exactly once: " + flushed);
        for (int i = 0; i < 16; i++) assertEquals(i, all.get(i));
        for (Member m : members) assertTrue(m.done());
    }

    @Test
    void aFailedFlushFailsEveryMemberOfTheGroup() throws Exception {
        RuntimeException boom = new IllegalStateException("disk full");
        GroupCommit<Member> gc = new GroupCommit<>(new GroupCommit.Stages<>() {
            @Override
            public void flushAndSync(List<Member> group) {
                throw boom;
            }

            @Override
            public void afterSync(List<Member> group) {
                throw new AssertionError("after_sync must not run for a failed group");
            }
        });
        Member m = new Member(1);
        gc.commit(m);
        assertSame(boom, m.failure);
    }

    @Test
    void theNextGroupFlushesWhileTheFirstWaitsInAfterSync() throws Exception {
        CountDownLatch inAfterSync = new CountDownLatch(1);
        CountDownLatch secondFlushed = new CountDownLatch(1);
        AtomicInteger flushes = new AtomicInteger();
        GroupCommit<Member> gc = new GroupCommit<>(new GroupCommit.Stages<>() {
            @Override
            public void flushAndSync(List<Member> group) {
                for (Member m : group) m.flushedInGroup = flushes.getAndIncrement();
                if (group.get(0).id == 2) secondFlushed.countDown();
            }

            @Override
            public void afterSync(List<Member> group) {
                if (group.get(0).id == 1) {
                    inAfterSync.countDown();
                    // a semisync wait: held until the next group has been written and synced
                    assertTrue(await(secondFlushed), "the second group was not flushed while the first waited");
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> first = pool.submit(() -> gc.commit(new Member(1)));
        assertTrue(inAfterSync.await(10, TimeUnit.SECONDS));
        Future<?> second = pool.submit(() -> gc.commit(new Member(2)));
        second.get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);
        pool.shutdown();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
