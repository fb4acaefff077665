package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import java.util.List;

/**
 * A run of a statement's tokens that goes to the engine: the whole of an engine statement, or an
 * expression inside a server statement (the value of {@code SET @x = expr}, the condition of
 * {@code SHOW VARIABLES WHERE …}), with the server values inside it.
 *
 * @param from         index of its first token in {@code text.tokens()}
 * @param to           index after its last token
 * @param serverValues the server values in [from, to), in order
 */
public record SqlSpan(StatementText text, int from, int to, List<ServerValue> serverValues) {

    public SqlSpan {
        serverValues = List.copyOf(serverValues);
    }

    /** The span's tokens, blanks included. */
    public List<Token> tokens() {
        return text.tokens().subList(from, to);
    }
}
