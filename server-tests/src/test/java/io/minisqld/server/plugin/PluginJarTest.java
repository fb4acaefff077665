package io.minisqld.server.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.testcommon.Poll;
import io.minisqld.testsupport.MinisqldHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real plugin jar, compiled from source by this test into a temporary directory (so its classes
 * are not on the test class path), installed through SQL into a running server, used, uninstalled,
 * and its class loader collected.
 */
class PluginJarTest {
    @TempDir
    Path tmp;

    private static final String SOURCE = """
            package demo;

            import io.minisqld.plugin.api.MinisqldPlugin;
            import io.minisqld.plugin.api.PluginContext;
            import io.minisqld.plugin.api.PluginDeclaration;
            import io.minisqld.plugin.api.PluginLicense;
            import io.minisqld.plugin.api.PluginType;
            import io.minisqld.plugin.api.observer.ObserverFamily;
            import io.minisqld.plugin.api.observer.TransactionObserver;
            import io.minisqld.plugin.api.observer.TransactionParam;
            import io.minisqld.plugin.api.variables.StatusVariable;
            import io.minisqld.plugin.api.variables.SystemVariable;
            import io.minisqld.plugin.api.variables.VariableType;
            import java.util.List;
            import java.util.concurrent.atomic.AtomicLong;

            public class DemoLibrary extends MinisqldPlugin {
                @Override
                public List<PluginDeclaration> declarations() {
                    return List.of(new Demo());
                }

                static final class Demo implements PluginDeclaration {
                    private final AtomicLong updates = new AtomicLong();
                    private final AtomicLong commits = new AtomicLong();
                    private final TransactionObserver observer = new TransactionObserver() {
                        @Override
                        public void afterCommit(TransactionParam param) {
                            commits.incrementAndGet();
                        }
                    };

                    public String name() { return "demo_plugin"; }
                    public PluginType type() { return PluginType.DAEMON; }
                    public String author() { return "minisqld tests"; }
                    public String description() { return "A plugin jar compiled by a test"; }
                    public PluginLicense license() { return PluginLicense.GPL; }
                    public int version() { return 0x0102; }

                    public List<SystemVariable> systemVariables() {
                        return List.of(SystemVariable.global("level", VariableType.IntegerType.of(0, 100), 1L)
                                .onUpdate(v -> updates.addAndGet((Long) v)));
                    }

                    public List<StatusVariable> statusVariables() {
                        return List.of(StatusVariable.of("Demo_plugin_updates", updates::get),
                                StatusVariable.of("Demo_plugin_commits", commits::get));
                    }

                    public void init(PluginContext context) {
                        context.observers().register(ObserverFamily.TRANSACTION, observer);
                    }

                    public void deinit(PluginContext context) {
                        context.observers().unregister(ObserverFamily.TRANSACTION, observer);
                    }
                }
            }
            """;

