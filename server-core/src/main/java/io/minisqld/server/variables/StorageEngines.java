package io.minisqld.server.variables;

import io.minisqld.server.error.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL 5.7's storage engine names and the one this server has. Every table is an InnoDB table
 * (H2 underneath, with InnoDB's transactions and locking rules); the other engines MySQL knows
 * behave here as engines listed in MySQL's {@code disabled_storage_engines}: CREATE TABLE or ALTER
 * TABLE naming one fails with 3161 under NO_ENGINE_SUBSTITUTION and uses InnoDB with a warning
 * otherwise, and a name MySQL does not know is 1286 (a warning without NO_ENGINE_SUBSTITUTION).
 */
public final class StorageEngines {
    public static final String INNODB = "InnoDB";

    /** Upper-case name or alias → MySQL's spelling (handler.cc's sys_table_aliases included). */
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("INNODB", INNODB), Map.entry("INNOBASE", INNODB),
            Map.entry("MYISAM", "MyISAM"), Map.entry("MRG_MYISAM", "MRG_MYISAM"), Map.entry("MERGE", "MRG_MYISAM"),
            Map.entry("MEMORY", "MEMORY"), Map.entry("HEAP", "MEMORY"), Map.entry("CSV", "CSV"),
            Map.entry("ARCHIVE", "ARCHIVE"), Map.entry("BLACKHOLE", "BLACKHOLE"), Map.entry("FEDERATED", "FEDERATED"),
            Map.entry("PERFORMANCE_SCHEMA", "PERFORMANCE_SCHEMA"), Map.entry("NDB", "ndbcluster"),
            Map.entry("NDBCLUSTER", "ndbcluster"));

    /** The engines MySQL 5.7 knows that this server does not have, in disabled_storage_engines' form. */
    public static final List<String> DISABLED = List.of("MyISAM", "MRG_MYISAM", "MEMORY", "CSV", "ARCHIVE",
            "BLACKHOLE", "FEDERATED", "PERFORMANCE_SCHEMA", "ndbcluster");

    private StorageEngines() {
    }

    /** MySQL's spelling of an engine name or alias; null for a name MySQL does not know. */
    public static String mysqlName(String name) {
        return name == null ? null : KNOWN.get(name.toUpperCase(Locale.ROOT));
    }

    static Object canonical(Object value) {
        String known = value instanceof String s ? mysqlName(s) : null;
        return known == null ? value : known;
    }

    /** default_storage_engine: InnoDB; another engine MySQL knows is 1235, an unknown name 1286. */
    static void checkDefault(Object value) {
        String name = value == null ? "NULL" : value.toString();
        if (mysqlName(name) == null) throw ErrorCode.ER_UNKNOWN_STORAGE_ENGINE.error(name);
        if (!INNODB.equals(name)) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("default_storage_engine = " + name);
    }
}
