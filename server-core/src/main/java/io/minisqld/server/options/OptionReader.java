package io.minisqld.server.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns mysqld's {@code argv} into {@link ServerOptions} the way MySQL 5.7's
 * {@code load_defaults} and {@code my_getopt} see it (spec plugin-framework.md §D): option files
 * first, in search order and file order, then the command line.
 *
 * <p>The option-file options must lead the command line, in any order, as in
 * {@code get_defaults_options}: {@code --no-defaults} (only as the very first argument),
 * {@code --defaults-file=f}, {@code --defaults-extra-file=f}, {@code --defaults-group-suffix=s},
 * then optionally {@code --print-defaults}. Given later they are ordinary options that the
 * server does not know, so mysqld's "unknown variable 'defaults-file=...'" follows, as in MySQL.
 */
public final class OptionReader {

    /** The groups mysqld 5.7 reads ({@code load_default_groups}), matched case-insensitively. */
    public static final List<String> SERVER_GROUPS = List.of("mysqld", "server", "mysqld-5.7");

    private static final String NO_DEFAULTS = "--no-defaults";
    private static final String DEFAULTS_FILE = "--defaults-file=";
    private static final String DEFAULTS_EXTRA_FILE = "--defaults-extra-file=";
    private static final String DEFAULTS_GROUP_SUFFIX = "--defaults-group-suffix=";
    private static final String LOGIN_PATH = "--login-path=";
    private static final String PRINT_DEFAULTS = "--print-defaults";

    private final DefaultFileLocations defaults;
    private final Path workingDirectory;
    private final String environmentGroupSuffix;

    /**
     * @param defaults         the files read when no {@code --defaults-file}/{@code --no-defaults} is given
     * @param workingDirectory what relative file names are resolved against (mysqld uses its cwd)
     */
    public OptionReader(DefaultFileLocations defaults, Path workingDirectory) {
        this(defaults, workingDirectory, null);
    }

    /**
     * @param environmentGroupSuffix the {@code MYSQL_GROUP_SUFFIX} environment value, used when no
     *                               {@code --defaults-group-suffix} is given; may be {@code null}
     */
    public OptionReader(DefaultFileLocations defaults, Path workingDirectory, String environmentGroupSuffix) {
        this.defaults = defaults;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.environmentGroupSuffix = environmentGroupSuffix == null || environmentGroupSuffix.isEmpty()
                ? null : environmentGroupSuffix;
    }

    /** The reader a real mysqld process uses: the machine's files, cwd, {@code MYSQL_GROUP_SUFFIX}. */
    public static OptionReader forSystem() {
        return new OptionReader(DefaultFileLocations.system(), Path.of(""), System.getenv("MYSQL_GROUP_SUFFIX"));
    }

    /**
     * Reads the option files named or implied by {@code args}, then the rest of {@code args}.
     *
     * @param args the command line without the program name (Java's {@code main} arguments)
     * @throws OptionFileException a fatal option-file error, with MySQL's message; mysqld then
     *                             logs {@link OptionFileException#FATAL_DEFAULTS_ERROR} and exits 1
     */
    public ServerOptions read(String... args) throws OptionFileException {
        List<String> argv = List.of(args);
        int used = 0;
        boolean noDefaults = !argv.isEmpty() && argv.get(0).equals(NO_DEFAULTS);
        String defaultsFile = null;
        String extraFile = null;
        String groupSuffix = null;
        boolean consumed = true;
        while (consumed && used < argv.size()) {
            String arg = argv.get(used);
            consumed = true;
            if (used == 0 && noDefaults) {
                // consumed: --no-defaults counts only as the very first argument
            } else if (defaultsFile == null && !noDefaults && arg.startsWith(DEFAULTS_FILE)) {
                defaultsFile = arg.substring(DEFAULTS_FILE.length());
            } else if (extraFile == null && !noDefaults && arg.startsWith(DEFAULTS_EXTRA_FILE)) {
                extraFile = arg.substring(DEFAULTS_EXTRA_FILE.length());
            } else if (groupSuffix == null && arg.startsWith(DEFAULTS_GROUP_SUFFIX)) {
                groupSuffix = arg.substring(DEFAULTS_GROUP_SUFFIX.length());
            } else if (arg.startsWith(LOGIN_PATH)) {
                // consumed and ignored: the login path concerns clients only
            } else {
                consumed = false;
            }
            if (consumed) {
                used++;
            }
        }
        boolean printDefaults = used < argv.size() && argv.get(used).equals(PRINT_DEFAULTS);
        if (printDefaults) {
            used++;
            // my_load_defaults returns before printing when --no-defaults was given.
            printDefaults = !noDefaults;
        }
        if (groupSuffix == null) {
            groupSuffix = environmentGroupSuffix;
        }

        OptionFileParser parser = new OptionFileParser(workingDirectory, groups(groupSuffix));
        Path defaultsPath = defaultsFile == null ? null : absolute(defaultsFile);
        Path extraPath = extraFile == null ? null : absolute(extraFile);
        if (defaultsPath != null) {
            readRequired(parser, defaultsPath);
        } else if (!noDefaults) {
            for (Path file : defaults.globalFiles()) {
                parser.read(file, 0);
            }
            if (extraPath != null) {
                readRequired(parser, extraPath);
            }
            for (Path file : defaults.userFiles()) {
                parser.read(file, 0);
            }
        }

        List<Option> options = new ArrayList<>(parser.options());
        List<String> arguments = new ArrayList<>();
        parseCommandLine(argv.subList(used, argv.size()), options, arguments);
        return new ServerOptions(options, arguments, defaultsPath, extraPath, groupSuffix, noDefaults,
                printDefaults, parser.filesRead(), parser.notices());
    }

    /**
     * Parses command-line arguments after the option-file options: {@code --name=value} and
     * bare {@code --name}; {@code --} ends the options. Words and single-dash short options go to
     * {@code arguments} (minisqld defines no short options; the server rejects them).
     */
    static void parseCommandLine(List<String> args, List<Option> options, List<String> arguments) {
        boolean endOfOptions = false;
        for (String arg : args) {
            if (!endOfOptions && arg.equals("--")) {
                endOfOptions = true;
            } else if (!endOfOptions && arg.startsWith("--")) {
                options.add(Option.parse(arg.substring(2), Option.COMMAND_LINE));
            } else {
                arguments.add(arg);
            }
        }
    }

    private static Set<String> groups(String suffix) {
        Set<String> groups = new LinkedHashSet<>();
        for (String group : SERVER_GROUPS) {
            groups.add(group.toLowerCase(Locale.ROOT));
        }
        if (suffix != null) {
            for (String group : SERVER_GROUPS) {
                groups.add((group + suffix).toLowerCase(Locale.ROOT));
            }
        }
        return groups;
    }

    private Path absolute(String file) {
        return workingDirectory.resolve(file).normalize();
    }

    private static void readRequired(OptionFileParser parser, Path file) throws OptionFileException {
        if (!parser.read(file, 0)) {
            throw new OptionFileException("Could not open required defaults file: " + file);
        }
    }
}
