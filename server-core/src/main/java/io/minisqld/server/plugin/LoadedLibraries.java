package io.minisqld.server.plugin;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin libraries loaded now, by jar (MySQL's {@code plugin_dl_array}): a library is loaded
 * when a SONAME first names it and unloaded, through the {@link LibraryLoader}, once none of its
 * plugins is registered. Not thread-safe: every method is called under the registry's install
 * lock (which also serialises the loader, as PF4J needs).
 */
final class LoadedLibraries {
    private static final Logger log = LoggerFactory.getLogger(LoadedLibraries.class);

    private final SonameResolver resolver;
    private final LibraryLoader loader;
    private final Map<Path, SharedLibrary> byJar = new HashMap<>();

    LoadedLibraries(SonameResolver resolver, LibraryLoader loader) {
        this.resolver = resolver;
        this.loader = loader;
    }

    /** The directory libraries are loaded from (absolute). */
    Path pluginDir() {
        return resolver.pluginDir();
    }

    /**
     * The library a SONAME names, loaded now if none of its plugins is registered; the caller
     * must {@link #releaseIfUnused} it if it ends up registering none.
     */
    SharedLibrary acquire(String soname) {
        Path jar = resolver.resolve(soname);
        SharedLibrary library = byJar.get(jar);
        if (library == null) {
            library = new SharedLibrary(loader.load(jar));
            byJar.put(jar, library);
        }
        return library;
    }

    /** The loaded library a SONAME names, without loading anything (MariaDB's UNINSTALL SONAME). */
    Optional<SharedLibrary> find(String soname) {
        SonameResolver.checkName(soname);
        return Optional.ofNullable(byJar.get(resolver.pluginDir().resolve(SonameResolver.jarName(soname))));
    }

    /** Unloads {@code library} if no registered plugin holds it (MySQL's {@code plugin_dl_del}). */
    void releaseIfUnused(SharedLibrary library) {
        if (library.plugins == 0 && byJar.get(library.loaded.path()) == library) {
            byJar.remove(library.loaded.path());
            try {
                loader.unload(library.loaded);
            } catch (RuntimeException failure) {
                log.warn("unloading plugin library '{}': {}", library.loaded.path().getFileName(), failure.toString());
            }
        }
    }

    /** Unloads whatever is still loaded (shutdown); failures are logged. */
    void close() {
        try {
            loader.close();
        } catch (RuntimeException failure) {
            log.warn("closing plugin libraries: {}", failure.toString());
        }
    }
}
