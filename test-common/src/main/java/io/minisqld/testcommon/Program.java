package io.minisqld.testcommon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to its end and returns what it printed, for tests of the real tools minisqld
 * must work with. A missing tool fails the test (CI installs the Debian packages); it never skips.
 */
public final class Program {
    /** mariadb-client: the command-line client. */
    public static final Path MARIADB = Path.of("/usr/bin/mariadb");
    /** mariadb-client: {@code mariadb-admin}. */
    public static final Path MARIADB_ADMIN = Path.of("/usr/bin/mariadb-admin");
    /** mariadb-client: {@code mariadb-binlog}, the binlog file reader. */
    public static final Path MARIADB_BINLOG = Path.of("/usr/bin/mariadb-binlog");
    /** mariadb-server: the server itself. */
    public static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    /** mariadb-server: initialises a datadir. */
    public static final Path MARIADB_INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    /** sysbench. */
    public static final Path SYSBENCH = Path.of("/usr/bin/sysbench");

    private Program() {
    }

    /** What a program printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Standard output followed by standard error, for tools that report on either. */
        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /**
     * The path of {@code program} as a command word.
     *
     * @throws AssertionError if it is not installed
     */
    public static String existing(Path program) {
        if (!Files.isExecutable(program)) {
            throw new AssertionError(program + " is required for these tests and is missing"
                    + " (.ci/run installs it from Debian's packages)");
        }
        return program.toString();
    }

    /**
     * Runs {@code command} with {@code stdin} (or nothing) on its standard input, in the C locale,
     * UTC and a dumb terminal, so that its output does not depend on the machine. Output goes to
     * files, so no pipe can fill up.
     *
     * @throws AssertionError if it has not ended within {@code timeout} (it is killed then)
     */
    public static Result run(List<String> command, String stdin, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("minisqld-test-out", ".txt");
        Path err = Files.createTempFile("minisqld-test-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("LC_ALL", "C");
            pb.environment().put("TERM", "dumb");
            pb.environment().put("TZ", "UTC");
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within " + timeout + "\n--- stdout\n"
                        + text(out) + "--- stderr\n" + text(err));
            }
            return new Result(p.exitValue(), text(out), text(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A file's bytes as UTF-8, malformed sequences replaced (a binlog dump may print raw bytes). */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
