package io.minisqld.server.options;

import java.util.Locale;

/**
 * One option as mysqld's option parser sees it, after the option files were merged in front of
 * the command line.
 *
 * <p>{@code name} is the effective name: lower case, {@code -} turned into {@code _}, the
 * {@code loose-} prefix removed (recorded in {@code loose}) and the {@code skip-}/{@code disable-}/
 * {@code enable-} prefixes applied to the value, as {@code my_getopt} does when the prefixed name
 * is not an option itself: {@code --skip-x} and {@code --disable-x} give {@code x=0},
 * {@code --enable-x} gives {@code x=1}, and a {@code 0} after the prefix negates once more
 * ({@code --skip-x=0} gives {@code x=1}). Because MySQL first looks the whole name up
 * ({@code skip-name-resolve} is an option in its own right), {@link #literal()} gives the same
 * option with the prefix kept, so the server can try that name first.
 *
 * @param name   effective name, e.g. {@code rpl_semi_sync_master_enabled}
 * @param value  the value, {@code null} when the option was given without {@code =}
 * @param loose  whether a {@code loose-} prefix was given (an unknown option is then only a warning)
 * @param origin where the option came from: {@code file:line} or {@code "command line"}
 * @param text   the option as written, without the leading {@code --} (what MySQL quotes in
 *               "unknown variable" messages), e.g. {@code loose-Rpl-semi-sync-master-enabled=1}
 */
public record Option(String name, String value, boolean loose, String origin, String text) {

    /** The origin of options given on the command line. */
    public static final String COMMAND_LINE = "command line";

    /**
     * Parses option text as written after {@code --} (or as an option-file line turns into it).
     *
     * @param text   e.g. {@code loose-skip-foo} or {@code port=3307}
     * @param origin {@code file:line} or {@link #COMMAND_LINE}
     */
    public static Option parse(String text, String origin) {
        int eq = text.indexOf('=');
        String rawName = eq < 0 ? text : text.substring(0, eq);
        String rawValue = eq < 0 ? null : text.substring(eq + 1);
        String n = normalizeName(rawName);
        boolean loose = false;
        Negation negation = Negation.NONE;
        // my_getopt strips special prefixes in any order until the rest names an option; without
        // the registry every prefix is stripped, and literal() keeps the un-stripped spelling.
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            if (n.startsWith("loose_") && n.length() > 6) {
                loose = true;
                n = n.substring(6);
                stripped = true;
            } else if (negation == Negation.NONE) {
                for (Negation candidate : Negation.PREFIXED) {
                    if (n.startsWith(candidate.prefix) && n.length() > candidate.prefix.length()) {
                        negation = candidate;
                        n = n.substring(candidate.prefix.length());
                        stripped = true;
                        break;
                    }
                }
            }
        }
        return new Option(n, negation.apply(rawValue), loose, origin, text);
    }

    /** MySQL treats {@code -} and {@code _} in option names as the same; names are kept lower case. */
    public static String normalizeName(String name) {
        return name.trim().replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * The same option with only {@code loose-} removed: the name still carries any
     * {@code skip_}/{@code disable_}/{@code enable_} prefix and the value is as written. The server
     * looks this name up first, as MySQL does ({@code skip-networking}, {@code skip-slave-start}).
     */
    public Option literal() {
        int eq = text.indexOf('=');
        String n = normalizeName(eq < 0 ? text : text.substring(0, eq));
        while (n.startsWith("loose_") && n.length() > 6) {
            n = n.substring(6);
        }
        return new Option(n, eq < 0 ? null : text.substring(eq + 1), loose, origin, text);
    }

    /** Whether the option was given without {@code =value} (and without a negating prefix). */
    public boolean bare() {
        return value == null;
    }

    @Override
    public String toString() {
        return "--" + text + " (" + origin + ")";
    }

    /** The boolean prefixes of {@code my_getopt} ({@code special_opt_prefix}). */
    private enum Negation {
        NONE(""), SKIP("skip_"), DISABLE("disable_"), ENABLE("enable_");

        static final Negation[] PREFIXED = {SKIP, DISABLE, ENABLE};

        final String prefix;

        Negation(String prefix) {
            this.prefix = prefix;
        }

        /** {@code --skip-x=0} is a double negation and switches x on again, as in my_getopt. */
        String apply(String value) {
            boolean zero = "0".equals(value);
            return switch (this) {
                case NONE -> value;
                case SKIP, DISABLE -> zero ? "1" : "0";
                case ENABLE -> zero ? "0" : "1";
            };
        }
    }
}
