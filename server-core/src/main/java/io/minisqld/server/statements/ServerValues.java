package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.replication.replica.ReplicaService;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.ServerValue;
import io.minisqld.server.sql.statement.SqlSpan;
import io.minisqld.server.variables.SystemVariables;
import io.minisqld.server.variables.VariableValues;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The values only the server knows, put into a statement before the engine runs it:
 * {@code @@variables}, {@code @user_variables} and VERSION(), DATABASE(), USER(),
 * CURRENT_USER(), CONNECTION_ID(), LAST_INSERT_ID(), ROW_COUNT(), UNIX_TIMESTAMP(), UTC_TIMESTAMP(),
 * UTC_DATE(), UTC_TIME(). Evaluated at each
 * execution; the engine sees them as literals.
 */
final class ServerValues {
    private static final java.util.regex.Pattern LEADING_NUMBER =
            java.util.regex.Pattern.compile("^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final SystemVariables variables;
    private final String version;
    private final ReplicaService replica;
    private final UserLocks userLocks;
    private final java.util.function.ToIntFunction<String> passwordStrength;
    /** A session → how its statements' calls of stored functions resolve (null: none exist); set once. */
    private java.util.function.Function<Session, java.util.function.Function<String, EngineQuery.StoredFunctionCall>>
            storedFunctions;

    /**
     * @param replica   the replication channel MASTER_POS_WAIT waits on, or null in a server without one
     * @param userLocks the server's GET_LOCK locks
     */
    private final io.minisqld.server.gtid.GtidState gtids;

    ServerValues(SystemVariables variables, String version, ReplicaService replica, UserLocks userLocks,
                 java.util.function.ToIntFunction<String> passwordStrength, io.minisqld.server.gtid.GtidState gtids) {
        this.gtids = gtids;
        this.variables = variables;
        this.version = version;
        this.replica = replica;
        this.userLocks = userLocks;
        this.passwordStrength = passwordStrength;
    }

    /** The engine query of a whole statement, with the session's values in place. */
    /** How a session's statements find stored functions (the statement layer's routines). */
    void storedFunctions(java.util.function.Function<Session,
            java.util.function.Function<String, EngineQuery.StoredFunctionCall>> resolver) {
        this.storedFunctions = resolver;
    }

    EngineQuery.Builder query(Session s, SqlSpan whole) {
        return query(s, whole, false);
    }

    /**
     * @param describing the query is only described (a prepared statement's columns): the functions
     *                   that wait or take locks are not run, a BIGINT 0 stands for their value
     */
    EngineQuery.Builder query(Session s, SqlSpan whole, boolean describing) {
        EngineQuery.Builder b = EngineQuery.of(whole.text()).charsets(s.clientCharset(), s.resultsCharset())
                .settings(new EngineQuery.Settings(s.variables().longValue("max_execution_time"),
                        s.variables().bool("foreign_key_checks"), statementNow(s),
                        storedFunctions == null ? null : storedFunctions.apply(s), s.random(),
                        (int) s.variables().longValue("div_precision_increment"),
                        w -> s.warn(w.number(), w.getMessage()), n -> s.note(n.number(), n.getMessage())));
        for (ServerValue v : whole.serverValues()) {
            Object value = describing && acts(v) ? (Object) 0L : value(s, v);
            b.replace(v.first(), v.last(), literal(value));
        }
        return b;
    }

    /**
     * VALIDATE_PASSWORD_STRENGTH(str): the VALIDATE PASSWORD plugin's 0 to 100 (0 without one);
     * NULL for NULL; one argument (else 1582).
     */
    private Object passwordStrength(java.util.List<String> arguments) {
        if (arguments.size() != 1) {
            throw io.minisqld.server.error.ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT.error("VALIDATE_PASSWORD_STRENGTH");
        }
        String password = arguments.get(0);
        return password == null ? null : (long) passwordStrength.applyAsInt(password);
    }

    /** The server functions that wait or take locks (and those whose arguments cannot be read yet). */
    private static boolean acts(ServerValue v) {
        return v.kind() == ServerValue.Kind.FUNCTION && (v.name().equals("MASTER_POS_WAIT")
                || v.name().startsWith("WAIT_")
                || v.name().endsWith("_LOCK") || v.name().equals("RELEASE_ALL_LOCKS")
                || v.name().startsWith("NOT_LITERAL:"));
    }

    /**
     * An engine query the server composes around a part of a client's statement: {@code prefix},
     * then the span with the session's values in place, then {@code suffix}.
     */
    EngineQuery composed(Session s, StatementText prefix, SqlSpan span, StatementText suffix) {
        EngineQuery.Builder b = EngineQuery.builder(span.text()).charsets(s.clientCharset(), s.resultsCharset());
        b.append(prefix.tokens());
        int offset = b.size() - span.from();
        b.append(span.tokens());
        for (ServerValue v : span.serverValues()) {
            b.replace(v.first() + offset, v.last() + offset, literal(value(s, v)));
        }
        if (suffix != null) b.append(suffix.tokens());
        return b.build();
    }

    Object value(Session s, ServerValue v) {
        return switch (v.kind()) {
            case SYSTEM_VARIABLE -> systemVariable(s, v.name());
            case USER_VARIABLE -> s.userVariables().get(v.name().toLowerCase(Locale.ROOT));
            case FUNCTION -> switch (v.name()) {
                case "MASTER_POS_WAIT" -> masterPosWait(s, v.arguments());
                case "GET_LOCK", "RELEASE_LOCK", "IS_FREE_LOCK", "IS_USED_LOCK", "RELEASE_ALL_LOCKS" ->
                        userLocks.call(s, v.name(), v.arguments());
                case "VALIDATE_PASSWORD_STRENGTH" -> passwordStrength(v.arguments());
                case "WAIT_FOR_EXECUTED_GTID_SET" -> waitForExecutedGtidSet(s, v.arguments());
                case "WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS" -> waitUntilSqlThreadAfterGtids(s, v.arguments());
                default -> {
                    if (v.name().startsWith("NOT_LITERAL:")) {
                        throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error(
                                v.name().substring("NOT_LITERAL:".length()) + " with arguments other than literals");
                    }
                    yield function(s, v.name());
                }
            };
        };
    }

    /** {@code @@[global.|session.|local.]name} as SELECT shows it. */
    Object systemVariable(Session session, String text) {
        String name = text;
        SystemVariables.Requested scope = SystemVariables.Requested.DEFAULT;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("global.")) {
            scope = SystemVariables.Requested.GLOBAL;
            name = text.substring(7);
        } else if (lower.startsWith("session.")) {
            scope = SystemVariables.Requested.SESSION;
            name = text.substring(8);
        } else if (lower.startsWith("local.")) {
            scope = SystemVariables.Requested.SESSION;
            name = text.substring(6);
        }
        if (name.equalsIgnoreCase("warning_count")) return (long) session.warningCount();
        if (name.equalsIgnoreCase("error_count")) {
            return session.warnings().stream().filter(w -> w.level().equals("Error")).count();
        }
        if (name.equalsIgnoreCase("identity") || name.equalsIgnoreCase("last_insert_id")) {
            return session.lastInsertId();
        }
        if (name.equalsIgnoreCase("pseudo_thread_id") && scope != SystemVariables.Requested.GLOBAL
                && session.variables().longValue("pseudo_thread_id") == 0) {
            return session.id();
        }
        if (name.equalsIgnoreCase("timestamp") && scope != SystemVariables.Requested.GLOBAL) {
            // MySQL's @@timestamp is the session's own time, else the statement's
            return statementSeconds(session);
        }
        return VariableValues.selectValue(variables.get(name, scope, session.variables()));
    }

