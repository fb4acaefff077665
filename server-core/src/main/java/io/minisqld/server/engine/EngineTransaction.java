package io.minisqld.server.engine;

import java.time.LocalDateTime;

/**
 * One open transaction of the engine, as information_schema.INNODB_TRX lists it.
 *
 * @param number the engine's transaction number
 * @param state InnoDB's trx_state: RUNNING, LOCK WAIT, ROLLING BACK or COMMITTING
 * @param started when its first statement started (null when the engine cannot tell)
 * @param weight rows changed plus rows locked (InnoDB's weight, which picks a deadlock's victim)
 * @param connectionId its client connection (0 for the server's own)
 * @param statement the statement it runs now, or null between statements
 * @param isolation its isolation level, as InnoDB names it (REPEATABLE READ, READ COMMITTED, …)
 * @param blockingNumber while it waits, the number of the transaction holding the row; else 0
 * @param waitedDatabase while it waits, the database of the row's table; else null
 * @param waitedTable while it waits, the row's table; else null
 */
public record EngineTransaction(long number, String state, LocalDateTime started, long weight, long connectionId,
                                String statement, String isolation, long blockingNumber, String waitedDatabase,
                                String waitedTable) {
}
