package io.minisqld.server.variables;

/**
 * The right-hand side of a SET, already evaluated, in the form MySQL's type checks look at: a
 * number, a quoted string, a bare word (ON, STATEMENT), NULL, or DEFAULT.
 */
public sealed interface SetValue {
    record Int(long value) implements SetValue {}

    record Real(double value) implements SetValue {}

    record Text(String value) implements SetValue {}

    record Word(String value) implements SetValue {}

    record Null() implements SetValue {}

    record Default() implements SetValue {}

    /** How the value is echoed in an error message (1231). */
    default String display() {
        if (this instanceof Int i) return Long.toString(i.value());
        if (this instanceof Real r) return VariableValues.formatDouble(r.value());
        if (this instanceof Text t) return t.value();
        if (this instanceof Word w) return w.value();
        if (this instanceof Null) return "NULL";
        return "DEFAULT";
    }
}