    private Object function(Session session, String name) {
        return switch (name) {
            case "VERSION" -> version;
            case "DATABASE", "SCHEMA" -> session.database();
            case "USER", "SESSION_USER", "SYSTEM_USER" -> session.user() + "@" + session.account().clientHost();
            case "CURRENT_USER" -> session.account().name().user() + "@" + session.account().name().host();
            // the pseudo thread id a replayed binlog sets, else the connection's own
            case "CONNECTION_ID" -> {
                long pseudo = session.variables().longValue("pseudo_thread_id");
                yield pseudo != 0 ? pseudo : session.id();
            }
            case "LAST_INSERT_ID" -> session.lastInsertId();
            case "ROW_COUNT" -> session.rowCount();
            case "FOUND_ROWS" -> session.foundRows();
            // the statement's time in UTC: at its source's time when replicated, so the replica stores the same
            case "UTC_TIMESTAMP", "UTC_DATE", "UTC_TIME" -> {
                long seconds = Math.floorDiv(statementMicros(session), 1_000_000);
                String text = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC)
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                yield name.equals("UTC_DATE") ? text.substring(0, 10) : name.equals("UTC_TIME") ? text.substring(11) : text;
            }
            case "UNIX_TIMESTAMP" -> {
                yield Math.floorDiv(statementMicros(session), 1_000_000);
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * MASTER_POS_WAIT(log_name, log_pos[, timeout[, channel]]), evaluated before the statement runs
     * (its arguments are literals): NULL on a server that is no replica, for a NULL argument or a
     * channel other than the default one (''), as MySQL answers arguments it cannot use.
     */
    private Long masterPosWait(Session s, java.util.List<String> args) {
        if (args.size() < 2 || args.size() > 4) {
            throw io.minisqld.server.error.ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT.error("MASTER_POS_WAIT");
        }
        if (replica == null || args.get(0) == null || args.get(1) == null) return null;
        if (args.size() == 4 && (args.get(3) == null || !args.get(3).isEmpty())) return null;
        double timeout = args.size() >= 3 && args.get(2) != null ? parseNumber(args.get(2)) : 0;
        long position = (long) parseNumber(args.get(1));
        long kills = s.kills();
        String state = s.state();
        s.setState("Waiting for the slave SQL thread to advance position");
        try {
            return replica.masterPosWait(args.get(0), position, timeout, () -> s.kills() != kills);
        } finally {
            s.setState(state);
        }
    }

    /**
     * WAIT_FOR_EXECUTED_GTID_SET(set[, timeout]) (row-events B.7): 0 once every GTID of the set is
     * executed, 1 when {@code timeout} seconds (omitted or 0: none) pass first; 1210 for a negative
     * timeout, 1772 for a NULL or malformed set, 3062 with gtid_mode OFF, 1317 when killed.
     */
    private Long waitForExecutedGtidSet(Session s, java.util.List<String> args) {
        String name = "WAIT_FOR_EXECUTED_GTID_SET";
        if (args.isEmpty() || args.size() > 2) {
            throw io.minisqld.server.error.ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT.error(name);
        }
        if (gtids.mode() == io.minisqld.server.gtid.GtidMode.OFF) {
            throw io.minisqld.server.error.ErrorCode.ER_GTID_MODE_OFF.error(name);
        }
        if (args.get(0) == null) throw io.minisqld.server.error.ErrorCode.ER_MALFORMED_GTID_SET_SPECIFICATION.error("NULL");
        io.minisqld.server.gtid.GtidSet set = io.minisqld.server.gtid.GtidSet.parse(args.get(0));
        double timeout = args.size() == 2 && args.get(1) != null ? parseNumber(args.get(1)) : 0;
        if (timeout < 0) throw io.minisqld.server.error.ErrorCode.ER_WRONG_ARGUMENTS.error(name + ".");
        io.minisqld.server.gtid.GtidState.WaitOutcome outcome = awaitGtids(s, set, timeout, () -> false);
        return outcome == io.minisqld.server.gtid.GtidState.WaitOutcome.REACHED ? 0L : 1L;
    }

    /**
     * WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS(set[, timeout[, channel]]) (B.7, deprecated in 5.7): the
     * number of transactions the replica committed while waiting once the set is executed, -1 on
     * timeout, NULL with gtid_mode OFF, without a running SQL thread (or when it stops), for NULL
     * arguments or a channel other than ''.
     */
    private Long waitUntilSqlThreadAfterGtids(Session s, java.util.List<String> args) {
        if (args.isEmpty() || args.size() > 3) {
            throw io.minisqld.server.error.ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT.error(
                    "WAIT_UNTIL_SQL_THREAD_AFTER_GTIDS");
        }
        if (gtids.mode() == io.minisqld.server.gtid.GtidMode.OFF || replica == null || !replica.sqlThreadRunning()
                || args.contains(null) || (args.size() == 3 && !args.get(2).isEmpty())) {
            return null;
        }
        io.minisqld.server.gtid.GtidSet set = io.minisqld.server.gtid.GtidSet.parse(args.get(0));
        double timeout = args.size() >= 2 ? parseNumber(args.get(1)) : 0;
        long before = gtids.commits();
        io.minisqld.server.gtid.GtidState.WaitOutcome outcome = awaitGtids(s, set, Math.max(0, timeout),
                () -> !replica.sqlThreadRunning());
        return switch (outcome) {
            case REACHED -> gtids.commits() - before;
            case TIMED_OUT -> -1L;
            case GAVE_UP -> null;
        };
    }

    private io.minisqld.server.gtid.GtidState.WaitOutcome awaitGtids(Session s, io.minisqld.server.gtid.GtidSet set,
            double timeoutSeconds, java.util.function.BooleanSupplier stopped) {
        long kills = s.kills();
        String state = s.state();
        s.setState("Waiting for GTID to be committed");
        try {
            io.minisqld.server.gtid.GtidState.WaitOutcome outcome = gtids.awaitExecuted(set,
                    timeoutSeconds > 0 ? Math.max(1, (long) (timeoutSeconds * 1e9)) : 0,
                    () -> s.kills() != kills || stopped.getAsBoolean());
            if (outcome == io.minisqld.server.gtid.GtidState.WaitOutcome.GAVE_UP && s.kills() != kills) {
                throw io.minisqld.server.error.ErrorCode.ER_QUERY_INTERRUPTED.error();
            }
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw io.minisqld.server.error.ErrorCode.ER_QUERY_INTERRUPTED.error();
        } finally {
            s.setState(state);
        }
    }

    /** A number argument as MySQL reads a string or number: its leading numeric part, else 0. */
    private static double parseNumber(String text) {
        java.util.regex.Matcher m = LEADING_NUMBER.matcher(text);
        return m.find() ? Double.parseDouble(m.group().trim()) : 0;
    }

    /**
     * The statement's time in the session's time zone (Q_TIME_ZONE sets a replicated one's): what
     * NOW() and its kin, and a column's DEFAULT CURRENT_TIMESTAMP, are for the whole statement.
     */
    static LocalDateTime statementNow(Session s) {
        String tz = s.variables().string("time_zone");
        ZoneId zone = tz == null || tz.equalsIgnoreCase("SYSTEM") ? ZoneId.systemDefault() : ZoneOffset.of(tz.trim());
        long micros = statementMicros(s);
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                Math.floorMod(micros, 1_000_000) * 1000L), zone);
    }

