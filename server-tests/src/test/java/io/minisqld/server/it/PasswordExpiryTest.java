package io.minisqld.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testcommon.Program;
import io.minisqld.testsupport.MinisqldHarness;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password expiry as MySQL 5.7 (issue 16, item 3): PASSWORD EXPIRE [DEFAULT | NEVER | INTERVAL n
 * DAY] kept in mysql.user's password_expired / password_last_changed / password_lifetime,
 * default_password_lifetime, 1862 for a client that cannot handle an expired password, and
 * sandbox mode (1820 for all but SET, SET PASSWORD and ALTER USER) for one that can
 * (`mariadb --connect-expired-password`), until the password is changed.
 */
class PasswordExpiryTest {
    private static MinisqldHarness server;

    @BeforeAll
    static void start() throws Exception {
        server = MinisqldHarness.inProcess().name("expiry").serverId(1).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void anExpiredPasswordMustBeChangedBeforeAnythingElse() throws Exception {
        server.executeAll("CREATE USER 'exp'@'%' IDENTIFIED BY 'old' PASSWORD EXPIRE", "GRANT SELECT ON *.* TO 'exp'@'%'");
        try {
            assertTrue(server.rows("SHOW CREATE USER 'exp'@'%'").get(0).get(0).endsWith(
                    " REQUIRE NONE PASSWORD EXPIRE ACCOUNT UNLOCK"));
            assertEquals(List.of(List.of("Y")), server.rows("SELECT password_expired FROM mysql.user WHERE user = 'exp'"));
            // a batch client does not say it can handle an expired password: refused
            Program.Result batch = server.mariadb("SELECT 1;\n", "--skip-ssl", "-uexp", "-pold");
            assertTrue(batch.stderr().contains("ERROR 1862 (HY000): Your password has expired. To log in you must change"
                    + " it using a client that supports expired passwords."), batch.toString());
            // one that does gets sandbox mode
            Program.Result sandbox = server.mariadb("SELECT 1;\n", "--skip-ssl", "--connect-expired-password",
                    "-uexp", "-pold");
            assertTrue(sandbox.stderr().contains("ERROR 1820 (HY000) at line 1: You must reset your password using ALTER"
                    + " USER statement before executing this statement."), sandbox.toString());
            Program.Result change = server.mariadb("SET @x = 1;\nALTER USER USER() IDENTIFIED BY 'new';\n"
                    + "SELECT CURRENT_USER();\n", "--skip-ssl", "--connect-expired-password", "-uexp", "-pold");
            assertEquals(0, change.exitCode(), change.toString());
            assertTrue(change.stdout().contains("exp@%"), change.stdout());
            assertEquals(List.of(List.of("N")), server.rows("SELECT password_expired FROM mysql.user WHERE user = 'exp'"));
            Program.Result after = server.mariadb("SELECT 2;\n", "--skip-ssl", "-uexp", "-pnew");
            assertEquals(0, after.exitCode(), after.toString());
        } finally {
            server.execute("DROP USER 'exp'@'%'");
        }
    }

    @Test
    void lifetimesAreKeptShownAndApplied() throws Exception {
        server.executeAll("CREATE USER 'life'@'%' IDENTIFIED BY 'pw' PASSWORD EXPIRE INTERVAL 30 DAY",
                "CREATE USER 'never'@'%' IDENTIFIED BY 'pw' PASSWORD EXPIRE NEVER",
                "CREATE USER 'dflt'@'%' IDENTIFIED BY 'pw'");
        try {
            assertTrue(server.rows("SHOW CREATE USER 'life'@'%'").get(0).get(0).endsWith(
                    " PASSWORD EXPIRE INTERVAL 30 DAY ACCOUNT UNLOCK"));
            assertTrue(server.rows("SHOW CREATE USER 'never'@'%'").get(0).get(0).endsWith(
                    " PASSWORD EXPIRE NEVER ACCOUNT UNLOCK"));
            assertTrue(server.rows("SHOW CREATE USER 'dflt'@'%'").get(0).get(0).endsWith(
                    " PASSWORD EXPIRE DEFAULT ACCOUNT UNLOCK"));
            assertEquals(List.of(List.of("dflt", "1"), List.of("life", "0"), List.of("never", "0")),
                    server.rows("SELECT user, password_lifetime IS NULL FROM mysql.user"
                            + " WHERE user IN ('life', 'never', 'dflt') ORDER BY user"));
            assertEquals(List.of(List.of("30"), List.of("0")), server.rows("SELECT password_lifetime FROM mysql.user"
                    + " WHERE user IN ('life', 'never') ORDER BY user"));
            server.assertError("ALTER USER 'life'@'%' PASSWORD EXPIRE INTERVAL 0 DAY", 1525, "HY000",
                    "Incorrect DAY value: '0'");
            // passwords set 40 days ago: over life's own 30 days; dflt's follows default_password_lifetime
            server.executeAll("UPDATE mysql.user SET password_last_changed = TIMESTAMPADD(DAY, -40, NOW())"
                    + " WHERE user IN ('life', 'never', 'dflt')", "FLUSH PRIVILEGES");
            assertEquals(0, login("dflt"));
            assertEquals(0, login("never"));
            assertEquals(1862, login("life"));
            server.execute("SET GLOBAL default_password_lifetime = 35");
            try {
                assertEquals(1862, login("dflt"));
                assertEquals(0, login("never"));
            } finally {
                server.execute("SET GLOBAL default_password_lifetime = 0");
            }
            assertEquals(0, login("dflt"));
        } finally {
            server.execute("DROP USER 'life'@'%', 'never'@'%', 'dflt'@'%'");
        }
    }

    /** 0 when {@code user} (password pw) logs in with the batch mariadb client, else the error number it got. */
    private static int login(String user) throws Exception {
        Program.Result r = server.mariadb("SELECT 1;\n", "--skip-ssl", "-u" + user, "-ppw");
        if (r.exitCode() == 0) return 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ERROR (\\d+)").matcher(r.stderr());
        assertTrue(m.find(), r.toString());
        return Integer.parseInt(m.group(1));
    }
}
