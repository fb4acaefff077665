package io.minisqld.server.plugin;

import java.nio.file.Path;

/**
 * Loads and unloads plugin libraries (MySQL's {@code dlopen}/{@code dlclose}). The registry calls
 * it only under its install lock, so implementations need not be thread-safe. The PF4J
 * implementation is {@link Pf4jLibraryLoader}; tests pass in-memory libraries.
 */
public interface LibraryLoader extends AutoCloseable {

    /**
     * Loads the library in {@code jar} (which exists) and reads its declarations. Throws
     * {@link io.minisqld.server.error.SqlError} 1126 (unreadable, corrupt, invalid descriptor,
     * class loading failure) or 1127 {@code _mysql_plugin_declarations_} (not a server plugin).
     */
    LoadedLibrary load(Path jar);

    /** Unloads a library whose last plugin is gone, closing its class loader. */
    void unload(LoadedLibrary library);

    /** Unloads whatever is still loaded (shutdown). */
    @Override
    void close();
}
