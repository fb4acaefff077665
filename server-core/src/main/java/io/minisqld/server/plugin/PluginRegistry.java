package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginFlag;
import io.minisqld.plugin.api.ServerInfo;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.observer.PluginUse;
import io.minisqld.server.options.Option;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;
import io.minisqld.server.variables.VariableValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's plugins with MySQL's semantics (spec plugin-framework.md §A): names, states,
 * libraries loaded on demand and unloaded with their last plugin, {@code mysql.plugin} rows,
 * plugin variables with their option forms, and the reaping of a plugin uninstalled while one
 * of its hooks runs. Libraries come from a {@link LibraryLoader} (PF4J in the server).
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
                           SessionManager sessions, ServerInfo server, String serverKey) {
    }

    /**
     * The parts of the server MySQL lists as built-in plugins: Library NULL, LOAD_OPTION FORCE,
     * never uninstallable (1619). The author is this project, not Oracle.
     */
    static final List<PluginInfo> BUILTINS = List.of(
            new PluginInfo("binlog", "1.0", "ACTIVE", "STORAGE ENGINE", "50744.0", null, null, "minisqld",
                    "This is a pseudo storage engine to represent the binlog in a transaction", "GPL", "FORCE"),
            new PluginInfo("mysql_native_password", "1.1", "ACTIVE", "AUTHENTICATION", "1.1", null, null,
                    "minisqld", "Native MySQL authentication", "GPL", "FORCE"),
            new PluginInfo("InnoDB", "5.7", "ACTIVE", "STORAGE ENGINE", "50744.0", null, null, "minisqld",
                    "Supports transactions, row-level locking, and foreign keys", "GPL", "FORCE"));

    private final SonameResolver resolver;
    private final LibraryLoader loader;
    private final PluginRows rows;
    private final Services services;
    private final Supplier<List<Option>> options;
    private final ServerThreadFactory reapThreads;

    /**
     * MySQL's LOCK_plugin_install and LOCK_plugin in one: serialises INSTALL, UNINSTALL, start-up
     * loading, reaping and shutdown, and every call into the {@link LibraryLoader} (PF4J is not
     * thread-safe). Init and deinit run under it. Taken by session threads and by a hook thread
     * reaping a DELETED plugin after it left the observer locks; a holder may take observer
     * write locks (register/unregister), the system session's monitor ({@link PluginRows}) and
     * the variable registries, never the other way round. SHOW PLUGINS does not take it: it reads
     * {@link #published}.
     */
    private final ReentrantLock installLock = new ReentrantLock();

    /** Guarded by {@link #installLock}: lower-case name to plugin, in registration order. */
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    /** Guarded by {@link #installLock}: loaded libraries by jar path. */
    private final Map<Path, Library> libraries = new HashMap<>();
    /** Guarded by {@link #installLock}. */
    private int initCounter;
    /** Guarded by {@link #installLock}. */
    private boolean shutDown;

    /** Option names plugins have claimed (for start-up's "unknown variable" check). */
    private final Set<String> claimedOptions = ConcurrentHashMap.newKeySet();
    /** The registered plugins in registration order, replaced whole under the lock; read freely. */
    private volatile List<Entry> published = List.of();

    /**
     * @param options the server's options as they are now: the registry calls it at start-up and
     *                again at every INSTALL (MySQL re-reads the option files then, spec §A.2
     *                step 3); it may throw {@link SqlError} 1524 if the files cannot be read
     */
    public PluginRegistry(Path pluginDir, LibraryLoader loader, PluginRows rows, Services services,
                          Supplier<List<Option>> options) {
        this.resolver = new SonameResolver(pluginDir);
        this.loader = loader;
        this.rows = rows;
        this.services = services;
        this.options = options;
        this.reapThreads = new ServerThreadFactory(services.serverKey(), "minisqld-plugin-reaper", true);
    }

    /** The directory libraries are loaded from (absolute). */
    public Path pluginDir() {
        return resolver.pluginDir();
    }

    /** A loaded library: its plugins share it; unloaded when the count drops to zero. */
    private static final class Library {
        final LoadedLibrary loaded;
        int plugins;

        Library(LoadedLibrary loaded) {
            this.loaded = loaded;
        }
    }

    /** A registered plugin. Mutable fields are guarded by the install lock; state is also read freely. */
    private static final class Entry {
        final PluginDeclaration declaration;
        final String name;
        final String soname;
        final Library library;
        final LoadOption loadOption;
        final ServerPluginContext context;
        final List<String> variableNames = new ArrayList<>();
        final List<String> statusNames = new ArrayList<>();
        volatile PluginState state = PluginState.UNINITIALIZED;
        boolean initialised;
        boolean reaped;
        int initOrder;

        Entry(PluginDeclaration declaration, String soname, Library library, LoadOption loadOption,
              ServerPluginContext context) {
            this.declaration = declaration;
            this.name = declaration.name();
            this.soname = soname;
            this.library = library;
            this.loadOption = loadOption;
            this.context = context;
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ statements

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
            if (byName.containsKey(key(name)) || isBuiltin(name)) {
                if (ifNotExists) {
                    notes.note(ErrorCode.ER_PLUGIN_INSTALLED, name);
                    return;
                }
                throw ErrorCode.ER_UDF_EXISTS.error(name);
            }
            Library library = acquireLibrary(soname);
            try {
                PluginDeclaration declaration = find(library, name)
                        .orElseThrow(() -> ErrorCode.ER_CANT_FIND_DL_ENTRY.error(name));
                if (declaration.flags().contains(PluginFlag.NO_INSTALL)) {
                    throw ErrorCode.ER_PLUGIN_NO_INSTALL.error(name);
                }
                Entry e = register(declaration, library, soname, opts);
                finishInstall(e, name, soname, notes);
            } finally {
                releaseIfUnused(library);
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
            Library library = acquireLibrary(soname);
            try {
                List<PluginDeclaration> toAdd = new ArrayList<>();
                for (PluginDeclaration d : library.loaded.declarations()) {
                    Entry existing = byName.get(key(d.name()));
                    if (existing != null && existing.library == library) continue;
                    if (existing != null || isBuiltin(d.name())) throw ErrorCode.ER_UDF_EXISTS.error(d.name());
                    if (d.flags().contains(PluginFlag.NO_INSTALL)) throw ErrorCode.ER_PLUGIN_NO_INSTALL.error(d.name());
                    toAdd.add(d);
                }
                SqlError first = null;
                for (PluginDeclaration d : toAdd) {
                    Entry e = register(d, library, soname, opts);
                    try {
                        finishInstall(e, d.name(), soname, notes);
                    } catch (SqlError failure) {
                        if (first == null) first = failure;
                    }
                }
                if (first != null) throw first;
            } finally {
                releaseIfUnused(library);
            }
        } finally {
            installLock.unlock();
        }
    }

    /** Writes the row and initialises a registered plugin; undoes everything if init fails. */
    private void finishInstall(Entry e, String typedName, String soname, Notes notes) {
        if (e.state == PluginState.DISABLED) {
            notes.warn(ErrorCode.ER_CANT_INITIALIZE_UDF, typedName, "Plugin is disabled");
        }
        try {
            rows.insert(typedName, soname);
        } catch (RuntimeException failure) {
            discard(e);
            throw failure;
        }
        if (e.state != PluginState.DISABLED && !initialise(e)) {
            rows.delete(typedName);
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
            Entry e = byName.get(key(name));
            if (e == null && isBuiltin(name)) throw ErrorCode.ER_PLUGIN_DELETE_BUILTIN.error();
            if (e == null || e.state == PluginState.UNINITIALIZED || e.state == PluginState.DYING) {
                if (ifExists) {
                    notes.note(ErrorCode.ER_SP_DOES_NOT_EXIST, "PLUGIN", name);
                    return;
                }
                throw ErrorCode.ER_SP_DOES_NOT_EXIST.error("PLUGIN", name);
            }
            uninstall(e, name, notes);
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
            SonameResolver.checkName(soname);
            Library library = libraries.get(resolver.pluginDir().resolve(SonameResolver.jarName(soname)));
            List<Entry> of = new ArrayList<>();
            for (Entry e : byName.values()) {
                if (e.library == library && e.state != PluginState.DYING) of.add(e);
            }
            if (of.isEmpty()) {
                if (ifExists) {
                    notes.note(ErrorCode.ER_SP_DOES_NOT_EXIST, "SONAME", soname);
                    return;
                }
                throw ErrorCode.ER_SP_DOES_NOT_EXIST.error("SONAME", soname);
            }
            for (Entry e : of) {
                uninstall(e, e.name, notes);
                rows.delete(e.name);
            }
        } finally {
            installLock.unlock();
        }
    }

    private void uninstall(Entry e, String typedName, Notes notes) {
        if (e.loadOption == LoadOption.FORCE_PLUS_PERMANENT) throw ErrorCode.ER_PLUGIN_IS_PERMANENT.error(typedName);
        if (e.declaration.flags().contains(PluginFlag.NO_UNINSTALL)) {
            throw ErrorCode.ER_PLUGIN_NO_UNINSTALL.error(typedName);
        }
        if (e.state == PluginState.READY) {
            Optional<String> blocker;
            try {
                blocker = e.declaration.uninstallBlocker();
            } catch (RuntimeException | LinkageError failure) {
                log.warn("Plugin '{}' failed to say whether it can be uninstalled: {}", e.name, failure.toString());
                blocker = Optional.empty();
            }
            if (blocker != null && blocker.isPresent()) {
                throw ErrorCode.ER_PLUGIN_CANNOT_BE_UNINSTALLED.error(typedName, blocker.get());
            }
        }
        e.state = PluginState.DELETED;
        // MySQL keeps a DELETED plugin's variables in its hash but cannot lock them: 1193 (spec §A.5)
        unregisterVariables(e);
        publish();
        if (!e.initialised) {
            reap(e);
            return;
        }
        PluginUse use = services.observers().use(e.name);
        if (use.whenIdle(() -> reapAfterLastCall(e))) {
            reap(e);
        } else {
            notes.warn(ErrorCode.WARN_PLUGIN_BUSY);
        }
    }

    /** Runs on the thread whose hook call into a DELETED plugin was the last one running. */
    private void reapAfterLastCall(Entry e) {
        if (services.observers().insideHook()) {
            // deinit unregisters observers: impossible while this thread is inside another hook
            reapThreads.newThread(() -> reapLocked(e), "minisqld-plugin-reaper").start();
            return;
        }
        reapLocked(e);
    }

    private void reapLocked(Entry e) {
        installLock.lock();
        try {
            reap(e);
        } finally {
            installLock.unlock();
        }
    }

    // ------------------------------------------------------------------ start-up and shutdown

    /**
     * Start-up loading (spec §A.7): the plugin-load lists in order (a failing item is logged and
     * skips the rest of its own list), then the mysql.plugin rows (failures logged only), then
     * init of every registered plugin in registration order. A FORCE or FORCE_PLUS_PERMANENT
     * plugin whose init fails stops start-up. Plugins loaded by plugin-load get no row.
     *
     * @param startupOptions the options the server started with (activation and variable values)
     * @param pluginLoad     one element per plugin-load / plugin-load-add value in effect
     * @param readTable      false with skip-grant-tables (MySQL then ignores mysql.plugin)
     * @throws IllegalStateException with MySQL's message when start-up must abort
     */
    public void loadAtStartup(List<Option> startupOptions, List<String> pluginLoad, boolean readTable) {
        installLock.lock();
        try {
            PluginOptions opts = new PluginOptions(startupOptions);
            for (String list : pluginLoad) {
                for (String item : list.split("[;:]")) {
                    String spec = item.trim();
                    if (spec.isEmpty()) continue;
                    int eq = spec.indexOf('=') >= 0 ? spec.indexOf('=') : spec.indexOf('#');
                    String name = eq < 0 ? null : spec.substring(0, eq).trim();
                    String soname = eq < 0 ? spec : spec.substring(eq + 1).trim();
                    try {
                        loadItem(name, soname, opts);
                    } catch (SqlError failure) {
                        log.error("{}", failure.getMessage());
                        log.error("Couldn't load plugin named '{}' with soname '{}'.", name == null ? "" : name, soname);
                        break;
                    }
                }
            }
            if (readTable) {
                for (PluginRows.Row row : rows.all()) {
                    try {
                        loadItem(row.name(), row.dl(), opts);
                    } catch (SqlError failure) {
                        log.warn("{}", failure.getMessage());
                        log.warn("Couldn't load plugin named '{}' with soname '{}'.", row.name(), row.dl());
                    }
                }
            }
            for (Entry e : new ArrayList<>(byName.values())) {
                if (e.state != PluginState.UNINITIALIZED) continue;
                if (!initialise(e)) {
                    log.error("Plugin '{}' init function returned error.", e.name);
                    if (e.loadOption.mandatory()) {
                        log.error("Failed to initialize plugins.");
                        throw new IllegalStateException("Failed to initialize plugins.");
                    }
                }
            }
        } finally {
            installLock.unlock();
        }
    }

    /** One plugin-load item or mysql.plugin row: {@code name} from {@code soname}, or all of it. */
    private void loadItem(String name, String soname, PluginOptions opts) {
        Library library = acquireLibrary(soname);
        try {
            List<PluginDeclaration> chosen = new ArrayList<>();
            if (name != null) {
                chosen.add(find(library, name).orElseThrow(() -> ErrorCode.ER_CANT_FIND_DL_ENTRY.error(name)));
            } else {
                chosen.addAll(library.loaded.declarations());
            }
            for (PluginDeclaration d : chosen) {
                if (byName.containsKey(key(d.name())) || isBuiltin(d.name())) {
                    throw ErrorCode.ER_UDF_EXISTS.error(name == null ? d.name() : name);
                }
                register(d, library, soname, opts);
            }
        } finally {
            releaseIfUnused(library);
        }
    }

    /**
     * Whether a plugin registered in this server run claimed an option of this (normalised)
     * name: its activation option or one of its variables, with the {@code plugin_} alias.
     */
    public boolean claimsOption(String normalizedName) {
        return claimedOptions.contains(normalizedName);
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
            List<Entry> order = new ArrayList<>(byName.values());
            order.sort(Comparator.comparingInt((Entry e) -> e.initOrder).reversed());
            for (Entry e : order) {
                if (e.reaped) continue;
                log.info("Shutting down plugin '{}'", e.name);
                if (e.initialised) services.observers().use(e.name).cancelPending();
                reap(e);
            }
            try {
                loader.close();
            } catch (RuntimeException failure) {
                log.warn("closing plugin libraries: {}", failure.toString());
            }
        } finally {
            installLock.unlock();
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    // ------------------------------------------------------------------ what SHOW sees

    /** Every plugin as INFORMATION_SCHEMA.PLUGINS lists it: built-ins, then in registration order. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>(BUILTINS);
        for (Entry e : published) {
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
        for (Entry e : published) {
            if (e.name.equalsIgnoreCase(name)) return Optional.of(e.state);
        }
        return Optional.empty();
    }

    /**
     * The class loader of a registered plugin's declaration, for tests proving that an
     * uninstalled library's loader is collected (hold it only in a WeakReference).
     */
    public Optional<ClassLoader> classLoader(String name) {
        for (Entry e : published) {
            if (e.name.equalsIgnoreCase(name)) return Optional.ofNullable(e.declaration.getClass().getClassLoader());
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ internals (install lock held)

    /** The options now; 1524 if the option files cannot be read again (MySQL's INSTALL, spec §A.2 step 3). */
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

    private static boolean isBuiltin(String name) {
        for (PluginInfo b : BUILTINS) {
            if (b.name().equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    private static Optional<PluginDeclaration> find(Library library, String name) {
        for (PluginDeclaration d : library.loaded.declarations()) {
            if (d.name().equalsIgnoreCase(name)) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** The library a SONAME names, loaded now if none of its plugins is registered. */
    private Library acquireLibrary(String soname) {
        Path jar = resolver.resolve(soname);
        Library library = libraries.get(jar);
        if (library == null) {
            library = new Library(loader.load(jar));
            libraries.put(jar, library);
        }
        return library;
    }

    private void releaseIfUnused(Library library) {
        if (library.plugins == 0 && libraries.get(library.loaded.path()) == library) {
            libraries.remove(library.loaded.path());
            try {
                loader.unload(library.loaded);
            } catch (RuntimeException failure) {
                log.warn("unloading plugin library '{}': {}", library.loaded.path().getFileName(), failure.toString());
            }
        }
    }

    /**
     * Registers a plugin (MySQL's plugin_add + test_plugin_options): the activation option
     * decides ON or DISABLED; unless disabled, its variables are created with their option values.
     */
    private Entry register(PluginDeclaration d, Library library, String soname, PluginOptions opts) {
        String name = d.name();
        claimedOptions.add(PluginOptions.optionName(name));
        claimedOptions.add("plugin_" + PluginOptions.optionName(name));
        for (SystemVariable v : d.systemVariables()) {
            String full = PluginOptions.variableName(name, v.name());
            claimedOptions.add(full);
            claimedOptions.add("plugin_" + full);
        }
        Optional<LoadOption> loadOption = opts.loadOption(name);
        ServerPluginContext context = new ServerPluginContext(name, services.server(), services.observers(),
                services.variables(), services.sessions(), services.serverKey());
        Entry e = new Entry(d, soname, library, loadOption.orElse(LoadOption.ON), context);
        if (loadOption.isEmpty()) {
            log.error("Parsing options for plugin '{}' failed.", name);
            e.state = PluginState.DISABLED;
        } else if (loadOption.get() == LoadOption.OFF) {
            log.info("Plugin '{}' is disabled.", name);
            e.state = PluginState.DISABLED;
        } else if (!registerVariables(e, opts)) {
            e.state = PluginState.DISABLED;
        }
        byName.put(key(name), e);
        library.plugins++;
        publish();
        return e;
    }

    /** Creates {@code <plugin>_<var>} for each declared variable, with its option value; false disables the plugin. */
    private boolean registerVariables(Entry e, PluginOptions opts) {
        SystemVariables variables = services.variables();
        List<SystemVariable> specs = new ArrayList<>();
        for (SystemVariable v : e.declaration.systemVariables()) {
            SystemVariable full = v.named(PluginOptions.variableName(e.name, v.name()));
            boolean duplicate = specs.stream().anyMatch(s -> s.name().equals(full.name()));
            if (duplicate || variables.spec(full.name()).isPresent()) {
                log.error("Plugin '{}' has conflicting system variables", e.name);
                return false;
            }
            specs.add(full);
        }
        try {
            for (SystemVariable s : specs) {
                variables.register(s);
                e.variableNames.add(s.name());
                Optional<Option> given = opts.find(s.name());
                if (given.isPresent()) {
                    Object value = VariableValues.coerce(s, VariableValues.fromOptionText(s, given.get().value()),
                            (code, args) -> log.warn("option '{}': {}", s.name(), code.message(args)));
                    variables.initGlobal(s.name(), value);
                }
            }
            return true;
        } catch (SqlError | IllegalArgumentException failure) {
            log.error("{}", failure.getMessage());
            log.error("Parsing options for plugin '{}' failed.", e.name);
            unregisterVariables(e);
            return false;
        }
    }

    private void unregisterVariables(Entry e) {
        for (String v : e.variableNames) services.variables().unregister(v);
        e.variableNames.clear();
    }

    /** Runs init; on success READY and the status variables appear; on failure nothing is left. */
    private boolean initialise(Entry e) {
        try {
            e.declaration.init(e.context);
        } catch (Exception | LinkageError failure) {
            log.error("Plugin '{}' init function failed: {}", e.name, failure.toString());
            services.observers().unregisterPlugin(e.name);
            discard(e);
            return false;
        }
        e.initialised = true;
        e.initOrder = ++initCounter;
        e.state = PluginState.READY;
        StatusRegistry status = services.status();
        for (StatusVariable v : e.declaration.statusVariables()) {
            try {
                status.register(v);
                e.statusNames.add(v.name());
            } catch (IllegalStateException clash) {
                log.warn("Plugin '{}': status variable '{}' already exists; not shown", e.name, v.name());
            }
        }
        publish();
        return true;
    }

    /** Removes a plugin that never ran (failed init, failed row write). */
    private void discard(Entry e) {
        e.reaped = true;
        unregisterVariables(e);
        byName.remove(key(e.name));
        e.library.plugins--;
        publish();
        releaseIfUnused(e.library);
    }

    /**
     * MySQL's reap_plugins for one plugin: DYING, status variables removed, deinit (errors only
     * logged), leftover observers removed, variables removed, library released. Idempotent.
     */
    private void reap(Entry e) {
        if (e.reaped) return;
        e.reaped = true;
        e.state = PluginState.DYING;
        publish();
        for (String s : e.statusNames) services.status().unregister(s);
        e.statusNames.clear();
        if (e.initialised) {
            try {
                e.declaration.deinit(e.context);
            } catch (Exception | LinkageError failure) {
                log.error("Plugin '{}' of type {} failed deinitialization: {}", e.name,
                        e.declaration.type().showName(), failure.toString());
            }
        }
        int leftovers = services.observers().unregisterPlugin(e.name);
        if (leftovers > 0) {
            log.warn("Plugin '{}' left {} replication observer(s) registered after deinit; removed", e.name, leftovers);
        }
        unregisterVariables(e);
        e.state = PluginState.UNINITIALIZED;
        byName.remove(key(e.name));
        e.library.plugins--;
        publish();
        releaseIfUnused(e.library);
    }

    private void publish() {
        published = List.copyOf(byName.values());
    }

    @Override
    public String toString() {
        return "PluginRegistry" + Arrays.toString(published.stream().map(e -> e.name + ":" + e.state).toArray());
    }
}
