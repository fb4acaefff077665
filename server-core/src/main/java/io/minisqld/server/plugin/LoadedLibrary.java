package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLibrary;
import java.nio.file.Path;
import java.util.List;

/**
 * One loaded plugin library: the jar, PF4J's id for it, and the declarations its
 * {@link PluginLibrary} returned once at load time (cached so that query paths never touch PF4J).
 *
 * @param id               the PF4J plugin id (from the manifest, never from the file name)
 * @param path             the jar
 * @param interfaceVersion the library's plugin interface version (PLUGIN_LIBRARY_VERSION)
 * @param declarations     the plugins the library declares, in order
 */
public record LoadedLibrary(String id, Path path, int interfaceVersion, List<PluginDeclaration> declarations) {
    public LoadedLibrary {
        declarations = List.copyOf(declarations);
    }
}
