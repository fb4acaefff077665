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
    /**
     * MySQL 5.7's default sql_mode without ONLY_FULL_GROUP_BY, which the server enforces only in part
     * ({@link SqlModePolicy}).
     */
    public static final String DEFAULT_SQL_MODE = SqlModePolicy.DEFAULT;

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
    /**
     * slave_parallel_type and slave_preserve_commit_order (C.1): settable only while the SQL thread
     * is stopped (3017), as MySQL 5.7's check_slave_stopped.
     */
    public static void declareApplier(SystemVariables vars, java.util.function.BooleanSupplier sqlThreadRunning) {
        SystemVariable.Check stopped = value -> {
            if (sqlThreadRunning.getAsBoolean()) throw ErrorCode.ER_SLAVE_SQL_THREAD_MUST_STOP.error();
        };
        vars.register(global("slave_parallel_type", new EnumType(List.of("DATABASE", "LOGICAL_CLOCK")), "DATABASE")
                .withCheck(stopped));
        vars.register(global("slave_preserve_commit_order", BOOL, false).withCheck(stopped));
    }

    static SystemVariable.Check only(String name, Object... supported) {
        List<Object> ok = List.of(supported);
        return value -> {
            for (Object o : ok) {
                if (o.equals(value) || (o instanceof String t && value instanceof String v && t.equalsIgnoreCase(v))) return;
            }
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error(name + " = " + shown(value));
        };
    }

    /** A value as SHOW VARIABLES shows it, for the text of 1235. */
    private static String shown(Object value) {
        return value instanceof Boolean b ? (b ? "ON" : "OFF") : String.valueOf(value);
    }

    /**
     * A variable that MySQL lets change at run time and this server only at start-up: a SET GLOBAL
     * to another value than the current one is refused (1235), never stored and then not used.
     */
    private static SystemVariable.Check startUpOnly(SystemVariables vars, String name) {
        return value -> {
            if (vars.running() && !value.equals(vars.global(name))) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("SET GLOBAL " + name + " at run time (it is read at"
                        + " start-up)");
            }
        };
    }

    /**
     * Comparisons are the engine's, which ignore case: a collation that compares case (a _bin or
     * _cs one) is refused (1235) rather than taken and then not followed. {@code binary} is taken,
     * as SET NAMES binary leaves it (dump tools set it back after their own SET NAMES binary); what
     * it does not change is in docs/compatibility.md.
     */
    public static void requireCaseInsensitive(String collation) {
        String c = collation.toLowerCase(java.util.Locale.ROOT);
        if (c.endsWith("_bin") || c.endsWith("_cs")) {
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error("collation_connection = " + collation
                    + " (comparisons ignore case)");
        }
    }

    /** A character set for storage: utf8mb4 only (1115 for a name MySQL does not know). */
    /** MySQL 5.7's optimizer_switch default. */
    static final String OPTIMIZER_SWITCH = "index_merge=on,index_merge_union=on,index_merge_sort_union=on,"
            + "index_merge_intersection=on,engine_condition_pushdown=on,index_condition_pushdown=on,mrr=on,"
            + "mrr_cost_based=on,block_nested_loop=on,batched_key_access=off,materialization=on,semijoin=on,"
            + "loosescan=on,firstmatch=on,duplicateweedout=on,subquery_materialization_cost_based=on,"
            + "use_index_extensions=on,condition_fanout_filter=on,derived_merge=on";

    private static SystemVariable.Check utf8mb4Only(String name) {
        return value -> {
            if (value == null || !MysqlCharset.isMysqlName(value.toString())) {
                throw ErrorCode.ER_UNKNOWN_CHARACTER_SET.error(String.valueOf(value));
            }
            if (!value.toString().equalsIgnoreCase("utf8mb4")) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error(name + " = " + value);
            }
        };
    }

    /** A collation for storage: utf8mb4_general_ci only (1273 for a name this server does not know). */
    private static SystemVariable.Check utf8mb4GeneralCiOnly(String name) {
        return value -> {
            if (value == null) throw ErrorCode.ER_UNKNOWN_COLLATION.error("NULL");
            if (!value.toString().equalsIgnoreCase("utf8mb4_general_ci")) {
                if (Collation.byName(value.toString()) == null) throw ErrorCode.ER_UNKNOWN_COLLATION.error(value);
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error(name + " = " + value);
            }
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
        // TLS for clients (YES once the server has a certificate: auth.TlsMaterial)
        vars.register(readOnly("have_ssl", STR, "DISABLED"));
        vars.register(readOnly("have_openssl", STR, "DISABLED"));
        vars.register(readOnly("ssl_ca", STR, null));
        vars.register(readOnly("ssl_cert", STR, null));
        vars.register(readOnly("ssl_key", STR, null));
        vars.register(readOnly("ssl_cipher", STR, null));
        // what the JDK offers: TLSv1 and TLSv1.1 are disabled in it (auth.TlsSettings)
        vars.register(readOnly("tls_version", STR, "TLSv1.2,TLSv1.3"));
        vars.register(global("require_secure_transport", BOOL, false).withCheck(value -> {
            if (Boolean.TRUE.equals(value) && vars.running() && !"YES".equals(vars.global("have_ssl"))) {
                throw ErrorCode.ER_NO_SECURE_TRANSPORTS_CONFIGURED.error();
            }
        }));
        vars.register(readOnly("auto_generate_certs", BOOL, true));
        vars.register(readOnly("default_authentication_plugin", STR, "mysql_native_password"));
        vars.register(readOnly("thread_handling", STR, "one-thread-per-connection"));
        vars.register(readOnly("lower_case_table_names", range(0, 2), 0L));
        vars.register(readOnly("lower_case_file_system", BOOL, false));
        // start-up options the server can only have at their one value: another would be shown
        // and not followed (no performance_schema, InnoDB never read-only, mode-1 counters,
        // replication positions in tables, relay logs always recovered)
        vars.register(readOnly("performance_schema", BOOL, false).withCheck(only("performance_schema", false)));
        vars.register(readOnly("skip_name_resolve", BOOL, false));
        vars.register(readOnly("skip_networking", BOOL, false));
        TimeZones zones = TimeZones.ofJvm();
        vars.register(readOnly("system_time_zone", STR, zones.systemTimeZoneName()));
        vars.register(readOnly("innodb_read_only", BOOL, false).withCheck(only("innodb_read_only", false)));
        vars.register(readOnly("innodb_version", STR, "5.7.44"));
        // the engine plans without statistics: none are kept, on disk or otherwise (ANALYZE TABLE says OK)
        vars.register(readOnly("innodb_stats_persistent", BOOL, true)
                .withCheck(only("innodb_stats_persistent", true)));
        // GtidVariables replaces gtid_mode, enforce_gtid_consistency, gtid_purged and gtid_next with
        // declarations that follow the server's GTID state, and reads gtid_executed from it
        vars.register(readOnly("gtid_mode", new EnumType(List.of("OFF", "OFF_PERMISSIVE", "ON_PERMISSIVE", "ON")), "OFF"));
        vars.register(readOnly("enforce_gtid_consistency", new EnumType(List.of("OFF", "ON", "WARN")), "OFF"));
        vars.register(readOnly("gtid_executed", STR, ""));
        // session: the GTID the session owns; global (GtidVariables): every owned GTID with its owner
        vars.register(new io.minisqld.plugin.api.variables.SystemVariable("gtid_owned", STR,
                io.minisqld.plugin.api.variables.VariableScope.BOTH, true, "", "", null, null));
        vars.register(readOnly("gtid_purged", STR, ""));
        vars.register(session("gtid_next", STR, "AUTOMATIC"));
        vars.register(readOnly("binlog_gtid_simple_recovery", BOOL, true));
        vars.register(global("gtid_executed_compression_period", range(0, 4294967295L), 1000L));
        // the multi-threaded applier (C.1): read at START SLAVE; the type and the order need the SQL
        // thread stopped (3017), which MiniSqlServer checks once the replica exists
        vars.register(global("slave_parallel_workers", range(0, 1024), 0L));

        // files and network
        vars.register(readOnly("port", range(0, 65535), 3306L));
        // what a replica reports in COM_REGISTER_SLAVE (SHOW SLAVE HOSTS on its source); report_port 0
        // until start-up puts the server's port there, as MySQL shows it
        vars.register(readOnly("report_host", STR, ""));
        vars.register(readOnly("report_port", range(0, 65535), 0L));
        vars.register(readOnly("report_user", STR, ""));
        vars.register(readOnly("report_password", STR, ""));
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
        vars.register(global("max_prepared_stmt_count", range(0, 1048576), 16382L));
        // MySQL 5.7: the session values of these two are read-only (1621); a new global value is
        // what connections opened later get
        vars.register(both("max_allowed_packet", new IntegerType(1024, 1073741824, 1024, true), 4194304L));
        vars.sessionReadOnly("max_allowed_packet");
        vars.register(both("net_buffer_length", new IntegerType(1024, 1048576, 1024, true), 16384L));
        vars.sessionReadOnly("net_buffer_length");
        vars.register(both("net_read_timeout", range(1, 31536000), 30L));
        vars.register(both("net_write_timeout", range(1, 31536000), 60L));
        vars.register(both("interactive_timeout", range(1, 31536000), 28800L));
        vars.register(both("wait_timeout", range(1, 31536000), 28800L));
        vars.register(global("connect_timeout", range(2, 31536000), 10L));
        vars.register(global("max_connect_errors", range(1, Long.MAX_VALUE), 100L));
        // the connections one account may hold at once (0: no limit), unless its own WITH MAX_USER_CONNECTIONS
        vars.register(global("max_user_connections", range(0, 4294967295L), 0L));
        // password expiry (MySQL 5.7.11's default: passwords do not expire unless an account says so)
        vars.register(global("default_password_lifetime", range(0, 65535), 0L));
        vars.register(readOnly("disconnect_on_expired_password", BOOL, true));
        vars.register(global("init_connect", STR, ""));
        // MySQL 5.7 keeps the two in step: log_warnings = log_error_verbosity - 1 (1 errors, 2 and
        // warnings, 3 and notes); the error log follows log_error_verbosity (log.ErrorLog)
        vars.register(global("log_warnings", range(0, 2), 2L)
                .onUpdate(v -> vars.initGlobal("log_error_verbosity", Math.min((Long) v, 2L) + 1)));
        vars.register(global("log_error_verbosity", range(1, 3), 3L)
                .onUpdate(v -> vars.initGlobal("log_warnings", (Long) v - 1)));

        // character sets
        // the sets a client talks in: what this server speaks, else MySQL's 1115 / 1235 (MysqlCharset)
        vars.register(both("character_set_client", STR, "utf8mb4").withCheck(v -> MysqlCharset.require((String) v)));
        // string literals reach the engine as Unicode text: a connection set that would lose
        // characters (MySQL converts literals into it) is refused when named on its own; SET
        // NAMES, which names the client's set, sets it as MySQL does
        vars.register(both("character_set_connection", STR, "utf8mb4").withCheck(v -> {
            MysqlCharset.require((String) v);
            if (!"utf8mb4".equalsIgnoreCase((String) v)) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("character_set_connection = " + v);
            }
        }));
        vars.register(both("character_set_results", STR, "utf8mb4")
                .withCheck(v -> {
                    if (v != null) MysqlCharset.require((String) v);
                }));
        // every database and table stores utf8mb4 with utf8mb4_general_ci's comparisons: other
        // defaults would be shown and then not used
        vars.register(both("character_set_server", STR, "utf8mb4").withCheck(utf8mb4Only("character_set_server")));
        // what it changes here is what it changes in MySQL once set by hand: the character set
        // LOAD DATA reads a file in when the statement names none (mariadb-import sets binary)
        vars.register(both("character_set_database", STR, "utf8mb4").withCheck(value -> {
            if (value == null || !MysqlCharset.isMysqlName(value.toString())) {
                throw ErrorCode.ER_UNKNOWN_CHARACTER_SET.error(String.valueOf(value));
            }
        }));
        vars.register(readOnly("character_set_system", STR, "utf8"));
        // file names are read by LOAD DATA INFILE and LOAD_FILE(), which the server does not have
        vars.register(both("character_set_filesystem", STR, "binary")
                .withCheck(only("character_set_filesystem", "binary")));
        vars.register(both("collation_connection", STR, "utf8mb4_general_ci").withCheck(v -> {
            if (Collation.byName((String) v) == null) throw ErrorCode.ER_UNKNOWN_COLLATION.error(v);
            requireCaseInsensitive((String) v);
        }));
        vars.register(both("collation_server", STR, "utf8mb4_general_ci")
                .withCheck(utf8mb4GeneralCiOnly("collation_server")));
        vars.register(both("collation_database", STR, "utf8mb4_general_ci")
                .withCheck(utf8mb4GeneralCiOnly("collation_database")));
        // messages and day and month names are English only
        vars.register(both("lc_messages", STR, Locales.EN_US).withCheck(Locales.only("lc_messages")));
        vars.normalize("lc_messages", Locales::canonical);
        vars.register(both("lc_time_names", STR, Locales.EN_US).withCheck(Locales.only("lc_time_names")));
        vars.normalize("lc_time_names", Locales::canonical);
        vars.register(both("time_zone", STR, "SYSTEM").withCheck(zones.check()));
        vars.normalize("time_zone", zones::canonical);

        // SQL behaviour
        vars.register(both("sql_mode", new SetType(SQL_MODES), DEFAULT_SQL_MODE)
                .withCheck(v -> SqlModePolicy.check((String) v)));
        vars.normalize("sql_mode", v -> SqlModePolicy.expand((String) v));
        vars.register(both("autocommit", BOOL, true));
        vars.register(both("auto_increment_increment", range(1, 65535), 1L));
        vars.register(both("auto_increment_offset", range(1, 65535), 1L));
        // the counters behave as mode 1 ("consecutive"), MySQL 5.7's default (engine.AutoIncrement)
        vars.register(readOnly("innodb_autoinc_lock_mode", range(0, 2), 1L)
                .withCheck(only("innodb_autoinc_lock_mode", 1L)));
        // SERIALIZABLE needs shared locks on every plain SELECT, which the engine does not take
        vars.register(both("transaction_isolation", new EnumType(ISOLATION_LEVELS), "REPEATABLE-READ")
                .withCheck(only("transaction_isolation", "REPEATABLE-READ", "READ-COMMITTED", "READ-UNCOMMITTED")));
        vars.registerAlias("tx_isolation", "transaction_isolation");
        vars.register(both("transaction_read_only", BOOL, false));
        vars.registerAlias("tx_read_only", "transaction_read_only");
        vars.register(both("innodb_lock_wait_timeout", range(1, 1073741824), 50L));
        // how long LOCK TABLES, FLUSH TABLES WITH READ LOCK and the statements they hold wait
        vars.register(both("lock_wait_timeout", range(1, 31536000), 31536000L));
        // every table is InnoDB (StorageEngines); storage_engine is gone since MySQL 5.7.5
        vars.register(both("default_storage_engine", STR, StorageEngines.INNODB).withCheck(StorageEngines::checkDefault));
        vars.normalize("default_storage_engine", StorageEngines::canonical);
        vars.register(readOnly("disabled_storage_engines", STR, String.join(",", StorageEngines.DISABLED)));
        vars.register(both("foreign_key_checks", BOOL, true));
        // MySQL lets an engine skip uniqueness checks when this is 0, and InnoDB checks anyway in
        // most cases (always for the primary key): checking always is what MySQL permits
        vars.register(both("unique_checks", BOOL, true));
        // WHERE auto_col IS NULL finding the last inserted row needs the SQL translator
        vars.register(both("sql_auto_is_null", BOOL, false).withCheck(only("sql_auto_is_null", false)));
        vars.register(both("sql_safe_updates", BOOL, false));
        vars.register(both("sql_notes", BOOL, true));
        // the info string of single-row INSERTs with warnings: the server sends no info strings
        vars.register(both("sql_warnings", BOOL, false).withCheck(only("sql_warnings", false)));
        // the engine's planner has none of these switches: MySQL 5.7's defaults are shown, and only
        // they are taken (tools save the value and set it back)
        vars.register(both("optimizer_switch", STR, OPTIMIZER_SWITCH).withCheck(v -> {
            if (v == null || !(v.toString().equals(OPTIMIZER_SWITCH) || v.toString().equalsIgnoreCase("default"))) {
                throw ErrorCode.ER_NOT_SUPPORTED_YET.error("optimizer_switch = " + v);
            }
        }));
        // SHOW CREATE TABLE always quotes identifiers
        vars.register(both("sql_quote_show_create", BOOL, true).withCheck(only("sql_quote_show_create", true)));
        // where MySQL puts internal temporary tables: nothing a statement returns depends on it
        vars.register(both("big_tables", BOOL, false));
        // the engine's division does not follow it (see docs/compatibility.md)
        vars.register(both("div_precision_increment", range(0, 30), 4L));
        vars.register(both("group_concat_max_len", range(4, Long.MAX_VALUE), 1024L));
        vars.register(both("max_execution_time", range(0, UINT_MAX), 0L));
        vars.register(both("sql_select_limit", range(0, Long.MAX_VALUE), Long.MAX_VALUE));
        // ORDER BY compares whole values
        vars.register(both("max_sort_length", range(4, 8388608), 1024L).withCheck(only("max_sort_length", 1024L)));
        // there is no query cache: MySQL 5.7 started with query_cache_type=OFF, where the size is
        // kept and unused and turning the cache on is 1651
        vars.register(global("query_cache_size", new IntegerType(0, Long.MAX_VALUE, 1024, true), 1048576L));
        vars.register(both("query_cache_type", new EnumType(List.of("OFF", "ON", "DEMAND")), "OFF")
                .withCheck(v -> {
                    if ("OFF".equals(v)) return;
                    if (vars.running()) throw ErrorCode.ER_QUERY_CACHE_DISABLED.error();
                    throw ErrorCode.ER_NOT_SUPPORTED_YET.error("query_cache_type = " + v);
                }));
        // MySQL: turning super_read_only on turns read_only on; turning read_only off turns both off
        vars.register(global("read_only", BOOL, false)
                .onUpdate(v -> {
                    if (Boolean.FALSE.equals(v)) vars.initGlobal("super_read_only", false);
                }));
        vars.register(global("super_read_only", BOOL, false)
                .onUpdate(v -> {
                    if (Boolean.TRUE.equals(v)) vars.initGlobal("read_only", true);
                }));
        // there are no events: OFF, or DISABLED from start-up on (then SET is 1290, as in MySQL)
        vars.register(global("event_scheduler", new EnumType(List.of("OFF", "ON", "DISABLED")), "OFF")
                .withCheck(v -> {
                    if (vars.running()) {
                        if ("DISABLED".equals(vars.global("event_scheduler"))) {
                            throw ErrorCode.ER_OPTION_PREVENTS_STATEMENT.error(
                                    "--event-scheduler=DISABLED or --skip-grant-tables");
                        }
                        if ("DISABLED".equals(v)) throw new IllegalArgumentException("DISABLED at run time");
                    }
                    if ("ON".equals(v)) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("event_scheduler = ON");
                }));
        vars.register(session("sql_log_bin", BOOL, true));
        vars.register(session("last_insert_id", range(0, Long.MAX_VALUE), 0L));
        vars.register(session("insert_id", range(0, Long.MAX_VALUE), 0L));
        // a session's own clock for NOW(), CURRENT_TIMESTAMP, UNIX_TIMESTAMP() and its events (0: the
        // real time), as mysqlbinlog's SET TIMESTAMP lines use it; SYSDATE() is not affected
        vars.register(session("timestamp", new VariableType.DoubleType(0, 2147483647), 0d));
        // what mysqlbinlog / mariadb-binlog output sets before replaying a binlog into a server:
        // the RAND() seeds of the next statement (read back as 0, as MySQL's), the thread id
        // CONNECTION_ID() gives (0: the connection's own), and the replay mode itself
        vars.register(session("rand_seed1", range(0, 0xFFFFFFFFL), 0L));
        vars.register(session("rand_seed2", range(0, 0xFFFFFFFFL), 0L));
        vars.register(session("pseudo_thread_id", range(0, 0xFFFFFFFFL), 0L));
        vars.register(session("pseudo_slave_mode", BOOL, false));
        // INSERT DELAYED runs as a plain INSERT (as in MySQL 5.7), so no delayed-insert thread exists
        vars.register(both("max_delayed_threads", range(0, 16384), 20L));
        // CHAIN: COMMIT and ROLLBACK without AND [NO] CHAIN begin the next transaction (Transactions);
        // RELEASE, which would end the connection, is refused
        vars.register(both("completion_type", new EnumType(List.of("NO_CHAIN", "CHAIN", "RELEASE")), "NO_CHAIN")
                .withCheck(only("completion_type", "NO_CHAIN", "CHAIN")));
        // MariaDB's session settings in mariadb-binlog's output, at the only values this server has
        vars.register(both("check_constraint_checks", BOOL, true).withCheck(only("check_constraint_checks", true)));
        vars.register(both("system_versioning_insert_history", BOOL, false)
                .withCheck(only("system_versioning_insert_history", false)));
        vars.register(both("sql_if_exists", BOOL, false).withCheck(only("sql_if_exists", false)));
        // TIMESTAMP columns get no implicit DEFAULT / ON UPDATE CURRENT_TIMESTAMP and take NULL
        vars.register(both("explicit_defaults_for_timestamp", BOOL, true)
                .withCheck(only("explicit_defaults_for_timestamp", true)));

        // binary log (the binlog issue gives these their behaviour)
        vars.register(readOnly("log_bin", BOOL, false));
        vars.register(readOnly("log_bin_basename", STR, null));
        vars.register(readOnly("log_bin_index", STR, null));
        vars.register(global("server_id", range(0, UINT_MAX), 0L));
        vars.register(global("sync_binlog", range(0, UINT_MAX), 1L));
        // a group commit's leader waits up to this many µs for more committers before it syncs
        vars.register(global("binlog_group_commit_sync_delay", range(0, 1_000_000), 0L));
        vars.register(global("binlog_group_commit_sync_no_delay_count", range(0, 1_000_000), 0L));
        vars.register(global("max_binlog_size", new IntegerType(4096, 1073741824, 4096, true), 1073741824L)
                .withCheck(startUpOnly(vars, "max_binlog_size")));
        // ROW: each changed row as the engine changed it (TABLE_MAP + row events); MIXED: statements,
        // rows for those unsafe to log as text
        vars.register(both("binlog_format", new EnumType(List.of("MIXED", "STATEMENT", "ROW")), "ROW"));
        vars.register(both("binlog_row_image", new EnumType(List.of("MINIMAL", "FULL", "NOBLOB")), "FULL"));
        vars.register(both("binlog_rows_query_log_events", BOOL, false));
        vars.register(readOnly("binlog_row_event_max_size", new IntegerType(256, 4294967295L, 256, true), 8192L));
        vars.register(global("binlog_checksum", new EnumType(List.of("NONE", "CRC32")), "CRC32")
                .withCheck(startUpOnly(vars, "binlog_checksum")));
        vars.register(global("expire_logs_days", range(0, 99), 0L));
        // LOAD DATA LOCAL INFILE; the server's own files (LOAD DATA INFILE, INTO OUTFILE) only under
        // secure_file_priv, a start-up option: NULL (the default) none, '' any, a directory its files
        vars.register(global("local_infile", BOOL, true));
        vars.register(readOnly("secure_file_priv", STR, null));
        vars.register(readOnly("log_slave_updates", BOOL, false));

        // replica (replication/replica): relay_log and relay_log_index as given (empty: <hostname>-relay-bin);
        // positions live in engine tables and relay logs are discarded at start-up (relay_log_recovery)
        vars.register(readOnly("relay_log", STR, ""));
        vars.register(readOnly("relay_log_basename", STR, ""));
        vars.register(readOnly("relay_log_index", STR, ""));
        vars.register(global("relay_log_purge", BOOL, true));
        vars.register(readOnly("relay_log_recovery", BOOL, true).withCheck(only("relay_log_recovery", true)));
        vars.register(readOnly("relay_log_info_repository", STR, "TABLE")
                .withCheck(only("relay_log_info_repository", "TABLE")));
        vars.register(readOnly("master_info_repository", STR, "TABLE")
                .withCheck(only("master_info_repository", "TABLE")));
        vars.register(readOnly("skip_slave_start", BOOL, false));
        vars.register(global("slave_net_timeout", range(1, 31536000), 60L));
        // MySQL's maximum is 2^64-1; a long's is enough retries
        vars.register(global("slave_transaction_retries", range(0, Long.MAX_VALUE), 10L));
        vars.register(global("max_relay_log_size", new IntegerType(0, 1073741824, 4096, true), 0L));
        vars.register(global("sql_slave_skip_counter", range(0, UINT_MAX), 0L));
        // IDEMPOTENT ignores row events' missing and duplicate rows; without row events it is refused
        vars.register(global("slave_exec_mode", new EnumType(List.of("STRICT", "IDEMPOTENT")), "STRICT")
                .withCheck(only("slave_exec_mode", "STRICT")));
    }
}
