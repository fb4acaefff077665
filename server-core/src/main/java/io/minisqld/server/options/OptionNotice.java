package io.minisqld.server.options;

/**
 * A message mysqld would print while reading its options, with the level it prints it at. The
 * server writes these to its error log ({@code [Warning]} or {@code [ERROR]}) once logging is up.
 *
 * @param severity {@link Severity#WARNING} or {@link Severity#ERROR}
 * @param message  MySQL 5.7's text
 */
public record OptionNotice(Severity severity, String message) {

    /** The two levels option handling reports at. */
    public enum Severity { WARNING, ERROR }

    public static OptionNotice warning(String message) {
        return new OptionNotice(Severity.WARNING, message);
    }

    public static OptionNotice error(String message) {
        return new OptionNotice(Severity.ERROR, message);
    }
}
