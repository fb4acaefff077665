package io.minisqld.server.variables;

import io.minisqld.plugin.api.variables.StatusVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One server's status variables: values read at SHOW time (the server's and plugins') and the
 * per-statement counters (Questions, Com_*, Bytes_*), which MySQL keeps per session and sums
 * globally.
 *
 * <p>Thread-safety: all maps are concurrent; counters are {@link LongAdder}s so that counting a
 * statement never blocks another session.
 */
public final class StatusRegistry {
    private final Map<String, StatusVariable> variables = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> globalCounters = new ConcurrentHashMap<>();
    private final Map<String, String> counterNames = new ConcurrentHashMap<>();

    public void register(StatusVariable variable) {
        String k = variable.name().toLowerCase(Locale.ROOT);
        if (variables.putIfAbsent(k, variable) != null || counterNames.containsKey(k)) {
            throw new IllegalStateException("status variable already registered: " + variable.name());
        }
    }

    public void unregister(String name) {
        variables.remove(name.toLowerCase(Locale.ROOT));
    }

    /** Declares a session counter (shown as 0 until counted). */
    public void declareCounter(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        counterNames.putIfAbsent(k, name);
        globalCounters.computeIfAbsent(k, x -> new LongAdder());
    }

    /** Adds to a counter globally and in the session. */
    public void count(SessionStatus session, String name, long delta) {
        String k = name.toLowerCase(Locale.ROOT);
        LongAdder g = globalCounters.get(k);
        if (g == null) {
            declareCounter(name);
            g = globalCounters.get(k);
        }
        g.add(delta);
        if (session != null) session.add(k, delta);
    }

    public long globalCounter(String name) {
        LongAdder g = globalCounters.get(name.toLowerCase(Locale.ROOT));
        return g == null ? 0 : g.sum();
    }

    /**
     * Name → value, sorted by name as SHOW STATUS prints them; with a session, counters show the
     * session's values (SHOW [SESSION] STATUS), without, the server's (SHOW GLOBAL STATUS).
     */
    public List<Map.Entry<String, String>> show(SessionStatus sessionOrNull) {
        TreeMap<String, String> rows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> c : counterNames.entrySet()) {
            long v = sessionOrNull == null ? globalCounters.get(c.getKey()).sum() : sessionOrNull.get(c.getKey());
            rows.put(c.getValue(), Long.toString(v));
        }
        for (StatusVariable v : variables.values()) {
            rows.put(v.name(), render(v.value().get()));
        }
        if (sessionOrNull != null) rows.putAll(sessionOrNull.texts());
        return new ArrayList<>(rows.entrySet());
    }

    static String render(Object value) {
        if (value == null) return "";
        if (value instanceof Boolean b) return b ? "ON" : "OFF";
        if (value instanceof Double d) return VariableValues.formatDouble(d);
        return value.toString();
    }

    /** FLUSH STATUS: MySQL adds the session's counters into the global ones and zeroes the session's; resettable variables reset. */
    public void flush(SessionStatus session) {
        if (session != null) session.clear();
        for (StatusVariable v : variables.values()) {
            if (v.onFlush() != null) v.onFlush().run();
        }
    }
}
