package io.minisqld.plugin.api.variables;

import java.util.Objects;

/**
 * A system variable's declaration: what MySQL's {@code MYSQL_SYSVAR_*} macros declare. The
 * server owns the value; this record only says its name, type, scope, default and what to call
 * when it is checked or changed.
 *
 * <p>For a plugin's variable, {@code name} is the part after the plugin name: the server
 * registers {@code <plugin>_<name>} (MySQL's rule), and its command-line and option-file forms.
 *
 * @param name       the variable's name (lower case, underscores)
 * @param type       its type, which fixes how values are parsed and shown
 * @param scope      global, session, or both
 * @param readOnly   true if only settable at start-up (SET gives error 1238)
 * @param defaultValue the start-up value, of the Java type {@link VariableType} names
 * @param comment    one line for humans
 * @param check      called before a SET takes effect, on the setting session's thread; throw
 *                   {@link IllegalArgumentException} to refuse with error 1231
 * @param update     called after a SET GLOBAL took effect, on the setting session's thread,
 *                   with the new value; may be null
 */
public record SystemVariable(
        String name,
        VariableType type,
        VariableScope scope,
        boolean readOnly,
        Object defaultValue,
        String comment,
        Check check,
        Update update) {

    /** Validates a value before it is stored. */
    @FunctionalInterface
    public interface Check {
        void check(Object value);
    }

    /** Learns of a new global value after it is stored. */
    @FunctionalInterface
    public interface Update {
        void updated(Object value);
    }

    public SystemVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(scope, "scope");
        comment = comment == null ? "" : comment;
    }

    public static SystemVariable global(String name, VariableType type, Object defaultValue) {
        return new SystemVariable(name, type, VariableScope.GLOBAL, false, defaultValue, "", null, null);
    }

    public static SystemVariable both(String name, VariableType type, Object defaultValue) {
        return new SystemVariable(name, type, VariableScope.BOTH, false, defaultValue, "", null, null);
    }

    public static SystemVariable session(String name, VariableType type, Object defaultValue) {
        return new SystemVariable(name, type, VariableScope.SESSION, false, defaultValue, "", null, null);
    }

    public static SystemVariable readOnly(String name, VariableType type, Object defaultValue) {
        return new SystemVariable(name, type, VariableScope.GLOBAL, true, defaultValue, "", null, null);
    }

    public SystemVariable withComment(String text) {
        return new SystemVariable(name, type, scope, readOnly, defaultValue, text, check, update);
    }

    public SystemVariable withCheck(Check c) {
        return new SystemVariable(name, type, scope, readOnly, defaultValue, comment, c, update);
    }

    public SystemVariable onUpdate(Update u) {
        return new SystemVariable(name, type, scope, readOnly, defaultValue, comment, check, u);
    }

    public SystemVariable named(String fullName) {
        return new SystemVariable(fullName, type, scope, readOnly, defaultValue, comment, check, update);
    }
}
