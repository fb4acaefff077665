package io.minisqld.server.options;

/**
 * A fatal error while reading option files. The message is MySQL 5.7's text (from
 * {@code mysys/my_default.cc}); mysqld logs it as an {@code [ERROR]} line followed by
 * {@link #FATAL_DEFAULTS_ERROR} and exits with status 1.
 */
public final class OptionFileException extends Exception {

    /** The line mysqld logs after any fatal option-file error, before exiting. */
    public static final String FATAL_DEFAULTS_ERROR = "Fatal error in defaults handling. Program aborted!";

    private static final long serialVersionUID = 1L;

    public OptionFileException(String message) {
        super(message);
    }

    public OptionFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
