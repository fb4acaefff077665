package io.minisqld.examples.validatepassword;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.testsupport.MinisqldExtension;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The packaged plugin in a real server (see CommitAuditLogIT for how the jar gets here): every
 * statement that sets a password in clear asks it, 1819 refuses a weak one, and
 * VALIDATE_PASSWORD_STRENGTH() scores as MySQL 5.7's plugin does.
 */
@Tag("packaged-jar")
class ValidatePasswordIT {
    static final Path JAR = Path.of(System.getProperty("validate_password.jar", "../../plugins/validate_password.jar"));

    @RegisterExtension
    MinisqldExtension server = MinisqldExtension.withPlugin(JAR).install("validate_password", "validate_password.so");

    private void assert1819(String sql) throws SQLException {
        SQLException e = server.error(sql);
        assertEquals(1819, e.getErrorCode(), sql);
        assertEquals("HY000", e.getSQLState(), sql);
        assertEquals("Your password does not satisfy the current policy requirements", SqlRunner.serverMessage(e), sql);
    }

    @Test
    void weakPasswordsAreRefusedWith1819WhereverTheyAreSet() throws Exception {
        assertEquals(List.of(List.of("validate_password", "ACTIVE", "VALIDATE PASSWORD", "validate_password.so", "GPL")),
                server.rows("SHOW PLUGINS").stream().filter(r -> r.get(0).equals("validate_password")).toList());
        assert1819("CREATE USER 'weak'@'%' IDENTIFIED BY 'password'");
        assert1819("CREATE USER 'nopw'@'%'");
        assertEquals(List.of(), server.rows("SELECT user FROM mysql.user WHERE user IN ('weak', 'nopw')"));
        server.execute("CREATE USER 'app'@'%' IDENTIFIED BY 'Str0ng!pass'");
        assert1819("ALTER USER 'app'@'%' IDENTIFIED BY 'abc'");
        assert1819("SET PASSWORD FOR 'app'@'%' = 'abc'");
        assert1819("SET PASSWORD FOR 'app'@'%' = PASSWORD('abc')");
        assert1819("GRANT SELECT ON *.* TO 'other'@'%' IDENTIFIED BY 'abc'");
        server.execute("ALTER USER 'app'@'%' IDENTIFIED BY 'An0ther!pass'");
        server.execute("SET PASSWORD FOR 'app'@'%' = 'Th1rd!pass'");
        // a hash cannot be checked: taken, as MySQL takes it
        server.execute("CREATE USER 'hashed'@'%' IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'");
        assertEquals(List.of(List.of("app"), List.of("hashed")),
                server.rows("SELECT user FROM mysql.user WHERE user IN ('app', 'hashed') ORDER BY user"));
    }

    @Test
    void strengthAndThePolicyVariables() throws Exception {
        assertEquals(List.of(List.of("0", "25", "50", "100")), server.rows("SELECT VALIDATE_PASSWORD_STRENGTH('abc'),"
                + " VALIDATE_PASSWORD_STRENGTH('weak'), VALIDATE_PASSWORD_STRENGTH('lessweak$_@123'),"
                + " VALIDATE_PASSWORD_STRENGTH('N0Tw3@k$P@ssw0r%d')"));
        assertEquals(List.of(List.of("validate_password_length", "8"), List.of("validate_password_mixed_case_count", "1"),
                        List.of("validate_password_number_count", "1"), List.of("validate_password_policy", "MEDIUM"),
                        List.of("validate_password_special_char_count", "1")),
                server.rows("SHOW GLOBAL VARIABLES LIKE 'validate_password%'"));
        server.execute("SET GLOBAL validate_password_policy = LOW");
        server.execute("CREATE USER 'lowpolicy'@'%' IDENTIFIED BY 'longenough'");
        server.execute("SET GLOBAL validate_password_length = 12");
        assert1819("CREATE USER 'short'@'%' IDENTIFIED BY 'longenough'");
        assertEquals(List.of(List.of("25")), server.rows("SELECT VALIDATE_PASSWORD_STRENGTH('longenough')"));
    }

    @Test
    void withoutThePluginEveryPasswordIsTakenAndStrengthIsZero() throws Exception {
        server.uninstallPlugin("validate_password");
        assertEquals(List.of(List.of("0")), server.rows("SELECT VALIDATE_PASSWORD_STRENGTH('N0Tw3@k$P@ssw0r%d')"));
        server.execute("CREATE USER 'weak'@'%' IDENTIFIED BY 'password'");
        assertEquals(List.of(List.of("weak")), server.rows("SELECT user FROM mysql.user WHERE user = 'weak'"));
    }
}
