package io.minisqld.server.sql.statement;

/**
 * The kinds of statement, after MySQL's SQLCOM_… codes, each with the {@code Com_…} status
 * counter it increments (null where this server counts none).
 */
public enum StatementKind {
    SELECT("Com_select"),
    DO("Com_do"),
    INSERT("Com_insert"),
    INSERT_SELECT("Com_insert_select"),
    REPLACE("Com_replace"),
    REPLACE_SELECT("Com_replace_select"),
    UPDATE("Com_update"),
    DELETE("Com_delete"),
    UPDATE_MULTI("Com_update_multi"),
    DELETE_MULTI("Com_delete_multi"),
    TRUNCATE("Com_truncate"),
    CREATE_TABLE("Com_create_table"),
    DROP_TABLE("Com_drop_table"),
    ALTER_TABLE("Com_alter_table"),
    CREATE_INDEX("Com_create_index"),
    DROP_INDEX("Com_drop_index"),
    CREATE_VIEW("Com_create_view"),
    DROP_VIEW("Com_drop_view"),
    RENAME_TABLE("Com_rename_table"),
    /** Any other statement the engine runs (SAVEPOINT, ROLLBACK TO, LOAD, …). */
    OTHER_ENGINE(null),

    SET_OPTION("Com_set_option"),
    SET_PASSWORD("Com_set_password"),
    SHOW_VARIABLES("Com_show_variables"),
    SHOW_STATUS("Com_show_status"),
    SHOW_DATABASES("Com_show_databases"),
    SHOW_TABLES("Com_show_tables"),
    SHOW_TABLE_STATUS("Com_show_table_status"),
    SHOW_KEYS("Com_show_keys"),
    SHOW_PROCEDURE_STATUS("Com_show_status_proc"),
    SHOW_FUNCTION_STATUS("Com_show_status_func"),
    SHOW_FIELDS("Com_show_fields"),
    SHOW_CREATE_TABLE("Com_show_create_table"),
    SHOW_CREATE_DB(null),
    SHOW_WARNINGS("Com_show_warnings"),
    SHOW_ERRORS("Com_show_errors"),
    SHOW_WARNING_COUNT(null),
    SHOW_PROCESSLIST("Com_show_processlist"),
    SHOW_ENGINES(null),
    SHOW_COLLATIONS("Com_show_collations"),
    SHOW_CHARSETS("Com_show_charsets"),
    SHOW_PRIVILEGES("Com_show_privileges"),
    SHOW_TRIGGERS("Com_show_triggers"),
    SHOW_CREATE_TRIGGER("Com_show_create_trigger"),
    SHOW_CREATE_PROCEDURE("Com_show_create_proc"),
    SHOW_CREATE_FUNCTION("Com_show_create_func"),
    CREATE_PROCEDURE("Com_create_procedure"),
    CREATE_FUNCTION("Com_create_function"),
    DROP_PROCEDURE("Com_drop_procedure"),
    DROP_FUNCTION("Com_drop_function"),
    CALL_PROCEDURE("Com_call_procedure"),
    SHOW_CREATE_USER("Com_show_create_user"),
    SHOW_GRANTS("Com_show_grants"),
    SHOW_PLUGINS("Com_show_plugins"),
    SHOW_MASTER_STATUS("Com_show_master_status"),
    SHOW_BINLOGS("Com_show_binlogs"),
    SHOW_BINLOG_EVENTS("Com_show_binlog_events"),
    SHOW_SLAVE_HOSTS("Com_show_slave_hosts"),
    SHOW_SLAVE_STATUS(null),
    CHANGE_DB("Com_change_db"),
    BEGIN("Com_begin"),
    COMMIT("Com_commit"),
    ROLLBACK("Com_rollback"),
    KILL("Com_kill"),
    FLUSH("Com_flush"),
    LOCK_TABLES("Com_lock_tables"),
    UNLOCK_TABLES("Com_unlock_tables"),
    SHUTDOWN("Com_shutdown"),
    BINLOG_BASE64_EVENT("Com_binlog"),
    CREATE_DB("Com_create_db"),
    DROP_DB("Com_drop_db"),
    CREATE_USER("Com_create_user"),
    DROP_USER("Com_drop_user"),
    ALTER_USER("Com_alter_user"),
    RENAME_USER("Com_rename_user"),
    GRANT("Com_grant"),
    REVOKE("Com_revoke"),
    INSTALL_PLUGIN("Com_install_plugin"),
    UNINSTALL_PLUGIN("Com_uninstall_plugin"),
    RESET_MASTER("Com_reset"),
    PURGE("Com_purge"),
    CHANGE_MASTER(null),
    SLAVE_START(null),
    SLAVE_STOP(null),
    RESET_SLAVE(null),
    PREPARE_SQL("Com_prepare_sql"),
    EXECUTE_SQL("Com_execute_sql"),
    DEALLOCATE_SQL("Com_dealloc_sql"),
    CHECK("Com_check"),
    ANALYZE("Com_analyze"),
    OPTIMIZE("Com_optimize"),
    REPAIR("Com_repair"),
    CHECKSUM("Com_checksum"),
    LOAD("Com_load");

    private final String counter;

    StatementKind(String counter) {
        this.counter = counter;
    }

    /** The {@code Com_…} status variable this kind counts in, or null. */
    public String counter() {
        return counter;
    }
}
