package io.minisqld.server;

import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.options.Option;
import io.minisqld.server.options.OptionMessages;
import io.minisqld.server.options.OptionNotice;
import io.minisqld.server.options.ServerOptions;
import io.minisqld.server.plugin.PluginRegistry;
import io.minisqld.server.variables.SystemVariables;
import io.minisqld.server.variables.VariableValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's start-up options turned into global variables, in two steps as MySQL does: the
 * server's own options before anything opens ({@link #apply}), then, once the plugins registered
 * theirs, the options nobody claimed abort start-up ({@link #rejectUnclaimed}).
 */
final class StartupOptions {
    private static final Logger log = LoggerFactory.getLogger(StartupOptions.class);

    /** Options the server reads itself, not system variables. */
    private static final Set<String> SERVER_OPTIONS = Set.of("defaults_file", "defaults_extra_file",
            "no_defaults", "defaults_group_suffix", "print_defaults", "plugin_load", "plugin_load_add", "console",
            "initialize_insecure", "user", "gdb", "core_file", "log_bin",
            "log_bin_index", "language", "symbolic_links", "skip_symbolic_links",
            "log_error");

    private final ServerOptions options;
    private final SystemVariables variables;
    private final List<Option> unknown = new ArrayList<>();
    private final List<Option> looseUnknown = new ArrayList<>();

    StartupOptions(ServerOptions options, SystemVariables variables) {
        this.options = options;
        this.variables = variables;
    }

    /** Logs what reading the option files noticed (MySQL's warnings about option files). */
    void logNotices() {
        for (OptionNotice n : options.notices()) {
            if (n.severity() == OptionNotice.Severity.ERROR) log.error(n.message());
            else log.warn(n.message());
        }
    }

    /**
     * Sets each option that names a system variable; an invalid value aborts start-up with
     * MySQL's message. Options nobody knows yet wait for the plugins ({@code loose-} ones are
     * dropped, as MySQL drops them).
     */
    void apply(Path datadir) throws StartupException {
        for (Option given : options.options()) {
            // MySQL looks up the whole name first (skip-networking), then the prefixed form
            Option literal = given.literal();
            Option o = !literal.name().equals(given.name()) && (variables.spec(literal.name()).isPresent()
                    || SERVER_OPTIONS.contains(literal.name())) ? literal : given;
            String name = o.name();
            if (name.equals("log_bin")) {
                applyLogBin(o, datadir);
                continue;
            }
            if (SERVER_OPTIONS.contains(name) || name.equals("datadir")) continue;
            var spec = variables.spec(name);
            if (spec.isEmpty()) {
                // MySQL decides "unknown variable" only after plugins registered their options
                // a loose one MySQL warns about once the plugins had their chance
                if (!o.loose()) unknown.add(o);
                else looseUnknown.add(o);
                continue;
            }
            SystemVariable s = spec.get();
            try {
                Object value = VariableValues.coerce(s, VariableValues.fromOptionText(s, o.value()),
                        (code, args) -> log.warn("option '{}': {}", s.name(), code.message(args)));
                variables.initFromOption(s.name(), value);
            } catch (SqlError e) {
                log.error("{}: {}", MiniSqlServer.PROGNAME, e.getMessage());
                log.error(OptionMessages.ABORTING);
                throw new StartupException(e.getMessage(), e);
            }
        }
    }

    private void applyLogBin(Option o, Path datadir) {
        String base = o.value() == null || o.value().isEmpty() ? "localhost-bin" : o.value();
        if (base.equals("0") || base.equalsIgnoreCase("OFF")) return;
        Path basename = datadir.resolve(base);
        variables.initGlobal("log_bin", true);
        variables.initGlobal("log_bin_basename", basename.toString());
        variables.initGlobal("log_bin_index", basename + ".index");
    }

    /** After the plugins loaded: an option neither the server nor a plugin knows aborts start-up. */
    void rejectUnclaimed(PluginRegistry plugins) throws StartupException {
        for (Option o : looseUnknown) {
            if (plugins.claimsOption(o.name()) || plugins.claimsOption(o.literal().name())) continue;
            log.warn(OptionMessages.unknownOption(o, MiniSqlServer.PROGNAME).message());
        }
        for (Option o : unknown) {
            if (plugins.claimsOption(o.name()) || plugins.claimsOption(o.literal().name())) continue;
            String message = OptionMessages.unknownOption(o, MiniSqlServer.PROGNAME).message();
            log.error(message);
            log.error(OptionMessages.ABORTING);
            throw new StartupException(message, null);
        }
    }
}
