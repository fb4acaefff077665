package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.session.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MySQL 5.7's user-level locks: GET_LOCK, RELEASE_LOCK, IS_FREE_LOCK, IS_USED_LOCK,
 * RELEASE_ALL_LOCKS (Flyway serialises its migrations with them). A session may hold several
 * locks and the same lock more than once (it is released after as many RELEASE_LOCKs); names
 * compare without case and are at most 64 characters (3057); a wait that would close a cycle of
 * sessions waiting for each other's locks is 3058; locks go when the session ends or resets.
 */
final class UserLocks {
    /** How often a waiter whom no release woke looks at its kill flag. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int MAX_NAME = 64;

    private final Object monitor = new Object();
    /** Lower-case name → its holder. Guarded by {@link #monitor}. */
    private final Map<String, Held> held = new HashMap<>();
    /** Session → the lock name it waits for. Guarded by {@link #monitor}. */
    private final Map<Session, String> waiting = new HashMap<>();

    private static final class Held {
        final Session owner;
        int count;

        Held(Session owner) {
            this.owner = owner;
        }
    }

    /** One of the functions, with its literal arguments (null for NULL). */
    Object call(Session s, String function, List<String> args) {
        int expected = switch (function) {
            case "GET_LOCK" -> 2;
            case "RELEASE_ALL_LOCKS" -> 0;
            default -> 1;
        };
        if (args.size() != expected) throw ErrorCode.ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT.error(function);
        if (function.equals("RELEASE_ALL_LOCKS")) return releaseAll(s);
        String name = name(args.get(0));
        return switch (function) {
            case "GET_LOCK" -> get(s, name, timeout(args.get(1)));
            case "RELEASE_LOCK" -> release(s, name);
            case "IS_FREE_LOCK" -> isFree(name);
            default -> isUsed(name);
        };
    }

    private static String name(String given) {
        if (given == null || given.isEmpty() || given.length() > MAX_NAME) {
            throw ErrorCode.ER_USER_LOCK_WRONG_NAME.error(given == null ? "NULL" : given);
        }
        return given.toLowerCase(Locale.ROOT);
    }

    /** Seconds; negative: no limit (MySQL 5.7.5 and later); NULL is 0. */
    private static double timeout(String given) {
        if (given == null) return 0;
        try {
            return Double.parseDouble(given.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** GET_LOCK: 1 once held, 0 when the timeout passed first; 1317 when killed, 3058 for a deadlock. */
    private long get(Session s, String name, double timeoutSeconds) {
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        long kills = s.kills();
        String state = s.state();
        synchronized (monitor) {
            try {
                while (true) {
                    Held h = held.get(name);
                    if (h == null || h.owner == s) {
                        if (h == null) {
                            h = new Held(s);
                            held.put(name, h);
                        }
                        h.count++;
                        return 1;
                    }
                    if (closesCycle(s, h.owner)) throw ErrorCode.ER_USER_LOCK_DEADLOCK.error();
                    long wait = CHECK_NANOS;
                    if (timeoutSeconds >= 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) return 0;
                        wait = Math.min(wait, left);
                    }
                    if (s.kills() != kills) throw ErrorCode.ER_QUERY_INTERRUPTED.error();
                    waiting.put(s, name);
                    s.setState("User lock");
                    try {
                        TimeUnit.NANOSECONDS.timedWait(monitor, wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw ErrorCode.ER_QUERY_INTERRUPTED.error();
                    }
                }
            } finally {
                waiting.remove(s);
                s.setState(state);
            }
        }
    }

    /** Does {@code holder}, through the locks it and the sessions after it wait for, wait for {@code s}? */
    private boolean closesCycle(Session s, Session holder) {
        Session next = holder;
        for (int steps = 0; next != null && steps <= waiting.size(); steps++) {
            if (next == s) return true;
            String wanted = waiting.get(next);
            Held h = wanted == null ? null : held.get(wanted);
            next = h == null ? null : h.owner;
        }
        return false;
    }

    /** RELEASE_LOCK: 1 released (once), 0 held by another session, NULL when nobody holds it. */
    private Long release(Session s, String name) {
        synchronized (monitor) {
            Held h = held.get(name);
            if (h == null) return null;
            if (h.owner != s) return 0L;
            if (--h.count == 0) {
                held.remove(name);
                monitor.notifyAll();
            }
            return 1L;
        }
    }

    private long isFree(String name) {
        synchronized (monitor) {
            return held.containsKey(name) ? 0 : 1;
        }
    }

    /** The holder's connection id, or NULL. */
    private Long isUsed(String name) {
        synchronized (monitor) {
            Held h = held.get(name);
            return h == null ? null : h.owner.id();
        }
    }

    /** RELEASE_ALL_LOCKS, and the session's end: how many holds were released. */
    long releaseAll(Session s) {
        synchronized (monitor) {
            long released = 0;
            var it = held.values().iterator();
            while (it.hasNext()) {
                Held h = it.next();
                if (h.owner == s) {
                    released += h.count;
                    it.remove();
                }
            }
            if (released > 0) monitor.notifyAll();
            return released;
        }
    }
}
