package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import java.util.Optional;

/**
 * A loaded library and how many registered plugins it holds (MySQL's {@code st_plugin_dl} with
 * its {@code ref_count}): its plugins share it, and it is unloaded when the count drops to zero
 * ({@link LoadedLibraries#releaseIfUnused}). {@link #plugins} is guarded by the registry's install
 * lock.
 */
final class SharedLibrary {
    final LoadedLibrary loaded;
    int plugins;

    SharedLibrary(LoadedLibrary loaded) {
        this.loaded = loaded;
    }

    /** The declaration of the plugin {@code name} (any case), if the library declares it. */
    Optional<PluginDeclaration> declaration(String name) {
        for (PluginDeclaration d : loaded.declarations()) {
            if (d.name().equalsIgnoreCase(name)) return Optional.of(d);
        }
        return Optional.empty();
    }
}
