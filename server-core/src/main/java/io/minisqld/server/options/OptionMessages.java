package io.minisqld.server.options;

/**
 * MySQL 5.7's start-up messages about options the server does not accept, built from the
 * option as written. The server decides what is unknown; it logs the notice and, for an
 * {@code [ERROR]}, then logs {@link #ABORTING} and stops.
 */
public final class OptionMessages {

    /** The line mysqld logs before it stops on a start-up error. */
    public static final String ABORTING = "Aborting";

    private OptionMessages() {
    }

    /**
     * {@code my_getopt}'s message for an option no one registered: "unknown variable 'foo=bar'"
     * when a value was given, "unknown option '--foo'" otherwise, quoting the option as written
     * (including any {@code loose-} prefix). An error, or only a warning for a {@code loose-}
     * option.
     *
     * @param progname what mysqld prints first ({@code my_progname}, e.g. {@code /usr/sbin/mysqld});
     *                 {@code null} or empty to leave it out
     */
    public static OptionNotice unknownOption(Option option, String progname) {
        String prefix = progname == null || progname.isEmpty() ? "" : progname + ": ";
        String text = option.text().contains("=")
                ? prefix + "unknown variable '" + option.text() + "'"
                : prefix + "unknown option '--" + option.text() + "'";
        return option.loose() ? OptionNotice.warning(text) : OptionNotice.error(text);
    }

    /**
     * mysqld's message for leftover arguments that are not options:
     * "Too many arguments (first extra is '%s')." An error.
     */
    public static OptionNotice tooManyArguments(String firstExtra) {
        return OptionNotice.error("Too many arguments (first extra is '" + firstExtra + "').");
    }
}
