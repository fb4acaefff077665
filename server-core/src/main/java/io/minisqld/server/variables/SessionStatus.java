package io.minisqld.server.variables;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One session's statement counters (SHOW SESSION STATUS). */
public final class SessionStatus {
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
    /** The session's own text values (Ssl_cipher, Ssl_version), shown in place of the global ones. */
    private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

    /** Sets a text status value that SHOW [SESSION] STATUS shows for this session. */
    public void setText(String name, String value) {
        texts.put(name, value);
    }

    java.util.Map<String, String> texts() {
        return texts;
    }

    void add(String key, long delta) {
        counters.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(delta);
    }

    long get(String key) {
        AtomicLong v = counters.get(key);
        return v == null ? 0 : v.get();
    }

    void clear() {
        counters.clear();
    }
}
