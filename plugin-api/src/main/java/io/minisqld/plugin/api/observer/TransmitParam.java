package io.minisqld.plugin.api.observer;

/**
 * What the server passes to {@link BinlogTransmitObserver} hooks (MySQL's
 * {@code Binlog_transmit_param}): one object per dump thread, created when the dump starts and
 * passed to every hook of that dump, on the dump thread.
 *
 * <p>{@link #requestObserve()} and {@link #declineObserve()} are MySQL's output flags
 * {@code F_OBSERVE} and {@code F_DONT_OBSERVE}, set from {@code transmit_start}: the server calls
 * {@code reserve_header}, {@code before_send_event} and {@code after_send_event} for this dump only
 * if some plugin asked to observe it, or if no plugin declined (a plugin that sets neither is
 * treated as wanting every dump). The flags are touched only by the dump thread, so they need no
 * synchronisation.
 */
public final class TransmitParam {
    /** {@code BINLOG_DUMP_NON_BLOCK}: the replica asked the dump to end at the binlog's end. */
    public static final int BINLOG_DUMP_NON_BLOCK = 1;

    private final long serverId;
    private final int flags;
    private final ReplicaConnection connection;
    private boolean observe;
    private boolean dontObserve;

    /**
     * @param serverId   the replica's {@code server_id} (from COM_REGISTER_SLAVE / COM_BINLOG_DUMP)
     * @param flags      the flags of the replica's COM_BINLOG_DUMP request
     * @param connection the dump connection; null only for {@code after_reset_master}, which no
     *                   dump thread runs
     */
    public TransmitParam(long serverId, int flags, ReplicaConnection connection) {
        this.serverId = serverId;
        this.flags = flags;
        this.connection = connection;
    }

    /** The replica's {@code server_id} (this server's own in {@code after_reset_master}). */
    public long serverId() {
        return serverId;
    }

    /** The COM_BINLOG_DUMP flags the replica sent (see {@link #BINLOG_DUMP_NON_BLOCK}). */
    public int flags() {
        return flags;
    }

    /** The dump connection to the replica; null in {@code after_reset_master}. */
    public ReplicaConnection connection() {
        return connection;
    }

    /** Asks the server to run the event hooks for this dump (MySQL's {@code F_OBSERVE}). */
    public void requestObserve() {
        observe = true;
    }

    /** Tells the server this plugin has no interest in this dump (MySQL's {@code F_DONT_OBSERVE}). */
    public void declineObserve() {
        dontObserve = true;
    }

    /**
     * For the server, after {@code transmit_start}: whether to run the event hooks for this dump
     * (some plugin asked, or none declined).
     */
    public boolean shouldObserve() {
        return observe || !dontObserve;
    }
}
