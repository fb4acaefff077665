package io.minisqld.server.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options a server starts with, immutable: option-file options in file order, then the
 * command line, so that the last occurrence of a name wins (spec plugin-framework.md §C.3, §D).
 * Which names are known is the server's business (it owns the variable registry); this value
 * only records what was given and where.
 */
public final class ServerOptions {

    private final List<Option> options;
    private final List<String> arguments;
    private final Path defaultsFile;
    private final Path defaultsExtraFile;
    private final String defaultsGroupSuffix;
    private final boolean noDefaults;
    private final boolean printDefaults;
    private final List<Path> filesRead;
    private final List<OptionNotice> notices;

    ServerOptions(List<Option> options, List<String> arguments, Path defaultsFile, Path defaultsExtraFile,
                  String defaultsGroupSuffix, boolean noDefaults, boolean printDefaults,
                  List<Path> filesRead, List<OptionNotice> notices) {
        this.options = List.copyOf(options);
        this.arguments = List.copyOf(arguments);
        this.defaultsFile = defaultsFile;
        this.defaultsExtraFile = defaultsExtraFile;
        this.defaultsGroupSuffix = defaultsGroupSuffix;
        this.noDefaults = noDefaults;
        this.printDefaults = printDefaults;
        this.filesRead = List.copyOf(filesRead);
        this.notices = List.copyOf(notices);
    }

    /** Options built in code (tests, embedded servers): no files, all from the "command line". */
    public static ServerOptions of(List<Option> options) {
        return new ServerOptions(options, List.of(), null, null, null, true, false, List.of(), List.of());
    }

    /**
     * Parses command-line options only, as {@code mysqld --no-defaults args...} would: handy for
     * tests that start several servers in one JVM.
     *
     * @param args e.g. {@code "--port=0", "--datadir=/tmp/x", "--skip-slave-start"}
     */
    public static ServerOptions ofCommandLine(String... args) {
        List<Option> parsed = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        OptionReader.parseCommandLine(List.of(args), parsed, rest);
        return new ServerOptions(parsed, rest, null, null, null, true, false, List.of(), List.of());
    }

    /** All options in effective order: option files first (in file order), then the command line. */
    public List<Option> options() {
        return options;
    }

    /**
     * The last option whose effective name, or whose name as written (without {@code loose-}),
     * is {@code name}. So {@code find("networking")} and {@code find("skip_networking")} both
     * see {@code --skip-networking}: the first as {@code networking=0}, the second as the literal
     * option without a value.
     *
     * @param name any spelling: {@code -}/{@code _} and case do not matter
     */
    public Optional<Option> find(String name) {
        String wanted = Option.normalizeName(name);
        for (int i = options.size() - 1; i >= 0; i--) {
            Option option = options.get(i);
            if (option.name().equals(wanted)) {
                return Optional.of(option);
            }
            Option literal = option.literal();
            if (!literal.name().equals(option.name()) && literal.name().equals(wanted)) {
                return Optional.of(literal);
            }
        }
        return Optional.empty();
    }

    /**
     * The value of the last occurrence of {@code name} (see {@link #find}). An option given
     * without {@code =} yields the empty string: its meaning depends on the option (ON for a
     * boolean, the default file name for {@code log-bin}), which {@link #find} lets the server
     * tell apart.
     */
    public Optional<String> get(String name) {
        return find(name).map(o -> o.value() == null ? "" : o.value());
    }

    /**
     * The {@code --plugin-load}/{@code --plugin-load-add} values in effect, in order, one element
     * per option value (each {@code name=lib;name2=lib2} or {@code lib}). MySQL rule (§A.7):
     * each {@code plugin-load} discards everything accumulated before it, including earlier
     * {@code plugin-load-add} values; each {@code plugin-load-add} appends. The server processes
     * each element separately, because a failing item skips only the rest of its own value.
     */
    public List<String> pluginLoad() {
        List<String> specs = new ArrayList<>();
        for (Option option : options) {
            switch (option.name()) {
                case "plugin_load" -> {
                    specs.clear();
                    addSpec(specs, option.value());
                }
                case "plugin_load_add" -> addSpec(specs, option.value());
                default -> { }
            }
        }
        return List.copyOf(specs);
    }

    private static void addSpec(List<String> specs, String value) {
        if (value != null && !value.isEmpty()) {
            specs.add(value);
        }
    }

    /** Non-option arguments: words without {@code --}, single-dash short options, and everything after {@code --}. */
    public List<String> arguments() {
        return arguments;
    }

    /** The {@code --defaults-file} given on the command line, as an absolute path. */
    public Optional<Path> defaultsFile() {
        return Optional.ofNullable(defaultsFile);
    }

    /** The {@code --defaults-extra-file} given on the command line, as an absolute path. */
    public Optional<Path> defaultsExtraFile() {
        return Optional.ofNullable(defaultsExtraFile);
    }

    /** The {@code --defaults-group-suffix} in effect (command line or {@code MYSQL_GROUP_SUFFIX}). */
    public Optional<String> defaultsGroupSuffix() {
        return Optional.ofNullable(defaultsGroupSuffix);
    }

    /** Whether {@code --no-defaults} was given (or the options were built without files). */
    public boolean noDefaults() {
        return noDefaults;
    }

    /** Whether {@code --print-defaults} was given: print {@link #printDefaultsText} and exit 0. */
    public boolean printDefaults() {
        return printDefaults;
    }

    /** The option files that were read, in order (includes too). */
    public List<Path> filesRead() {
        return filesRead;
    }

    /** Warnings and non-fatal errors met while reading option files, to be written to the error log. */
    public List<OptionNotice> notices() {
        return notices;
    }

    /** What {@code mysqld --print-defaults} prints: the merged argument list on one line. */
    public String printDefaultsText(String progname) {
        StringBuilder out = new StringBuilder(progname)
                .append(" would have been started with the following arguments:\n");
        for (Option option : options) {
            // mysys masks passwords in this listing.
            out.append(option.text().startsWith("password") ? "--password=*****" : "--" + option.text())
                    .append(' ');
        }
        for (String argument : arguments) {
            out.append(argument).append(' ');
        }
        return out.append('\n').toString();
    }

    @Override
    public String toString() {
        return "ServerOptions" + options;
    }
}