    /**
     * The statement's time in microseconds since the epoch, as MySQL's thd->start_time: the
     * replicated event's time at its source (with the microseconds it carries) while the session
     * applies one, else the time SET timestamp gave the session, else when the statement began.
     */
    static long statementMicros(Session s) {
        Session.ReplicatedOrigin origin = s.replicatedOrigin();
        if (origin != null) return origin.timestamp() * 1_000_000 + origin.micros();
        Object set = s.variables().get("timestamp");
        if (set instanceof Double d && d != 0) return Math.round(d * 1_000_000);
        long began = s.statementMicros();
        if (began != 0) return began;
        java.time.Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /** The statement's time in seconds (with its microseconds as the fraction). */
    static double statementSeconds(Session s) {
        return statementMicros(s) / 1_000_000.0;
    }

    /** A value as the literal the engine and the binlog see. */
    static EngineQuery.Literal literal(Object value) {
        if (value == null) return new EngineQuery.NullLiteral();
        if (value instanceof Boolean b) return new EngineQuery.NumberLiteral(b ? "1" : "0");
        if (value instanceof Long || value instanceof Integer) return new EngineQuery.NumberLiteral(value.toString());
        if (value instanceof Double d) return new EngineQuery.NumberLiteral(VariableValues.formatDouble(d));
        return new EngineQuery.TextLiteral(value.toString());
    }
}
