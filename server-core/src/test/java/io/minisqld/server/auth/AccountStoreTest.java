package io.minisqld.server.auth;

import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.AccountName;
import static io.minisqld.server.auth.AccountTestSupport.SCRAMBLE;
import static io.minisqld.server.auth.AccountTestSupport.assertError;
import static io.minisqld.server.auth.AccountTestSupport.column;
import static io.minisqld.server.auth.AccountTestSupport.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.h2.H2StorageEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Bootstrap, authentication, host matching, privilege checks and persistence on a real engine. */
class AccountStoreTest {
    @TempDir
    Path datadir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(AccountStore.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private H2StorageEngine engine;
    private AccountStore store;
    private AccountStatements statements;
    private Account root;

    @BeforeEach
    void open() {
        log.start();
        logger.addAppender(log);
        start();
        root = store.authenticate("root", "127.0.0.1", SCRAMBLE, new byte[0]);
    }

    private void start() {
        engine = H2StorageEngine.open(datadir);
        store = AccountStore.open(engine);
        statements = new AccountStatements(store);
    }

    @AfterEach
    void close() {
        logger.detachAppender(log);
        engine.close();
    }

    private void run(String sql) {
        statements.execute(AccountTestSupport.parse(sql), root);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void freshDatadirGetsRootWithEmptyPasswordAndTheWarning() {
        assertEquals(List.of("root@localhost is created with an empty password ! Please consider switching off "
                + "the --initialize-insecure option."), warnings());
        assertEquals(new AccountName("root", "localhost"), root.name());
        assertEquals(List.of("GRANT ALL PRIVILEGES ON *.* TO 'root'@'localhost' WITH GRANT OPTION"),
                column(statements.execute(AccountTestSupport.parse("SHOW GRANTS"), root)));
        assertEquals("localhost", store.authenticate("root", "::1", SCRAMBLE, new byte[] {0}).clientHost());
        assertEquals("localhost", store.authenticate("root", "/127.0.0.1:50123", SCRAMBLE, new byte[0]).clientHost());
        for (Privilege p : Privilege.values()) assertTrue(store.hasGlobal(root, p), p.name());

        assertError(1045, "28000", "Access denied for user 'root'@'localhost' (using password: YES)",
                () -> login(store, "root", "127.0.0.1", "guess"));
        assertError(1045, "28000", "Access denied for user 'root'@'10.1.2.3' (using password: NO)",
                () -> store.authenticate("root", "10.1.2.3", SCRAMBLE, new byte[0]));
    }

    @Test
    void createdUserAuthenticatesWithItsPasswordOnly() {
        run("CREATE USER 'app'@'%' IDENTIFIED BY 'app-pw'");
        Account app = login(store, "app", "127.0.0.1", "app-pw");
        assertEquals(new AccountName("app", "%"), app.name());
        assertEquals("localhost", app.clientHost());
        assertTrue(app.usedPassword());
        assertEquals(new AccountName("app", "%"), login(store, "app", "192.168.7.9:3456", "app-pw").name());

        assertError(1045, "28000", "Access denied for user 'app'@'localhost' (using password: YES)",
                () -> login(store, "app", "127.0.0.1", "wrong"));
        assertError(1045, "28000", "Access denied for user 'app'@'192.168.7.9' (using password: NO)",
                () -> store.authenticate("app", "192.168.7.9", SCRAMBLE, new byte[0]));
        assertError(1045, "28000", "Access denied for user 'nobody'@'localhost' (using password: YES)",
                () -> login(store, "nobody", "127.0.0.1", "x"));
    }

    @Test
    void mostSpecificHostMatchesFirst() {
        run("CREATE USER 'h'@'%' IDENTIFIED BY 'any', 'h'@'10.0.0.%' IDENTIFIED BY 'net', "
                + "'h'@'10.0.0.7' IDENTIFIED BY 'one', 'h'@'10.0.1._' IDENTIFIED BY 'under'");
        assertEquals(new AccountName("h", "10.0.0.7"), login(store, "h", "10.0.0.7", "one").name());
        assertEquals(new AccountName("h", "10.0.0.%"), login(store, "h", "10.0.0.8", "net").name());
        assertEquals(new AccountName("h", "10.0.1._"), login(store, "h", "10.0.1.5", "under").name());
        assertEquals(new AccountName("h", "%"), login(store, "h", "10.0.1.50", "any").name());
        assertEquals(new AccountName("h", "%"), login(store, "h", "127.0.0.1", "any").name());
        // only the first matching account counts: 10.0.0.7's password is 'one', not 'any'
        assertError(1045, "28000", "Access denied for user 'h'@'10.0.0.7' (using password: YES)",
                () -> login(store, "h", "10.0.0.7", "any"));

        // a loopback client matches 127.0.0.1 by IP as well as localhost by name
        run("CREATE USER 'ip'@'127.0.0.1' IDENTIFIED BY 'x'");
        Account ip = login(store, "ip", "127.0.0.1", "x");
        assertEquals(new AccountName("ip", "127.0.0.1"), ip.name());
    }

    @Test
    void anonymousAccountOnAMoreSpecificHostWins() {
        run("CREATE USER 'bob'@'%' IDENTIFIED BY 'bob-pw'");
        run("CREATE USER ''@'localhost'");
        Account anon = store.authenticate("bob", "127.0.0.1", SCRAMBLE, new byte[0]);
        assertEquals(new AccountName("", "localhost"), anon.name());
        assertEquals("bob", anon.clientUser());
        assertError(1045, "28000", "Access denied for user 'bob'@'localhost' (using password: YES)",
                () -> login(store, "bob", "127.0.0.1", "bob-pw"));
        assertEquals(new AccountName("bob", "%"), login(store, "bob", "10.9.9.9", "bob-pw").name());
        assertEquals(List.of("GRANT USAGE ON *.* TO ''@'localhost'"), column(statements.execute(AccountTestSupport.parse("SHOW GRANTS"), anon)));
    }

    @Test
    void lockedAccountIsRefusedAfterTheRightPassword() {
        run("CREATE USER lk IDENTIFIED BY 'pw'");
        run("ALTER USER lk ACCOUNT LOCK");
        assertError(3118, "HY000", "Access denied for user 'lk'@'localhost'. Account is locked.",
                () -> login(store, "lk", "127.0.0.1", "pw"));
        assertError(1045, "28000", "Access denied for user 'lk'@'localhost' (using password: YES)",
                () -> login(store, "lk", "127.0.0.1", "bad"));
        run("ALTER USER lk ACCOUNT UNLOCK");
        assertEquals(new AccountName("lk", "%"), login(store, "lk", "127.0.0.1", "pw").name());
    }

    @Test
    void privilegeChecksFollowGlobalDatabaseAndTableGrants() {
        try (EngineSession s = engine.openSession()) {
            s.executeInternal("CREATE TABLE IF NOT EXISTS mysql.plugin (name VARCHAR(64) PRIMARY KEY, dl VARCHAR(128))");
            s.commit();
        }
        run("CREATE USER repl IDENTIFIED BY 'r'");
        run("GRANT REPLICATION SLAVE ON *.* TO repl");
        run("GRANT SELECT ON `shop\\_%`.* TO repl");
        run("GRANT INSERT, DELETE ON mysql.plugin TO repl");
        Account repl = login(store, "repl", "127.0.0.1", "r");

        assertTrue(store.hasGlobal(repl, Privilege.REPLICATION_SLAVE));
        assertFalse(store.hasGlobal(repl, Privilege.SUPER));
        assertTrue(store.has(repl, Privilege.REPLICATION_SLAVE, "any", "t"));
        assertTrue(store.has(repl, Privilege.SELECT, "shop_eu", "orders"));
        assertFalse(store.has(repl, Privilege.SELECT, "shopXeu", "orders"), "\\_ is a literal underscore");
        assertFalse(store.has(repl, Privilege.INSERT, "shop_eu", "orders"));
        assertTrue(store.has(repl, Privilege.INSERT, "mysql", "plugin"));
        assertTrue(store.has(repl, Privilege.DELETE, "mysql", "plugin"));
        assertFalse(store.has(repl, Privilege.INSERT, "mysql", "user"));
        assertFalse(store.has(repl, Privilege.INSERT, "mysql", null));
        assertTrue(store.canUseDatabase(repl, "mysql"));
        assertTrue(store.canUseDatabase(repl, "shop_us"));

        run("CREATE USER nobody");
        Account nobody = store.authenticate("nobody", "127.0.0.1", SCRAMBLE, new byte[0]);
        assertFalse(store.canUseDatabase(nobody, "mysql"));
        assertTrue(store.hasGlobal(Account.internal("replica"), Privilege.SUPER));

        run("REVOKE REPLICATION SLAVE ON *.* FROM repl");
        assertFalse(store.hasGlobal(repl, Privilege.REPLICATION_SLAVE), "REVOKE takes effect at once");
    }

    @Test
    void flushPrivilegesReloadsTablesEditedByHand() {
        run("CREATE USER ed");
        Account ed = store.authenticate("ed", "127.0.0.1", SCRAMBLE, new byte[0]);
        EngineSession sys = engine.systemSession();
        synchronized (sys) {
            sys.executeInternal("UPDATE mysql.`user` SET `Super_priv` = 'Y' WHERE `User` = 'ed'");
            sys.commit();
        }
        assertFalse(store.hasGlobal(ed, Privilege.SUPER));
        run("FLUSH PRIVILEGES");
        assertTrue(store.hasGlobal(ed, Privilege.SUPER));
        assertEquals(List.of("GRANT SUPER ON *.* TO 'ed'@'%'"), column(statements.execute(AccountTestSupport.parse("SHOW GRANTS FOR ed"), root)));
    }

    @Test
    void accountsAndGrantsSurviveARestart() {
        run("CREATE USER 'keep'@'10.0.0.%' IDENTIFIED BY 'kept'");
        run("GRANT SELECT, INSERT ON test.* TO 'keep'@'10.0.0.%' WITH GRANT OPTION");
        run("SET PASSWORD FOR 'root'@'localhost' = 'rootpw'");
        engine.close();
        log.list.clear();

        start();
        assertEquals(List.of(), warnings(), "an existing datadir is not bootstrapped again");
        assertEquals(new AccountName("keep", "10.0.0.%"), login(store, "keep", "10.0.0.3", "kept").name());
        root = login(store, "root", "127.0.0.1", "rootpw");
        assertEquals(List.of("GRANT USAGE ON *.* TO 'keep'@'10.0.0.%'",
                        "GRANT SELECT, INSERT ON `test`.* TO 'keep'@'10.0.0.%' WITH GRANT OPTION"),
                column(statements.execute(AccountTestSupport.parse("SHOW GRANTS FOR 'keep'@'10.0.0.%'"), root)));
        assertError(1045, "28000", "Access denied for user 'root'@'localhost' (using password: NO)",
                () -> store.authenticate("root", "127.0.0.1", SCRAMBLE, new byte[0]));
    }
}
