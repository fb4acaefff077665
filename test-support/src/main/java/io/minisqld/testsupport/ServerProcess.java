package io.minisqld.testsupport;

import io.minisqld.testcommon.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A database server running as a child process (minisqld's {@code Main} or MariaDB's
 * {@code mariadbd}): its output goes to a console file, it is ready once root can connect over
 * JDBC, it stops on SIGTERM (SIGKILL after {@link #STOP_TIMEOUT}), and it never outlives the JVM.
 */
final class ServerProcess {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path console;
    /** Kills the process if the test JVM exits without stopping it; removed once it has ended. */
    private final Thread reaper;

    private ServerProcess(String name, Process process, Path console, Thread reaper) {
        this.name = name;
        this.process = process;
        this.console = console;
        this.reaper = reaper;
    }

    /** Starts {@code command} in {@code directory}, its stdout and stderr appended to {@code console}. */
    static ServerProcess start(String name, List<String> command, Path directory, Path console) throws IOException {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
        Thread reaper = new Thread(p::destroyForcibly, "reap " + name);
        Runtime.getRuntime().addShutdownHook(reaper);
        return new ServerProcess(name, p, console, reaper);
    }

    Process process() {
        return process;
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Waits until root can connect to 127.0.0.1:{@code port}.
     *
     * @return false if the process ended first
     * @throws AssertionError if it neither accepts connections nor ends within {@code timeout}
     *                        (it is killed then)
     */
    boolean awaitAcceptingConnections(int port, Duration timeout, Supplier<String> diagnostics) throws InterruptedException {
        String url = DatabaseServer.jdbcUrl(port, "", "root");
        try {
            Poll.until(name + " to accept connections on port " + port, timeout, () -> {
                if (!process.isAlive()) return true;
                try (Connection c = DriverManager.getConnection(url)) {
                    return true;
                }
            }, diagnostics);
        } catch (AssertionError e) {
            kill();
            throw e;
        }
        if (process.isAlive()) return true;
        ended();
        return false;
    }

    /** Shuts the server down with SIGTERM and waits for it to end; SIGKILL and a failure if it does not. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(name + " still running " + STOP_TIMEOUT + " after SIGTERM; killed");
        }
        ended();
        return process.exitValue();
    }

    /** Ends the server without any shutdown work (SIGKILL) and waits for it to end. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " survived SIGKILL for " + STOP_TIMEOUT);
        }
        ended();
        return process.exitValue();
    }

    /** Waits up to {@code timeout} for the process to end by itself (after SHUTDOWN); its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running " + timeout + " after it was asked to shut down");
        }
        ended();
        return process.exitValue();
    }

    /** What the process printed on stdout and stderr. */
    String console() {
        try {
            return Files.exists(console) ? new String(Files.readAllBytes(console), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + console + " unreadable: " + e + ")";
        }
    }

    private void ended() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException jvmExiting) {
            // the hook runs anyway and finds the process ended
        }
    }
}
