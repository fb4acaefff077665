package io.minisqld.plugin.api.variables;

/** Where a system variable's value lives, as in MySQL: one global value, per-session values, or both. */
public enum VariableScope {
    /** Only {@code SET GLOBAL}; {@code SET SESSION} gives error 1229. */
    GLOBAL,
    /** Only the session's value; {@code SET GLOBAL} gives error 1228. */
    SESSION,
    /** A global value that each new session copies as its own. */
    BOTH
}
