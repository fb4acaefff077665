package io.minisqld.server.engine;

import java.util.List;

/**
 * The AUTO_INCREMENT counters of the engine's tables, as InnoDB keeps them with
 * {@code innodb_autoinc_lock_mode = 1} ("consecutive"): one counter per table, in memory,
 * started at MAX(column) + 1 when first used after a start (MySQL 5.7's rule), never going
 * back; a statement takes the values of all its generated rows at once, so they are
 * consecutive; an explicit value at or above the counter moves it past that value.
 *
 * <p>Values follow {@code auto_increment_increment} and {@code auto_increment_offset} as
 * MySQL's {@code compute_next_insert_id} does: the next value after {@code n} is the smallest
 * {@code offset + k × increment} above {@code n}; an offset above the increment is ignored.
 * Thread-safe.
 */
public interface AutoIncrement {

    /**
     * The values of one INSERT's rows.
     *
     * @param rows      per row in order: null where the row generates a value (NULL, DEFAULT, 0),
     *                  else the explicit value it stores
     * @param forcedFirst the first generated value when the statement must reproduce another
     *                  server's (a replicated INSERT after INTVAR INSERT_ID), else null
     * @return the generated values, one per null of {@code rows}, in order
     */
    List<Long> assign(String database, String table, String column, List<Long> rows, Long forcedFirst,
                      long increment, long offset);

    /**
     * The values {@link #assign} gave a statement that then failed before it wrote a row (a value
     * its first row could not store): they go back, as InnoDB takes them only when a row is
     * written, unless the counter has moved since.
     */
    void release(String database, String table, String column, List<Long> generated);

    /** Values the engine generated itself (INSERT … SELECT): the counter moves past them. */
    void generated(String database, String table, String column, long highest);

    /** The table was dropped, truncated or altered: its counter starts again from its rows. */
    void forget(String database, String table);

    /** RENAME TABLE: the counter of {@code database.table} is now that of {@code database.newName}. */
    void renamed(String database, String table, String newName);

    /** ALTER TABLE … AUTO_INCREMENT = n: the counter goes to n, or past the largest value stored. */
    void restart(String database, String table, long next);

    /**
     * The value the counter of {@code database.table} (its AUTO_INCREMENT {@code column}) stands at:
     * one past the highest value handed out or stored, as SHOW CREATE TABLE's {@code AUTO_INCREMENT=}
     * shows it.
     */
    long nextValue(String database, String table, String column);

    /** The next value after {@code n} (MySQL's compute_next_insert_id). */
    static long next(long n, long increment, long offset) {
        if (increment <= 1) return n + 1;
        // MySQL: "If the value of auto_increment_offset is greater than that of
        // auto_increment_increment, the value of auto_increment_offset is ignored."
        long off = offset > increment ? 0 : offset;
        long k = Math.floorDiv(n - off, increment) + 1;
        return Math.max(off + k * increment, 1);
    }
}
