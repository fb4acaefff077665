package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.options.Option;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up loading of plugins (spec plugin-framework.md §A.7, MySQL's {@code plugin_init}): the
 * {@code plugin-load} / {@code plugin-load-add} lists, then the {@code mysql.plugin} rows, then
 * init of everything registered. Runs once, under the registry's install lock.
 */
final class StartupLoader {
    private static final Logger log = LoggerFactory.getLogger(StartupLoader.class);

    private final RegisteredPlugins plugins;
    private final LoadedLibraries libraries;
    private final PluginStateMachine states;
    private final PluginRows rows;

    StartupLoader(RegisteredPlugins plugins, LoadedLibraries libraries, PluginStateMachine states, PluginRows rows) {
        this.plugins = plugins;
        this.libraries = libraries;
        this.states = states;
        this.rows = rows;
    }

    /**
     * The plugin-load lists in order (a failing item is logged and skips the rest of its own
     * list), then the mysql.plugin rows (failures logged only), then init of every registered
     * plugin in registration order. A FORCE or FORCE_PLUS_PERMANENT plugin whose init fails
     * stops start-up. Plugins loaded by plugin-load get no row.
     *
     * @throws IllegalStateException with MySQL's message when start-up must abort
     */
    void load(List<Option> startupOptions, List<String> pluginLoad, boolean readTable) {
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
        for (RegisteredPlugin e : plugins.all()) {
            if (e.state != PluginState.UNINITIALIZED) continue;
            if (!states.initialise(e)) {
                log.error("Plugin '{}' init function returned error.", e.name);
                if (e.loadOption.mandatory()) {
                    log.error("Failed to initialize plugins.");
                    throw new IllegalStateException("Failed to initialize plugins.");
                }
            }
        }
    }

    /** One plugin-load item or mysql.plugin row: {@code name} from {@code soname}, or all of it. */
    private void loadItem(String name, String soname, PluginOptions opts) {
        SharedLibrary library = libraries.acquire(soname);
        try {
            List<PluginDeclaration> chosen = new ArrayList<>();
            if (name != null) {
                chosen.add(library.declaration(name).orElseThrow(() -> ErrorCode.ER_CANT_FIND_DL_ENTRY.error(name)));
            } else {
                chosen.addAll(library.loaded.declarations());
            }
            for (PluginDeclaration d : chosen) {
                if (plugins.taken(d.name())) {
                    throw ErrorCode.ER_UDF_EXISTS.error(name == null ? d.name() : name);
                }
                states.register(d, library, soname, opts);
            }
        } finally {
            libraries.releaseIfUnused(library);
        }
    }
}
