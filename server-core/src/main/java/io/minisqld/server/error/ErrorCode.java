package io.minisqld.server.error;

import java.util.Locale;

/**
 * The one catalogue of errors and warnings a client can see: MySQL 5.7's number, SQLSTATE and
 * message template (format with {@link String#format} arguments). No message text that a user
 * sees is built anywhere else.
 */
public enum ErrorCode {
    ER_CON_COUNT_ERROR(1040, "08004", "Too many connections"),
    ER_BAD_HOST_ERROR(1042, "08S01", "Can't get hostname for your address"),
    ER_HANDSHAKE_ERROR(1043, "08S01", "Bad handshake"),
    ER_DBACCESS_DENIED_ERROR(1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"),
    ER_ACCESS_DENIED_ERROR(1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"),
    ER_NO_DB_ERROR(1046, "3D000", "No database selected"),
    ER_UNKNOWN_COM_ERROR(1047, "08S01", "Unknown command"),
    ER_BAD_NULL_ERROR(1048, "23000", "Column '%s' cannot be null"),
    ER_BAD_DB_ERROR(1049, "42000", "Unknown database '%s'"),
    ER_TABLE_EXISTS_ERROR(1050, "42S01", "Table '%s' already exists"),
    ER_BAD_TABLE_ERROR(1051, "42S02", "Unknown table '%s'"),
    ER_SERVER_SHUTDOWN(1053, "08S01", "Server shutdown in progress"),
    ER_BAD_FIELD_ERROR(1054, "42S22", "Unknown column '%s' in '%s'"),
    ER_DUP_FIELDNAME(1060, "42S21", "Duplicate column name '%s'"),
    ER_TABLENAME_NOT_ALLOWED_HERE(1250, "42000", "Table '%s' from one of the SELECTs cannot be used in %s"),
    ER_DUP_KEYNAME(1061, "42000", "Duplicate key name '%s'"),
    ER_DUP_ENTRY(1062, "23000", "Duplicate entry '%s' for key '%s'"),
    ER_PARSE_ERROR(1064, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '%s' at line %d"),
    ER_EMPTY_QUERY(1065, "42000", "Query was empty"),
    ER_NONUNIQ_TABLE(1066, "42000", "Not unique table/alias: '%s'"),
    ER_NO_SUCH_THREAD(1094, "HY000", "Unknown thread id: %s"),
    ER_KILL_DENIED_ERROR(1095, "HY000", "You are not owner of thread %s"),
    ER_UNKNOWN_ERROR(1105, "HY000", "%s"),
    ER_UNKNOWN_PROCEDURE(1106, "42000", "Unknown procedure '%s'"),
    ER_UNKNOWN_TABLE(1109, "42S02", "Unknown table '%s' in %s"),
    ER_UNKNOWN_CHARACTER_SET(1115, "42000", "Unknown character set: '%s'"),
    ER_UPDATE_INFO(1134, "HY000", "Rows matched: %d  Changed: %d  Warnings: %d"),
    ER_INSERT_INFO(1092, "HY000", "Records: %d  Duplicates: %d  Warnings: %d"),
    ER_PASSWORD_ANONYMOUS_USER(1131, "42000", "You are using MySQL as an anonymous user and anonymous users are not allowed to change passwords"),
    ER_PASSWORD_NOT_ALLOWED(1132, "42000", "You must have privileges to update tables in the mysql database to be able to change passwords for others"),
    ER_PASSWORD_NO_MATCH(1133, "42000", "Can't find any matching row in the user table"),
    ER_INVALID_USE_OF_NULL(1138, "22004", "Invalid use of NULL value"),
    ER_REGEXP_ERROR(1139, "42000", "Got error '%s' from regexp"),
    ER_NONEXISTING_GRANT(1141, "42000", "There is no such grant defined for user '%s' on host '%s'"),
    ER_TABLEACCESS_DENIED_ERROR(1142, "42000", "%s command denied to user '%s'@'%s' for table '%s'"),
    ER_COLUMNACCESS_DENIED_ERROR(1143, "42000", "%s command denied to user '%s'@'%s' for column '%s' in table '%s'"),
    ER_NET_PACKET_TOO_LARGE(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"),
    ER_NET_READ_ERROR(1158, "08S01", "Got an error reading communication packets"),
    ER_NET_READ_INTERRUPTED(1159, "08S01", "Got timeout reading communication packets"),
    ER_NET_ERROR_ON_WRITE(1160, "08S01", "Got an error writing communication packets"),
    ER_TOO_MANY_USER_CONNECTIONS(1203, "42000", "User %s already has more than 'max_user_connections' active connections"),
    ER_LOCK_WAIT_TIMEOUT(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction"),
    ER_TABLE_NOT_LOCKED_FOR_WRITE(1099, "HY000", "Table '%s' was locked with a READ lock and can't be updated"),
    ER_TABLE_NOT_LOCKED(1100, "HY000", "Table '%s' was not locked with LOCK TABLES"),
    ER_ILLEGAL_HA(1031, "HY000", "Table storage engine for '%s' doesn't have this option"),
    ER_LOCK_OR_ACTIVE_TRANSACTION(1192, "HY000", "Can't execute the given command because you have active locked tables or an active transaction"),
    ER_USER_LIMIT_REACHED(1226, "42000", "User '%s' has exceeded the '%s' resource (current value: %s)"),
    ER_UNKNOWN_COLLATION(1273, "HY000", "Unknown collation: '%s'"),
    ER_COLLATION_CHARSET_MISMATCH(1253, "42000", "COLLATION '%s' is not valid for CHARACTER SET '%s'"),
    ER_WARN_DATA_TRUNCATED(1265, "01000", "Data truncated for column '%s' at row %d"),
    ER_CUT_VALUE_GROUP_CONCAT(1260, "HY000", "Row %d was cut by GROUP_CONCAT()"),
    ER_SLAVE_CONVERSION_FAILED(1677, "HY000", "Column %d of table '%s.%s' cannot be converted from type '%s' to type '%s'"),
    ER_LOCK_DEADLOCK(1213, "40001", "Deadlock found when trying to get lock; try restarting transaction"),
    ER_SPECIFIC_ACCESS_DENIED_ERROR(1227, "42000", "Access denied; you need (at least one of) the %s privilege(s) for this operation"),
    ER_LOCAL_VARIABLE(1228, "HY000", "Variable '%s' is a SESSION variable and can't be used with SET GLOBAL"),
    ER_GLOBAL_VARIABLE(1229, "HY000", "Variable '%s' is a GLOBAL variable and should be set with SET GLOBAL"),
    ER_NO_DEFAULT(1230, "42000", "Variable '%s' doesn't have a default value"),
    ER_WRONG_VALUE_FOR_VAR(1231, "42000", "Variable '%s' can't be set to the value of '%s'"),
    ER_WRONG_TYPE_FOR_VAR(1232, "42000", "Incorrect argument type to variable '%s'"),
    ER_VAR_CANT_BE_READ(1233, "HY000", "Variable '%s' can only be set, not read"),
    ER_BINLOG_STMT_MODE_AND_ROW_ENGINE(1665, "HY000", "Cannot execute statement: impossible to write to binary log"
            + " since BINLOG_FORMAT = STATEMENT and at least one table uses a storage engine limited to row-based"
            + " logging.%s"),
    ER_NOT_SUPPORTED_YET(1235, "42000", "This version of MySQL doesn't yet support '%s'"),
    ER_TABLE_CANT_HANDLE_FT(1214, "HY000", "The used table type doesn't support FULLTEXT indexes"),
    ER_DATETIME_FUNCTION_OVERFLOW(1441, "22008", "Datetime function: %s field overflow"),
    ER_UNKNOWN_ALTER_ALGORITHM(1800, "HY000", "Unknown ALGORITHM '%s'"),
    ER_UNKNOWN_ALTER_LOCK(1801, "HY000", "Unknown LOCK type '%s'"),
    ER_ALTER_OPERATION_NOT_SUPPORTED(1845, "0A000", "%s is not supported for this operation. Try %s."),
    // system variables and the behaviour they switch (MySQL 5.7's texts)
    ER_VARIABLE_IS_READONLY(1621, "HY000", "%s variable '%s' is read-only. Use SET %s to assign the value"),
    ER_UNKNOWN_LOCALE(1649, "HY000", "Unknown locale: '%s'"),
    ER_QUERY_CACHE_DISABLED(1651, "HY000", "Query cache is disabled; restart the server with query_cache_type=1 to enable it"),
    ER_UNKNOWN_TIME_ZONE(1298, "HY000", "Unknown or incorrect time zone: '%s'"),
    ER_UNKNOWN_STORAGE_ENGINE(1286, "42000", "Unknown storage engine '%s'"),
    ER_WARN_USING_OTHER_HANDLER(1266, "HY000", "Using storage engine %s for table '%s'"),
    ER_AUDIT_API_ABORT(3164, "HY000", "Aborted by Audit API ('%s';%d)."),
    ER_DISABLED_STORAGE_ENGINE(3161, "HY000", "Storage engine %s is disabled (Table creation is disallowed)."),
    ER_QUERY_TIMEOUT(3024, "HY000", "Query execution was interrupted, maximum statement execution time exceeded"),
    ER_UPDATE_WITHOUT_KEY_IN_SAFE_MODE(1175, "HY000", "You are using safe update mode and you tried to update a table"
            + " without a WHERE that uses a KEY column"),
    ER_TEMP_TABLE_PREVENTS_SWITCH_OUT_OF_RBR(1559, "HY000", "Cannot switch out of the row-based binary log format"
            + " when the session has open temporary tables"),
    ER_INSIDE_TRANSACTION_PREVENTS_SWITCH_BINLOG_FORMAT(1679, "HY000", "Cannot modify @@session.binlog_format"
            + " inside a transaction"),
    ER_INSIDE_TRANSACTION_PREVENTS_SWITCH_SQL_LOG_BIN(1694, "HY000", "Cannot modify @@session.sql_log_bin inside a"
            + " transaction"),
    ER_HOST_IS_BLOCKED(1129, "HY000", "Host '%s' is blocked because of many connection errors; unblock with"
            + " 'mysqladmin flush-hosts'"),
    ER_INCORRECT_GLOBAL_LOCAL_VAR(1238, "HY000", "Variable '%s' is a %s variable"),
    ER_UNKNOWN_SYSTEM_VARIABLE(1193, "HY000", "Unknown system variable '%s'"),
    ER_TRUNCATED_WRONG_VALUE(1292, "22007", "Truncated incorrect %s value: '%s'"),
    /** 1292 as MySQL words it for a function's argument that is no date: "Incorrect datetime value: 'x'". */
    ER_INCORRECT_TEMPORAL_ARGUMENT(1292, "22007", "Incorrect %s value: '%s'"),
    /** 1292 with the column named, as MySQL reports a temporal value a column cannot take. */
    ER_TRUNCATED_WRONG_VALUE_FOR_COLUMN(1292, "22007", "Incorrect %s value: '%s' for column '%s' at row %d"),
    ER_UNSUPPORTED_PS(1295, "HY000", "This command is not supported in the prepared statement protocol yet"),
    ER_SP_DOES_NOT_EXIST(1305, "42000", "%s %s does not exist"),
    ER_SP_ALREADY_EXISTS(1304, "42000", "%s %s already exists"),
    ER_PROCACCESS_DENIED_ERROR(1370, "42000", "%s command denied to user '%s'@'%s' for routine '%s'"),
    ER_SP_BADRETURN(1313, "42000", "RETURN is only allowed in a FUNCTION"),
    ER_SP_NORETURN(1320, "42000", "No RETURN found in FUNCTION %s"),
    ER_SP_NORETURNEND(1321, "2F005", "FUNCTION %s ended without RETURN"),
    ER_SP_NO_RETSET(1415, "0A000", "Not allowed to return a result set from a %s"),
    ER_SP_COND_MISMATCH(1319, "42000", "Undefined CONDITION: %s"),
    ER_SP_BAD_SQLSTATE(1407, "42000", "Bad SQLSTATE: '%s'"),
    ER_SIGNAL_WARN(1642, "01000", "Unhandled user-defined warning condition"),
    ER_SIGNAL_NOT_FOUND(1643, "02000", "Unhandled user-defined not found condition"),
    ER_RESIGNAL_WITHOUT_ACTIVE_HANDLER(1645, "0K000", "RESIGNAL when handler not active"),
    ER_SIGNAL_BAD_CONDITION_TYPE(1646, "HY000", "SIGNAL/RESIGNAL can only use a CONDITION defined with SQLSTATE"),
    ER_SP_LILABEL_MISMATCH(1308, "42000", "%s with no matching label: %s"),
    ER_SP_LABEL_REDEFINE(1309, "42000", "Redefining label %s"),
    ER_SP_LABEL_MISMATCH(1310, "42000", "End-label %s without match"),
    ER_SP_WRONG_NO_OF_ARGS(1318, "42000", "Incorrect number of arguments for %s %s; expected %d, got %d"),
    ER_SP_CURSOR_MISMATCH(1324, "42000", "Undefined CURSOR: %s"),
    ER_SP_CURSOR_ALREADY_OPEN(1325, "24000", "Cursor is already open"),
    ER_SP_CURSOR_NOT_OPEN(1326, "24000", "Cursor is not open"),
    ER_SP_UNDECLARED_VAR(1327, "42000", "Undeclared variable: %s"),
    ER_WARNING_NOT_COMPLETE_ROLLBACK_WITH_CREATED_TEMP_TABLE(1751, "HY000",
            "The creation of some temporary tables could not be rolled back."),
    ER_WARNING_NOT_COMPLETE_ROLLBACK_WITH_DROPPED_TEMP_TABLE(1752, "HY000",
            "Some temporary tables were dropped, but these operations could not be rolled back."),
    ER_DA_INVALID_CONDITION_NUMBER(1758, "35000", "Invalid condition number"),
    ER_SP_WRONG_NO_OF_FETCH_ARGS(1328, "HY000", "Incorrect number of FETCH variables"),
    ER_SP_FETCH_NO_DATA(1329, "02000", "No data - zero rows fetched, selected, or processed"),
    ER_SP_DUP_PARAM(1330, "42000", "Duplicate parameter: %s"),
    ER_SP_DUP_VAR(1331, "42000", "Duplicate variable: %s"),
    ER_SP_DUP_CURS(1333, "42000", "Duplicate cursor: %s"),
    ER_SP_CASE_NOT_FOUND(1339, "20000", "Case not found for CASE statement"),
    ER_SP_NOT_VAR_ARG(1414, "42000", "OUT or INOUT argument %d for routine %s is not a variable or NEW pseudo-variable in BEFORE trigger"),
    ER_SP_NO_RECURSION(1424, "HY000", "Recursive stored functions and triggers are not allowed."),
    ER_SP_RECURSION_LIMIT(1456, "HY000", "Recursive limit %d (as set by the max_sp_recursion_depth variable) was exceeded for routine %s"),
    ER_TOO_MANY_ROWS(1172, "42000", "Result consisted of more than one row"),
    ER_CANNOT_USER(1396, "HY000", "Operation %s failed for %s"),
    ER_NONEXISTING_PROC_GRANT(1403, "42000", "There is no such grant defined for user '%s' on host '%s' on routine '%s'"),
    ER_TOO_BIG_DISPLAYWIDTH(1439, "42000", "Display width out of range for column '%s' (max = %d)"),
    ER_TOO_BIG_SCALE(1425, "42000", "Too big scale %d specified for column '%s'. Maximum is %d."),
    ER_M_BIGGER_THAN_D(1427, "42000", "For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column '%s')."),
    ER_WRONG_FIELD_WITH_GROUP(1055, "42000", "Expression #%d of %s is not in GROUP BY clause and contains nonaggregated"
            + " column '%s' which is not functionally dependent on columns in GROUP BY clause; this is incompatible with"
            + " sql_mode=only_full_group_by"),
    ER_MIX_OF_GROUP_FUNC_AND_FIELDS(1140, "42000", "In aggregated query without GROUP BY, expression #%d of SELECT list"
            + " contains nonaggregated column '%s'; this is incompatible with sql_mode=only_full_group_by"),
    ER_DATA_TOO_LONG(1406, "22001", "Data too long for column '%s' at row %d"),
    ER_WRONG_STRING_LENGTH(1470, "HY000", "String '%s' is too long for %s (should be no longer than %d)"),
    ER_TRUNCATED_WRONG_VALUE_FOR_FIELD(1366, "HY000", "Incorrect %s value: '%s' for column '%s' at row %d"),
    ER_DB_CREATE_EXISTS(1007, "HY000", "Can't create database '%s'; database exists"),
    ER_DB_DROP_EXISTS(1008, "HY000", "Can't drop database '%s'; database doesn't exist"),
    ER_NO_SUCH_TABLE(1146, "42S02", "Table '%s.%s' doesn't exist"),
    ER_NONEXISTING_TABLE_GRANT(1147, "42000", "There is no such grant defined for user '%s' on host '%s' on table '%s'"),
    ER_SYNTAX_ERROR(1149, "42000", "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use"),
    ER_CANT_DO_THIS_DURING_AN_TRANSACTION(1179, "25000", "You are not allowed to execute this command in a transaction"),
    ER_WRONG_ARGUMENTS(1210, "HY000", "Incorrect arguments to %s"),
    ER_CANT_UPDATE_WITH_READLOCK(1223, "HY000", "Can't execute the query because you have a conflicting read lock"),
    ER_NOT_ALLOWED_COMMAND(1148, "42000", "The used command is not allowed with this MySQL version"),
    ER_WARN_TOO_FEW_RECORDS(1261, "01000", "Row %d doesn't contain data for all columns"),
    ER_WARN_TOO_MANY_RECORDS(1262, "01000", "Row %d was truncated; it contained more data than there were input columns"),
    ER_FILE_EXISTS_ERROR(1086, "HY000", "File '%s' already exists"),
    ER_CANT_CREATE_FILE(1004, "HY000", "Can't create file '%s' (Errcode: %d - %s)"),
    ER_FILE_NOT_FOUND(29, "HY000", "File '%s' not found (Errcode: %d - %s)"),
    ER_OPTION_PREVENTS_STATEMENT(1290, "HY000", "The MySQL server is running with the %s option so it cannot execute this statement"),
    ER_QUERY_INTERRUPTED(1317, "70100", "Query execution was interrupted"),
    ER_KEY_DOES_NOT_EXITS(1176, "42000", "Key '%s' doesn't exist in table '%s'"),
    ER_TRG_ALREADY_EXISTS(1359, "HY000", "Trigger already exists"),
    ER_TRG_DOES_NOT_EXIST(1360, "HY000", "Trigger does not exist"),
    ER_TRG_ON_VIEW_OR_TEMP_TABLE(1361, "HY000", "Trigger's '%s' is view or temporary table"),
    ER_TRG_CANT_CHANGE_ROW(1362, "HY000", "Updating of %s row is not allowed in %strigger"),
    ER_TRG_NO_SUCH_ROW_IN_TRG(1363, "HY000", "There is no %s row in %s trigger"),
    ER_TRG_IN_WRONG_SCHEMA(1435, "HY000", "Trigger in wrong schema"),
    ER_SIGNAL_EXCEPTION(1644, "HY000", "Unhandled user-defined exception condition"),
    ER_INVALID_JSON_TEXT(3140, "22032", "Invalid JSON text: \"%s\" at position %d in value for column '%s'."),
    // the JSON functions (MySQL 5.7's texts)
    ER_INVALID_JSON_TEXT_IN_PARAM(3141, "22032", "Invalid JSON text in argument %d to function %s: \"%s\" at position %d."),
    ER_INVALID_JSON_PATH(3143, "42000", "Invalid JSON path expression. The error is around character position %d."),
    ER_INVALID_TYPE_FOR_JSON(3146, "22032", "Invalid data type for JSON data in argument %d to function %s; a JSON string or JSON type is required."),
    ER_INVALID_JSON_PATH_WILDCARD(3149, "42000", "In this situation, path expressions may not contain the * and ** tokens."),
    ER_JSON_VACUOUS_PATH(3153, "42000", "The path expression '$' is not allowed in this context."),
    ER_JSON_BAD_ONE_OR_ALL_ARG(3154, "42000", "The oneOrAll argument to %s may take these values: 'one' or 'all'."),
    ER_JSON_DOCUMENT_TOO_DEEP(3157, "22032", "The JSON document exceeds the maximum depth of 100."),
    ER_JSON_DOCUMENT_NULL_KEY(3158, "22032", "JSON documents may not contain NULL member names."),
    ER_INVALID_JSON_PATH_ARRAY_CELL(3165, "42000", "A path expression is not a path to a cell in an array."),
    ER_USER_LOCK_WRONG_NAME(3057, "42000", "Incorrect user-level lock name '%s'."),
    ER_USER_LOCK_DEADLOCK(3058, "40001", "Deadlock found when trying to get user-level lock; try rolling back"
            + " transaction/releasing locks and restarting lock acquisition."),
    ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT(1582, "42000", "Incorrect parameter count in the call to native function '%s'"),
    ER_NO_SUCH_USER(1449, "HY000", "The user specified as a definer ('%s'@'%s') does not exist"),
    ER_MALFORMED_DEFINER(1446, "HY000", "The user specified as a definer ('%s'@'%s') does not exist"),
    ER_PLUGIN_IS_NOT_LOADED(1524, "HY000", "Plugin '%s' is not loaded"),
    ER_MUST_CHANGE_PASSWORD(1820, "HY000",
            "You must reset your password using ALTER USER statement before executing this statement."),
    ER_MUST_CHANGE_PASSWORD_LOGIN(1862, "HY000",
            "Your password has expired. To log in you must change it using a client that supports expired passwords."),
    ER_WRONG_VALUE(1525, "HY000", "Incorrect %s value: '%s'"),
    ER_CANT_CREATE_USER_WITH_GRANT(1410, "42000", "You are not allowed to create a user with GRANT"),
    ER_BINLOG_ROW_INJECTION_AND_STMT_MODE(1664, "HY000", "Cannot execute statement: impossible to write to binary"
            + " log since statement is in row format and BINLOG_FORMAT = STATEMENT."),
    ER_DUP_ARGUMENT(1225, "HY000", "Option '%s' used twice in statement"),
    ER_CANT_SET_GTID_NEXT_TO_GTID_WHEN_GTID_MODE_IS_OFF(1781, "HY000",
            "@@SESSION.GTID_NEXT cannot be set to UUID:NUMBER when @@GLOBAL.GTID_MODE = OFF."),
    ER_CANT_SET_GTID_PURGED_WHEN_GTID_MODE_IS_OFF(1839, "HY000",
            "@@GLOBAL.GTID_PURGED can only be set when @@GLOBAL.GTID_MODE = ON."),
    ER_CANT_SET_GTID_PURGED_WHEN_GTID_EXECUTED_IS_NOT_EMPTY(1840, "HY000",
            "@@GLOBAL.GTID_PURGED can only be set when @@GLOBAL.GTID_EXECUTED is empty."),
    ER_GNO_EXHAUSTED(1775, "HY000", "Impossible to generate GTID: the integer component reached the maximum value. "
            + "Restart the server with a new server_uuid."),
    ER_BAD_SLAVE_AUTO_POSITION(1776, "HY000", "Parameters MASTER_LOG_FILE, MASTER_LOG_POS, RELAY_LOG_FILE and "
            + "RELAY_LOG_POS cannot be set when MASTER_AUTO_POSITION is active."),
    ER_AUTO_POSITION_REQUIRES_GTID_MODE_NOT_OFF(1777, "HY000", "CHANGE MASTER TO MASTER_AUTO_POSITION = 1 cannot be "
            + "executed because @@GLOBAL.GTID_MODE = OFF."),
    ER_GTID_MODE_ON_REQUIRES_ENFORCE_GTID_CONSISTENCY_ON(1779, "HY000",
            "GTID_MODE = ON requires ENFORCE_GTID_CONSISTENCY = ON."),
    ER_CANT_SET_GTID_NEXT_TO_ANONYMOUS_WHEN_GTID_MODE_IS_ON(1782, "HY000",
            "@@SESSION.GTID_NEXT cannot be set to ANONYMOUS when @@GLOBAL.GTID_MODE = ON."),
    ER_GTID_UNSAFE_CREATE_SELECT(1786, "HY000", "Statement violates GTID consistency: CREATE TABLE ... SELECT."),
    ER_GTID_UNSAFE_CREATE_DROP_TEMPORARY_TABLE_IN_TRANSACTION(1787, "HY000", "Statement violates GTID consistency: "
            + "CREATE TEMPORARY TABLE and DROP TEMPORARY TABLE can only be executed outside transactional context.  "
            + "These statements are also not allowed in a function or trigger because functions and triggers are also "
            + "considered to be multi-statement transactions."),
    ER_GTID_MODE_CAN_ONLY_CHANGE_ONE_STEP_AT_A_TIME(1788, "HY000", "The value of @@GLOBAL.GTID_MODE can only be "
            + "changed one step at a time: OFF <-> OFF_PERMISSIVE <-> ON_PERMISSIVE <-> ON. Also note that this value "
            + "must be stepped up or down simultaneously on all servers. See the Manual for instructions."),
    ER_VARIABLE_NOT_SETTABLE_IN_TRANSACTION(1766, "HY000", "The system variable %s cannot be set when there is "
            + "an ongoing transaction."),
    ER_CANT_SET_GTID_NEXT_WHEN_OWNING_GTID(1790, "HY000", "@@SESSION.GTID_NEXT cannot be changed by a client that "
            + "owns a GTID. The client owns %s. Ownership is released on COMMIT or ROLLBACK."),
    ER_GTID_NEXT_TYPE_UNDEFINED_GROUP(1837, "HY000", "When @@SESSION.GTID_NEXT is set to a GTID, you must "
            + "explicitly set it to a different value after a COMMIT or ROLLBACK. Please check GTID_NEXT variable "
            + "manual page for detailed explanation. Current @@SESSION.GTID_NEXT is '%s'."),
    ER_CANT_DO_IMPLICIT_COMMIT_IN_TRX_WHEN_GTID_NEXT_IS_SET(1778, "HY000", "Cannot execute statements with implicit "
            + "commit inside a transaction when @@SESSION.GTID_NEXT == 'UUID:NUMBER'."),
    ER_GTID_MODE_OFF(3062, "HY000", "Cannot use %s when GTID_MODE = OFF."),
    ER_CANT_SET_GTID_MODE(3111, "HY000", "SET @@GLOBAL.GTID_MODE = %s is not allowed because %s."),
    ER_CANT_ENFORCE_GTID_CONSISTENCY_WITH_ONGOING_GTID_VIOLATING_TX(3116, "HY000", "Cannot set "
            + "ENFORCE_GTID_CONSISTENCY = ON because there are ongoing transactions that violate GTID consistency."),
    ER_MALFORMED_GTID_SET_SPECIFICATION(1772, "HY000", "Malformed GTID set specification '%s'."),
    ER_SECURE_TRANSPORT_REQUIRED(3159, "HY000",
            "Connections using insecure transport are prohibited while --require_secure_transport=ON."),
    ER_NO_SECURE_TRANSPORTS_CONFIGURED(3160, "HY000",
            "No secure transports (SSL or Shared Memory) are configured, unable to set --require_secure_transport=ON."),
    ER_USER_DOES_NOT_EXIST(3162, "HY000", "User %s does not exist."),
    ER_USER_ALREADY_EXISTS(3163, "HY000", "User %s already exists."),
    ER_DIVISION_BY_ZERO(1365, "22012", "Division by 0"),
    ER_WARN_DATA_OUT_OF_RANGE(1264, "22003", "Out of range value for column '%s' at row %d"),
    ER_DATA_OUT_OF_RANGE(1690, "22003", "%s value is out of range in '%s'"),
    ER_WRONG_OBJECT(1347, "HY000", "'%s.%s' is not %s"),
    ER_TRUNCATE_ILLEGAL_FK(1701, "42000", "Cannot truncate a table referenced in a foreign key constraint (%s)"),
    ER_NO_DEFAULT_FOR_FIELD(1364, "HY000", "Field '%s' doesn't have a default value"),
    ER_NO_REFERENCED_ROW(1452, "23000", "Cannot add or update a child row: a foreign key constraint fails (%s)"),
    ER_PARENT_TABLE_REFERENCED(1217, "23000", "Cannot delete or update a parent row: a foreign key constraint fails"),
    ER_ROW_IS_REFERENCED(1451, "23000", "Cannot delete or update a parent row: a foreign key constraint fails (%s)"),
    ER_DERIVED_MUST_HAVE_ALIAS(1248, "42000", "Every derived table must have its own alias"),
    ER_NON_UPDATABLE_TABLE(1288, "HY000", "The target table %s of the %s is not updatable"),
    ER_WARN_DEPRECATED_SYNTAX(1287, "HY000", "'%s' is deprecated and will be removed in a future release. Please use %s instead"),
    ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT(1222, "21000", "The used SELECT statements have a different number of columns"),
    ER_OPERAND_COLUMNS(1241, "21000", "Operand should contain %d column(s)"),
    ER_SUBQUERY_NO_1_ROW(1242, "21000", "Subquery returns more than 1 row"),
    ER_WRONG_VALUE_COUNT_ON_ROW(1136, "21S01", "Column count doesn't match value count at row %d"),
    ER_VIEW_INVALID(1356, "HY000", "View '%s.%s' references invalid table(s) or column(s) or function(s) or definer/invoker of view lack rights to use them"),
    ER_NON_UNIQ_ERROR(1052, "23000", "Column '%s' in %s is ambiguous"),
    ER_MULTIPLE_PRI_KEY(1068, "42000", "Multiple primary key defined"),
    ER_CANT_DROP_FIELD_OR_KEY(1091, "42000", "Can't DROP '%s'; check that column/key exists"),
    ER_DROP_INDEX_FK(1553, "HY000", "Cannot drop index '%s': needed in a foreign key constraint"),
    ER_CHECK_NOT_IMPLEMENTED(1178, "42000", "The storage engine for the table doesn't support %s"),
    ER_RUN_HOOK_ERROR(3100, "HY000", "Error on observer while running replication hook '%s'."),
    ER_NOT_VALID_PASSWORD(1819, "HY000", "Your password does not satisfy the current policy requirements"),
    ER_NO_FORMAT_DESCRIPTION_EVENT_BEFORE_BINLOG_STATEMENT(1609, "HY000", "The BINLOG statement of type `%s` was not"
            + " preceded by a format description BINLOG statement."),
    ER_ONLY_FD_AND_RBR_EVENTS_ALLOWED_IN_BINLOG_STATEMENT(1730, "HY000", "Only Format_description_log_event and row"
            + " events are allowed in BINLOG statements (but %s was provided)"),
    ER_BASE64_DECODE_ERROR(1575, "HY000", "Decoding of base64 string failed"),
    ER_BINLOG_UNSAFE_STATEMENT(1592, "HY000", "Unsafe statement written to the binary log using statement format"
            + " since BINLOG_FORMAT = STATEMENT. %s"),
    ER_BINLOG_LOGGING_IMPOSSIBLE(1598, "HY000", "Binary logging not possible. Message: %s"),
    ER_BINLOG_PURGE_FATAL_ERR(1377, "HY000", "Fatal error during log purge"),
    ER_LOG_IN_USE(1378, "HY000", "A purgeable log is in use, will not purge"),
    ER_ERROR_WHEN_EXECUTING_COMMAND(1220, "HY000", "Error when executing command %s: %s"),
    ER_NO_BINARY_LOGGING(1381, "HY000", "You are not using binary logging"),
    ER_BEFORE_DML_VALIDATION_ERROR(3098, "HY000", "The table does not comply with the requirements by an external plugin."),
    ER_TOO_LONG_IDENT(1059, "42000", "Identifier name '%s' is too long"),
    ER_WRONG_DB_NAME(1102, "42000", "Incorrect database name '%s'"),
    ER_WRONG_TABLE_NAME(1103, "42000", "Incorrect table name '%s'"),
    ER_INVALID_GROUP_FUNC_USE(1111, "HY000", "Invalid use of group function"),
    ER_READ_ONLY_TRANSACTION(1207, "25000", "Update locks cannot be acquired during a READ UNCOMMITTED transaction"),
    ER_CANT_CHANGE_TX_CHARACTERISTICS(1568, "25001", "Transaction characteristics can't be changed while a transaction is in progress"),
    ER_WRONG_USAGE(1221, "HY000", "Incorrect usage of %s and %s"),
    ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION(1792, "25006", "Cannot execute statement in a READ ONLY transaction."),
    ER_UNKNOWN_STMT_HANDLER(1243, "HY000", "Unknown prepared statement handler (%s) given to %s"),
    ER_PS_MANY_PARAM(1390, "HY000", "Prepared statement contains too many placeholders"),
    ER_STMT_HAS_NO_OPEN_CURSOR(1421, "HY000", "The statement (%s) has no open cursor."),
    ER_MAX_PREPARED_STMT_COUNT_REACHED(1461, "42000", "Can't create more than max_prepared_stmt_count statements (current value: %s)"),
    ER_MALFORMED_PACKET(1835, "HY000", "Malformed communication packet."),
    ER_ILLEGAL_GRANT_FOR_TABLE(1144, "42000", "Illegal GRANT/REVOKE command; please consult the manual to see which privileges can be used"),
    ER_REVOKE_GRANTS(1269, "HY000", "Can't revoke all privileges for one or more of the requested users"),
    ER_PASSWORD_FORMAT(1827, "HY000", "The password hash doesn't have the expected format. Check if the correct password algorithm is being used with the PASSWORD() function."),
    ER_UNKNOWN_TARGET_BINLOG(1373, "HY000", "Target log not found in binlog index"),
    ER_ACCOUNT_HAS_BEEN_LOCKED(3118, "HY000", "Access denied for user '%s'@'%s'. Account is locked."),
    // binlog dump (source side of replication): MySQL 5.7's ER_MASTER_FATAL_ERROR_READING_BINLOG
    // sent by the dump thread with the sender's own text (rpl_binlog_sender.cc); the replica wraps it
    // in "Got fatal error 1236 from master when reading data from binary log: '...'"
    ER_DUMP_BINLOG_NOT_OPEN(1236, "HY000", "Binary log is not open"),
    ER_DUMP_MASTER_SERVER_ID_ZERO(1236, "HY000", "Misconfigured master - master server_id is 0"),
    ER_DUMP_EQUAL_SERVER_IDS(1236, "HY000", "The slave I/O thread stops because master and slave have equal MySQL server ids; these ids must be different for replication to work (or the --replicate-same-server-id option must be used on slave but this does not always make sense; please check the manual before using it)"),
    ER_DUMP_FIRST_LOG_NOT_FOUND(1236, "HY000", "Could not find first log file name in binary log index file"),
    ER_DUMP_POSITION_BELOW_HEADER(1236, "HY000", "Client requested master to start replication from position < 4"),
    ER_DUMP_POSITION_BEYOND_FILE(1236, "HY000", "Client requested master to start replication from position > file size"),
    ER_DUMP_SLAVE_CANNOT_HANDLE_CHECKSUM(1236, "HY000", "Slave can not handle replication events with the checksum that master is configured to log"),
    ER_DUMP_NEXT_LOG_NOT_FOUND(1236, "HY000", "could not find next log"),
    ER_DUMP_DUPLICATE_SLAVE(1236, "HY000", "A slave with the same server_uuid/server_id as this slave has connected to the master"),
    ER_DUMP_BOGUS_EVENT(1236, "HY000", "bogus data in log event"),
    ER_DUMP_TRUNCATED_EVENT(1236, "HY000", "binlog truncated in the middle of event; consider out of disk space on master"),
    ER_DUMP_CRC_FAILURE(1236, "HY000", "event read from binlog did not pass crc check"),
    ER_DUMP_READ_IO(1236, "HY000", "I/O error reading log event"),
    // COM_BINLOG_DUMP_GTID and the GTID checks of every dump (row-events B.8)
    ER_DUMP_AUTO_POSITION_NEEDS_GTID_MODE_ON(1236, "HY000", "The replication sender thread cannot start in "
            + "AUTO_POSITION mode: this server has GTID_MODE = %s instead of ON."),
    ER_DUMP_SLAVE_HAS_MORE_GTIDS_THAN_MASTER(1236, "HY000", "Slave has more GTIDs than the master has, using the "
            + "master's SERVER_UUID. This may indicate that the end of the binary log was truncated or that the last "
            + "binary log file was lost, e.g., after a power or disk failure when sync_binlog != 1. The master may or "
            + "may not have rolled back transactions that were already replicated to the slave. Suggest to replicate "
            + "any transactions that master has rolled back from slave to master, and/or commit empty transactions on "
            + "master to account for transactions that have been committed on master but are not included in "
            + "GTID_EXECUTED."),
    ER_DUMP_MASTER_HAS_PURGED_REQUIRED_GTIDS(1236, "HY000", "The slave is connecting using CHANGE MASTER TO "
            + "MASTER_AUTO_POSITION = 1, but the master has purged binary logs containing GTIDs that the slave requires. "
            + "Replicate the missing transactions from elsewhere, or provision a new slave from backup. Consider "
            + "increasing the master's binary log expiration period. The GTID set sent by the slave is '%s', and the "
            + "missing transactions are '%s'."),
    ER_DUMP_ANONYMOUS_WITH_AUTO_POSITION(1236, "HY000", "Cannot replicate anonymous transaction when "
            + "AUTO_POSITION = 1, at file %s, position %d."),
    ER_DUMP_ANONYMOUS_WHEN_GTID_MODE_ON(1236, "HY000", "Cannot replicate anonymous transaction when "
            + "@@GLOBAL.GTID_MODE = ON, at file %s, position %d."),
    ER_DUMP_GTID_WHEN_GTID_MODE_OFF(1236, "HY000", "Cannot replicate GTID-transaction when @@GLOBAL.GTID_MODE = OFF, "
            + "at file %s, position %d."),
    /** A transmit hook failed in a dump (5.7's set_unknow_error texts, sent as ER_UNKNOWN_ERROR). */
    ER_DUMP_HOOK_FAILED(1105, "HY000", "Failed to run hook '%s'"),
    ER_DUMP_BEFORE_SEND_HOOK_FAILED(1105, "HY000", "run '%s' hook failed"),
    /** A fatal dump error once a file was opened: the reason, then where the dump was (5.7's Binlog_sender::run). */
    ER_DUMP_FATAL_AT(1236, "HY000", "%s; the first event '%s' at %d, the last event read from '%s' at %d, the last byte read from '%s' at %d."),
    // plugin framework (spec plugin-framework.md §A.9), MySQL 5.7's numbers and texts with its truncation widths
    ER_CANT_INITIALIZE_UDF(1123, "HY000", "Can't initialize function '%.192s'; %.80s"),
    ER_UDF_NO_PATHS(1124, "HY000", "No paths allowed for shared library"),
    ER_UDF_EXISTS(1125, "HY000", "Function '%.192s' already exists"),
    ER_CANT_OPEN_LIBRARY(1126, "HY000", "Can't open shared library '%.192s' (errno: %d %.128s)"),
    ER_CANT_FIND_DL_ENTRY(1127, "HY000", "Can't find symbol '%.128s' in library"),
    ER_PLUGIN_DELETE_BUILTIN(1619, "HY000", "Built-in plugins cannot be deleted"),
    WARN_PLUGIN_BUSY(1620, "HY000", "Plugin is busy and will be uninstalled on shutdown"),
    ER_PLUGIN_IS_PERMANENT(1702, "HY000", "Plugin '%s' is force_plus_permanent and can not be unloaded"),
    ER_PLUGIN_NO_UNINSTALL(1720, "HY000", "Plugin '%s' is marked as not dynamically uninstallable. You have to stop the server to uninstall it."),
    ER_PLUGIN_NO_INSTALL(1721, "HY000", "Plugin '%s' is marked as not dynamically installable. You have to stop the server to install it."),
    ER_PLUGIN_CANNOT_BE_UNINSTALLED(1883, "HY000", "Plugin '%s' cannot be uninstalled now. %s"),
    ER_PLUGIN_INSTALLED(1968, "HY000", "Plugin '%.192s' already installed"),
    // replica statements (replication/replica): MySQL 5.7's texts, channel '' for the default channel
    ER_SLAVE_MUST_STOP(1198, "HY000", "This operation cannot be performed with a running slave; run STOP SLAVE first"),
    ER_BAD_SLAVE(1200, "HY000", "The server is not configured as slave; fix in config file or with CHANGE MASTER TO"),
    ER_RELAY_LOG_INIT(1380, "HY000", "Failed initializing relay log position: %s"),
    ER_MASTER_INFO(1201, "HY000", "Could not initialize master info structure; more error messages can be found in the MySQL error log"),
    ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE(1624, "HY000", "The requested value for the heartbeat period is either negative or exceeds the maximum allowed (%s seconds)."),
    ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE_MIN(1703, "HY000", "The requested value for the heartbeat period is less than 1 millisecond. The value is reset to 0, meaning that heartbeating will effectively be disabled."),
    ER_SLAVE_HEARTBEAT_VALUE_OUT_OF_RANGE_MAX(1704, "HY000", "The requested value for the heartbeat period exceeds the value of `slave_net_timeout' seconds. A sensible value for the period should be less than the timeout."),
    ER_INSECURE_PLAIN_TEXT(1759, "HY000", "Sending passwords in plain text without SSL/TLS is extremely insecure."),
    ER_INSECURE_CHANGE_MASTER(1760, "HY000", "Storing MySQL user name or password information in the master info repository is not secure and is therefore not recommended. Please consider using the USER and PASSWORD connection options for START SLAVE; see the 'START SLAVE Syntax' in the MySQL Manual for more information."),
    ER_SLAVE_CHANNEL_WAS_RUNNING(3083, "HY000", "Replication thread(s) for channel '%s' are already runnning."),
    ER_SLAVE_CHANNEL_WAS_NOT_RUNNING(3084, "HY000", "Replication thread(s) for channel '%s' are already stopped."),
    // the multi-threaded applier (row-events-gtid-mts.md C.1, C.2, C.5)
    ER_SLAVE_SQL_THREAD_MUST_STOP(3017, "HY000", "This operation cannot be performed with a running slave sql thread; "
            + "run STOP SLAVE SQL_THREAD first"),
    ER_DONT_SUPPORT_SLAVE_PRESERVE_COMMIT_ORDER(3031, "HY000", "slave_preserve_commit_order is not supported %s."),
    ER_SLAVE_WORKER_STOPPED_PREVIOUS_THD_ERROR(3030, "HY000", "Slave worker has stopped after at least one previous worker "
            + "encountered an error when slave-preserve-commit-order was enabled. To preserve commit order, the last "
            + "transaction executed by this thread has not been committed. When restarting the slave after fixing any "
            + "failed threads, you should fix this worker as well."),
    // replica IO thread (replication/replica/IoThread): Last_IO_Errno / Last_IO_Error, MySQL 5.7's texts
    ER_SLAVE_FATAL_ERROR(1593, "HY000", "Fatal error: %s"),
    ER_MASTER_FATAL_ERROR_READING_BINLOG(1236, "HY000", "Got fatal error %d from master when reading data from binary log: '%.320s'"),
    ER_SLAVE_RELAY_LOG_WRITE_FAILURE(1595, "HY000", "Relay log write failure: %s"),
    ER_SLAVE_MASTER_COM_FAILURE(1597, "HY000", "Master command %s failed: %s"),
    ER_SLAVE_HEARTBEAT_FAILURE(1623, "HY000", "Unexpected master's heartbeat data: %s"),
    ER_NETWORK_READ_EVENT_CHECKSUM_FAILURE(1743, "HY000", "Replication event checksum verification failed while reading from network."),
    // what a replica's client connection hears (wire, replication/client): a reply out of sequence, and
    // the errors a source sends when the connection is going away (MySQL 5.7's texts; 1927 is MariaDB's)
    ER_NET_PACKETS_OUT_OF_ORDER(1156, "08S01", "Got packets out of order"),
    ER_NEW_ABORTING_CONNECTION(1184, "08S01", "Aborted connection %d to db: '%.192s' user: '%.48s' host: '%.64s' (%.64s)"),
    ER_CONNECTION_KILLED(1927, "70100", "Connection was killed"),
    ;

    private final int number;
    private final String sqlState;
    private final String template;

    ErrorCode(int number, String sqlState, String template) {
        this.number = number;
        this.sqlState = sqlState;
        this.template = template;
    }

    public int number() {
        return number;
    }

    public String sqlState() {
        return sqlState;
    }

    /** The message a user sees, with the template's arguments filled in. */
    public String message(Object... args) {
        return args.length == 0 ? template : String.format(Locale.ROOT, template, args);
    }

    /** An exception carrying this error, ready to throw. */
    public SqlError error(Object... args) {
        return new SqlError(number, sqlState, message(args));
    }
}
