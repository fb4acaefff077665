package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.AnnotateRowsEvent;
import io.minisqld.server.binlog.event.BinlogCheckpointEvent;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.binlog.event.GtidListEvent;
import io.minisqld.server.binlog.event.HeartbeatEvent;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.MariadbGtidEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.QueryStatusVariables;
import io.minisqld.server.binlog.event.RandEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.SqlModes;
import io.minisqld.server.binlog.event.StopEvent;
import io.minisqld.server.binlog.event.UserVarEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.engine.StorageEngine;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.session.Session;
import io.minisqld.server.storage.FileLayer;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica's SQL (applier) thread: reads the relay log up to its synced end, groups events into
 * transactions (BEGIN … XID or COMMIT, MariaDB's GTID … XID/COMMIT, a single statement), and
 * applies each group through the statement executor in one engine transaction that also records
 * the group's end in {@code mysql.slave_relay_log_info} (crash-safe replica, MySQL's
 * {@code relay_log_info_repository=TABLE}). A group is applied only once it is whole in the relay
 * log, so STOP SLAVE SQL_THREAD never leaves half a transaction.
 *
 * <p>Positions follow protocol.md §2.3.2: Relay_Master_Log_File from ROTATE bodies,
 * Exec_Master_Log_Pos from each applied group's last header {@code log_pos} (and from events
 * outside groups, artificial ones excepted), Relay_Log_File/Pos the relay event after the group.
 *
 * <p>Threads: {@link #run} runs on its own thread; {@link #requestStop} and the status getters are
 * called from sessions. Status fields are volatile; the session and engine session are used by the
 * SQL thread only.
 */
final class SqlThread implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SqlThread.class);
    private static final DateTimeFormatter ERROR_TIMESTAMP = DateTimeFormatter.ofPattern("yyMMdd HH:mm:ss");

    static final String STATE_READING = "Reading event from the relay log";
    static final String STATE_WAITING = "Slave has read all relay log; waiting for more updates";
    static final String STATE_APPLYING = "System lock";

    /** Collation ids of Q_CHARSET back to the names the session variables take. */
    private static final Map<Integer, String[]> COLLATIONS = Map.of(
            8, new String[] {"latin1", "latin1_swedish_ci"}, 11, new String[] {"ascii", "ascii_general_ci"},
            33, new String[] {"utf8", "utf8_general_ci"}, 45, new String[] {"utf8mb4", "utf8mb4_general_ci"},
            46, new String[] {"utf8mb4", "utf8mb4_bin"}, 47, new String[] {"latin1", "latin1_bin"},
            63, new String[] {"binary", "binary"}, 83, new String[] {"utf8", "utf8_bin"},
            224, new String[] {"utf8mb4", "utf8mb4_unicode_ci"}, 255, new String[] {"utf8mb4", "utf8mb4_0900_ai_ci"});

    /** What the thread needs from the server. */
    record Config(RelayLog relayLog, FileLayer layer, Applier applier, StorageEngine engine,
                  Session session, LongSupplier ownServerId, BooleanSupplier binlogged,
                  BooleanSupplier relayLogPurge, ThreadFactory threads) {
    }

    /** How the thread ended, for SHOW SLAVE STATUS. */
    record Failure(int errno, String message, String timestamp) {
    }

    private final Config config;
    private final Session session;
    private volatile RelayLogInfo applied;
    private volatile boolean stopRequested;
    private volatile boolean running;
    private volatile boolean idle;
    /** Header timestamp of the group being applied (Seconds_Behind_Master), 0 when none. */
    private volatile long applyingTimestamp;
    private volatile Failure failure;
    private long skipCounter;
    private Thread thread;

    /** Where the master file name for events comes from: the last ROTATE seen. */
    private String masterFile;

    SqlThread(Config config, RelayLogInfo start, long skipCounter) {
        this.config = config;
        this.session = config.session();
        this.applied = start;
        this.masterFile = start.executed().file();
        this.skipCounter = skipCounter;
    }

    void start() {
        running = true;
        thread = config.threads().newThread(this);
        thread.setName("minisqld-slave-sql");
        thread.start();
    }

    /** STOP SLAVE SQL_THREAD: the thread ends between groups; waits until it has. */
    void requestStop() {
        stopRequested = true;
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) return;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean running() {
        return running;
    }

    /** The applied position (what the table holds once the current group commits). */
    RelayLogInfo applied() {
        return applied;
    }

    /** The error that stopped the thread, or null. */
    Failure failure() {
        return failure;
    }

    /** Seconds_Behind_Master while running: 0 when caught up, else now minus the group's event time. */
    long secondsBehind() {
        long ts = applyingTimestamp;
        if (idle || ts == 0) return 0;
        return Math.max(0, System.currentTimeMillis() / 1000 - ts);
    }

    /** Slave_SQL_Running_State. */
    String state() {
        return session.state();
    }

    @Override
    public void run() {
        RelayLogInfo start = applied;
        session.setCommand("Connect");
        log.info("Slave SQL thread for channel '' initialized, starting replication in log '{}' at position {}, "
                        + "relay log './{}' position: {}", start.executed().file().isEmpty() ? "FIRST"
                        : start.executed().file(), start.executed().offset(), start.relay().file(),
                start.relay().offset());
        try {
            loop();
        } catch (ApplyFailure f) {
            fail(f.errno, f.getMessage());
            log.error("Slave SQL for channel '': {}, Error_code: {}", f.getMessage(), f.errno);
            log.error("Error running query, slave SQL thread aborted. Fix the problem, and restart the slave SQL "
                    + "thread with \"SLAVE START\". We stopped at log '{}' position {}.", applied.executed().file(),
                    applied.executed().offset());
        } catch (IOException | RuntimeException e) {
            String msg = "Relay log read failure: Could not parse relay log event entry. " + e.getMessage();
            fail(ErrorCode.ER_UNKNOWN_ERROR.number(), msg);
            log.error("Slave SQL for channel '': {}, Error_code: {}", msg, ErrorCode.ER_UNKNOWN_ERROR.number());
        } finally {
            if (session.inTransaction()) config.applier().rollback(session);
            session.setReplicatedOrigin(null);
            persistPosition();
            running = false;
            idle = false;
            session.setState("");
            log.info("Slave SQL thread for channel '' exiting, replication stopped in log '{}' at position {}",
                    applied.executed().file(), applied.executed().offset());
        }
    }

    private void fail(int errno, String message) {
        failure = new Failure(errno, message, LocalDateTime.now().format(ERROR_TIMESTAMP));
    }

    /** An error the thread stops on, with MySQL's Last_SQL_Error text. */
    private static final class ApplyFailure extends Exception {
        final int errno;

        ApplyFailure(int errno, String message) {
            super(message);
            this.errno = errno;
        }
    }

    /** Events read since the group began, and where it ends. */
    private static final class Group {
        final List<PositionedEvent> events = new ArrayList<>();
        final boolean transactional;
        final boolean standalone;

        Group(boolean transactional, boolean standalone) {
            this.transactional = transactional;
            this.standalone = standalone;
        }
    }

    private void loop() throws IOException, ApplyFailure {
        RelayLog relay = config.relayLog();
        String file = applied.relay().file();
        BinlogReader reader = BinlogReader.open(config.layer(), relay.path(file), false);
        try {
            long pos = Math.max(applied.relay().offset(), reader.firstEventAfterFormatDescription());
            Group group = null;
            List<PositionedEvent> pendingContext = new ArrayList<>();
            while (!stopRequested) {
                LogPosition synced = relay.syncedEnd();
                boolean complete = !synced.file().equals(file);
                long limit = complete ? reader.size() : synced.offset();
                if (pos >= limit) {
                    String next = complete ? nextFile(relay.files(), file) : null;
                    if (next != null) {
                        reader.close();
                        file = next;
                        reader = BinlogReader.open(config.layer(), relay.path(file), false);
                        pos = reader.firstEventAfterFormatDescription();
                        if (group == null) {
                            applied = applied.withRelay(new LogPosition(file, pos));
                            purge(file);
                        }
                        continue;
                    }
                    idle = group == null;
                    if (idle) applyingTimestamp = 0;
                    session.setState(STATE_WAITING);
                    try {
                        relay.awaitSynced(synced, 100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    continue;
                }
                idle = false;
                session.setState(STATE_READING);
                PositionedEvent e = reader.read(pos, limit);
                pos = e.endPosition();
                LogPosition after = new LogPosition(file, pos);
                group = handle(e, after, group, pendingContext);
            }
        } finally {
            reader.close();
        }
    }

    private static String nextFile(List<String> files, String current) {
        int i = files.indexOf(current);
        return i >= 0 && i + 1 < files.size() ? files.get(i + 1) : null;
    }

    /** Takes one event; returns the group still open after it (null when none). */
    private Group handle(PositionedEvent e, LogPosition after, Group group, List<PositionedEvent> pendingContext)
            throws ApplyFailure {
        EventBody body = e.body();
        long logPos = e.header().nextPosition();
        boolean artificial = (e.header().flags() & EventFlags.ARTIFICIAL) != 0;
        if (body instanceof FormatDescriptionEvent) {
            if (e.position() == BinlogReader.FIRST_EVENT_POSITION) return group;
            // a source FDE with log_pos != 0 starts a file the source wrote anew: a group left
            // open before it was cut by a source restart and will never end (spec §5.2)
            if (group != null && logPos != 0) {
                log.warn("Slave SQL for channel '': the source restarted inside a transaction; its partial events "
                        + "are discarded");
                group = null;
            }
            if (group == null) advance(after, artificial ? 0 : logPos);
            return group;
        }
        if (body instanceof RotateEvent r) {
            if (group == null) {
                masterFile = r.nextFile();
                applied = new RelayLogInfo(after, new LogPosition(r.nextFile(), r.position()),
                        applied.recoverySkip());
            }
            return group;
        }
        if (body instanceof MariadbGtidEvent g) {
            Group ng = new Group(!g.standalone(), g.standalone());
            ng.events.add(e);
            return ng;
        }
        if (body instanceof QueryEvent q) {
            String sql = q.sql().strip();
            if (sql.equalsIgnoreCase("BEGIN")) {
                Group ng = new Group(true, false);
                ng.events.add(e);
                return ng;
            }
            if (sql.startsWith("#")) {
                // a dummy event standing in for one the source left out (spec §3.11)
                if (group == null) advance(after, logPos);
                return group;
            }
            if (group != null && group.transactional && (sql.equalsIgnoreCase("COMMIT")
                    || sql.equalsIgnoreCase("ROLLBACK"))) {
                group.events.add(e);
                apply(group, after, logPos, sql.equalsIgnoreCase("ROLLBACK"));
                return null;
            }
            if (group != null && group.transactional) {
                group.events.add(e);
                return group;
            }
            Group single = group != null ? group : new Group(false, false);
            single.events.addAll(pendingContext);
            pendingContext.clear();
            single.events.add(e);
            apply(single, after, logPos, false);
            return null;
        }
        if (body instanceof XidEvent) {
            if (group == null) {
                advance(after, logPos);
                return null;
            }
            group.events.add(e);
            apply(group, after, logPos, false);
            return null;
        }
        if (body instanceof IntvarEvent || body instanceof UserVarEvent || body instanceof RandEvent) {
            if (group != null) group.events.add(e);
            else pendingContext.add(e);
            return group;
        }
        if (body instanceof GtidListEvent || body instanceof BinlogCheckpointEvent || body instanceof AnnotateRowsEvent
                || body instanceof HeartbeatEvent || body instanceof StopEvent) {
            if (group == null) advance(after, artificial ? 0 : logPos);
            return group;
        }
        throw new ApplyFailure(ErrorCode.ER_UNKNOWN_ERROR.number(), "Relay log read failure: Could not parse relay "
                + "log event entry. Event type " + e.header().type() + " at relay log position " + e.position()
                + " is not supported by this replica (statement-based replication only)");
    }

    /** Moves past events that belong to no group. */
    private void advance(LogPosition after, long logPos) {
        LogPosition exec = logPos > 0 ? new LogPosition(masterFile, logPos) : applied.executed();
        applied = new RelayLogInfo(after, exec, applied.recoverySkip());
    }

    private void apply(Group group, LogPosition after, long logPos, boolean rolledBack) throws ApplyFailure {
        RelayLogInfo next = new RelayLogInfo(after, logPos > 0 ? new LogPosition(masterFile, logPos)
                : applied.executed(), applied.recoverySkip());
        PositionedEvent first = group.events.get(0);
        long origin = first.header().serverId();
        if (origin == config.ownServerId().getAsLong()) {
            // MySQL skips its own events (replicate_same_server_id=0)
            commitPositionOnly(next);
        } else if (next.recoverySkip() > 0) {
            // binlog crash recovery already re-applied this transaction (see ReplicaService.open)
            commitPositionOnly(next.withRecoverySkip(next.recoverySkip() - 1));
        } else if (skipCounter > 0) {
            skipCounter--;
            commitPositionOnly(next);
        } else if (rolledBack) {
            commitPositionOnly(next);
        } else {
            execute(group, next);
        }
        purge(after.file());
    }

    private void commitPositionOnly(RelayLogInfo next) {
        ReplicaTables.writeRelayIn(session.engine(), next);
        session.engine().commit();
        applied = next;
    }

    private void execute(Group group, RelayLogInfo next) throws ApplyFailure {
        Applier applier = config.applier();
        applyingTimestamp = group.events.get(0).header().timestamp();
        session.setState(STATE_APPLYING);
        Long insertId = null;
        QueryEvent current = null;
        try {
            applier.begin(session);
            for (PositionedEvent e : group.events) {
                EventBody b = e.body();
                if (b instanceof IntvarEvent iv) {
                    if (iv.kind() == IntvarEvent.Kind.INSERT_ID) insertId = iv.value();
                    else session.setLastInsertId(iv.value());
                } else if (b instanceof UserVarEvent uv) {
                    session.userVariables().put(uv.name().toLowerCase(java.util.Locale.ROOT), userVarValue(uv));
                } else if (b instanceof QueryEvent q) {
                    String sql = q.sql().strip();
                    if (sql.equalsIgnoreCase("BEGIN") || sql.equalsIgnoreCase("COMMIT")) continue;
                    current = q;
                    useContext(q, e);
                    Long statementInsertId = insertId;
                    insertId = null;
                    try {
                        applier.execute(session, q.sql(), statementInsertId);
                    } catch (SqlError err) {
                        // the source got this error too and logged the statement anyway: expected
                        if (q.errorCode() == 0 || q.errorCode() != err.number()) throw err;
                    }
                }
            }
            boolean viaBinlog = config.binlogged().getAsBoolean() && !session.binlogCache().isEmpty();
            if (session.inTransaction()) {
                ReplicaTables.writeRelayIn(session.engine(), next);
                applier.commit(session);
                // without the binlog the engine's commit is durable only once synced
                if (!viaBinlog) config.engine().sync();
            } else {
                // DDL committed as it ran (MySQL 5.7's non-atomic DDL): record the position at once
                ReplicaTables.writeRelayIn(session.engine(), next);
                session.engine().commit();
                config.engine().sync();
            }
            applied = next;
        } catch (SqlError err) {
            if (session.inTransaction()) applier.rollback(session);
            else session.engine().rollback();
            String db = current == null ? "" : current.database();
            String query = current == null ? "" : current.sql();
            throw new ApplyFailure(err.number(), String.format("Error '%s' on query. Default database: '%s'. "
                    + "Query: '%s'", err.getMessage(), db, query));
        } finally {
            session.setReplicatedOrigin(null);
            session.setCommand("Connect");
            applyingTimestamp = 0;
        }
    }

    private static Object userVarValue(UserVarEvent uv) {
        byte[] v = uv.value();
        if (v == null) return null;
        return switch (uv.valueType()) {
            case UserVarEvent.INT_RESULT -> {
                long x = 0;
                for (int i = Math.min(8, v.length) - 1; i >= 0; i--) x = (x << 8) | (v[i] & 0xFF);
                yield x;
            }
            case UserVarEvent.REAL_RESULT -> {
                long bits = 0;
                for (int i = Math.min(8, v.length) - 1; i >= 0; i--) bits = (bits << 8) | (v[i] & 0xFF);
                yield Double.longBitsToDouble(bits);
            }
            default -> new String(v, java.nio.charset.StandardCharsets.UTF_8);
        };
    }

    /** The source session's context for one statement: database, status variables, origin. */
    private void useContext(QueryEvent q, PositionedEvent e) {
        String db = q.database();
        if (db.isEmpty()) {
            if (session.database() != null) session.setDatabase(null);
        } else if (!db.equals(session.database())) {
            // MySQL sets the name without checking it: MariaDB logs CREATE DATABASE x with x as the
            // default database, so a missing one means none (a table in it then fails as absent)
            if (config.engine().databaseExists(db)) session.setDatabase(db);
            else if (session.database() != null) session.setDatabase(null);
        }
        QueryStatusVariables st = q.status();
        var v = session.variables();
        if (st.flags2() != null) {
            long f = st.flags2();
            v.set("foreign_key_checks", (f & QueryStatusVariables.OPTION_NO_FOREIGN_KEY_CHECKS) == 0);
            v.set("unique_checks", (f & QueryStatusVariables.OPTION_RELAXED_UNIQUE_CHECKS) == 0);
            v.set("sql_auto_is_null", (f & QueryStatusVariables.OPTION_AUTO_IS_NULL) != 0);
        }
        if (st.sqlMode() != null) v.set("sql_mode", SqlModes.namesOf(st.sqlMode()));
        QueryStatusVariables.AutoIncrement ai = st.autoIncrement();
        v.set("auto_increment_increment", ai == null ? 1L : (long) ai.increment());
        v.set("auto_increment_offset", ai == null ? 1L : (long) ai.offset());
        if (st.charset() != null) {
            String[] client = COLLATIONS.get(st.charset().client());
            String[] connection = COLLATIONS.get(st.charset().connection());
            String[] server = COLLATIONS.get(st.charset().server());
            if (client != null) v.set("character_set_client", client[0]);
            if (connection != null) {
                v.set("collation_connection", connection[1]);
                v.set("character_set_connection", connection[0]);
            }
            if (server != null) {
                v.set("collation_server", server[1]);
                v.set("character_set_server", server[0]);
            }
        }
        v.set("time_zone", st.timeZone() == null ? "SYSTEM" : st.timeZone());
        session.setReplicatedOrigin(new Session.ReplicatedOrigin(e.header().serverId(), e.header().timestamp()));
    }

    /** relay_log_purge: relay log files before the one being read are applied and go. */
    private void purge(String currentFile) {
        if (!config.relayLogPurge().getAsBoolean()) return;
        try {
            config.relayLog().purgeBefore(currentFile);
        } catch (IOException | RuntimeException e) {
            log.warn("Slave SQL for channel '': could not purge relay logs before '{}': {}", currentFile,
                    e.toString());
        }
    }

    /** Persists the in-memory position (events outside groups since the last commit) at exit. */
    void persistPosition() {
        try {
            ReplicaTables.writeRelayIn(session.engine(), applied);
            session.engine().commit();
            config.engine().sync();
        } catch (RuntimeException e) {
            session.engine().rollback();
            log.warn("Slave SQL for channel '': could not record the position: {}", e.toString());
        }
    }
}
