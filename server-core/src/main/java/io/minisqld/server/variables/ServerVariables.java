package io.minisqld.server.variables;

import static io.minisqld.plugin.api.variables.SystemVariable.both;
import static io.minisqld.plugin.api.variables.SystemVariable.global;
import static io.minisqld.plugin.api.variables.SystemVariable.readOnly;
import static io.minisqld.plugin.api.variables.SystemVariable.session;

import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import io.minisqld.plugin.api.variables.VariableType.BooleanType;
import io.minisqld.plugin.api.variables.VariableType.EnumType;
import io.minisqld.plugin.api.variables.VariableType.IntegerType;
import io.minisqld.plugin.api.variables.VariableType.SetType;
import io.minisqld.plugin.api.variables.VariableType.StringType;
import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.error.ErrorCode;
import java.util.List;

/**
 * The server's own system variables, with MySQL 5.7's names, types, scopes and defaults. Values
 * that depend on how the server was started (port, datadir, log_bin, …) are set by the server
 * after declaration.
 */
public final class ServerVariables {
    /** MySQL 5.7's default sql_mode. */
    public static final String DEFAULT_SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION";

    public static final List<String> SQL_MODES = List.of("REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES",
            "IGNORE_SPACE", "NOT_USED", "ONLY_FULL_GROUP_BY", "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE",
            "POSTGRESQL", "ORACLE", "MSSQL", "DB2", "MAXDB", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS",
            "NO_FIELD_OPTIONS", "MYSQL323", "MYSQL40", "ANSI", "NO_AUTO_VALUE_ON_ZERO", "NO_BACKSLASH_ESCAPES",
            "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE", "ALLOW_INVALID_DATES",
            "ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL", "NO_AUTO_CREATE_USER", "HIGH_NOT_PRECEDENCE",
            "NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH");

    public static final List<String> ISOLATION_LEVELS = List.of("READ-UNCOMMITTED", "READ-COMMITTED",
            "REPEATABLE-READ", "SERIALIZABLE");

    private static final VariableType BOOL = new BooleanType();
    private static final VariableType STR = new StringType();
    private static final long UINT_MAX = 4294967295L;

    private ServerVariables() {
    }

    /**
     * A check that lets only {@code supported} through: a value MySQL allows and this server cannot
     * honour yet is refused (1235) at SET and at start-up, never stored and then ignored.
     */
    static SystemVariable.Check only(String name, Object... supported) {
        List<Object> ok = List.of(supported);
        return value -> {
            for (Object o : ok) {
                if (o.equals(value) || (o instanceof String t && value instanceof String v && t.equalsIgnoreCase(v))) return;
            }
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error(name + " = " + value);
        };
    }

    private static IntegerType range(long min, long max) {
        return IntegerType.of(min, max);
    }

