package io.minisqld.server.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live sessions of one server: PROCESSLIST, KILL, Threads_connected and max_connections.
 * Thread-safe: a concurrent map; sessions add and remove themselves from their own threads.
 */
public final class SessionManager {
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** Connection ids start at 1 and are never reused while the server runs. */
    public long nextConnectionId() {
        return nextId.getAndIncrement();
    }

    public void add(Session s) {
        sessions.put(s.id(), s);
    }

    public void remove(Session s) {
        sessions.remove(s.id(), s);
    }

    public Optional<Session> get(long id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public int count() {
        return sessions.size();
    }

    /** The sessions ordered by id, as SHOW PROCESSLIST lists them. */
    public List<Session> all() {
        List<Session> list = new ArrayList<>(sessions.values());
        list.sort(Comparator.comparingLong(Session::id));
        return list;
    }
}
