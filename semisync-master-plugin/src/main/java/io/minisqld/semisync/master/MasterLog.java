package io.minisqld.semisync.master;

/**
 * Where the master's error-log lines go ({@code [Note]}, {@code [Warning]}, {@code [ERROR]}); the
 * plugin writes them to the server's error log, tests record them. Texts are MySQL 5.7's (spec §5.1).
 */
public interface MasterLog {
    void note(String message);

    void warning(String message);

    void error(String message);
}
