package io.minisqld.server.sql.statement;

/**
 * A place in a statement where the server, not the engine, knows the value: a system variable
 * ({@code @@name}, {@code @@global.name}), a user variable read ({@code @name}), or one of the
 * server's functions (VERSION(), DATABASE(), USER(), CURRENT_USER, CONNECTION_ID(),
 * LAST_INSERT_ID(), UNIX_TIMESTAMP()). The statement layer evaluates it at each execution and the
 * engine sees the value as a literal.
 *
 * @param first index of the first token it spans in {@code StatementText.tokens()}
 * @param last  index of the last token it spans (a function call spans name, '(' and ')')
 * @param name  the variable's text after {@code @@} / {@code @}, or the function's name in upper case
 * @param arguments a function's arguments, each a literal (a string's value, a number's text; null
 *                  for NULL): MASTER_POS_WAIT('file', pos[, timeout])
 */
public record ServerValue(Kind kind, int first, int last, String name, java.util.List<String> arguments) {

    public ServerValue(Kind kind, int first, int last, String name) {
        this(kind, first, last, name, java.util.List.of());
    }

    public enum Kind { SYSTEM_VARIABLE, USER_VARIABLE, FUNCTION }
}
