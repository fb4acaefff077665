package io.minisqld.server.engine.h2;

import java.util.Set;

/**
 * The engine's built-in functions that MySQL 5.7 does not have. Through the server they are
 * unknown functions (1305), as on MySQL: several would reach past the SQL layer — read or write the
 * server's files (FILE_READ, FILE_WRITE, CSVREAD, CSVWRITE), open connections (LINK_SCHEMA), end
 * other sessions (ABORT_SESSION, CANCEL_SESSION) or show the engine's internals (DATABASE_PATH,
 * MEMORY_USED) — and the others would answer in the engine's dialect instead of refusing.
 */
final class EngineOnlyFunctions {
    static final Set<String> NAMES = Set.of(
            "FILE_READ", "FILE_WRITE", "CSVREAD", "CSVWRITE", "LINK_SCHEMA", "ABORT_SESSION", "CANCEL_SESSION",
            "AUTOCOMMIT", "DATABASE_PATH", "H2VERSION", "LOCK_MODE", "LOCK_TIMEOUT", "MEMORY_FREE", "MEMORY_USED",
            "READONLY", "SESSION_ID", "TRANSACTION_ID", "DISK_SPACE_USED", "ESTIMATED_ENVELOPE", "DATA_TYPE_SQL",
            "DB_OBJECT_ID", "DB_OBJECT_SQL", "SIGNAL", "TRUNCATE_VALUE", "CURRVAL", "NEXTVAL", "ZERO", "UNNEST",
            "TABLE_DISTINCT", "SYSTEM_RANGE", "ROUNDMAGIC", "TRUNC", "SINH", "COSH", "TANH", "BITAND", "BITOR",
            "BITXOR", "BITNOT", "BITNAND", "BITNOR", "BITXNOR", "BITGET", "BITCOUNT", "LSHIFT", "RSHIFT", "ULSHIFT",
            "URSHIFT", "ROTATELEFT", "ROTATERIGHT", "DATE_TRUNC", "DATEADD", "FORMATDATETIME", "PARSEDATETIME",
            "CARDINALITY", "ARRAY_MAX_CARDINALITY", "TRANSLATE", "CHR", "STRINGENCODE", "STRINGDECODE",
            "STRINGTOUTF8", "UTF8TOSTRING", "HEXTORAW", "RAWTOHEX", "QUOTE_IDENT", "TO_CHAR", "XMLATTR", "XMLCDATA",
            "XMLCOMMENT", "XMLNODE", "XMLSTARTDOC", "XMLTEXT", "TRIM_ARRAY", "ARRAY_CONTAINS", "ARRAY_SLICE",
            "EXPAND", "DIFFERENCE", "ENCRYPT", "DECRYPT", "HASH", "ORA_HASH", "RANDOM", "SECURE_RAND",
            "RANDOM_UUID", "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_CATALOG", "ARRAY_AGG", "LISTAGG",
            "BIT_AND_AGG", "BIT_OR_AGG", "BIT_XOR_AGG", "BIT_NAND_AGG", "BIT_NOR_AGG", "BIT_XNOR_AGG",
            "EVERY", "BOOL_AND", "BOOL_OR", "MEDIAN", "MODE", "ENVELOPE", "HISTOGRAM", "PERCENTILE_CONT",
            "PERCENTILE_DISC", "REGR_SLOPE", "REGR_INTERCEPT", "REGR_COUNT", "REGR_R2", "REGR_AVGX", "REGR_AVGY",
            "REGR_SXX", "REGR_SYY", "REGR_SXY", "COVAR_POP", "COVAR_SAMP", "CORR", "RATIO_TO_REPORT");
}
