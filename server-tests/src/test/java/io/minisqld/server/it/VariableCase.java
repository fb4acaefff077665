package io.minisqld.server.it;

import java.sql.Connection;

/**
 * What a client meets when it sets one system variable to one value: the value is taken and
 * changes what the client observes as MySQL 5.7's does ({@link Takes}); MySQL's error refuses it
 * ({@link Refused}); or it is taken and, in MySQL 5.7 as here, nothing a client observes depends
 * on it ({@link Inert}, a short list whose reasons docs/compatibility.md gives). A variable's
 * default, which cannot be refused, may be a {@link KnownDeviation}: taken, and not doing what
 * MySQL does with it, as docs/compatibility.md says.
 */
sealed interface VariableCase {
    /** The SET statement, e.g. {@code SET SESSION sql_safe_updates = ON}. */
    String set();

    /** Observes a value's effect on the connection that set it. */
    @FunctionalInterface
    interface Check {
        void verify(VariableEnv env, Connection c) throws Exception;
    }

    /** The value is taken and {@code check} sees its effect. */
    record Takes(String set, Check check) implements VariableCase {
    }

    /** The SET fails with MySQL's error number and message, and the value does not change. */
    record Refused(String set, int code, String message) implements VariableCase {
    }

    /** The value is taken; nothing a client observes depends on it, in MySQL 5.7 either ({@code why}). */
    record Inert(String set, String why, Check check) implements VariableCase {
    }

    /** A variable's default, taken though the server does not do what MySQL does with it ({@code what}). */
    record KnownDeviation(String set, String what) implements VariableCase {
    }
}
