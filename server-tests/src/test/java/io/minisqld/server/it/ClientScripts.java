package io.minisqld.server.it;

import io.minisqld.testcommon.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs client programs in other languages against a server: a PHP or Python script written to a
 * temporary file, one of the PHP scripts in {@code src/test/php}, or one of the Node scripts in
 * {@code src/test/node} (mysql2, which {@code npm ci} installs there). A missing interpreter or a missing {@code node_modules} fails the test; nothing
 * is skipped.
 */
final class ClientScripts {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path PHP = Path.of("/usr/bin/php");
    static final Path NODE = Path.of("/usr/bin/node");
    /** The npm project of the Node scripts: package.json, package-lock.json, node_modules. */
    static final Path NODE_DIR = testSources("node");
    /** The PHP scripts. */
    static final Path PHP_DIR = testSources("php");

    private ClientScripts() {
    }

    /**
     * Writes {@code code}, with {@code @PORT@} replaced by {@code port}, to a temporary file ending
     * in {@code suffix} and runs it with {@code interpreter}.
     */
    static Program.Result script(Path interpreter, String suffix, String code, int port, Duration timeout)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile("minisqld-client-", suffix);
        try {
            Files.writeString(file, code.replace("@PORT@", Integer.toString(port)));
            return Program.run(List.of(Program.existing(interpreter), file.toString()), null, timeout);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Runs {@code src/test/node/<name>} with node, the port as its argument.
     *
     * @throws AssertionError if node is not installed or {@code npm ci} has not run in {@link #NODE_DIR}
     */
    static Program.Result node(String name, int port, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isExecutable(NODE)) {
            throw new AssertionError(NODE + " is required for the Node client tests and is missing (install nodejs"
                    + " 18 or later and npm, then run `npm ci` in " + NODE_DIR + ")");
        }
        installNodeModules();
        if (!Files.isRegularFile(NODE_DIR.resolve("node_modules/mysql2/package.json"))) {
            throw new AssertionError("mysql2 is not installed for the Node client tests: `npm ci` in " + NODE_DIR
                    + " did not install it");
        }
        return run(NODE, NODE_DIR.resolve(name), port, timeout);
    }

    /**
     * {@code npm ci} in {@link #NODE_DIR} once, when its node_modules is missing (a fresh clone):
     * {@code mvn -B verify} alone runs every test. npm's failure fails the test with its output.
     */
    private static synchronized void installNodeModules() throws IOException, InterruptedException {
        if (Files.isDirectory(NODE_DIR.resolve("node_modules"))) return;
        Path npm = Path.of("/usr/bin/npm");
        if (!Files.isExecutable(npm)) throw new AssertionError(npm + " is required to install mysql2 (npm ci in " + NODE_DIR + ")");
        Program.Result r = Program.run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--prefix",
                NODE_DIR.toString()), null, Duration.ofMinutes(5));
        if (r.exitCode() != 0) throw new AssertionError("npm ci in " + NODE_DIR + " failed:\n" + r);
    }

    /** Runs {@code src/test/php/<name>} with php, the port as its argument. */
    static Program.Result php(String name, int port, Duration timeout) throws IOException, InterruptedException {
        return run(PHP, PHP_DIR.resolve(name), port, timeout);
    }

    private static Program.Result run(Path interpreter, Path script, int port, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) throw new AssertionError("no script " + script);
        return Program.run(List.of(Program.existing(interpreter), script.toString(), Integer.toString(port)), null,
                timeout);
    }

    /** {@code src/test/<name>} of server-tests (surefire runs in the module's directory and sets basedir). */
    private static Path testSources(String name) {
        return Path.of(System.getProperty("basedir", "."), "src", "test", name).toAbsolutePath().normalize();
    }
}
