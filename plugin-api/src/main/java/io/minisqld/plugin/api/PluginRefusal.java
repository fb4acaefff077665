package io.minisqld.plugin.api;

/**
 * What a plugin's {@link PluginDeclaration#init} throws to refuse with a MySQL error of its own
 * instead of 1123 "Plugin initialization function failed." (as MySQL's semisync plugins refuse
 * with 4045 when the plugin of the other generation is installed): INSTALL PLUGIN fails with this
 * number, SQLSTATE and message, and the server undoes the installation as for any init failure.
 */
public final class PluginRefusal extends RuntimeException {
    private final int errorNumber;
    private final String sqlState;

    public PluginRefusal(int errorNumber, String sqlState, String message) {
        super(message);
        this.errorNumber = errorNumber;
        this.sqlState = sqlState;
    }

    public int errorNumber() {
        return errorNumber;
    }

    public String sqlState() {
        return sqlState;
    }
}
