package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginLibrary;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * Plugin libraries as PF4J jar plugins (spec plugin-framework.md §E.6–E.7): one jar is one PF4J
 * plugin whose {@code Plugin-Class} is the library's {@link PluginLibrary}. Loads one jar on
 * demand with {@code loadPlugin(path)} + {@code startPlugin(id)}, never scans the directory
 * ({@code loadPlugins()}) and never deletes a file ({@code deletePlugin()}); PF4J runs in
 * deployment mode and writes no {@code enabled.txt}/{@code disabled.txt}.
 *
 * <p>Not thread-safe, like PF4J's managers: the registry calls it under its install lock.
 */
public final class Pf4jLibraryLoader implements LibraryLoader {
    /** The symbol MySQL looks for in a library; its absence is error 1127. */
    static final String DECLARATIONS_SYMBOL = "_mysql_plugin_declarations_";

    /** The manifest attribute the build writes: the plugin API version a jar was compiled against. */
    static final String API_VERSION_ATTRIBUTE = "Plugin-Api-Version";

    private final Path pluginDir;
    /** The server's own version (x.y.z), which a jar's PF4J {@code Plugin-Requires} is checked against. */
    private final String serverVersion;
    /** Created with the first library: a server that never loads a plugin never touches PF4J. */
    private Manager manager;

    public Pf4jLibraryLoader(Path pluginDir) {
        this(pluginDir, "0.0.0");
    }

    /** @param serverVersion the minisqld version ({@code 0.1.0}), or "0.0.0" to check no Plugin-Requires */
    public Pf4jLibraryLoader(Path pluginDir, String serverVersion) {
        this.serverVersion = serverVersion;
        // a cached jar: URL keeps the JarFile open after the class loader closed (pf4j#694), so a
        // replaced jar would never be re-read; MySQL's dlopen has no such cache either
        URLConnection.setDefaultUseCaches("jar", false);
        this.pluginDir = pluginDir;
    }

    private Manager manager() {
        if (manager == null) manager = new Manager(pluginDir);
        return manager;
    }

