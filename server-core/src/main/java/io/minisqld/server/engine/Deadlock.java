package io.minisqld.server.engine;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The latest deadlock the engine broke, as SHOW ENGINE INNODB STATUS prints it under LATEST
 * DETECTED DEADLOCK: the transactions of the cycle, each waiting for a row the next one holds,
 * and the one rolled back.
 *
 * @param at when it was found (the server's local time)
 * @param transactions the cycle, in the engine's order
 * @param victim the index in {@code transactions} of the one rolled back
 */
public record Deadlock(LocalDateTime at, List<Transaction> transactions, int victim) {
    public Deadlock {
        transactions = List.copyOf(transactions);
    }

    /**
     * One transaction of the cycle.
     *
     * @param number the engine's transaction number
     * @param connectionId its client connection (0 when the engine could not tell)
     * @param statementNumber the connection's statement count at its waiting statement
     * @param statement the waiting statement's text, or null
     * @param database the database of the table whose row it waits for
     * @param table that table
     * @param holder the engine's number of the transaction holding that row
     */
    public record Transaction(long number, long connectionId, long statementNumber, String statement,
                              String database, String table, long holder) {
    }
}
