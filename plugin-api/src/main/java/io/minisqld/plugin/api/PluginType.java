package io.minisqld.plugin.api;

/**
 * MySQL's plugin types (plugin-framework spec §B.2), with the text SHOW PLUGINS prints and the
 * type interface version INFORMATION_SCHEMA.PLUGINS shows as PLUGIN_TYPE_VERSION.
 */
public enum PluginType {
    UDF("UDF", 0x0000),
    STORAGE_ENGINE("STORAGE ENGINE", 50744 << 8),
    FTPARSER("FTPARSER", 0x0101),
    DAEMON("DAEMON", 50744 << 8),
    INFORMATION_SCHEMA("INFORMATION SCHEMA", 50744 << 8),
    AUDIT("AUDIT", 0x0304),
    /** Replication observers (semisync): MySQL 5.7's MYSQL_REPLICATION_INTERFACE_VERSION 0x0400. */
    REPLICATION("REPLICATION", 0x0400),
    AUTHENTICATION("AUTHENTICATION", 0x0101),
    VALIDATE_PASSWORD("VALIDATE PASSWORD", 0x0100),
    GROUP_REPLICATION("GROUP REPLICATION", 0x0101),
    KEYRING("KEYRING", 0x0101);

    private final String showName;
    private final int typeVersion;

    PluginType(String showName, int typeVersion) {
        this.showName = showName;
        this.typeVersion = typeVersion;
    }

    /** The PLUGIN_TYPE / Type column text. */
    public String showName() {
        return showName;
    }

    /** The type's interface version (PLUGIN_TYPE_VERSION, shown {@code major.minor}). */
    public int typeVersion() {
        return typeVersion;
    }
}
