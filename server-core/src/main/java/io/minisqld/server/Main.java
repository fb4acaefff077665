package io.minisqld.server;

import io.minisqld.server.options.OptionFileException;
import io.minisqld.server.options.OptionReader;
import io.minisqld.server.options.ServerOptions;

/**
 * {@code bin/minisqld}: reads option files and the command line as mysqld does, starts the
 * server, and stops it cleanly on SIGTERM / Ctrl-C, SHUTDOWN or {@code mariadb-admin shutdown}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        ServerOptions options;
        try {
            options = OptionReader.forSystem().read(args);
        } catch (OptionFileException e) {
            System.err.println(MiniSqlServer.PROGNAME + ": " + e.getMessage());
            System.err.println(MiniSqlServer.PROGNAME + ": " + OptionFileException.FATAL_DEFAULTS_ERROR);
            System.exit(1);
            return;
        }
        if (options.printDefaults()) {
            System.out.println(options.printDefaultsText(MiniSqlServer.PROGNAME));
            return;
        }
        MiniSqlServer server;
        try {
            server = MiniSqlServer.start(options);
        } catch (StartupException e) {
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // mysqld exits 0 after a clean shutdown on SIGTERM; the JVM would report 143
            Runtime.getRuntime().halt(0);
        }, "minisqld-sigterm"));
        server.awaitShutdown();
    }
}
