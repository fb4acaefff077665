package io.minisqld.server.session;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A session's prepared statements: those of the binary protocol by number (from 1, as MySQL
 * numbers them per connection) and those of SQL PREPARE by name (names are case-insensitive).
 * Changed by the session's thread only; {@link #size()} may be read by any thread
 * (Prepared_stmt_count).
 */
public final class PreparedStatements {
    private final Map<Long, PreparedStatement> byId = new HashMap<>();
    private final Map<String, PreparedStatement> byName = new HashMap<>();
    private long lastId;
    private volatile int size;

    /** Keeps a statement of the binary protocol; returns its new number. */
    public long add(PreparedStatement statement) {
        byId.put(++lastId, statement);
        size++;
        return lastId;
    }

    /** Keeps a statement of SQL PREPARE under {@code name}, replacing one of that name. */
    public void put(String name, PreparedStatement statement) {
        if (byName.put(key(name), statement) == null) size++;
    }

    public PreparedStatement get(long id) {
        return byId.get(id);
    }

    public PreparedStatement get(String name) {
        return byName.get(key(name));
    }

    /** True if there was a statement numbered {@code id}. */
    public boolean remove(long id) {
        if (byId.remove(id) == null) return false;
        size--;
        return true;
    }

    /** True if there was a statement named {@code name}. */
    public boolean remove(String name) {
        if (byName.remove(key(name)) == null) return false;
        size--;
        return true;
    }

    /** Frees them all (COM_RESET_CONNECTION, COM_CHANGE_USER, disconnect). */
    public void clear() {
        byId.clear();
        byName.clear();
        size = 0;
    }

    /** How many the session holds. */
    public int size() {
        return size;
    }

    /** Prepared_stmt_count: the statements {@code sessions} hold. */
    public static long heldBy(java.util.Collection<Session> sessions) {
        long n = 0;
        for (Session s : sessions) n += s.preparedStatements().size();
        return n;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