    /** Declares every server variable in {@code vars}. */
    public static void declare(SystemVariables vars, String version, String versionComment) {
        // identity and build
        vars.register(readOnly("version", STR, version));
        vars.register(readOnly("version_comment", STR, versionComment));
        vars.register(readOnly("version_compile_machine", STR, "x86_64"));
        vars.register(readOnly("version_compile_os", STR, "Linux"));
        vars.register(readOnly("protocol_version", range(0, 255), 10L));
        vars.register(readOnly("license", STR, "GPL"));
        vars.register(readOnly("hostname", STR, "localhost"));
        vars.register(readOnly("server_uuid", STR, ""));
        vars.register(readOnly("have_dynamic_loading", STR, "YES"));
        vars.register(readOnly("have_ssl", STR, "DISABLED"));
        vars.register(readOnly("have_openssl", STR, "DISABLED"));
        vars.register(readOnly("default_authentication_plugin", STR, "mysql_native_password"));
        vars.register(readOnly("thread_handling", STR, "one-thread-per-connection"));
        vars.register(readOnly("lower_case_table_names", range(0, 2), 0L));
        vars.register(readOnly("lower_case_file_system", BOOL, false));
        vars.register(readOnly("performance_schema", BOOL, false));
        vars.register(readOnly("skip_name_resolve", BOOL, false));
        vars.register(readOnly("skip_networking", BOOL, false));
        vars.register(readOnly("system_time_zone", STR, "UTC"));
        vars.register(readOnly("innodb_read_only", BOOL, false));
        vars.register(readOnly("innodb_version", STR, "5.7.44"));
        // until GTIDs exist, only OFF: another value would be shown and then not honoured
        vars.register(readOnly("gtid_mode", new EnumType(List.of("OFF", "OFF_PERMISSIVE", "ON_PERMISSIVE", "ON")), "OFF")
                .withCheck(only("gtid_mode", "OFF")));
        vars.register(readOnly("enforce_gtid_consistency", new EnumType(List.of("OFF", "ON", "WARN")), "OFF")
                .withCheck(only("enforce_gtid_consistency", "OFF")));

        // files and network
        vars.register(readOnly("port", range(0, 65535), 3306L));
        vars.register(readOnly("bind_address", STR, "127.0.0.1"));
        vars.register(readOnly("socket", STR, ""));
        vars.register(readOnly("datadir", STR, null));
        vars.register(readOnly("basedir", STR, null));
        vars.register(readOnly("plugin_dir", STR, null));
        vars.register(readOnly("pid_file", STR, null));
        vars.register(readOnly("log_error", STR, "stderr"));
        vars.register(readOnly("tmpdir", STR, System.getProperty("java.io.tmpdir")));

        // connections
        vars.register(global("max_connections", range(1, 100000), 151L));
        vars.register(both("max_allowed_packet", new IntegerType(1024, 1073741824, 1024, true), 4194304L));
        vars.register(both("net_buffer_length", new IntegerType(1024, 1048576, 1024, true), 16384L));
        vars.register(both("net_read_timeout", range(1, 31536000), 30L));
        vars.register(both("net_write_timeout", range(1, 31536000), 60L));
        vars.register(both("interactive_timeout", range(1, 31536000), 28800L));
        vars.register(both("wait_timeout", range(1, 31536000), 28800L));
        vars.register(global("connect_timeout", range(2, 31536000), 10L));
        vars.register(global("max_connect_errors", range(1, Long.MAX_VALUE), 100L));
        vars.register(global("init_connect", STR, ""));
        vars.register(global("log_warnings", range(0, 2), 2L));
        vars.register(global("log_error_verbosity", range(1, 3), 3L));

        // character sets
        // the sets a client talks in: what this server speaks, else MySQL's 1115 / 1235 (MysqlCharset)
        vars.register(both("character_set_client", STR, "utf8mb4").withCheck(v -> MysqlCharset.require((String) v)));
        vars.register(both("character_set_connection", STR, "utf8mb4").withCheck(v -> MysqlCharset.require((String) v)));
        vars.register(both("character_set_results", STR, "utf8mb4")
                .withCheck(v -> {
                    if (v != null) MysqlCharset.require((String) v);
                }));
        vars.register(both("character_set_server", STR, "utf8mb4"));
        vars.register(both("character_set_database", STR, "utf8mb4"));
        vars.register(readOnly("character_set_system", STR, "utf8"));
        vars.register(both("character_set_filesystem", STR, "binary"));
        vars.register(both("collation_connection", STR, "utf8mb4_general_ci").withCheck(v -> {
            if (Collation.byName((String) v) == null) throw ErrorCode.ER_UNKNOWN_COLLATION.error(v);
        }));
        vars.register(both("collation_server", STR, "utf8mb4_general_ci"));
        vars.register(both("collation_database", STR, "utf8mb4_general_ci"));
        vars.register(both("lc_messages", STR, "en_US"));
        vars.register(both("lc_time_names", STR, "en_US"));
        vars.register(both("time_zone", STR, "SYSTEM"));

        // SQL behaviour
        vars.register(both("sql_mode", new SetType(SQL_MODES), DEFAULT_SQL_MODE));
        vars.register(both("autocommit", BOOL, true));
        vars.register(both("auto_increment_increment", range(1, 65535), 1L));
        vars.register(both("auto_increment_offset", range(1, 65535), 1L));
        // the counters behave as mode 1 ("consecutive"), MySQL 5.7's default (engine.AutoIncrement)
        vars.register(readOnly("innodb_autoinc_lock_mode", range(0, 2), 1L));
        // SERIALIZABLE needs shared locks on every plain SELECT, which the engine does not take
        vars.register(both("transaction_isolation", new EnumType(ISOLATION_LEVELS), "REPEATABLE-READ")
                .withCheck(only("transaction_isolation", "REPEATABLE-READ", "READ-COMMITTED", "READ-UNCOMMITTED")));
        vars.registerAlias("tx_isolation", "transaction_isolation");
        vars.register(both("transaction_read_only", BOOL, false));
        vars.registerAlias("tx_read_only", "transaction_read_only");
        vars.register(both("innodb_lock_wait_timeout", range(1, 1073741824), 50L));
        vars.register(both("default_storage_engine", STR, "InnoDB"));
        vars.register(both("storage_engine", STR, "InnoDB"));
        vars.register(both("foreign_key_checks", BOOL, true));
        vars.register(both("unique_checks", BOOL, true));
        vars.register(both("sql_auto_is_null", BOOL, false));
        vars.register(both("sql_safe_updates", BOOL, false));
        vars.register(both("sql_notes", BOOL, true));
        vars.register(both("sql_warnings", BOOL, false));
        vars.register(both("sql_quote_show_create", BOOL, true));
        vars.register(both("big_tables", BOOL, false));
        vars.register(both("div_precision_increment", range(0, 30), 4L));
        vars.register(both("group_concat_max_len", range(4, Long.MAX_VALUE), 1024L));
        vars.register(both("max_execution_time", range(0, UINT_MAX), 0L));
        vars.register(both("sql_select_limit", range(0, Long.MAX_VALUE), Long.MAX_VALUE));
        vars.register(both("max_sort_length", range(4, 8388608), 1024L));
        vars.register(global("query_cache_size", range(0, Long.MAX_VALUE), 1048576L));
        vars.register(both("query_cache_type", new EnumType(List.of("OFF", "ON", "DEMAND")), "OFF"));
        // MySQL: turning super_read_only on turns read_only on; turning read_only off turns both off
        vars.register(global("read_only", BOOL, false)
                .onUpdate(v -> {
                    if (Boolean.FALSE.equals(v)) vars.initGlobal("super_read_only", false);
                }));
        vars.register(global("super_read_only", BOOL, false)
                .onUpdate(v -> {
                    if (Boolean.TRUE.equals(v)) vars.initGlobal("read_only", true);
                }));
        vars.register(global("event_scheduler", new EnumType(List.of("OFF", "ON", "DISABLED")), "OFF"));
        vars.register(session("sql_log_bin", BOOL, true));
        vars.register(session("last_insert_id", range(0, Long.MAX_VALUE), 0L));
        vars.register(session("insert_id", range(0, Long.MAX_VALUE), 0L));
        vars.register(session("timestamp", new VariableType.DoubleType(0, 2147483647), 0d));

        // binary log (the binlog issue gives these their behaviour)
        vars.register(readOnly("log_bin", BOOL, false));
        vars.register(readOnly("log_bin_basename", STR, null));
        vars.register(readOnly("log_bin_index", STR, null));
        vars.register(global("server_id", range(0, UINT_MAX), 0L));
        vars.register(global("sync_binlog", range(0, UINT_MAX), 1L));
        vars.register(global("max_binlog_size", new IntegerType(4096, 1073741824, 4096, true), 1073741824L));
        // until row events exist, statements only: ROW (and MIXED, which logs unsafe statements as
        // rows) would be shown and then not written
        vars.register(both("binlog_format", new EnumType(List.of("MIXED", "STATEMENT", "ROW")), "STATEMENT")
                .withCheck(only("binlog_format", "STATEMENT")));
        vars.register(global("binlog_checksum", new EnumType(List.of("NONE", "CRC32")), "CRC32"));
        vars.register(global("expire_logs_days", range(0, 99), 0L));
        vars.register(readOnly("log_slave_updates", BOOL, false));

        // replica (replication/replica): relay_log and relay_log_index as given (empty: <hostname>-relay-bin);
        // positions live in engine tables and relay logs are discarded at start-up (relay_log_recovery)
        vars.register(readOnly("relay_log", STR, ""));
        vars.register(readOnly("relay_log_basename", STR, ""));
        vars.register(readOnly("relay_log_index", STR, ""));
        vars.register(global("relay_log_purge", BOOL, true));
        vars.register(readOnly("relay_log_recovery", BOOL, true));
        vars.register(readOnly("relay_log_info_repository", STR, "TABLE"));
        vars.register(readOnly("master_info_repository", STR, "TABLE"));
        vars.register(readOnly("skip_slave_start", BOOL, false));
        vars.register(global("slave_net_timeout", range(1, 31536000), 60L));
        vars.register(global("max_relay_log_size", new IntegerType(0, 1073741824, 4096, true), 0L));
        vars.register(global("sql_slave_skip_counter", range(0, UINT_MAX), 0L));
    }
}
