package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginFlag;
import io.minisqld.plugin.api.ServerInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.options.Option;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's plugins with MySQL's semantics (spec plugin-framework.md §A): the entry points of
 * the plugin statements, start-up and shutdown, and what SHOW sees. The work is done by
 * {@link PluginStateMachine} (a plugin's states and what each step registers or removes),
 * {@link StartupLoader} (plugin-load and mysql.plugin), {@link PluginVariables} (system and status
 * variables, options), {@link LoadedLibraries} (libraries loaded on demand and unloaded with
 * their last plugin, through a {@link LibraryLoader}: PF4J in the server) and
 * {@link RegisteredPlugins} (the plugins by name).
 *
 * <p>Entry points: {@link #loadAtStartup} (after the engine and the accounts, before the server
 * accepts connections), {@link #install}, {@link #installSoname}, {@link #uninstall},
 * {@link #uninstallSoname}, {@link #plugins} (SHOW PLUGINS, INFORMATION_SCHEMA.PLUGINS) and
 * {@link #shutdown} (after client sessions are closed).
 */
public final class PluginRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);

    /** Where a statement's warnings and notes go (the session; tests collect them). */
    public interface Notes {
        void warn(ErrorCode code, Object... args);

        void note(ErrorCode code, Object... args);

        Notes IGNORE = new Notes() {
            @Override
            public void warn(ErrorCode code, Object... args) {
            }

            @Override
            public void note(ErrorCode code, Object... args) {
            }
        };
    }

    /** The server services plugins plug into. */
    public record Services(SystemVariables variables, StatusRegistry status, ObserverRegistry observers,
                           SessionManager sessions, ServerInfo server, String serverKey, TypedPlugins typed) {
    }

    private final PluginRows rows;
    private final Supplier<List<Option>> options;
    private final LoadedLibraries libraries;
    private final RegisteredPlugins plugins = new RegisteredPlugins();
    private final PluginVariables variables;
    private final PluginStateMachine states;
    private final StartupLoader startup;

    /**
     * MySQL's LOCK_plugin_install and LOCK_plugin in one: serialises INSTALL, UNINSTALL, start-up
     * loading, reaping and shutdown, and every call into the {@link LibraryLoader} (PF4J is not
     * thread-safe); it guards the registered plugins, the loaded libraries and every plugin's
     * mutable fields. Init and deinit run under it. Taken by session threads and by a hook thread
     * reaping a DELETED plugin after it left the observer locks; a holder may take observer
     * write locks (register/unregister), the system session's monitor ({@link PluginRows}) and
     * the variable registries, never the other way round. SHOW PLUGINS does not take it: it reads
     * the published list ({@link RegisteredPlugins#published()}).
     */
    private final ReentrantLock installLock = new ReentrantLock();

    /** Guarded by {@link #installLock}. */
    private boolean shutDown;

    /**
     * @param options the server's options as they are now: the registry calls it at start-up and
     *                again at every INSTALL (MySQL re-reads the option files then, spec §A.2
     *                step 3); it may throw {@link SqlError} 1524 if the files cannot be read
     */
    public PluginRegistry(Path pluginDir, LibraryLoader loader, PluginRows rows, Services services,
                          Supplier<List<Option>> options) {
        this.rows = rows;
        this.options = options;
        this.libraries = new LoadedLibraries(new SonameResolver(pluginDir), loader);
        this.variables = new PluginVariables(services.variables(), services.status());
        this.states = new PluginStateMachine(services, plugins, libraries, variables, installLock);
        this.startup = new StartupLoader(plugins, libraries, states, rows);
    }

    /** The directory libraries are loaded from (absolute). */
    public Path pluginDir() {
        return libraries.pluginDir();
    }

    /**
     * INSTALL PLUGIN [IF NOT EXISTS] name SONAME 'lib' (spec §A.2), after the caller checked
     * INSERT on mysql.plugin. Errors: 1125 (or Note 1968 with IF NOT EXISTS), 1124, 1126, 1127,
     * 1721, 1123; a plugin disabled by its options gives warning 1123 and stays DISABLED.
     */
    public void install(String name, String soname, boolean ifNotExists, Notes notes) {
        installLock.lock();
        try {
            checkOpen();
            PluginOptions opts = currentOptions(name);
            if (plugins.taken(name)) {
                if (ifNotExists) {
                    notes.note(ErrorCode.ER_PLUGIN_INSTALLED, name);
                    return;
                }
                if (plugins.get(name).map(p -> p.state == PluginState.DELETED).orElse(false)) {
                    // the name stays taken until the last hook call into the old instance returns
                    notes.warn(ErrorCode.ER_UNKNOWN_ERROR, "Plugin '" + name + "' is being uninstalled: a statement"
                            + " still runs one of its hooks; it leaves SHOW PLUGINS when that ends, then INSTALL works");
                }
                throw ErrorCode.ER_UDF_EXISTS.error(name);
            }
            SharedLibrary library = libraries.acquire(soname);
            try {
                PluginDeclaration declaration = library.declaration(name).orElse(null);
                if (declaration == null) {
                    // MySQL's 1127 names the symbol only: say what the library does declare
                    notes.warn(ErrorCode.ER_UNKNOWN_ERROR, "Library '" + soname + "' declares: "
                            + String.join(", ", library.loaded.declarations().stream().map(PluginDeclaration::name)
                                    .toList()));
                    throw ErrorCode.ER_CANT_FIND_DL_ENTRY.error(name);
                }
                if (declaration.flags().contains(PluginFlag.NO_INSTALL)) {
                    throw ErrorCode.ER_PLUGIN_NO_INSTALL.error(name);
                }
                RegisteredPlugin e = states.register(declaration, library, soname, opts);
                warnUnknownOptions(declaration, opts, notes);
                finishInstall(e, name, soname, notes);
            } finally {
                libraries.releaseIfUnused(library);
            }
        } finally {
            installLock.unlock();
        }
    }

    /**
     * MariaDB's INSTALL SONAME 'lib': every plugin the library declares, one mysql.plugin row
     * each; plugins already installed from this library are skipped, a name taken by another
     * library is 1125. If an init fails the others stay installed and 1123 names the first failure.
     */
    public void installSoname(String soname, Notes notes) {
        installLock.lock();
        try {
            checkOpen();
            PluginOptions opts = currentOptions(soname);
            SharedLibrary library = libraries.acquire(soname);
            try {
                List<PluginDeclaration> toAdd = new ArrayList<>();
                for (PluginDeclaration d : library.loaded.declarations()) {
                    Optional<RegisteredPlugin> existing = plugins.get(d.name());
                    if (existing.isPresent() && existing.get().library == library) continue;
                    if (plugins.taken(d.name())) throw ErrorCode.ER_UDF_EXISTS.error(d.name());
                    if (d.flags().contains(PluginFlag.NO_INSTALL)) throw ErrorCode.ER_PLUGIN_NO_INSTALL.error(d.name());
                    toAdd.add(d);
                }
                SqlError first = null;
                for (PluginDeclaration d : toAdd) {
                    RegisteredPlugin e = states.register(d, library, soname, opts);
                    try {
                        finishInstall(e, d.name(), soname, notes);
                    } catch (SqlError failure) {
                        if (first == null) first = failure;
                    }
                }
                if (first != null) throw first;
            } finally {
                libraries.releaseIfUnused(library);
            }
        } finally {
            installLock.unlock();
        }
    }

    /** Writes the row and initialises a registered plugin; undoes everything if init fails. */
    private void finishInstall(RegisteredPlugin e, String typedName, String soname, Notes notes) {
        if (e.state == PluginState.DISABLED) {
            notes.warn(ErrorCode.ER_CANT_INITIALIZE_UDF, typedName, "Plugin is disabled");
        }
        try {
            rows.insert(typedName, soname);
        } catch (RuntimeException failure) {
            states.discard(e);
            throw failure;
        }
        if (e.state != PluginState.DISABLED && !states.initialise(e)) {
            rows.delete(typedName);
            if (e.initFailure instanceof io.minisqld.plugin.api.PluginRefusal r) {
                // the plugin refused with its own MySQL error
                throw new io.minisqld.server.error.SqlError(r.errorNumber(), r.sqlState(), r.getMessage());
            }
            if (e.initFailure != null) {
                // what init threw, for the one who installs (the error log has its stack trace)
                notes.warn(ErrorCode.ER_CANT_INITIALIZE_UDF, typedName, e.initFailure.toString());
            }
            throw ErrorCode.ER_CANT_INITIALIZE_UDF.error(typedName, "Plugin initialization function failed.");
        }
    }

    /**
     * UNINSTALL PLUGIN [IF EXISTS] name (spec §A.3), after the caller checked DELETE on
     * mysql.plugin: 1305 (Note with IF EXISTS), 1619, 1702, 1720, 1883; then DELETED, with
     * warning 1620 if a hook of the plugin is running (it is reaped when that call ends).
     */
    public void uninstall(String name, boolean ifExists, Notes notes) {
        installLock.lock();
        try {
            checkOpen();
            RegisteredPlugin e = plugins.get(name).orElse(null);
            if (e == null && BuiltinPlugins.isBuiltin(name)) throw ErrorCode.ER_PLUGIN_DELETE_BUILTIN.error();
            if (e == null || e.state == PluginState.UNINITIALIZED || e.state == PluginState.DYING) {
                if (ifExists) {
                    notes.note(ErrorCode.ER_SP_DOES_NOT_EXIST, "PLUGIN", name);
                    return;
                }
                throw ErrorCode.ER_SP_DOES_NOT_EXIST.error("PLUGIN", name);
            }
            states.uninstall(e, name, notes);
            rows.delete(name);
        } finally {
            installLock.unlock();
        }
    }

    /** MariaDB's UNINSTALL SONAME [IF EXISTS] 'lib': every plugin of a loaded library. */
    public void uninstallSoname(String soname, boolean ifExists, Notes notes) {
        installLock.lock();
        try {
            checkOpen();
            SharedLibrary library = libraries.find(soname).orElse(null);
            List<RegisteredPlugin> of = new ArrayList<>();
            for (RegisteredPlugin e : plugins.all()) {
                if (e.library == library && e.state != PluginState.DYING) of.add(e);
            }
            if (of.isEmpty()) {
                if (ifExists) {
                    notes.note(ErrorCode.ER_SP_DOES_NOT_EXIST, "SONAME", soname);
                    return;
                }
                throw ErrorCode.ER_SP_DOES_NOT_EXIST.error("SONAME", soname);
            }
            for (RegisteredPlugin e : of) {
                states.uninstall(e, e.name, notes);
                rows.delete(e.name);
            }
        } finally {
            installLock.unlock();
        }
    }

    /**
     * Start-up loading (spec §A.7, {@link StartupLoader}): the plugin-load lists, then the
     * mysql.plugin rows, then init of every registered plugin.
     *
     * @param startupOptions the options the server started with (activation and variable values)
     * @param pluginLoad     one element per plugin-load / plugin-load-add value in effect
     * @param readTable      false with skip-grant-tables (MySQL then ignores mysql.plugin)
     * @throws IllegalStateException with MySQL's message when start-up must abort
     */
    public void loadAtStartup(List<Option> startupOptions, List<String> pluginLoad, boolean readTable) {
        installLock.lock();
        try {
            startup.load(startupOptions, pluginLoad, readTable);
        } finally {
            installLock.unlock();
        }
    }

    /**
     * Whether a plugin registered in this server run claimed an option of this (normalised)
     * name: its activation option or one of its variables, with the {@code plugin_} alias.
     */
    public boolean claimsOption(String normalizedName) {
        return variables.claimsOption(normalizedName);
    }

    /**
     * Deinitialises every plugin in reverse order of initialisation (MySQL's plugin_shutdown),
     * with "Shutting down plugin" lines, then unloads the libraries. Call after client sessions
     * are closed and before the binlog and engine close. Idempotent.
     */
    public void shutdown() {
        installLock.lock();
        try {
            if (shutDown) return;
            shutDown = true;
            states.shutdownAll();
            libraries.close();
        } finally {
            installLock.unlock();
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    /** Every plugin as INFORMATION_SCHEMA.PLUGINS lists it: built-ins, then in registration order. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>(BuiltinPlugins.ALL);
        for (RegisteredPlugin e : plugins.published()) {
            PluginDeclaration d = e.declaration;
            out.add(new PluginInfo(e.name, PluginInfo.versionText(d.version()), e.state.status(), d.type().showName(),
                    PluginInfo.versionText(d.type().typeVersion()), e.soname,
                    PluginInfo.versionText(e.library.loaded.interfaceVersion()), d.author(), d.description(),
                    d.license().name(), e.loadOption.name()));
        }
        return out;
    }

    /** The state of a registered plugin (any case), empty once it is gone. */
    public Optional<PluginState> state(String name) {
        return plugins.findPublished(name).map(e -> e.state);
    }

    /**
     * The class loader of a registered plugin's declaration, for tests proving that an
     * uninstalled library's loader is collected (hold it only in a WeakReference).
     */
    public Optional<ClassLoader> classLoader(String name) {
        return plugins.findPublished(name).map(e -> e.declaration.getClass().getClassLoader());
    }

    /** The options now; 1524 if the option files cannot be read again (MySQL's INSTALL, spec §A.2 step 3). */
    /** Options with the plugin's prefix that name none of its variables: warned about, as MySQL does. */
    private static void warnUnknownOptions(PluginDeclaration declaration, PluginOptions opts, Notes notes) {
        List<String> variables = declaration.systemVariables().stream().map(v -> v.name()).toList();
        for (io.minisqld.server.options.Option o : opts.unknownFor(declaration.name(), variables)) {
            notes.warn(ErrorCode.ER_UNKNOWN_ERROR, io.minisqld.server.options.OptionMessages.unknownOption(o, "")
                    .message() + " (no variable of plugin '" + declaration.name() + "')");
        }
    }

    private PluginOptions currentOptions(String nameForError) {
        try {
            return new PluginOptions(options.get());
        } catch (SqlError e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Reading the option files for INSTALL failed: {}", e.getMessage());
            throw ErrorCode.ER_PLUGIN_IS_NOT_LOADED.error(nameForError);
        }
    }

    private void checkOpen() {
        if (shutDown) throw ErrorCode.ER_SERVER_SHUTDOWN.error();
    }

    @Override
    public String toString() {
        return "PluginRegistry" + Arrays.toString(plugins.published().stream().map(e -> e.name + ":" + e.state).toArray());
    }
}
