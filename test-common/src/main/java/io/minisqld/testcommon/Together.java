package io.minisqld.testcommon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code n} tasks on their own threads, released together by a barrier (clients that commit at
 * the same moment, for a group commit to gather), and waits for all of them; a task's failure fails
 * the call. The timeout only catches a hang.
 */
public final class Together {
    /** One task: {@code i} is its number, 0 to n − 1. */
    @FunctionalInterface
    public interface Task {
        void run(int i) throws Exception;
    }

    private Together() {
    }

    public static void run(int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int number = i;
                done.add(pool.submit(() -> {
                    start.await();
                    task.run(number);
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
