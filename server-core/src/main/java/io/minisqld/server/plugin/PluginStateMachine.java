package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginFlag;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.log.ServerThreadFactory;
import io.minisqld.server.observer.PluginUse;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's way through MySQL's states (spec plugin-framework.md §A.4, {@link PluginState}):
 * registered UNINITIALIZED or DISABLED ({@link #register}, MySQL's {@code plugin_add}), READY
 * after init ({@link #initialise}), DELETED by UNINSTALL while a hook of it runs
 * ({@link #uninstall}), DYING while deinit runs and then gone ({@link #reap}, MySQL's
 * {@code reap_plugins}); a plugin that never ran is {@link #discard}ed. Each step keeps the
 * server's side consistent: variables, status variables, observers, the library's count, and the
 * published list SHOW reads.
 *
 * <p>Every method runs under the registry's install lock, except that a plugin uninstalled while
 * a hook of it ran is reaped by the thread whose call into it ended last: that thread takes the
 * install lock here ({@link #reapAfterLastCall}), after it left the observer locks.
 */
final class PluginStateMachine {
    private static final Logger log = LoggerFactory.getLogger(PluginStateMachine.class);

    private final PluginRegistry.Services services;
    private final RegisteredPlugins plugins;
    private final LoadedLibraries libraries;
    private final PluginVariables variables;
    /** The registry's install lock (its rule is stated where the registry declares it). */
    private final ReentrantLock installLock;
    private final ServerThreadFactory reapThreads;
    /** Guarded by the install lock: successful inits so far, for {@link RegisteredPlugin#initOrder}. */
    private int initCounter;

    PluginStateMachine(PluginRegistry.Services services, RegisteredPlugins plugins, LoadedLibraries libraries,
                       PluginVariables variables, ReentrantLock installLock) {
        this.services = services;
        this.plugins = plugins;
        this.libraries = libraries;
        this.variables = variables;
        this.installLock = installLock;
        this.reapThreads = new ServerThreadFactory(services.serverKey(), "minisqld-plugin-reaper", true);
    }

    /**
     * Registers a plugin (MySQL's plugin_add + test_plugin_options): the activation option
     * decides ON or DISABLED; unless disabled, its variables are created with their option values.
     * The caller has checked that the name is free.
     */
    RegisteredPlugin register(PluginDeclaration d, SharedLibrary library, String soname, PluginOptions opts) {
        String name = d.name();
        variables.claimOptions(d);
        Optional<LoadOption> loadOption = opts.loadOption(name);
        ServerPluginContext context = new ServerPluginContext(name, services.server(), services.observers(),
                services.variables(), services.sessions(), services.serverKey());
        RegisteredPlugin e = new RegisteredPlugin(d, soname, library, loadOption.orElse(LoadOption.ON), context);
        if (loadOption.isEmpty()) {
            log.error("Parsing options for plugin '{}' failed.", name);
            e.state = PluginState.DISABLED;
        } else if (loadOption.get() == LoadOption.OFF) {
            log.info("Plugin '{}' is disabled.", name);
            e.state = PluginState.DISABLED;
        } else if (!variables.registerSystemVariables(e, opts)) {
            e.state = PluginState.DISABLED;
        }
        library.plugins++;
        plugins.add(e);
        return e;
    }

    /** Runs init; on success READY and the status variables appear; on failure nothing is left. */
    boolean initialise(RegisteredPlugin e) {
        try {
            if (services.typed() != null) services.typed().check(e.name, e.declaration);
            e.declaration.init(e.context);
        } catch (Exception | LinkageError failure) {
            e.initFailure = failure;
            log.error("Plugin '{}' init function failed: {}", e.name, failure.toString(), failure);
            services.observers().unregisterPlugin(e.name);
            discard(e);
            return false;
        }
        e.initialised = true;
        if (services.typed() != null) services.typed().activate(e.name, e.declaration);
        e.initOrder = ++initCounter;
        e.state = PluginState.READY;
        variables.registerStatusVariables(e);
        plugins.publish();
        return true;
    }

    /** Removes a plugin that never ran (failed init, failed row write). */
    void discard(RegisteredPlugin e) {
        e.reaped = true;
        variables.unregisterSystemVariables(e);
        e.library.plugins--;
        plugins.remove(e);
        libraries.releaseIfUnused(e.library);
    }

    /**
     * UNINSTALL of one plugin (spec §A.3) once the statement found it: 1702, 1720, 1883; then
     * DELETED, and reaped now, or, with warning 1620, when the last running hook call into it
     * ends.
     *
     * @param typedName the name as the statement typed it (error messages print it)
     */
    void uninstall(RegisteredPlugin e, String typedName, PluginRegistry.Notes notes) {
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
        variables.unregisterSystemVariables(e);
        plugins.publish();
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
    private void reapAfterLastCall(RegisteredPlugin e) {
        if (services.observers().insideHook()) {
            // deinit unregisters observers: impossible while this thread is inside another hook
            reapThreads.newThread(() -> reapLocked(e), "minisqld-plugin-reaper").start();
            return;
        }
        reapLocked(e);
    }

    private void reapLocked(RegisteredPlugin e) {
        installLock.lock();
        try {
            reap(e);
        } finally {
            installLock.unlock();
        }
    }

    /**
     * Deinitialises every plugin in reverse order of initialisation (MySQL's plugin_shutdown),
     * with "Shutting down plugin" lines; a reap still pending for a DELETED plugin is taken over.
     */
    void shutdownAll() {
        List<RegisteredPlugin> order = plugins.all();
        order.sort(Comparator.comparingInt((RegisteredPlugin e) -> e.initOrder).reversed());
        for (RegisteredPlugin e : order) {
            if (e.reaped) continue;
            log.info("Shutting down plugin '{}'", e.name);
            if (e.initialised) services.observers().use(e.name).cancelPending();
            reap(e);
        }
    }

    /**
     * MySQL's reap_plugins for one plugin: DYING, status variables removed, deinit (errors only
     * logged), leftover observers removed, variables removed, library released. Idempotent.
     */
    void reap(RegisteredPlugin e) {
        if (e.reaped) return;
        e.reaped = true;
        e.state = PluginState.DYING;
        plugins.publish();
        variables.unregisterStatusVariables(e);
        if (services.typed() != null) services.typed().deactivate(e.name);
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
        variables.unregisterSystemVariables(e);
        e.state = PluginState.UNINITIALIZED;
        e.library.plugins--;
        plugins.remove(e);
        libraries.releaseIfUnused(e.library);
    }
}
