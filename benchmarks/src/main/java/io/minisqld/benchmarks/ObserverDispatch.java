package io.minisqld.benchmarks;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.AuditEvent;
import io.minisqld.plugin.api.observer.AuditEventSubclass;
import io.minisqld.plugin.api.observer.AuditObserver;
import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogStorageParam;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.plugin.api.observer.TransmitParam;
import io.minisqld.server.observer.ObserverRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost a hook adds to the commit path (spec semisync.md §1.2): {@code before_commit} with no
 * observer (MySQL's RUN_HOOK on an empty list: should be one volatile read) and with one no-op
 * observer (shared lock + call), {@code after_sync} with none and with one no-op observer (the
 * position-carrying call shape), and {@code before_send_event} with one no-op observer (the
 * widest shape: parameter, packet and position, called per event on a dump thread). The
 * parameter objects are built once, as a caller that tests {@code isEmpty()} first would pay for
 * them only when someone listens.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ObserverDispatch {
    private final ObserverRegistry empty = new ObserverRegistry();
    private final ObserverRegistry oneObserver = new ObserverRegistry();
    private final TransactionParam commit =
            new TransactionParam(1, "3e11fa47-71ca-11e1-9e33-c80aa9429562", 7, true, null);
    private final TransmitParam dump = new TransmitParam(2, 0, null);
    private final EventPacket packet = new EventPacket(new byte[64], 0, 64, 2, LogPosition.of("binlog.000001", 4));
    private long position = 4;

    @Setup
    public void register() {
        oneObserver.transaction().register(new TransactionObserver() { }, "noop");
        oneObserver.binlogStorage().register(new BinlogStorageObserver() { }, "noop");
        oneObserver.binlogTransmit().register(new BinlogTransmitObserver() { }, "noop");
        oneObserver.audit().register(new AuditObserver() {
            @Override
            public java.util.Set<AuditEventSubclass> subscriptions() {
                return java.util.EnumSet.of(AuditEventSubclass.QUERY_START);
            }

            @Override
            public int notify(AuditEvent event) {
                return 0;
            }
        }, "noop");
    }

    /**
     * A statement's QUERY_START as the statement layer raises it: the event is built only when
     * an audit observer is registered, so with none this is the guard's one volatile read.
     */
    @Benchmark
    public void auditQueryStartNoObserver() {
        if (!empty.audit().isEmpty()) {
            empty.audit().notify(new AuditEvent.Query(AuditEventSubclass.QUERY_START, 7, "select", "SELECT 1",
                    "utf8mb4", 0));
        }
    }

    /** The same with one subscribed no-op audit observer: the event record, the shared lock, the call. */
    @Benchmark
    public void auditQueryStartOneObserver() {
        if (!oneObserver.audit().isEmpty()) {
            oneObserver.audit().notify(new AuditEvent.Query(AuditEventSubclass.QUERY_START, 7, "select", "SELECT 1",
                    "utf8mb4", 0));
        }
    }

    @Benchmark
    public boolean beforeCommitNoObserver() {
        return empty.transaction().beforeCommit(commit);
    }

    @Benchmark
    public boolean beforeCommitOneObserver() {
        return oneObserver.transaction().beforeCommit(commit);
    }

    @Benchmark
    public boolean afterSyncNoObserver() {
        return empty.binlogStorage().afterSync(new BinlogStorageParam(1, LogPosition.of("binlog.000001", position++)));
    }

    @Benchmark
    public boolean afterSyncOneObserver() {
        return oneObserver.binlogStorage().afterSync(
                new BinlogStorageParam(1, LogPosition.of("binlog.000001", position++)));
    }

    @Benchmark
    public boolean beforeSendEventOneObserver() {
        return oneObserver.binlogTransmit().beforeSendEvent(dump, packet);
    }
}
