package io.minisqld.server.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginDeclaration;
import io.minisqld.plugin.api.PluginFlag;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.observer.ObserverRegistry;
import io.minisqld.server.options.Option;
import io.minisqld.server.session.SessionManager;
import io.minisqld.server.variables.StatusRegistry;
import io.minisqld.server.variables.SystemVariables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's MySQL semantics over in-memory libraries (no jars, no PF4J). */
class PluginRegistryTest {
    @TempDir
    Path dir;

    private final SystemVariables variables = new SystemVariables();
    private final StatusRegistry status = new StatusRegistry();
    private final ObserverRegistry observers = new ObserverRegistry();
    private final FakeLoader loader = new FakeLoader();
    private final MemRows rows = new MemRows();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Notes notes = new Notes();
    private List<Option> options = List.of();
    private PluginRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        Files.createFile(dir.resolve("lib.jar"));
        Files.createFile(dir.resolve("other.jar"));
        registry = new PluginRegistry(dir, loader, rows, new PluginRegistry.Services(variables, status, observers,
                new SessionManager(), null, "test-server", null), () -> options);
    }

    private Decl decl(String name) {
        return new Decl(name, events);
    }

    private static Option opt(String text) {
        return Option.parse(text, Option.COMMAND_LINE);
    }

    @Test
    void installRegistersVariablesStatusRowAndShowsActive() {
        loader.libs.put("lib.jar", List.of(decl("demo")
                .vars(SystemVariable.global("level", VariableType.IntegerType.of(0, 100), 1L))
                .status(StatusVariable.of("Demo_events", () -> 42L))));
        options = List.of(opt("loose-demo-level=7"));
        registry.install("DEMO", "lib.so", false, notes);

        assertEquals(7L, variables.global("demo_level"));
        assertTrue(status.show(null).stream().anyMatch(e -> e.getKey().equals("Demo_events") && e.getValue().equals("42")));
        assertEquals(List.of("DEMO=lib.so"), rows.list());
        assertEquals(List.of("init demo"), events);
        PluginInfo info = registry.plugins().get(3);
        assertEquals(new PluginInfo("demo", "1.0", "ACTIVE", "DAEMON", "50744.0", "lib.so", "1.0", "tester",
                "a test plugin", "GPL", "ON"), info);
        assertEquals(List.of("binlog", "mysql_native_password", "InnoDB", "demo"),
                registry.plugins().stream().map(PluginInfo::name).toList());
        assertEquals(List.of(), notes.list);
    }

    @Test
    void secondInstallIs1125OrNote1968() {
        loader.libs.put("lib.jar", List.of(decl("demo")));
        registry.install("demo", "lib.so", false, notes);
        assertError(1125, "HY000", "Function 'Demo' already exists", () -> registry.install("Demo", "lib.so", false, notes));
        assertError(1125, "HY000", "Function 'InnoDB' already exists", () -> registry.install("InnoDB", "lib.so", false, notes));
        registry.install("demo", "lib.so", true, notes);
        assertEquals(List.of("Note 1968 Plugin 'demo' already installed"), notes.list);
        assertEquals(List.of("lib.jar"), loader.loaded);
    }

    @Test
    void nameNotInLibraryIs1127AndTheLibraryIsUnloaded() {
        loader.libs.put("lib.jar", List.of(decl("demo")));
        assertError(1127, "HY000", "Can't find symbol 'nosuch' in library",
                () -> registry.install("nosuch", "lib.so", false, notes));
        assertEquals(List.of("lib.jar"), loader.unloaded);
        assertEquals(List.of(), rows.list());
    }

    @Test
    void initFailureIs1123AndLeavesNothingBehind() {
        TransactionObserver observer = new TransactionObserver() { };
        loader.libs.put("lib.jar", List.of(decl("bad")
                .vars(SystemVariable.global("x", new VariableType.BooleanType(), false))
                .status(StatusVariable.of("Bad_status", () -> 1L))
                .onInit(c -> {
                    c.observers().register(ObserverFamily.TRANSACTION, observer);
                    throw new IllegalStateException("no");
                })));
        assertError(1123, "HY000", "Can't initialize function 'bad'; Plugin initialization function failed.",
                () -> registry.install("bad", "lib.so", false, notes));
        assertTrue(variables.spec("bad_x").isEmpty());
        assertTrue(observers.transaction().isEmpty());
        assertFalse(status.show(null).stream().anyMatch(e -> e.getKey().equals("Bad_status")));
        assertEquals(List.of(), rows.list());
        assertEquals(List.of("lib.jar"), loader.unloaded);
        assertEquals(Optional.empty(), registry.state("bad"));
        assertEquals(3, registry.plugins().size());
    }

    @Test
    void activationOffInstallsDisabledWithWarningAndNoVariables() {
        loader.libs.put("lib.jar", List.of(decl("demo").vars(SystemVariable.global("level",
                VariableType.IntegerType.of(0, 100), 1L))));
        options = List.of(opt("loose-skip-demo"));
        registry.install("demo", "lib.so", false, notes);
        assertEquals(List.of("Warning 1123 Can't initialize function 'demo'; Plugin is disabled"), notes.list);
        assertEquals(Optional.of(PluginState.DISABLED), registry.state("demo"));
        assertEquals("DISABLED", registry.plugins().get(3).status());
        assertEquals("OFF", registry.plugins().get(3).loadOption());
        assertTrue(variables.spec("demo_level").isEmpty());
        assertEquals(List.of(), events);
        assertEquals(List.of("demo=lib.so"), rows.list());
        registry.uninstall("demo", false, notes);
        assertEquals(List.of(), rows.list());
        assertEquals(List.of("lib.jar"), loader.unloaded);
    }

    @Test
    void conflictingVariablesDisableThePlugin() {
        variables.register(SystemVariable.global("demo_level", new VariableType.BooleanType(), false));
        loader.libs.put("lib.jar", List.of(decl("demo").vars(SystemVariable.global("level",
                VariableType.IntegerType.of(0, 100), 1L))));
        registry.install("demo", "lib.so", false, notes);
        assertEquals(Optional.of(PluginState.DISABLED), registry.state("demo"));
        assertEquals(false, variables.global("demo_level"));
    }

    @Test
    void uninstallChecksInMySqlOrder() {
        assertError(1305, "42000", "PLUGIN nope does not exist", () -> registry.uninstall("nope", false, notes));
        registry.uninstall("nope", true, notes);
        assertEquals(List.of("Note 1305 PLUGIN nope does not exist"), notes.list);
        assertError(1619, "HY000", "Built-in plugins cannot be deleted", () -> registry.uninstall("binlog", false, notes));

        loader.libs.put("lib.jar", List.of(decl("perm"), decl("stuck").flags(PluginFlag.NO_UNINSTALL),
                decl("blocked").blocker("Stop any active semisynchronous slaves of this master first."),
                decl("noinstall").flags(PluginFlag.NO_INSTALL)));
        options = List.of(opt("perm=FORCE_PLUS_PERMANENT"));
        registry.install("perm", "lib.so", false, notes);
        registry.install("stuck", "lib.so", false, notes);
        registry.install("blocked", "lib.so", false, notes);
        assertError(1721, "HY000", "Plugin 'noinstall' is marked as not dynamically installable. You have to stop the server to install it.",
                () -> registry.install("noinstall", "lib.so", false, notes));
        assertEquals("FORCE_PLUS_PERMANENT", registry.plugins().get(3).loadOption());
        assertError(1702, "HY000", "Plugin 'perm' is force_plus_permanent and can not be unloaded",
                () -> registry.uninstall("perm", false, notes));
        assertError(1720, "HY000", "Plugin 'stuck' is marked as not dynamically uninstallable. You have to stop the server to uninstall it.",
                () -> registry.uninstall("stuck", false, notes));
        assertError(1883, "HY000", "Plugin 'blocked' cannot be uninstalled now. Stop any active semisynchronous slaves of this master first.",
                () -> registry.uninstall("blocked", false, notes));
        assertEquals(List.of("perm=lib.so", "stuck=lib.so", "blocked=lib.so"), rows.list());
    }

    @Test
    void uninstallDeinitsRemovesEverythingAndUnloadsWithTheLastPlugin() {
        loader.libs.put("lib.jar", List.of(decl("one").vars(SystemVariable.global("v", new VariableType.BooleanType(), true))
                .status(StatusVariable.of("One_status", () -> 1L)), decl("two")));
        registry.installSoname("lib", notes);
        assertEquals(List.of("one=lib", "two=lib"), rows.list());
        registry.uninstall("ONE", false, notes);
        assertEquals(List.of("init one", "init two", "deinit one"), events);
        assertError(1193, "HY000", "Unknown system variable 'one_v'", () -> variables.global("one_v"));
        assertFalse(status.show(null).stream().anyMatch(e -> e.getKey().equals("One_status")));
        assertEquals(List.of(), loader.unloaded);
        registry.uninstallSoname("lib.so", false, notes);
        assertEquals(List.of("lib.jar"), loader.unloaded);
        assertEquals(List.of(), rows.list());
        assertError(1305, "42000", "SONAME lib.so does not exist", () -> registry.uninstallSoname("lib.so", false, notes));
    }

    @Test
    void busyPluginIsDeletedWith1620AndReapedByItsLastRunningHook() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TransactionObserver blocking = new TransactionObserver() {
            @Override
            public void afterCommit(TransactionParam param) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        List<String> deinitThreads = Collections.synchronizedList(new ArrayList<>());
        loader.libs.put("lib.jar", List.of(decl("busy")
                .vars(SystemVariable.global("v", new VariableType.BooleanType(), true))
                .onInit(c -> c.observers().register(ObserverFamily.TRANSACTION, blocking))
                .onDeinit(c -> {
                    deinitThreads.add(Thread.currentThread().getName());
                    c.observers().unregister(ObserverFamily.TRANSACTION, blocking);
                })));
        registry.install("busy", "lib.so", false, notes);
        Thread committer = new Thread(() -> observers.transaction().afterCommit(
                new TransactionParam(1, "", 5, true, null)), "committer");
        committer.start();
        assertTrue(entered.await(30, TimeUnit.SECONDS));

        registry.uninstall("busy", false, notes);
        assertEquals(List.of("Warning 1620 Plugin is busy and will be uninstalled on shutdown"), notes.list);
        assertEquals(Optional.of(PluginState.DELETED), registry.state("busy"));
        assertEquals("DELETED", registry.plugins().get(3).status());
        assertError(1193, "HY000", "Unknown system variable 'busy_v'", () -> variables.global("busy_v"));
        assertError(1125, "HY000", "Function 'busy' already exists", () -> registry.install("busy", "lib.so", false, notes));
        assertEquals(List.of(), rows.list());
        assertEquals(List.of(), deinitThreads);

        release.countDown();
        committer.join(30_000);
        assertEquals(List.of("committer"), deinitThreads);
        assertEquals(Optional.empty(), registry.state("busy"));
        assertEquals(List.of("lib.jar"), loader.unloaded);
        assertTrue(observers.transaction().isEmpty());
        registry.install("busy", "lib.so", false, notes);
        assertEquals(Optional.of(PluginState.READY), registry.state("busy"));
    }

    @Test
    void startupLoadsListsThenRowsAndSkipsTheRestOfAFailingList() {
        loader.libs.put("lib.jar", List.of(decl("a"), decl("b"), decl("c")));
        loader.libs.put("other.jar", List.of(decl("d"), decl("e")));
        rows.insert("c", "lib.so");
        rows.insert("zz", "missing.so");
        registry.loadAtStartup(List.of(opt("e=OFF")), List.of("a=lib.so;nosuch=lib.so;b=lib.so", "other.so"), true);
        assertEquals(List.of("a", "d", "e", "c"), registry.plugins().stream().skip(3).map(PluginInfo::name).toList());
        assertEquals(List.of("init a", "init d", "init c"), events);
        assertEquals("DISABLED", registry.plugins().get(5).status());
        assertEquals(List.of("c=lib.so", "zz=missing.so"), rows.list());
        assertTrue(registry.claimsOption("e"));
        assertTrue(registry.claimsOption("plugin_a"));
        assertFalse(registry.claimsOption("b"));

        registry.shutdown();
        assertEquals(List.of("init a", "init d", "init c", "deinit c", "deinit d", "deinit a"), events);
        assertEquals(2, loader.unloaded.size());
        assertError(1053, "08S01", "Server shutdown in progress", () -> registry.install("b", "lib.so", false, notes));
    }

    @Test
    void forcedPluginFailingInitAbortsStartup() {
        loader.libs.put("lib.jar", List.of(decl("f").onInit(c -> {
            throw new IllegalStateException("no");
        })));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> registry.loadAtStartup(List.of(opt("f=FORCE")), List.of("lib.so"), true));
        assertEquals("Failed to initialize plugins.", e.getMessage());
    }

    @Test
    void onInitFailureAtStartupThePluginIsRemovedAndStartupGoesOn() {
        loader.libs.put("lib.jar", List.of(decl("f").onInit(c -> {
            throw new IllegalStateException("no");
        }), decl("g")));
        registry.loadAtStartup(List.of(), List.of("lib.so"), true);
        assertEquals(List.of("g"), registry.plugins().stream().skip(3).map(PluginInfo::name).toList());
    }

    private static void assertError(int number, String state, String message, Runnable action) {
        SqlError e = assertThrows(SqlError.class, action::run);
        assertEquals(number, e.number());
        assertEquals(state, e.sqlState());
        assertEquals(message, e.getMessage());
    }

    /** Collects warnings and notes as "Level number message". */
    static final class Notes implements PluginRegistry.Notes {
        final List<String> list = new ArrayList<>();

        @Override
        public void warn(ErrorCode code, Object... args) {
            list.add("Warning " + code.number() + " " + code.message(args));
        }

        @Override
        public void note(ErrorCode code, Object... args) {
            list.add("Note " + code.number() + " " + code.message(args));
        }
    }

    /** Libraries by jar file name, declared in the test. */
    static final class FakeLoader implements LibraryLoader {
        final Map<String, List<PluginDeclaration>> libs = new HashMap<>();
        final List<String> loaded = new ArrayList<>();
        final List<String> unloaded = new ArrayList<>();

        @Override
        public LoadedLibrary load(Path jar) {
            String file = jar.getFileName().toString();
            List<PluginDeclaration> d = libs.get(file);
            if (d == null) throw ErrorCode.ER_CANT_FIND_DL_ENTRY.error("_mysql_plugin_declarations_");
            loaded.add(file);
            return new LoadedLibrary(file, jar, 0x0100, d);
        }

        @Override
        public void unload(LoadedLibrary library) {
            unloaded.add(library.id());
        }

        @Override
        public void close() {
        }
    }

    /** mysql.plugin in memory. */
    static final class MemRows implements PluginRows {
        final Map<String, Row> rows = new LinkedHashMap<>();

        @Override
        public List<Row> all() {
            return new ArrayList<>(rows.values());
        }

        @Override
        public void insert(String name, String dl) {
            rows.put(name.toLowerCase(), new Row(name, dl));
        }

        @Override
        public void delete(String name) {
            rows.remove(name.toLowerCase());
        }

        List<String> list() {
            return rows.values().stream().map(r -> r.name() + "=" + r.dl()).toList();
        }
    }

    /** A configurable declaration that logs init and deinit into a shared list. */
    static final class Decl implements PluginDeclaration {
        interface Hook {
            void run(PluginContext context) throws Exception;
        }

        private final String name;
        private final List<String> events;
        private Set<PluginFlag> flags = Set.of();
        private List<SystemVariable> vars = List.of();
        private List<StatusVariable> status = List.of();
        private Hook onInit = c -> { };
        private Hook onDeinit = c -> { };
        private String blocker;

        Decl(String name, List<String> events) {
            this.name = name;
            this.events = events;
        }

        Decl flags(PluginFlag... f) {
            flags = Set.of(f);
            return this;
        }

        Decl vars(SystemVariable... v) {
            vars = List.of(v);
            return this;
        }

        Decl status(StatusVariable... s) {
            status = List.of(s);
            return this;
        }

        Decl onInit(Hook h) {
            onInit = h;
            return this;
        }

        Decl onDeinit(Hook h) {
            onDeinit = h;
            return this;
        }

        Decl blocker(String reason) {
            blocker = reason;
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public PluginType type() {
            return PluginType.DAEMON;
        }

        @Override
        public String author() {
            return "tester";
        }

        @Override
        public String description() {
            return "a test plugin";
        }

        @Override
        public PluginLicense license() {
            return PluginLicense.GPL;
        }

        @Override
        public int version() {
            return 0x0100;
        }

        @Override
        public Set<PluginFlag> flags() {
            return flags;
        }

        @Override
        public List<SystemVariable> systemVariables() {
            return vars;
        }

        @Override
        public List<StatusVariable> statusVariables() {
            return status;
        }

        @Override
        public void init(PluginContext context) throws Exception {
            onInit.run(context);
            events.add("init " + name);
        }

        @Override
        public void deinit(PluginContext context) throws Exception {
            events.add("deinit " + name);
            onDeinit.run(context);
        }

        @Override
        public Optional<String> uninstallBlocker() {
            return Optional.ofNullable(blocker);
        }
    }
}
