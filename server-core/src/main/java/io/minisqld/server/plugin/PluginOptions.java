package io.minisqld.server.plugin;

import io.minisqld.server.options.Option;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The options meant for one plugin among the server's (spec plugin-framework.md §A.8, §C.2):
 * the activation option {@code --<plugin>} and one option per system variable
 * {@code --<plugin>-<var>}, each also with MySQL's hidden {@code plugin-} alias; {@code -} and
 * {@code _} alike, {@code loose-}/{@code skip-}/{@code enable-}/{@code disable-} already resolved
 * by {@link Option#parse}; the last occurrence wins.
 */
final class PluginOptions {
    private final List<Option> options;

    PluginOptions(List<Option> options) {
        this.options = List.copyOf(options);
    }

    /** The option name of a plugin (or a plugin variable's full name), as options are normalised. */
    static String optionName(String name) {
        return Option.normalizeName(name);
    }

    /** The SQL name of a plugin's variable: {@code <plugin>_<var>}, lower case, {@code -} as {@code _}. */
    static String variableName(String plugin, String variable) {
        return (plugin + "_" + variable).replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * The options that name {@code plugin}'s prefix ({@code --<plugin>-…}) but none of its
     * variables: a misspelt one (MySQL warns about them once the plugin is loaded).
     *
     * @param variables the plugin's variables, by their names after the prefix
     */
    List<Option> unknownFor(String plugin, java.util.Collection<String> variables) {
        String p = optionName(plugin) + "_";
        java.util.Set<String> known = new java.util.HashSet<>();
        for (String v : variables) known.add(p + optionName(v));
        List<Option> out = new java.util.ArrayList<>();
        for (Option o : options) {
            String n = o.name().startsWith("plugin_") ? o.name().substring("plugin_".length()) : o.name();
            if (n.startsWith(p) && !known.contains(n)) out.add(o);
        }
        return out;
    }

    /** The last option named {@code name} or {@code plugin_<name>}. */
    Optional<Option> find(String name) {
        String n = optionName(name);
        String alias = "plugin_" + n;
        for (int i = options.size() - 1; i >= 0; i--) {
            Option o = options.get(i);
            if (o.name().equals(n) || o.name().equals(alias)) return Optional.of(o);
        }
        return Optional.empty();
    }

    /**
     * The activation option in effect: ON when absent; empty when its value is not one of
     * OFF/ON/FORCE/FORCE_PLUS_PERMANENT (MySQL then registers the plugin DISABLED).
     */
    Optional<LoadOption> loadOption(String plugin) {
        Optional<Option> o = find(plugin);
        return o.isEmpty() ? Optional.of(LoadOption.ON) : LoadOption.parse(o.get().value());
    }
}
