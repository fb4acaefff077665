package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableScope;
import io.minisqld.plugin.api.variables.VariableType;
import io.minisqld.server.it.VariableProbes.Probe;
import io.minisqld.server.it.VariableProbes.Target;
import io.minisqld.server.protocol.RawClient;
import io.minisqld.server.variables.SystemVariables;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.Replication;
import io.minisqld.testsupport.SqlRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Nothing accepted and then ignored (issue 10): every dynamic system variable the server lists,
 * set to each value MySQL 5.7 allows (booleans both ways, every member of an enum, each sql_mode
 * flag alone, numbers at their limits or representative points), either changes what a client
 * observes as MySQL's value does, or is refused with MySQL's error ({@link VariableProbes}). A
 * dynamic variable without an entry there fails {@link #everyDynamicVariableHasItsCases}, so no
 * variable can be added and then silently not honoured.
 *
 * <p>A GLOBAL variable's cases set it with SET GLOBAL; a variable with both scopes is set with SET
 * SESSION and, again, with SET GLOBAL, which new sessions start from (or which refuses the same
 * value the same way). One server (with a replica for the replica's variables) is shared; each
 * global value is put back after its case.
 */
class DynamicVariablesTest {
    private static final Pattern SET = Pattern.compile(
            "SET (SESSION|GLOBAL) (\\w+) = (?:'([^']*)'|(\\S+))", Pattern.CASE_INSENSITIVE);

    private static MinisqldHarness source;
    private static MinisqldHarness replica;
    private static Env env;
    /** Reads and puts back global values, on each server. */
    private static Connection sourceAdmin;
    private static Connection replicaAdmin;

    @BeforeAll
    static void start() throws Exception {
        source = MinisqldHarness.inProcess().name("dynvars").serverId(1).logBin().start();
        replica = MinisqldHarness.inProcess().name("dynvars-replica").serverId(2).start();
        // root replicates (not Replication's account, which has no SUPER): init_connect and
        // max_connections, which the cases set on the source, must not refuse the replica's reconnects
        try (Connection r = Driver.MARIADB.connect(replica, "")) {
            SqlRunner.on(r).executeAll("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + source.port() + ", MASTER_USER='root',"
                    + " MASTER_PASSWORD='', MASTER_CONNECT_RETRY=1, MASTER_HEARTBEAT_PERIOD=1,"
                    + " MASTER_LOG_FILE='mysql-bin.000001', MASTER_LOG_POS=4", "START SLAVE");
        }
        try (Connection c = Driver.MARIADB.connect(source, "")) {
            SqlRunner.on(c).executeAll("CREATE DATABASE vt",
                    "CREATE TABLE vt.t (id INT PRIMARY KEY, k INT, v VARCHAR(20), KEY (k))",
                    "INSERT INTO vt.t VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 3, 'c')",
                    "CREATE TABLE vt.one (id INT PRIMARY KEY)", "INSERT INTO vt.one VALUES (1)",
                    "CREATE TABLE vt.ai (id INT AUTO_INCREMENT PRIMARY KEY, v INT)",
                    "CREATE TABLE vt.ac (id INT PRIMARY KEY)",
                    "CREATE TABLE vt.iso (id INT PRIMARY KEY, v VARCHAR(20))",
                    "INSERT INTO vt.iso VALUES (1, 'old'), (2, 'x')",
                    "CREATE TABLE vt.d (d DATE, s VARCHAR(3), n INT)",
                    "CREATE TABLE vt.par (id INT PRIMARY KEY)", "INSERT INTO vt.par VALUES (1)",
                    "CREATE TABLE vt.chi (id INT PRIMARY KEY, pid INT, CONSTRAINT chi_ibfk_1 FOREIGN KEY (pid) REFERENCES vt.par (id))",
                    "CREATE TABLE vt.skip (id INT PRIMARY KEY)",
                    "CREATE TABLE vt.relay (id INT PRIMARY KEY, v VARCHAR(3000))",
                    "CREATE TABLE vt.big (id INT PRIMARY KEY)",
                    "CREATE USER plain IDENTIFIED BY 'pw'", "GRANT ALL ON vt.* TO plain");
            for (int i = 0; i < 24; i++) SqlRunner.on(c).execute("INSERT INTO vt.big VALUES (" + i + ")");
        }
        env = new Env();
        env.awaitReplicaCaughtUp();
        sourceAdmin = env.root();
        replicaAdmin = env.replica();
    }

    @AfterAll
    static void stop() throws Exception {
        if (sourceAdmin != null) sourceAdmin.close();
        if (replicaAdmin != null) replicaAdmin.close();
        try {
            if (replica != null) replica.close();
        } finally {
            if (source != null) source.close();
        }
    }

    /** The variables a client can SET (the server's and aliases), as SHOW VARIABLES lists them. */
    private static TreeSet<String> dynamicVariables(MinisqldHarness server) throws SQLException {
        SystemVariables registry = server.server().variables();
        TreeSet<String> names = new TreeSet<>();
        try (Connection c = Driver.MARIADB.connect(server, "")) {
            for (String show : List.of("SHOW GLOBAL VARIABLES", "SHOW SESSION VARIABLES")) {
                for (List<String> row : SqlRunner.on(c).rows(show)) {
                    Optional<SystemVariable> spec = registry.spec(row.get(0));
                    if (spec.isPresent() && !spec.get().readOnly()) names.add(row.get(0));
                }
            }
        }
        return names;
    }

    @Test
    void everyDynamicVariableHasItsCases() throws Exception {
        Map<String, Probe> probes = VariableProbes.all();
        TreeSet<String> dynamic = dynamicVariables(source);
        TreeSet<String> missing = new TreeSet<>(dynamic);
        missing.removeAll(probes.keySet());
        assertEquals(new TreeSet<>(), missing, "dynamic variables with neither a probe nor a refusal");
        TreeSet<String> stale = new TreeSet<>(probes.keySet());
        stale.removeAll(dynamic);
        assertEquals(new TreeSet<>(), stale, "probes of variables the server does not list as dynamic");
        // each value MySQL allows: booleans both ways, each member of an enum, each sql_mode flag
        SystemVariables registry = source.server().variables();
        List<String> gaps = new ArrayList<>();
        for (Probe p : probes.values()) {
            VariableType type = registry.spec(p.name()).orElseThrow().type();
            List<String> values = p.cases().stream().map(c -> valueOf(c.set())).map(v -> v.toUpperCase(Locale.ROOT))
                    .toList();
            List<String> wanted = type instanceof VariableType.BooleanType ? List.of("ON", "OFF")
                    : type instanceof VariableType.EnumType e ? e.values()
                    : type instanceof VariableType.SetType s ? s.values() : List.of();
            for (String w : wanted) {
                if (!values.contains(w.toUpperCase(Locale.ROOT))) gaps.add(p.name() + " = " + w);
            }
            if (type instanceof VariableType.IntegerType && values.stream().distinct().count() < 2) {
                gaps.add(p.name() + ": fewer than two values");
            }
        }
        assertEquals(List.of(), gaps, "values MySQL allows that no case sets");
    }

    /** The value a case's SET statement gives ("ON" of {@code SET SESSION x = ON}); the whole SET for other forms. */
    private static String valueOf(String set) {
        Matcher m = SET.matcher(set);
        if (!m.matches()) return set;
        return m.group(3) != null ? m.group(3) : m.group(4);
    }

    @TestFactory
    Stream<DynamicTest> eachValueTakesEffectOrIsRefused() {
        SystemVariables registry = source.server().variables();
        List<DynamicTest> tests = new ArrayList<>();
        for (Probe p : VariableProbes.all().values()) {
            for (VariableCase c : p.cases()) {
                tests.add(DynamicTest.dynamicTest(c.set(), () -> run(p, c)));
            }
            // a BOTH variable's global value: new sessions start from the first value taken, and the
            // first value refused is refused by SET GLOBAL too
            boolean both = registry.spec(p.name()).map(s -> s.scope() == VariableScope.BOTH).orElse(false);
            if (!both || VariableProbes.OWN_GLOBAL_CASES.contains(p.name())) continue;
            for (boolean refused : new boolean[] {false, true}) {
                p.cases().stream().filter(c -> c instanceof VariableCase.Refused == refused)
                        .filter(c -> SET.matcher(c.set()).matches() && c.set().startsWith("SET SESSION ")).findFirst()
                        .ifPresent(c -> {
                            String global = "SET GLOBAL " + c.set().substring("SET SESSION ".length());
                            tests.add(DynamicTest.dynamicTest(global, () -> runGlobalTwin(p, c, global)));
                        });
            }
        }
        return tests.stream();
    }

    private static void run(Probe p, VariableCase vc) throws Exception {
        boolean global = vc.set().toUpperCase(Locale.ROOT).startsWith("SET GLOBAL");
        String before = global ? globalValue(p) : null;
        try (Connection c = p.target() == Target.SOURCE ? env.root() : env.replica()) {
            check(vc, c, global, before, p);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(vc.set() + ": " + e.getMessage(), e);
        } finally {
            if (global) restore(p, before);
        }
    }

    /** Runs one case on {@code c}: the refusal and an unchanged global, or the SET and its check. */
    private static void check(VariableCase vc, Connection c, boolean global, String before, Probe p) throws Exception {
        if (vc instanceof VariableCase.Refused r) {
            VariableProbes.assertError(c, r.set(), r.code(), r.message());
            if (global) assertEquals(before, globalValue(p), "a refused value changes nothing");
            return;
        }
        VariableProbes.execute(c, vc.set());
        if (vc instanceof VariableCase.Takes t) t.check().verify(env, c);
        else if (vc instanceof VariableCase.Inert i) i.check().verify(env, c);
    }

    /** A BOTH variable's value set with SET GLOBAL is where new sessions start, or is refused as at SET SESSION. */
    private static void runGlobalTwin(Probe p, VariableCase vc, String set) throws Exception {
        String before = globalValue(p);
        try (Connection c = p.target() == Target.SOURCE ? env.root() : env.replica()) {
            if (vc instanceof VariableCase.Refused r) {
                VariableProbes.assertError(c, set, r.code(), r.message());
                assertEquals(before, globalValue(p), "a refused value changes nothing");
                return;
            }
            VariableProbes.execute(c, set);
            String global = SqlRunner.on(c).rows("SHOW GLOBAL VARIABLES LIKE '" + p.name() + "'").get(0).get(1);
            // a raw client: a driver may set some variables of its own when it connects; SHOW, which
            // sql_select_limit does not limit
            try (RawClient r = RawClient.login(p.target() == Target.SOURCE ? source.port() : replica.port(), 0)) {
                r.query("SHOW SESSION VARIABLES LIKE '" + p.name() + "'");
                assertEquals(global, r.readResultSet(1).rows().get(0).get(1), "a new session starts from the global");
            }
        } finally {
            restore(p, before);
        }
    }

    private static String globalValue(Probe p) throws SQLException {
        return VariableProbes.value(p.target() == Target.SOURCE ? sourceAdmin : replicaAdmin,
                "SELECT @@GLOBAL." + p.name());
    }

    private static void restore(Probe p, String value) throws SQLException {
        String literal = value == null ? "NULL" : value.matches("-?\\d+(\\.\\d+)?") ? value
                : "'" + value.replace("'", "''") + "'";
        VariableProbes.execute(p.target() == Target.SOURCE ? sourceAdmin : replicaAdmin,
                "SET GLOBAL " + p.name() + " = " + literal);
    }

    /** The probes' view of the two servers. */
    private static final class Env implements VariableEnv {
        @Override
        public Connection root() throws SQLException {
            return Driver.MARIADB.connect(source, "vt");
        }

        @Override
        public Connection plain() throws SQLException {
            return Driver.MARIADB.connect(source, "vt", "plain", "pw");
        }

        @Override
        public Connection root(String options) throws SQLException {
            return DriverManager.getConnection(Driver.MARIADB.url(source.port(), "vt", "root", "") + "&" + options);
        }

        @Override
        public int port() {
            return source.port();
        }

        @Override
        public long status(String name) throws SQLException {
            try (Connection c = root()) {
                return Long.parseLong(SqlRunner.on(c).rows("SHOW GLOBAL STATUS LIKE '" + name + "'").get(0).get(1));
            }
        }

        @Override
        public String errorLog() throws IOException {
            return source.errorLogText();
        }

        @Override
        public Path datadir() {
            return source.datadir();
        }

        @Override
        public Connection replica() throws SQLException {
            return Driver.MARIADB.connect(replica, "");
        }

        @Override
        public Path replicaDatadir() {
            return replica.datadir();
        }

        @Override
        public void awaitReplicaCaughtUp() throws Exception {
            Replication.awaitCaughtUp(replica, source, Duration.ofSeconds(20));
        }
    }
}
