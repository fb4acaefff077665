package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.SessionView;
import io.minisqld.plugin.api.observer.BinlogStorageObserver;
import io.minisqld.plugin.api.observer.BinlogStorageParam;
import io.minisqld.plugin.api.observer.BinlogTransmitObserver;
import io.minisqld.plugin.api.observer.EventPacket;
import io.minisqld.plugin.api.observer.HeaderBuffer;
import io.minisqld.plugin.api.observer.ReplicaConnection;
import io.minisqld.plugin.api.observer.ServerStateObserver;
import io.minisqld.plugin.api.observer.ServerStateParam;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.plugin.api.observer.TransmitParam;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The plugin's observers: each hook forwards to {@link SemiSyncMaster} or the {@link AckReceiver}
 * (MySQL's {@code semisync_master_plugin.cc}). Also remembers, per dump, whether the replica is a
 * semisync one and whether the last event sent asked for a reply.
 */
final class SemiSyncMasterObservers
        implements TransactionObserver, BinlogStorageObserver, BinlogTransmitObserver, ServerStateObserver {
    /** The user variable a semisync replica sets on its dump session before COM_BINLOG_DUMP. */
    static final String SLAVE_USER_VARIABLE = "rpl_semi_sync_slave";
    /** What 8.0.26's replica sets (with the old one too): either makes the dump semisync. */
    static final String REPLICA_USER_VARIABLE = "rpl_semi_sync_replica";
    /** The MDC key under which the server names the connection a thread works for. */
    private static final String CONNECTION_ID_KEY = "connection_id";
    private static final int FLAG_OFFSET = 2;
    // MySQL's function names, as its traces print them
    private static final String RESERVE_SYNC_HEADER = "ReplSemiSyncMaster::reserveSyncHeader";
    private static final String SKIP_SLAVE_REPLY = "ReplSemiSyncMaster::skipSlaveReply";
    private static final String FLUSH_NET = "ReplSemiSyncMaster::flushNet";
    private static final byte FLAG_SYNC = 0x01;

    private final SemiSyncMaster master;
    private final AckReceiver receiver;
    private final PluginContext context;
    private final MasterLog log;
    /** true: wait in after_commit (AFTER_COMMIT); false: in after_sync (AFTER_SYNC). Read at each hook. */
    private final BooleanSupplier waitAfterCommit;
    /** Semisync dumps by their (per-dump, identity-compared) parameter object. */
    private final Map<TransmitParam, Dump> dumps = new ConcurrentHashMap<>();

    /** One semisync dump; touched only by its dump thread. */
    private static final class Dump {
        final long serverId;
        final ReplicaConnection connection;
        boolean replyRequested;

        Dump(long serverId, ReplicaConnection connection) {
            this.serverId = serverId;
            this.connection = connection;
        }
    }

    SemiSyncMasterObservers(SemiSyncMaster master, AckReceiver receiver, PluginContext context, MasterLog log,
                            BooleanSupplier waitAfterCommit) {
        this.master = master;
        this.receiver = receiver;
        this.context = context;
        this.log = log;
        this.waitAfterCommit = waitAfterCommit;
    }

    // ---------------------------------------------------------------- transactions (§2.11)

    @Override
    public void afterCommit(TransactionParam param) {
        if (waitAfterCommit.getAsBoolean() && param.realTransaction() && param.logged()) {
            master.commitTrx(param.position(), stage(param.threadId()));
        }
    }

    /** MySQL's repl_semi_report_rollback is the commit hook: a rolled-back but binlogged transaction waits too. */
    @Override
    public void afterRollback(TransactionParam param) {
        afterCommit(param);
    }

    // ---------------------------------------------------------------- binlog storage (§2.4, §2.11)

    @Override
    public void afterFlush(BinlogStorageParam param) {
        master.transactionFlushed(param.position());
    }

    @Override
    public void afterSync(BinlogStorageParam param) {
        if (!waitAfterCommit.getAsBoolean()) {
            master.commitTrx(param.position(), stage(currentConnectionId()));
        }
    }

    // ---------------------------------------------------------------- binlog transmit (§2.3, §2.5, §2.6)

    @Override
    public void transmitStart(TransmitParam param, LogPosition start) {
        ReplicaConnection connection = param.connection();
        boolean semiSync = connection != null && context.session(connection.threadId())
                .flatMap(s -> s.userVariable(REPLICA_USER_VARIABLE).or(() -> s.userVariable(SLAVE_USER_VARIABLE)))
                .map(SemiSyncMasterObservers::nonZero)
                .orElse(false);
        if (semiSync) {
            receiver.add(param.serverId(), connection);
            dumps.put(param, new Dump(param.serverId(), connection));
            param.requestObserve();
        } else {
            param.declineObserve();
        }
        master.replicaStarted(param.serverId(), start, semiSync);
    }

    @Override
    public void transmitStop(TransmitParam param) {
        Dump dump = dumps.remove(param);
        if (dump != null) {
            receiver.remove(dump.connection);
        }
        master.replicaStopped(param.serverId(), dump != null);
    }

    @Override
    public void reserveHeader(TransmitParam param, HeaderBuffer header) {
        if (dumps.containsKey(param)) {
            SemiSyncTrace trace = master.trace();
            trace.enter(RESERVE_SYNC_HEADER);
            header.append(AckPacket.MAGIC, (byte) 0x00);
            trace.exit(RESERVE_SYNC_HEADER, 2);
        }
    }

    @Override
    public void beforeSendEvent(TransmitParam param, EventPacket packet) {
        Dump dump = dumps.get(param);
        if (dump == null) {
            return;
        }
        dump.replyRequested = master.requestsReply(dump.serverId, packet.position());
        if (dump.replyRequested) {
            packet.set(FLAG_OFFSET, FLAG_SYNC);
        }
    }

    @Override
    public void afterSendEvent(TransmitParam param, byte[] event, LogPosition skipped) {
        Dump dump = dumps.get(param);
        if (dump == null || !dump.replyRequested) {
            return;
        }
        dump.replyRequested = false;
        SemiSyncTrace trace = master.trace();
        if (skipped != null && skipped.offset() > 0) {
            // a skipped event cannot be acknowledged by the replica: count it as acknowledged
            trace.enter(SKIP_SLAVE_REPLY);
            master.handleSkipped(dump.serverId, skipped);
            trace.exit(SKIP_SLAVE_REPLY, 0);
            return;
        }
        trace.enter(FLUSH_NET);
        try {
            dump.connection.flush();
        } catch (IOException e) {
            // MySQL ignores the failure here: the dump thread notices the broken connection itself
            log.error("Semi-sync master failed on net_flush() before waiting for slave reply");
            trace.exit(FLUSH_NET, -1);
            return;
        }
        dump.connection.resetSequence();
        master.replyRequested();
        trace.exit(FLUSH_NET, 0);
    }

    @Override
    public void afterResetMaster(TransmitParam param) {
        master.resetMaster();
    }

    // ---------------------------------------------------------------- server state (§2.14)

    @Override
    public void beforeServerShutdown(ServerStateParam param) {
        master.shutdownStarted();
    }

    // ---------------------------------------------------------------- helpers

    private WaitStage stage(long connectionId) {
        Optional<SessionView> session = connectionId > 0 ? context.session(connectionId) : Optional.empty();
        if (session.isEmpty()) {
            return WaitStage.NONE;
        }
        SessionView view = session.get();
        return new WaitStage() {
            private String previous;

            @Override
            public void enter() {
                previous = view.state();
                view.setState(STATE);
            }

            @Override
            public void exit() {
                view.setState(previous);
            }
        };
    }

    /** after_sync runs on the group-commit leader's thread; the server names its connection in the MDC. */
    private static long currentConnectionId() {
        String id = MDC.get(CONNECTION_ID_KEY);
        if (id == null) {
            return 0;
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** MySQL tests the user variable's integer value: any non-zero number marks a semisync replica. */
    static boolean nonZero(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(value);
        try {
            return Double.parseDouble(text.trim()) != 0;
        } catch (NumberFormatException e) {
            return false; // a non-numeric string is 0 as an integer
        }
    }
}
