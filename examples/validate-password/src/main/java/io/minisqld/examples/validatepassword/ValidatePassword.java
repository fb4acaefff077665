package io.minisqld.examples.validatepassword;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PasswordValidator;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The {@code validate_password} plugin, in the manner of MySQL 5.7's: a VALIDATE PASSWORD plugin
 * whose {@link PasswordValidator} the server asks about every new password given in clear
 * (ERROR 1819 when it refuses) and for VALIDATE_PASSWORD_STRENGTH(). Its global variables are
 * MySQL's: {@code validate_password_length} (8), {@code validate_password_mixed_case_count} (1),
 * {@code validate_password_number_count} (1), {@code validate_password_special_char_count} (1),
 * {@code validate_password_policy} (LOW, MEDIUM, STRONG; MEDIUM). A new value applies to the next
 * password checked.
 */
final class ValidatePassword extends BasicPluginDeclaration {
    private final AtomicReference<PasswordPolicy> policy = new AtomicReference<>(PasswordPolicy.DEFAULTS);
    private final List<SystemVariable> variables = List.of(
            count("length", 8, "Minimum number of characters", v -> p -> p.withLength(v)),
            count("mixed_case_count", 1, "Minimum number of lower- and of upper-case letters",
                    v -> p -> p.withMixedCaseCount(v)),
            count("number_count", 1, "Minimum number of digits", v -> p -> p.withNumberCount(v)),
            count("special_char_count", 1, "Minimum number of other characters", v -> p -> p.withSpecialCharCount(v)),
            SystemVariable.global("policy", new VariableType.EnumType(List.of("LOW", "MEDIUM", "STRONG")), "MEDIUM")
                    .withComment("LOW: the length; MEDIUM: also the counts; STRONG: as MEDIUM (no dictionary)")
                    .onUpdate(value -> policy.updateAndGet(p -> p.withPolicy(value.toString()))));

    private final PasswordValidator validator = new PasswordValidator() {
        @Override
        public boolean validate(String password) {
            return policy.get().accepts(password);
        }

        @Override
        public int strength(String password) {
            return policy.get().strength(password);
        }
    };

    ValidatePassword() {
        super("validate_password", PluginType.VALIDATE_PASSWORD, "minisqld", "check password strength",
                PluginLicense.GPL, 0x0101);
    }

    private SystemVariable count(String name, long defaultValue, String comment,
                                 java.util.function.LongFunction<UnaryOperator<PasswordPolicy>> change) {
        return SystemVariable.global(name, VariableType.IntegerType.of(0, Integer.MAX_VALUE), defaultValue)
                .withComment(comment)
                .onUpdate(value -> policy.updateAndGet(change.apply(((Number) value).longValue())));
    }

    @Override
    public List<SystemVariable> systemVariables() {
        return variables;
    }

    @Override
    public PasswordValidator passwordValidator() {
        return validator;
    }

    @Override
    public void init(PluginContext context) {
        // the values option files and the command line gave the variables, before the first check
        PasswordPolicy p = PasswordPolicy.DEFAULTS;
        p = p.withLength(longOf(context, "length", p.length()));
        p = p.withMixedCaseCount(longOf(context, "mixed_case_count", p.mixedCaseCount()));
        p = p.withNumberCount(longOf(context, "number_count", p.numberCount()));
        p = p.withSpecialCharCount(longOf(context, "special_char_count", p.specialCharCount()));
        p = p.withPolicy(context.variable("validate_password_policy").map(Object::toString).orElse(p.policy()));
        policy.set(p);
    }

    private static long longOf(PluginContext context, String name, long otherwise) {
        return context.variable("validate_password_" + name).map(v -> ((Number) v).longValue()).orElse(otherwise);
    }

    @Override
    public void deinit(PluginContext context) {
        // nothing to stop: the server no longer asks the validator once the plugin is uninstalled
    }
}
