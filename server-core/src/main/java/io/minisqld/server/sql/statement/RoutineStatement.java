package io.minisqld.server.sql.statement;

import java.util.List;

/**
 * Stored routines: CREATE and DROP PROCEDURE | FUNCTION, CALL, SHOW CREATE PROCEDURE | FUNCTION.
 * A CREATE keeps the text from its parameter list on (the parameters, characteristics and body
 * as the client wrote them); the statement layer reads the body when it stores it.
 */
public sealed interface RoutineStatement extends Statement {

    @Override
    default StatementKind kind() {
        if (this instanceof Create c) return c.function() ? StatementKind.CREATE_FUNCTION : StatementKind.CREATE_PROCEDURE;
        if (this instanceof Drop d) return d.function() ? StatementKind.DROP_FUNCTION : StatementKind.DROP_PROCEDURE;
        if (this instanceof Call) return StatementKind.CALL_PROCEDURE;
        return ((ShowCreate) this).function() ? StatementKind.SHOW_CREATE_FUNCTION : StatementKind.SHOW_CREATE_PROCEDURE;
    }

    /**
     * CREATE [DEFINER = user] PROCEDURE | FUNCTION [db.]name (…) ….
     *
     * @param database     the routine's database, null for the session's
     * @param definer      DEFINER's user and host, or null for the current user
     * @param parametersAt the offset in the statement's text of the parameter list's "("
     */
    record Create(boolean function, String database, String name, String[] definer, int parametersAt)
            implements RoutineStatement {
        @Override
        public boolean writes() {
            return true;
        }
    }

    /** DROP PROCEDURE | FUNCTION [IF EXISTS] [db.]name. */
    record Drop(boolean function, boolean ifExists, String database, String name) implements RoutineStatement {
        @Override
        public boolean writes() {
            return true;
        }
    }

    /**
     * CALL [db.]name [( [expr [, expr …]] )]: each argument as its text.
     *
     * @param markers per argument, true when it is a prepared statement's marker (a bound value)
     */
    record Call(String database, String name, List<String> arguments, List<Boolean> markers)
            implements RoutineStatement {
        public Call {
            arguments = List.copyOf(arguments);
            markers = List.copyOf(markers);
        }
    }

    /** SHOW CREATE PROCEDURE | FUNCTION [db.]name. */
    record ShowCreate(boolean function, String database, String name) implements RoutineStatement {
    }
}
