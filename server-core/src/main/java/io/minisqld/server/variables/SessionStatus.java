package io.minisqld.server.variables;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One session's statement counters (SHOW SESSION STATUS). */
public final class SessionStatus {
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

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