    @Test
    void installSetShowUninstallAndTheClassLoaderIsCollected() throws Exception {
        Path jar = buildJar(tmp.resolve("demo.jar"));
        Path pluginDir;
        try (MinisqldHarness server = MinisqldHarness.inProcess().in(tmp).serverId(1).plugin(jar).start();
             Connection c = server.newConnection(); Statement st = c.createStatement()) {
            pluginDir = server.pluginDir();
            st.execute("INSTALL PLUGIN demo_plugin SONAME 'demo.so'");
            assertEquals(List.of("binlog|ACTIVE|STORAGE ENGINE|null|GPL",
                    "mysql_native_password|ACTIVE|AUTHENTICATION|null|GPL",
                    "InnoDB|ACTIVE|STORAGE ENGINE|null|GPL",
                    "demo_plugin|ACTIVE|DAEMON|demo.so|GPL"), rows(st, "SHOW PLUGINS"));
            assertEquals(List.of("demo_plugin|1.2|ACTIVE|DAEMON|demo.so|1.2|minisqld tests|ON"), rows(st,
                    "SELECT PLUGIN_NAME, PLUGIN_VERSION, PLUGIN_STATUS, PLUGIN_TYPE, PLUGIN_LIBRARY,"
                            + " PLUGIN_LIBRARY_VERSION, PLUGIN_AUTHOR, LOAD_OPTION FROM INFORMATION_SCHEMA.PLUGINS"
                            + " WHERE PLUGIN_NAME LIKE '%demo%'"));
            assertEquals(List.of("demo_plugin|demo.so"), rows(st, "SELECT name, dl FROM mysql.plugin"));

            st.execute("SET GLOBAL demo_plugin_level = 5");
            assertEquals(List.of("5"), rows(st, "SELECT @@global.demo_plugin_level"));
            assertEquals(List.of("demo_plugin_level|5"), rows(st, "SHOW GLOBAL VARIABLES LIKE 'demo_plugin%'"));
            st.execute("CREATE DATABASE d");
            st.execute("CREATE TABLE d.t (id INT PRIMARY KEY)");
            st.execute("INSERT INTO d.t VALUES (1)");
            List<String> status = rows(st, "SHOW STATUS LIKE 'Demo_plugin%'");
            assertEquals(2, status.size());
            // after_commit runs for every autocommitted statement, so the INSERT counted at least once
            assertTrue(Long.parseLong(status.get(0).substring("Demo_plugin_commits|".length())) >= 1, status.get(0));
            assertEquals("Demo_plugin_updates|5", status.get(1));

            SQLException again = assertThrows(SQLException.class,
                    () -> st.execute("INSTALL PLUGIN demo_plugin SONAME 'demo.so'"));
            assertEquals(1125, again.getErrorCode());
            assertEquals("Function 'demo_plugin' already exists", message(again));

            WeakReference<ClassLoader> loader = new WeakReference<>(server.pluginClassLoader("demo_plugin")
                    .orElseThrow());
            st.execute("UNINSTALL PLUGIN demo_plugin");
            SQLWarning warning = st.getWarnings();
            assertEquals(null, warning);
            SQLException unknown = assertThrows(SQLException.class, () -> st.execute("SET GLOBAL demo_plugin_level = 6"));
            assertEquals(1193, unknown.getErrorCode());
            assertEquals("HY000", unknown.getSQLState());
            assertEquals("Unknown system variable 'demo_plugin_level'", message(unknown));
            assertEquals(List.of(), rows(st, "SHOW STATUS LIKE 'Demo_plugin%'"));
            assertEquals(List.of(), rows(st, "SELECT name, dl FROM mysql.plugin"));
            assertEquals(3, rows(st, "SHOW PLUGINS").size());
            st.execute("INSERT INTO d.t VALUES (2)");

            Poll.untilCollected("the uninstalled library's class loader to become unreachable", Duration.ofSeconds(30),
                    List.of(loader));
            assertEquals(null, loader.get(), "the uninstalled library's class loader is still reachable");
        }
        assertFalse(Files.exists(pluginDir.resolve("enabled.txt")));
        assertFalse(Files.exists(pluginDir.resolve("disabled.txt")));
        assertTrue(Files.exists(pluginDir.resolve("demo.jar")));
    }

    /** The server's message, without MariaDB Connector/J's "(conn=N) " prefix. */
    private static String message(SQLException e) {
        return e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    private static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) b.append('|');
                    b.append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** Compiles {@link #SOURCE} against the plugin API and PF4J and packs it with a PF4J manifest. */
    private Path buildJar(Path jar) throws IOException, URISyntaxException {
        Path src = Files.createDirectories(tmp.resolve("src/demo")).resolve("DemoLibrary.java");
        Files.writeString(src, SOURCE, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String classpath = location(MinisqldPlugin.class) + java.io.File.pathSeparator + location(org.pf4j.Plugin.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-classpath", classpath, "-d", classes.toString(),
                src.toString());
        assertEquals(0, rc, "javac failed");
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", "demo-plugin");
        a.putValue("Plugin-Version", "1.2.0");
        a.putValue("Plugin-Class", "demo.DemoLibrary");
        a.putValue("Plugin-Provider", "minisqld tests");
        a.putValue("Plugin-License", "GPL");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        return jar;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
