package io.minisqld.server.variables;

import java.util.HashMap;
import java.util.Map;

/**
 * One session's values of the session-scoped variables. A variable with no session value yet
 * (declared after the session began, as a plugin's are) reads its global value, as MySQL gives a
 * new plugin variable to running sessions. Used only by its session's thread, except reads for
 * information_schema.SESSION_VARIABLES of the same session.
 */
public final class SessionValues {
    private final SystemVariables registry;
    private final Map<String, Object> values;

    /** @param initial the global values at the session's start, by canonical name */
    SessionValues(SystemVariables registry, Map<String, Object> initial) {
        this.registry = registry;
        this.values = new HashMap<>(initial);
    }

    synchronized Object value(String key) {
        String k = registry.canonicalKey(key);
        if (values.containsKey(k)) return values.get(k);
        return registry.globalByKey(k);
    }

    synchronized void put(String key, Object value) {
        values.put(registry.canonicalKey(key), value);
    }

    /** The session value of {@code name} (Boolean, Long, String, Double or null). */
    public Object get(String name) {
        return value(name);
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(value(name));
    }

    public long longValue(String name) {
        return ((Number) value(name)).longValue();
    }

    public String string(String name) {
        Object v = value(name);
        return v == null ? null : v.toString();
    }

    /** Sets a session value directly (the server's own changes, e.g. SET NAMES). */
    public void set(String name, Object value) {
        put(name, value);
    }
}
