package io.minisqld.server;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.StorageEngine;

/**
 * MySQL 5.7's {@code mysql.general_log} and {@code mysql.slow_log}, with its columns. This server
 * writes the general and slow query logs to no table ({@code log_output} is FILE), so they stay
 * empty, as they are in a MySQL whose logs go to files; they exist because tools read them:
 * {@code mariadb-dump --all-databases} dumps their definitions and stops when they are missing.
 */
final class LogTables {
    private static final String GENERAL_LOG = "CREATE TABLE IF NOT EXISTS mysql.`general_log` ("
            + "`event_time` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
            + " `user_host` MEDIUMTEXT NOT NULL, `thread_id` BIGINT(21) UNSIGNED NOT NULL,"
            + " `server_id` INT(10) UNSIGNED NOT NULL, `command_type` VARCHAR(64) NOT NULL,"
            + " `argument` MEDIUMBLOB NOT NULL) COMMENT='General log'";
    private static final String SLOW_LOG = "CREATE TABLE IF NOT EXISTS mysql.`slow_log` ("
            + "`start_time` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
            + " `user_host` MEDIUMTEXT NOT NULL, `query_time` TIME(6) NOT NULL, `lock_time` TIME(6) NOT NULL,"
            + " `rows_sent` INT(11) NOT NULL, `rows_examined` INT(11) NOT NULL, `db` VARCHAR(512) NOT NULL,"
            + " `last_insert_id` INT(11) NOT NULL, `insert_id` INT(11) NOT NULL, `server_id` INT(10) UNSIGNED NOT NULL,"
            + " `sql_text` MEDIUMBLOB NOT NULL, `thread_id` BIGINT(21) UNSIGNED NOT NULL) COMMENT='Slow log'";

    private LogTables() {
    }

    /** Creates the two tables where they are missing (the mysql database exists by then). */
    static void create(StorageEngine engine) {
        try (EngineSession session = engine.openSession()) {
            session.executeInternal(GENERAL_LOG);
            session.executeInternal(SLOW_LOG);
            session.commit();
        }
    }
}
