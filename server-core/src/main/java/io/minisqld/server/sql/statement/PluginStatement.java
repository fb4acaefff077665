package io.minisqld.server.sql.statement;

/**
 * INSTALL PLUGIN [IF NOT EXISTS] name SONAME 'lib', INSTALL SONAME 'lib', UNINSTALL PLUGIN
 * [IF EXISTS] name, UNINSTALL SONAME [IF EXISTS] 'lib', SHOW PLUGINS.
 */
public sealed interface PluginStatement extends Statement {

    /** The kind of each statement of the family (its Com_ counter). */
    @Override
    default StatementKind kind() {
        if (this instanceof Install) return StatementKind.INSTALL_PLUGIN;
        if (this instanceof InstallSoname) return StatementKind.INSTALL_PLUGIN;
        if (this instanceof Uninstall) return StatementKind.UNINSTALL_PLUGIN;
        if (this instanceof UninstallSoname) return StatementKind.UNINSTALL_PLUGIN;
        if (this instanceof Show) return StatementKind.SHOW_PLUGINS;
        throw new IllegalStateException("no kind for " + getClass());
    }

    record Install(String name, String soname, boolean ifNotExists) implements PluginStatement {
    }

    record InstallSoname(String soname) implements PluginStatement {
    }

    record Uninstall(String name, boolean ifExists) implements PluginStatement {
    }

    record UninstallSoname(String soname, boolean ifExists) implements PluginStatement {
    }

    record Show() implements PluginStatement {
    }
}
