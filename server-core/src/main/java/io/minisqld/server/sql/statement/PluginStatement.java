package io.minisqld.server.sql.statement;

/**
 * INSTALL PLUGIN [IF NOT EXISTS] name SONAME 'lib', INSTALL SONAME 'lib', UNINSTALL PLUGIN
 * [IF EXISTS] name, UNINSTALL SONAME [IF EXISTS] 'lib', SHOW PLUGINS.
 */
public sealed interface PluginStatement extends Statement {

    record Install(String name, String soname, boolean ifNotExists) implements PluginStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.INSTALL_PLUGIN;
        }
    }

    record InstallSoname(String soname) implements PluginStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.INSTALL_PLUGIN;
        }
    }

    record Uninstall(String name, boolean ifExists) implements PluginStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.UNINSTALL_PLUGIN;
        }
    }

    record UninstallSoname(String soname, boolean ifExists) implements PluginStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.UNINSTALL_PLUGIN;
        }
    }

    record Show() implements PluginStatement {
        @Override
        public StatementKind kind() {
            return StatementKind.SHOW_PLUGINS;
        }
    }
}
