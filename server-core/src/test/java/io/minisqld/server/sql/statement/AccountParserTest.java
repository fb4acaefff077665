package io.minisqld.server.sql.statement;

import io.minisqld.server.grant.NativePassword;

import io.minisqld.server.grant.GrantLevel;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.grant.AccountName;
import static io.minisqld.server.auth.AccountTestSupport.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.sql.statement.AccountStatement.CreateUser;
import io.minisqld.server.sql.statement.AccountStatement.Grant;
import io.minisqld.server.sql.statement.AccountStatement.RenameUser;
import io.minisqld.server.sql.statement.AccountStatement.RevokeAll;
import io.minisqld.server.sql.statement.AccountStatement.SetPassword;
import io.minisqld.server.sql.statement.AccountStatement.ShowGrants;
import io.minisqld.server.sql.statement.AccountStatement.UserRef;
import io.minisqld.server.sql.QueryLexer;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class AccountParserTest {
    private static final QueryLexer LEXER = new QueryLexer();

    private static AccountStatement parse(String sql, String db) {
        return AccountParser.parse(LEXER.statement(sql), db);
    }


    private static AccountName user(String sql) {
        CreateUser c = (CreateUser) parse(sql, null);
        return c.users().get(0).user().name();
    }

    @Test
    void userNameSpellings() {
        AccountName expected = new AccountName("u", "h");
        assertEquals(expected, user("CREATE USER 'u'@'h'"));
        assertEquals(expected, user("CREATE USER u@h"));
        assertEquals(expected, user("CREATE USER \"u\"@\"h\""));
        assertEquals(expected, user("CREATE USER `u`@`h`"));
        assertEquals(new AccountName("u", "%"), user("CREATE USER u"));
        assertEquals(new AccountName("u", "%"), user("CREATE USER u@'%'"));
        assertEquals(new AccountName("u", "%"), user("CREATE USER u@%"));
        assertEquals(new AccountName("repl", "10.0.0.%"), user("create user 'repl'@'10.0.0.%';"));
        assertEquals(new AccountName("u", "127.0.0.1"), user("CREATE USER u@127.0.0.1"));
        assertEquals(new AccountName("u", "localhost"), user("CREATE USER 'u'@'LocalHost'"));
        assertEquals(new AccountName("", "localhost"), user("CREATE USER ''@'localhost'"));
    }

    @Test
    void identifiedClauses() {
        String hash = NativePassword.hash("pw");
        CreateUser c = (CreateUser) parse(
                "CREATE USER IF NOT EXISTS a IDENTIFIED BY 'pw', b IDENTIFIED WITH mysql_native_password BY 'pw', "
                        + "c IDENTIFIED WITH 'mysql_native_password' AS '" + hash + "', d IDENTIFIED BY PASSWORD '"
                        + hash + "', e", null);
        assertTrue(c.ifNotExists());
        assertEquals(5, c.users().size());
        for (int i = 0; i < 4; i++) assertEquals(hash, c.users().get(i).hash());
        assertEquals(null, c.users().get(4).hash());
    }

    @Test
    void grantPrivilegeListsAndLevels() {
        Grant g = (Grant) parse(
                "GRANT SELECT, CREATE TEMPORARY TABLES, LOCK TABLES, SHOW VIEW ON test.* TO 'u'@'%' WITH GRANT OPTION", null);
        assertEquals(EnumSet.of(Privilege.SELECT, Privilege.CREATE_TEMPORARY_TABLES, Privilege.LOCK_TABLES,
                Privilege.SHOW_VIEW), g.privileges().named());
        assertEquals(GrantLevel.database("test"), g.level());
        assertTrue(g.withGrantOption());

        g = (Grant) parse("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO repl", null);
        assertEquals(EnumSet.of(Privilege.REPLICATION_SLAVE, Privilege.REPLICATION_CLIENT), g.privileges().named());
        assertEquals(GrantLevel.GLOBAL, g.level());

        g = (Grant) parse("GRANT ALL PRIVILEGES ON `mysql`.`plugin` TO u", null);
        assertTrue(g.privileges().all());
        assertEquals(GrantLevel.table("mysql", "plugin"), g.level());

        g = (Grant) parse("GRANT INSERT ON plugin TO u", "mysql");
        assertEquals(GrantLevel.table("mysql", "plugin"), g.level());
        g = (Grant) parse("GRANT USAGE ON * TO u", "test");
        assertEquals(GrantLevel.database("test"), g.level());
        assertTrue(g.privileges().named().isEmpty());
    }

    @Test
    void otherStatements() {
        assertTrue(parse("REVOKE ALL PRIVILEGES, GRANT OPTION FROM a, b@localhost", null)
                instanceof RevokeAll r && r.users().size() == 2);
        assertEquals(new ShowGrants(UserRef.CURRENT), parse("SHOW GRANTS FOR CURRENT_USER()", null));
        assertEquals(new ShowGrants(UserRef.CURRENT), parse("SHOW GRANTS FOR CURRENT_USER", null));
        assertEquals(new ShowGrants(UserRef.CURRENT), parse("SHOW GRANTS", null));
        assertEquals(new SetPassword(UserRef.CURRENT, NativePassword.hash("x"), "x"),
                parse("SET PASSWORD = PASSWORD('x')", null));
        assertEquals(new SetPassword(new UserRef(new AccountName("bob", "%")), NativePassword.hash("x"), "x"),
                parse("SET PASSWORD FOR bob = 'x'", null));
        RenameUser r = (RenameUser) parse("RENAME USER a TO b@localhost", null);
        assertEquals(new RenameUser.Rename(new AccountName("a", "%"), new AccountName("b", "localhost")), r.renames().get(0));
    }

    @Test
    void recognisesAccountStatements() {
        for (String sql : new String[] {"CREATE USER a", "drop user a", "ALTER USER a IDENTIFIED BY 'x'",
                "RENAME USER a TO b", "GRANT SELECT ON *.* TO a", "REVOKE SELECT ON *.* FROM a",
                "SET PASSWORD = 'x'", "SHOW GRANTS", "FLUSH PRIVILEGES", "FLUSH LOCAL PRIVILEGES;"}) {
            assertTrue(AccountParser.isAccountStatement(LEXER.statement(sql).significant()), sql);
        }
        for (String sql : new String[] {"CREATE TABLE user (a int)", "SET @x = 1", "SHOW DATABASES",
                "FLUSH TABLES", "FLUSH PRIVILEGES, TABLES", "SELECT 1", ""}) {
            assertFalse(AccountParser.isAccountStatement(LEXER.statement(sql).significant()), sql);
        }
    }

    @Test
    void malformedStatementsGive1064() {
        String prefix = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server "
                + "version for the right syntax to use near ";
        assertError(1064, "42000", prefix + "'BYE 'x'' at line 1",
                () -> parse("CREATE USER 'a'@'%' IDENTIFIED BYE 'x'", null));
        assertError(1064, "42000", prefix + "'' at line 1",
                () -> parse("GRANT SELECT ON *.* TO", null));
        assertError(1064, "42000", prefix + "'SELEKT ON *.* TO a' at line 2",
                () -> parse("GRANT\nSELEKT ON *.* TO a", null));
    }

    @Test
    void wrongHashAndPluginAndLengths() {
        assertError(1827, "HY000", "The password hash doesn't have the expected format. Check if the correct "
                        + "password algorithm is being used with the PASSWORD() function.",
                () -> parse("CREATE USER a IDENTIFIED BY PASSWORD 'not-so-secret'", null));
        assertError(1524, "HY000", "Plugin 'sha256_password' is not loaded",
                () -> parse("CREATE USER a IDENTIFIED WITH sha256_password BY 'x'", null));
        assertError(1470, "HY000", "String 'abcdefghijabcdefghijabcdefghijabc' is too long for user name (should be no longer than 32)",
                () -> parse("CREATE USER abcdefghijabcdefghijabcdefghijabc", null));
        assertError(1046, "3D000", "No database selected",
                () -> parse("GRANT SELECT ON t TO a", null));
    }
}