    @Override
    public LoadedLibrary load(Path jar) {
        String where = jar.toString();
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException | SecurityException e) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, reason(e));
        }
        if (manifest == null || manifest.getMainAttributes().getValue("Plugin-Class") == null) {
            // a jar, but not a server plugin library: dlsym of the declarations fails in MySQL
            throw ErrorCode.ER_CANT_FIND_DL_ENTRY.error(DECLARATIONS_SYMBOL);
        }
        checkApiVersion(where, manifest.getMainAttributes().getValue(API_VERSION_ATTRIBUTE),
                PluginLibrary.INTERFACE_VERSION);
        checkRequires(where, manifest.getMainAttributes().getValue("Plugin-Requires"));
        String id;
        try {
            id = manager().loadPlugin(jar);
        } catch (RuntimeException | LinkageError e) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, reason(e));
        }
        if (id == null) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, "invalid plugin descriptor");
        }
        try {
            PluginState state;
            try {
                state = manager.startPlugin(id);
            } catch (RuntimeException | LinkageError e) {
                throw failure(where, e);
            }
            PluginWrapper wrapper = manager.getPlugin(id);
            if (state != PluginState.STARTED) {
                Throwable cause = wrapper.getFailedException();
                throw cause == null ? ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, "plugin state " + state)
                        : failure(where, cause);
            }
            Plugin plugin = wrapper.getPlugin();
            if (!(plugin instanceof PluginLibrary library)) {
                throw ErrorCode.ER_CANT_FIND_DL_ENTRY.error(DECLARATIONS_SYMBOL);
            }
            List<PluginDeclaration> declarations;
            int interfaceVersion;
            try {
                declarations = library.declarations();
                interfaceVersion = library.interfaceVersion();
            } catch (RuntimeException | LinkageError e) {
                throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, reason(e));
            }
            if (declarations == null || declarations.isEmpty()) {
                throw ErrorCode.ER_CANT_FIND_DL_ENTRY.error(DECLARATIONS_SYMBOL);
            }
            if ((interfaceVersion >> 8) != (PluginLibrary.INTERFACE_VERSION >> 8)) {
                // MySQL refuses a library whose major interface version differs
                throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, "plugin interface version mismatch: the library"
                        + " has " + versionText(interfaceVersion) + ", this server "
                        + versionText(PluginLibrary.INTERFACE_VERSION));
            }
            // PLUGIN_LIBRARY_VERSION: the version the jar's build recorded, when it recorded one
            int recorded = recordedApiVersion(manifest.getMainAttributes().getValue(API_VERSION_ATTRIBUTE));
            return new LoadedLibrary(id, jar, recorded >= 0 ? recorded : interfaceVersion, declarations);
        } catch (SqlError e) {
            discard(id);
            throw e;
        }
    }

    /**
     * The plugin API version the jar's build recorded (major.minor): another major, or a newer
     * minor than this server's, cannot work with its API (1126 naming both); an older minor can.
     * A jar without the attribute was built before it existed and is taken.
     */
    static void checkApiVersion(String where, String recorded, int serverApi) {
        if (recorded == null) return;
        int major;
        int minor;
        try {
            String[] parts = recorded.trim().split("\\.");
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, "unreadable " + API_VERSION_ATTRIBUTE + " '"
                    + recorded + "'");
        }
        int serverMajor = serverApi >> 8;
        int serverMinor = serverApi & 0xFF;
        if (major != serverMajor || minor > serverMinor) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, "built against plugin API " + major + "." + minor
                    + ", this server has plugin API " + serverMajor + "." + serverMinor + " ("
                    + (major != serverMajor ? "another major version" : "the library's minor version is newer") + ")");
        }
    }

    /** PF4J's {@code Plugin-Requires}: a version expression the server's version must satisfy. */
    private void checkRequires(String where, String requires) {
        if (requires == null || requires.isBlank() || requires.trim().equals("*") || serverVersion.equals("0.0.0")) {
            return;
        }
        boolean met;
        try {
            met = new org.pf4j.DefaultVersionManager().checkVersionConstraint(serverVersion, requires.trim());
        } catch (RuntimeException e) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, "unreadable Plugin-Requires '" + requires + "'");
        }
        if (!met) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, "requires minisqld " + requires.trim()
                    + ", this server is " + serverVersion);
        }
    }

    /** A recorded "major.minor" as 0xMMmm, or -1 when there is none (checkApiVersion read it already). */
    private static int recordedApiVersion(String recorded) {
        if (recorded == null) return -1;
        String[] parts = recorded.trim().split("\\.");
        return Integer.parseInt(parts[0]) << 8 | (parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
    }

    private static String versionText(int interfaceVersion) {
        return (interfaceVersion >> 8) + "." + (interfaceVersion & 0xFF);
    }

    private static SqlError failure(String where, Throwable e) {
        if (e instanceof NotALibrary) return ErrorCode.ER_CANT_FIND_DL_ENTRY.error(DECLARATIONS_SYMBOL);
        return ErrorCode.ER_CANT_OPEN_LIBRARY.error(where, 0, reason(e));
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof NotALibrary)) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private void discard(String id) {
        try {
            manager.stopPlugin(id);
        } catch (RuntimeException | LinkageError e) {
            // a library that failed to start may not stop either; unloading still closes its loader
        }
        manager.unloadPlugin(id);
    }

    @Override
    public void unload(LoadedLibrary library) {
        discard(library.id());
    }

    @Override
    public void close() {
        if (manager == null) return;
        for (PluginWrapper w : manager.getPlugins()) {
            discard(w.getPluginId());
        }
    }

    /** The Plugin-Class is not a {@link PluginLibrary}: MySQL's missing declarations symbol. */
    private static final class NotALibrary extends RuntimeException {
        NotALibrary(String className) {
            super(className + " is not a " + PluginLibrary.class.getName());
        }
    }

    /**
     * PF4J's jar manager, pinned to deployment mode, with an always-enabled in-memory status
     * provider, a factory that reports why a Plugin-Class cannot be created, and class loaders
     * that take the plugin API and SLF4J from the server even if a jar bundles copies
     * (a bundled API would make the library's classes incompatible with the server's).
     */
    private static final class Manager extends JarPluginManager {
        Manager(Path root) {
            super(root);
        }

        @Override
        public RuntimeMode getRuntimeMode() {
            return RuntimeMode.DEPLOYMENT;
        }

        @Override
        protected PluginStatusProvider createPluginStatusProvider() {
            return new PluginStatusProvider() {
                @Override
                public boolean isPluginDisabled(String pluginId) {
                    return false;
                }

                @Override
                public void disablePlugin(String pluginId) {
                    // activation is governed by MySQL's options, never persisted by PF4J
                }

                @Override
                public void enablePlugin(String pluginId) {
                    // as above
                }
            };
        }

        @Override
        protected PluginFactory createPluginFactory() {
            return Manager::create;
        }

        private static Plugin create(PluginWrapper wrapper) {
            String className = wrapper.getDescriptor().getPluginClass();
            Class<?> type;
            try {
                type = wrapper.getPluginClassLoader().loadClass(className);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Plugin-Class " + className + " not found in the library", e);
            }
            if (!Plugin.class.isAssignableFrom(type) || !PluginLibrary.class.isAssignableFrom(type)) {
                throw new NotALibrary(className);
            }
            try {
                return (Plugin) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Plugin-Class " + className + " cannot be instantiated: "
                        + reason(e), e);
            }
        }

        @Override
        protected PluginLoader createPluginLoader() {
            return new JarPluginLoader(this) {
                @Override
                protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                    return new LibraryClassLoader(pluginManager, descriptor, getClass().getClassLoader());
                }
            };
        }
    }

    /** A library's own class loader (parent-last), except for the types it shares with the server. */
    private static final class LibraryClassLoader extends PluginClassLoader {
        LibraryClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
            super(manager, descriptor, parent);
        }

        @Override
        protected boolean shouldDelegateToParent(String className) {
            return super.shouldDelegateToParent(className) || className.startsWith("io.minisqld.plugin.api.")
                    || className.startsWith("org.slf4j.");
        }
    }
}
