package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.AutoIncrement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongBiFunction;

/**
 * The AUTO_INCREMENT counters (see {@link AutoIncrement}), kept by the server rather than by
 * H2's identity columns: H2 stores an explicit 0 as 0 and knows nothing of
 * {@code auto_increment_increment}, so every generated value is written into the statement as an
 * explicit one, and H2's identity only follows along (in MySQL mode it moves past explicit values).
 *
 * <p>Concurrency: each table's counter is its own monitor, held only while values are handed
 * out (InnoDB's AUTO-INC lock of mode 1, taken for the assignment, not for the statement); a
 * counter is created once per table and never replaced while in use.
 */
final class H2AutoIncrement implements AutoIncrement {
    /** The highest value a table's column holds (MAX), 0 for none. */
    private final ToLongBiFunction<String, String[]> highestStored;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** A table's counter: the highest value handed out or stored so far. */
    private static final class Counter {
        long last;
        boolean loaded;
    }

    /** @param highestStored (column, {database, table}) → the column's largest value, 0 if none */
    H2AutoIncrement(ToLongBiFunction<String, String[]> highestStored) {
        this.highestStored = highestStored;
    }

    private static String key(String database, String table) {
        return database.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT);
    }

    private Counter counter(String database, String table, String column) {
        Counter c = counters.computeIfAbsent(key(database, table), k -> new Counter());
        synchronized (c) {
            if (!c.loaded) {
                // MySQL 5.7 starts a table's counter at MAX(column) + 1 on its first use after start-up
                c.last = Math.max(c.last, highestStored.applyAsLong(column, new String[] {database, table}));
                c.loaded = true;
            }
        }
        return c;
    }

    @Override
    public List<Long> assign(String database, String table, String column, List<Long> rows, Long forcedFirst,
                             long increment, long offset) {
        Counter c = counter(database, table, column);
        List<Long> generated = new ArrayList<>();
        synchronized (c) {
            long last = forcedFirst != null ? forcedFirst - 1 : c.last;
            boolean first = true;
            for (Long explicit : rows) {
                if (explicit == null) {
                    // a forced first value is taken as it is (SET INSERT_ID); later ones follow it
                    long v = first && forcedFirst != null ? forcedFirst : AutoIncrement.next(last, increment, offset);
                    generated.add(v);
                    last = v;
                    first = false;
                } else if (explicit > last) {
                    last = explicit;
                }
                c.last = Math.max(c.last, last);
            }
        }
        return generated;
    }

    @Override
    public void release(String database, String table, String column, List<Long> generated) {
        if (generated.isEmpty()) return;
        Counter c = counter(database, table, column);
        synchronized (c) {
            // only when no other statement took or stored a value since: the counter stands at ours
            if (c.last == java.util.Collections.max(generated)) c.last = java.util.Collections.min(generated) - 1;
        }
    }

    @Override
    public void generated(String database, String table, String column, long highest) {
        Counter c = counter(database, table, column);
        synchronized (c) {
            c.last = Math.max(c.last, highest);
        }
    }

    @Override
    public long nextValue(String database, String table, String column) {
        Counter c = counter(database, table, column);
        synchronized (c) {
            return c.last + 1;
        }
    }

    @Override
    public void forget(String database, String table) {
        counters.remove(key(database, table));
    }

    @Override
    public void renamed(String database, String table, String newName) {
        Counter c = counters.remove(key(database, table));
        if (c != null) counters.put(key(database, newName), c);
        else counters.remove(key(database, newName));
    }

    @Override
    public void restart(String database, String table, long next) {
        Counter c = new Counter();
        c.last = next - 1;
        counters.put(key(database, table), c);
    }
}
