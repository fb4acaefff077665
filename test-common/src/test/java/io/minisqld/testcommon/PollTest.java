package io.minisqld.testcommon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a test sees from Poll: it returns once the condition holds, or fails saying what it waited for. */
class PollTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void returnsOnceTheConditionHoldsAndTreatsAnExceptionAsNotYet() {
        AtomicInteger checks = new AtomicInteger();
        Poll.until("the third check", LONG, () -> {
            if (checks.incrementAndGet() == 1) throw new SQLException("server restarting");
            return checks.get() == 3;
        });
        assertEquals(3, checks.get());
    }

    @Test
    void aTimeoutNamesWhatTheTestWaitedForWithDiagnosticsAndTheLastException() {
        SQLException refused = new SQLException("Connection refused");
        AssertionError e = assertThrows(AssertionError.class, () -> Poll.until("the replica to catch up",
                Duration.ZERO, () -> {
                    throw refused;
                }, () -> "SHOW SLAVE STATUS: {}"));
        assertEquals("timed out after PT0S waiting for the replica to catch up\nSHOW SLAVE STATUS: {}", e.getMessage());
        assertSame(refused, e.getCause());
    }

    @Test
    void aFailedAssertionInTheConditionEndsTheWaitAtOnce() {
        AssertionError stopped = new AssertionError("the SQL thread stopped with an error");
        assertSame(stopped, assertThrows(AssertionError.class, () -> Poll.until("catch-up", LONG, () -> {
            throw stopped;
        })));
    }

    @Test
    void anInterruptedWaitFailsAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> Poll.until("nothing", LONG, () -> false));
            assertEquals("interrupted while waiting for nothing", e.getMessage());
            assertTrue(Thread.interrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void untilCollectedReturnsOnceNothingReachesTheObjects() {
        Object garbage = new Object();
        WeakReference<Object> ref = new WeakReference<>(garbage);
        garbage = null;
        Poll.untilCollected("the object to be collected", LONG, List.of(ref));
        assertEquals(null, ref.get());
    }
}
