package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.options.Option;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;
import io.minisqld.server.variables.VariableValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's variables in the server (spec plugin-framework.md §A.8, §C): its system variables
 * {@code <plugin>_<var>} with the values of their options, its status variables while it is
 * READY, and the option names it claims so that start-up does not call them unknown. Called
 * under the registry's install lock; {@link #claimsOption} is read without it.
 */
final class PluginVariables {
    private static final Logger log = LoggerFactory.getLogger(PluginVariables.class);

    private final SystemVariables variables;
    private final StatusRegistry status;
    /** Option names plugins have claimed (for start-up's "unknown variable" check); grows only. */
    private final Set<String> claimedOptions = ConcurrentHashMap.newKeySet();

    PluginVariables(SystemVariables variables, StatusRegistry status) {
        this.variables = variables;
        this.status = status;
    }

    /**
     * Claims the options of a plugin being registered: its activation option and one per system
     * variable, each with the {@code plugin_} alias.
     */
    void claimOptions(PluginDeclaration d) {
        String name = d.name();
        claimedOptions.add(PluginOptions.optionName(name));
        claimedOptions.add("plugin_" + PluginOptions.optionName(name));
        for (SystemVariable v : d.systemVariables()) {
            String full = PluginOptions.variableName(name, v.name());
            claimedOptions.add(full);
            claimedOptions.add("plugin_" + full);
        }
    }

    /** Whether a plugin registered in this server run claimed an option of this (normalised) name. */
    boolean claimsOption(String normalizedName) {
        return claimedOptions.contains(normalizedName);
    }

    /**
     * Creates {@code <plugin>_<var>} for each declared variable, with its option value; false
     * disables the plugin (conflicting names, or an option value that cannot be applied), and
     * then none of its variables is left.
     */
    boolean registerSystemVariables(RegisteredPlugin e, PluginOptions opts) {
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
            unregisterSystemVariables(e);
            return false;
        }
    }

    /** Removes the plugin's system variables; any use of them is then 1193. */
    void unregisterSystemVariables(RegisteredPlugin e) {
        for (String v : e.variableNames) variables.unregister(v);
        e.variableNames.clear();
    }

    /** Shows the status variables of a plugin whose init succeeded; a name already taken is skipped. */
    void registerStatusVariables(RegisteredPlugin e) {
        for (StatusVariable v : e.declaration.statusVariables()) {
            try {
                status.register(v);
                e.statusNames.add(v.name());
            } catch (IllegalStateException clash) {
                log.warn("Plugin '{}': status variable '{}' already exists; not shown", e.name, v.name());
            }
        }
    }

    /** Removes the plugin's status variables. */
    void unregisterStatusVariables(RegisteredPlugin e) {
        for (String s : e.statusNames) status.unregister(s);
        e.statusNames.clear();
    }
}
