package io.minisqld.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: an in-process minisqld ({@link MinisqldHarness}) with a plugin author's jar
 * in its plugin_dir, optionally INSTALLed, for the tests of one class.
 *
 * <pre>{@code
 * class MyPluginIT {
 *     @RegisterExtension
 *     static MinisqldExtension server = MinisqldExtension
 *             .withPlugin(Path.of("target/my_plugin.jar"))
 *             .install("my_plugin", "my_plugin.so")
 *             .options("--log-bin=mysql-bin", "--server-id=1");
 *
 *     @Test
 *     void pluginIsActive() throws SQLException {
 *         assertEquals(List.of(List.of("my_plugin", "ACTIVE")), server.rows(
 *                 "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME = 'my_plugin'"));
 *         assertEquals(Optional.of("0"), server.globalStatus("My_plugin_events"));
 *     }
 * }
 * }</pre>
 *
 * <p>In a {@code static} field the server is started once before all tests of the class and
 * stopped after them; in an instance field each test gets a fresh server. Either way the datadir
 * and plugin_dir are temporary folders, deleted afterwards. Test methods and lifecycle methods may
 * also take a {@link MinisqldHarness} or a {@link Connection} (the shared one) as a parameter, when
 * the class registers one such extension.
 *
 * <p>Configure it (the builder methods) where it is declared, before JUnit starts it.
 */
public final class MinisqldExtension implements SqlRunner, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final HarnessBuilder builder = MinisqldHarness.builder();
    private MinisqldHarness harness;
    private boolean perClass;
    /** How many test classes (the declaring one and its @Nested classes) are running on the server. */
    private int classDepth;

    private MinisqldExtension() {
    }

    /** A server whose plugin_dir holds a copy of {@code jar} (under its own file name). */
    public static MinisqldExtension withPlugin(Path jar) {
        return new MinisqldExtension().plugin(jar);
    }

    /** A server with an empty plugin_dir (add jars with {@link #plugin}). */
    public static MinisqldExtension withoutPlugins() {
        return new MinisqldExtension();
    }

    /** Copies another jar into the plugin_dir under its own file name. */
    public MinisqldExtension plugin(Path jar) {
        builder.plugin(jar);
        return this;
    }

    /** Copies {@code jar} into the plugin_dir as {@code fileName} (see {@link HarnessBuilder#plugin(Path, String)}). */
    public MinisqldExtension plugin(Path jar, String fileName) {
        builder.plugin(jar, fileName);
        return this;
    }

    /** Runs {@code INSTALL PLUGIN name SONAME 'soname'} once the server is up. */
    public MinisqldExtension install(String name, String soname) {
        builder.install(name, soname);
        return this;
    }

    /** More server command-line options (see {@link HarnessBuilder#options}). */
    public MinisqldExtension options(String... options) {
        builder.options(options);
        return this;
    }

    /**
     * The running server's harness (port, datadir, plugin_dir, error log, restart, more connections).
     *
     * @throws IllegalStateException outside the tests the extension serves
     */
    public MinisqldHarness harness() {
        if (harness == null) throw new IllegalStateException("the minisqld extension is not running");
        return harness;
    }

    @Override
    public Connection connection() throws SQLException {
        return harness().connection();
    }

    /** A new connection as root; closed when the server stops if the test has not closed it. */
    public Connection newConnection() throws SQLException {
        return harness().newConnection();
    }

    /** {@code INSTALL PLUGIN name SONAME 'soname'}. */
    public void installPlugin(String name, String soname) throws SQLException {
        harness().install(name, soname);
    }

    /** {@code UNINSTALL PLUGIN name}. */
    public void uninstallPlugin(String name) throws SQLException {
        harness().uninstall(name);
    }

    public Path datadir() {
        return harness().datadir();
    }

    public Path pluginDir() {
        return harness().pluginDir();
    }

    public int port() {
        return harness().port();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // only a static field's extension is called here: it serves the whole class
        perClass = true;
        if (classDepth++ == 0) harness = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (--classDepth == 0) stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass) harness = builder.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) stop();
    }

    private void stop() {
        MinisqldHarness h = harness;
        harness = null;
        if (h != null) h.close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MinisqldHarness.class || type == Connection.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == MinisqldHarness.class) return harness();
        try {
            return connection();
        } catch (SQLException e) {
            throw new org.junit.jupiter.api.extension.ParameterResolutionException("cannot open a connection", e);
        }
    }
}
