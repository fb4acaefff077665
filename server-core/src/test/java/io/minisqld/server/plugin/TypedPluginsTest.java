package io.minisqld.server.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PasswordValidator;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.server.error.SqlError;
import org.junit.jupiter.api.Test;

/** VALIDATE PASSWORD plugins: what a declaration must give, and the verdicts of active ones. */
class TypedPluginsTest {
    private static BasicPluginDeclaration passwordPlugin(PasswordValidator validator) {
        return new BasicPluginDeclaration("pw", PluginType.VALIDATE_PASSWORD, "t", "t", PluginLicense.GPL, 0x0100) {
            @Override
            public PasswordValidator passwordValidator() {
                return validator;
            }

            @Override
            public void init(PluginContext context) {
            }

            @Override
            public void deinit(PluginContext context) {
            }
        };
    }

    @Test
    void aValidatePasswordPluginWithoutAValidatorIsRefusedBeforeInit() {
        TypedPlugins typed = new TypedPlugins(null, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> typed.check("pw", passwordPlugin(null)));
        assertEquals("a VALIDATE PASSWORD plugin gives no PasswordValidator", e.getMessage());
    }

    @Test
    void activeValidatorsRefuseWith1819UntilDeactivated() {
        TypedPlugins typed = new TypedPlugins(null, null);
        assertEquals(0, typed.strength("anything"));
        BasicPluginDeclaration d = passwordPlugin(new PasswordValidator() {
            @Override
            public boolean validate(String password) {
                return password.length() >= 5;
            }

            @Override
            public int strength(String password) {
                return password.length() * 10;
            }
        });
        typed.check("pw", d);
        typed.activate("pw", d);
        typed.check("long enough");
        SqlError e = assertThrows(SqlError.class, () -> typed.check("abc"));
        assertEquals(1819, e.number());
        assertEquals("Your password does not satisfy the current policy requirements", e.getMessage());
        assertEquals(30, typed.strength("abc"));
        assertEquals(100, typed.strength("a very long password"));
        typed.deactivate("pw");
        typed.check("abc");
        assertEquals(0, typed.strength("abc"));
    }
}
