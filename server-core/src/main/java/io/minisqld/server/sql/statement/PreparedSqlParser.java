package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenCursor;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/** PREPARE, EXECUTE and DEALLOCATE | DROP PREPARE (see {@link PreparedSql}). */
final class PreparedSqlParser {
    private PreparedSqlParser() {
    }

    /** True for the statements this parser reads. */
    static boolean handles(List<Token> t) {
        if (t.size() < 2) return false;
        Token first = t.get(0);
        return first.is("PREPARE") || first.is("EXECUTE")
                || ((first.is("DEALLOCATE") || first.is("DROP")) && t.get(1).is("PREPARE"));
    }

    static PreparedSql parse(StatementText text) {
        TokenCursor c = text.cursor();
        Token first = c.next();
        if (first.is("PREPARE")) {
            String name = c.identifier();
            c.expect("FROM");
            Token source = c.peek();
            if (source == null) throw c.syntaxError();
            c.next();
            c.expectEnd();
            if (source.type() == TokenType.STRING) return new PreparedSql.Prepare(name, source.value(), null);
            if (source.type() == TokenType.USER_VAR) return new PreparedSql.Prepare(name, null, source.value());
            throw c.syntaxErrorAt(source);
        }
        if (first.is("EXECUTE")) {
            String name = c.identifier();
            List<String> variables = new ArrayList<>();
            if (c.accept("USING")) {
                do {
                    Token v = c.peek();
                    if (v == null || v.type() != TokenType.USER_VAR) throw c.syntaxError();
                    c.next();
                    variables.add(v.value());
                } while (c.acceptSymbol(","));
            }
            c.expectEnd();
            return new PreparedSql.Execute(name, variables);
        }
        c.expect("PREPARE");
        String name = c.identifier();
        c.expectEnd();
        return new PreparedSql.Deallocate(name);
    }
}
