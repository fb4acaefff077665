package io.minisqld.server.variables;

import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableScope;
import io.minisqld.server.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One server's system variables: declarations (the server's own and, later, plugins') and
 * global values. Session values live in each session's {@link SessionValues}.
 *
 * <p>Thread-safety: declarations and global values are in concurrent maps; a SET GLOBAL
 * replaces a value atomically. Check and update callbacks run on the setting thread, outside any
 * lock of this class.
 */
public final class SystemVariables {
    /** What SELECT @@ asked for: @@global.x, @@session.x / @@local.x, or plain @@x. */
    public enum Requested { GLOBAL, SESSION, DEFAULT }

    private final Map<String, SystemVariable> specs = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, Object> globals = new ConcurrentHashMap<>();
    /** Name → what a value becomes before its check (sql_mode's combination modes expanded, …). */
    private final Map<String, UnaryOperator<Object>> normalizers = new ConcurrentHashMap<>();
    /** BOTH variables whose session value MySQL 5.7 makes read-only (1621): max_allowed_packet, … */
    private final Set<String> sessionReadOnly = ConcurrentHashMap.newKeySet();
    /** Name → what the server does when a SET GLOBAL changed it (after the declaration's own update). */
    private final Map<String, List<java.util.function.Consumer<Object>>> listeners = new ConcurrentHashMap<>();
    /** Name → where a global value that the server keeps elsewhere is read (gtid_executed, …). */
    private final Map<String, java.util.function.Supplier<Object>> computed = new ConcurrentHashMap<>();
    /** False while the server applies its options, true once it runs: some values are start-up only. */
    private volatile boolean running;

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Declares a variable with its default as the global value. */
    public void register(SystemVariable spec) {
        String k = key(spec.name());
        if (specs.putIfAbsent(k, spec) != null) {
            throw new IllegalStateException("system variable already registered: " + spec.name());
        }
        if (spec.defaultValue() != null) globals.put(k, spec.defaultValue());
    }

    /** {@code alias} reads and writes {@code target} (tx_isolation and transaction_isolation). */
    public void registerAlias(String alias, String target) {
        aliases.put(key(alias), key(target));
    }

    /**
     * Values of {@code name} pass through {@code normalizer} after their type conversion and
     * before the check: the form MySQL stores (sql_mode with its combination modes expanded, an
     * engine name in its own spelling).
     */
    public void normalize(String name, UnaryOperator<Object> normalizer) {
        normalizers.put(key(name), normalizer);
    }

    /** The session value of {@code name} is read-only, as MySQL 5.7 makes it for a few BOTH variables. */
    public void sessionReadOnly(String name) {
        sessionReadOnly.add(key(name));
    }

