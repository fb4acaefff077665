package io.minisqld.server.auth;

import io.minisqld.server.grant.NativePassword;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Helpers shared by the account tests. */
public final class AccountTestSupport {
    private static final io.minisqld.server.sql.QueryLexer LEXER = new io.minisqld.server.sql.QueryLexer();

    /** Parses an account statement as the statement layer does. */
    public static io.minisqld.server.sql.statement.AccountStatement parse(String sql) {
        return io.minisqld.server.sql.statement.AccountParser.parse(LEXER.statement(sql), null);
    }

    static final byte[] SCRAMBLE = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    private AccountTestSupport() {
    }

    public static SqlError assertError(int number, String sqlState, String message, Executable action) {
        SqlError e = assertThrows(SqlError.class, action);
        assertEquals(number + " " + sqlState + " " + message, e.number() + " " + e.sqlState() + " " + e.getMessage());
        return e;
    }

    /** The first column of every row, as text. */
    static List<String> column(StatementResult result) {
        RowsResult rows = (RowsResult) result;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.rows().size(); i++) out.add(rows.text(i, 0));
        return out;
    }

    static Account login(AccountStore store, String user, String ip, String password) {
        return store.authenticate(user, ip, SCRAMBLE, NativePassword.token(password, SCRAMBLE));
    }
}
