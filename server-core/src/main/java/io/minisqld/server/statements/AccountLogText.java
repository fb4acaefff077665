package io.minisqld.server.statements;

import io.minisqld.server.grant.NativePassword;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;

/**
 * The text of an account statement as MySQL 5.7 writes it to the binlog: a password never
 * appears in clear. {@code IDENTIFIED BY 'pw'} becomes
 * {@code IDENTIFIED WITH 'mysql_native_password' AS '*HASH'}, and {@code SET PASSWORD … = 'pw'}
 * or {@code = PASSWORD('pw')} becomes {@code = '*HASH'}.
 */
final class AccountLogText {
    private AccountLogText() {
    }

    static String rewrite(StatementText text) {
        String sql = text.source();
        List<Token> t = text.significant();
        StringBuilder out = new StringBuilder(text.end() - text.begin() + 64);
        int copied = text.begin();
        boolean setPassword = t.size() > 1 && t.get(0).is("SET") && t.get(1).is("PASSWORD");
        for (int i = 0; i < t.size(); i++) {
            if (i + 2 < t.size() && t.get(i).is("IDENTIFIED") && t.get(i + 1).is("BY")
                    && t.get(i + 2).type() == TokenType.STRING) {
                out.append(sql, copied, t.get(i).start()).append("IDENTIFIED WITH 'mysql_native_password' AS '")
                        .append(NativePassword.hash(t.get(i + 2).value())).append('\'');
                copied = t.get(i + 2).end();
                i += 2;
            } else if (setPassword && t.get(i).isSymbol("=") && i + 1 < t.size()) {
                Token v = t.get(i + 1);
                if (v.type() == TokenType.STRING) {
                    out.append(sql, copied, v.start()).append('\'').append(NativePassword.hash(v.value())).append('\'');
                    copied = v.end();
                } else if (v.is("PASSWORD") && i + 4 < t.size() && t.get(i + 3).type() == TokenType.STRING) {
                    out.append(sql, copied, v.start()).append('\'')
                            .append(NativePassword.hash(t.get(i + 3).value())).append('\'');
                    copied = t.get(i + 4).end();
                }
                break;
            }
        }
        out.append(sql, copied, text.end());
        return out.toString();
    }
}