    /**
     * Calls {@code listener} with the new value after each SET GLOBAL of {@code name}: how a
     * service that the declaration cannot reach (the error log, the relay log) follows a variable.
     */
    public void onGlobalChange(String name, java.util.function.Consumer<Object> listener) {
        listeners.computeIfAbsent(key(name), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(listener);
    }

    /**
     * The global value of {@code name} is read from {@code source} from now on (a value the server
     * keeps elsewhere, such as the GTID sets); SET still runs the declaration's check and update.
     */
    public void computed(String name, java.util.function.Supplier<Object> source) {
        computed.put(key(require(name).name()), source);
    }

    private Object globalValue(String k) {
        java.util.function.Supplier<Object> c = computed.get(k);
        return c != null ? c.get() : globals.get(k);
    }

    /** The server has applied its options and runs: checks may refuse at SET what start-up accepts. */
    public void startRunning() {
        running = true;
    }

    /** Whether the server runs (false while its options are applied). */
    public boolean running() {
        return running;
    }

    public void unregister(String name) {
        String k = key(name);
        specs.remove(k);
        globals.remove(k);
    }

    private String canonical(String name) {
        String k = key(name);
        return aliases.getOrDefault(k, k);
    }

    public Optional<SystemVariable> spec(String name) {
        return Optional.ofNullable(specs.get(canonical(name)));
    }

    private SystemVariable require(String name) {
        SystemVariable s = specs.get(canonical(name));
        if (s == null) throw ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE.error(name);
        return s;
    }

    /** The global value (Boolean, Long, Double, String or null); 1193 if unknown. */
    public Object global(String name) {
        SystemVariable s = require(name);
        return globalValue(key(s.name()));
    }

    public long globalLong(String name) {
        return ((Number) global(name)).longValue();
    }

    public boolean globalBool(String name) {
        return Boolean.TRUE.equals(global(name));
    }

    public String globalString(String name) {
        Object v = global(name);
        return v == null ? null : v.toString();
    }

    /** Sets a value at start-up or from the server itself, bypassing read-only and callbacks. */
    public void initGlobal(String name, Object value) {
        SystemVariable s = require(name);
        if (value == null) globals.remove(key(s.name()));
        else globals.put(key(s.name()), value);
    }

    /**
     * A value from the command line or an option file: the variable's check runs (a value the
     * server cannot honour is refused at start-up as at SET), then it is stored.
     */
    public void initFromOption(String name, Object value) {
        SystemVariable s = require(name);
        Object normalized = normalized(s, value);
        runCheck(s, normalized, value == null ? new SetValue.Null() : new SetValue.Text(value.toString()));
        initGlobal(name, normalized);
    }

    /** SET GLOBAL: 1238 for read-only, 1228 for session-only, then type checks, check, store, update. */
    public void setGlobal(String name, SetValue raw, Warnings warnings) {
        SystemVariable s = require(name);
        if (s.readOnly()) throw ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR.error(s.name(), "read only");
        if (s.scope() == VariableScope.SESSION) throw ErrorCode.ER_LOCAL_VARIABLE.error(s.name());
        Object value = normalized(s, VariableValues.coerce(s, raw, warnings));
        runCheck(s, value, raw);
        if (value == null) globals.remove(key(s.name()));
        else globals.put(key(s.name()), value);
        if (s.update() != null) s.update().updated(value);
        for (java.util.function.Consumer<Object> l : listeners.getOrDefault(key(s.name()), List.of())) l.accept(value);
    }

    private Object normalized(SystemVariable s, Object value) {
        UnaryOperator<Object> n = normalizers.get(key(s.name()));
        return n == null || value == null ? value : n.apply(value);
    }

    private static void runCheck(SystemVariable s, Object value, SetValue raw) {
        if (s.check() == null) return;
        try {
            s.check().check(value);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.ER_WRONG_VALUE_FOR_VAR.error(s.name(), raw.display());
        }
    }

    /**
     * A new session's values: a copy of the global value of every BOTH and SESSION variable, taken
     * now, as MySQL copies them when a client connects (a later SET GLOBAL reaches new sessions only).
     */
    public SessionValues newSession() {
        Map<String, Object> copy = new java.util.HashMap<>();
        for (SystemVariable s : specs.values()) {
            if (s.scope() == VariableScope.GLOBAL) continue;
            String k = key(s.name());
            copy.put(k, globals.get(k));
        }
        return new SessionValues(this, copy);
    }

    /** SELECT @@[scope.]name. */
    public Object get(String name, Requested requested, SessionValues session) {
        SystemVariable s = require(name);
        String k = key(s.name());
        switch (requested) {
            case GLOBAL -> {
                if (s.scope() == VariableScope.SESSION) throw ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR.error(s.name(), "SESSION");
                return globalValue(k);
            }
            case SESSION -> {
                if (s.scope() == VariableScope.GLOBAL) throw ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR.error(s.name(), "GLOBAL");
                return session.value(k);
            }
            default -> {
                return s.scope() == VariableScope.GLOBAL || session == null ? globalValue(k) : session.value(k);
            }
        }
    }

    /** SET [SESSION] name: 1229 for global-only, 1238 for read-only. */
    public void setSession(SessionValues session, String name, SetValue raw, Warnings warnings) {
        SystemVariable s = require(name);
        if (s.readOnly()) throw ErrorCode.ER_INCORRECT_GLOBAL_LOCAL_VAR.error(s.name(), "read only");
        if (s.scope() == VariableScope.GLOBAL) throw ErrorCode.ER_GLOBAL_VARIABLE.error(s.name());
        if (sessionReadOnly.contains(key(s.name()))) {
            throw ErrorCode.ER_VARIABLE_IS_READONLY.error("SESSION", s.name(), "GLOBAL");
        }
        Object value = raw instanceof SetValue.Default
                ? globals.get(key(s.name()))
                : normalized(s, VariableValues.coerce(s, raw, warnings));
        runCheck(s, value, raw);
        session.put(key(s.name()), value);
    }

    /**
     * The value a SET SESSION would store, checked (1231, 1232, 1235) but not stored: what
     * {@code SET TRANSACTION …} without a scope gives the next transaction.
     */
    public Object checkedSessionValue(String name, SetValue raw, Warnings warnings) {
        SystemVariable s = require(name);
        Object value = normalized(s, VariableValues.coerce(s, raw, warnings));
        runCheck(s, value, raw);
        return value;
    }

    /** Name → value, sorted by name, as SHOW [GLOBAL|SESSION] VARIABLES lists them (aliases included). */
    public List<Map.Entry<String, String>> show(SessionValues sessionOrNull) {
        TreeMap<String, String> rows = new TreeMap<>();
        for (SystemVariable s : specs.values()) {
            String k = key(s.name());
            Object v;
            if (sessionOrNull == null) {
                if (s.scope() == VariableScope.SESSION) continue;
                v = globalValue(k);
            } else {
                v = s.scope() == VariableScope.GLOBAL ? globalValue(k) : sessionOrNull.value(k);
            }
            rows.put(k, VariableValues.showText(s, v));
        }
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            String target = rows.get(a.getValue());
            if (target != null) rows.put(a.getKey(), target);
        }
        return new ArrayList<>(rows.entrySet());
    }

    /**
     * Each variable (aliases not) as MariaDB's information_schema.SYSTEM_VARIABLES lists it: name,
     * session value (null for a global-only one), global value (null for a session-only one) and
     * scope (SESSION for one with both, as MariaDB says), sorted by name.
     */
    public List<String[]> describe(SessionValues session) {
        TreeMap<String, String[]> rows = new TreeMap<>();
        for (SystemVariable s : specs.values()) {
            String k = key(s.name());
            String global = s.scope() == VariableScope.SESSION ? null : VariableValues.showText(s, globalValue(k));
            String own = s.scope() == VariableScope.GLOBAL ? null
                    : VariableValues.showText(s, session == null ? globalValue(k) : session.value(k));
            rows.put(k, new String[] {k, own, global, s.scope() == VariableScope.GLOBAL ? "GLOBAL" : "SESSION"});
        }
        return new ArrayList<>(rows.values());
    }

    SystemVariable specByKey(String k) {
        return specs.get(k);
    }

    Object globalByKey(String k) {
        return globalValue(k);
    }

    String canonicalKey(String name) {
        return canonical(name);
    }
}
