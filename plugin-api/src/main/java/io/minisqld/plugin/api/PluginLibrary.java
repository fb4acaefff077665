package io.minisqld.plugin.api;

import java.util.List;

/**
 * A plugin library: what one jar in {@code plugin_dir} declares, like a MySQL {@code .so}'s
 * {@code _mysql_plugin_declarations_}. The jar's PF4J {@code Plugin-Class} implements this
 * interface (extend {@link MinisqldPlugin} for that). The server loads the library when the first
 * of its plugins is installed and unloads it (closing its class loader) when the last is gone.
 *
 * <p>The server calls {@link #declarations()} once after loading, on the installing thread.
 */
public interface PluginLibrary {
    /**
     * The interface version this API defines, major.minor as {@code 0xMMmm}: 1.1 added to 1.0
     * {@link PluginRefusal}, {@link PluginContext#log()}, the transaction hooks' context, the
     * AUDIT observer family, {@link PasswordValidator} and {@link InformationSchemaTable}; 1.2 the
     * row changes of a transaction ({@code TransactionContext.rowChanges()}) and {@link JsonText}. A jar's build records the
     * version it compiled against as its manifest's {@code Plugin-Api-Version}.
     */
    int INTERFACE_VERSION = 0x0102;

    /** The plugins this library declares, in order. */
    List<PluginDeclaration> declarations();

    /** The plugin interface version the library was built against. */
    default int interfaceVersion() {
        return INTERFACE_VERSION;
    }
}
