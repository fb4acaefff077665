package io.minisqld.server.statements;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenCursor;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.FileFormat;
import io.minisqld.server.sql.statement.StatementKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SELECT … INTO @var [, @var …] | OUTFILE 'file' [CHARACTER SET cs] [FIELDS …] [LINES …] |
 * DUMPFILE 'file' (MySQL 5.7 manual, 13.2.9.1): the SELECT runs without its INTO clause, then
 * its row goes to the user variables (1172 for more than one row, warning 1329 for none, 1222 for
 * another number of columns), or its rows are written to a new file on the server under
 * {@code secure_file_priv} ({@link ServerFiles}) in the FIELDS / LINES format, NULL as the escape
 * character and N, or DUMPFILE's one row of raw bytes. The OK counts the rows.
 */
final class SelectIntoCommands {
    private static final Set<String> AFTER_INTO = Set.of("FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
            "FOR", "LOCK", "UNION", "PROCEDURE", "WINDOW");

    private final ServerContext server;
    private final StatementExecutor executor;
    private final ServerFiles files;

    /** Where the rows go, and the INTO clause's significant-token range [from, to). */
    private record Target(int from, int to, List<String> variables, String file, boolean dump, FileFormat format,
                          MysqlCharset charset) {
    }

    SelectIntoCommands(ServerContext server, StatementExecutor executor, ServerFiles files) {
        this.server = server;
        this.executor = executor;
        this.files = files;
    }

    /** The INTO clause of a SELECT, or null (most SELECTs: one pass over the tokens). */
    static boolean hasInto(EngineStatement st) {
        if (st.kind() != StatementKind.SELECT) return false;
        int depth = 0;
        for (Token t : st.text().significant()) {
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.type() == TokenType.WORD && t.is("INTO")) return true;
        }
        return false;
    }

    StatementResult execute(Session s, EngineStatement st) {
        StatementText text = st.text();
        Target target = target(text);
        // writing a file of the server's needs FILE, asked before the tables' SELECT (1045 without it)
        if (target.file() != null && !server.accounts().hasGlobal(s.account(), Privilege.FILE)) {
            throw AccessDenied.global(s);
        }
        List<Token> sig = text.significant();
        String sql = text.source().substring(sig.get(0).start(), sig.get(target.from()).start())
                + (target.to() < sig.size() ? " " + text.source().substring(sig.get(target.to()).start(),
                sig.get(sig.size() - 1).end()) : "");
        RowsResult rows = (RowsResult) executor.executeNested(s, server.lexer().statement(sql));
        if (!target.variables().isEmpty()) {
            if (rows.columns().size() != target.variables().size()) {
                throw ErrorCode.ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT.error();
            }
            if (rows.rows().size() > 1) throw ErrorCode.ER_TOO_MANY_ROWS.error();
            if (rows.rows().isEmpty()) {
                s.warn(ErrorCode.ER_SP_FETCH_NO_DATA);
                return OkResult.EMPTY;
            }
            for (int i = 0; i < target.variables().size(); i++) {
                s.userVariables().put(target.variables().get(i).toLowerCase(Locale.ROOT),
                        RoutineRunner.userValue(RoutineRunner.valueOf(rows, 0, i)));
            }
            return OkResult.affected(1);
        }
        if (target.dump()) {
            if (rows.rows().size() > 1) throw ErrorCode.ER_TOO_MANY_ROWS.error();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[][] row : rows.rows()) {
                for (byte[] v : row) out.writeBytes(v == null ? new byte[0] : v);
            }
            files.create(s, target.file(), out.toByteArray());
            return OkResult.affected(rows.rows().size());
        }
        files.create(s, target.file(), outfile(rows, target.format(), target.charset()));
        return OkResult.affected(rows.rows().size());
    }

    /**
     * The rows in OUTFILE's format (MySQL 5.7 manual, "SELECT … INTO Syntax"), text columns in
     * {@code charset} (binary: the stored bytes), binary columns as their bytes.
     */
    static byte[] outfile(RowsResult rows, FileFormat f, MysqlCharset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] escape = f.escaped().getBytes(StandardCharsets.UTF_8);
        byte[] enclose = f.enclosed().getBytes(StandardCharsets.UTF_8);
        byte[] fieldEnd = f.fieldsTerminated().getBytes(StandardCharsets.UTF_8);
        byte[] lineEnd = f.linesTerminated().getBytes(StandardCharsets.UTF_8);
        byte[] lineStart = f.linesStarting().getBytes(StandardCharsets.UTF_8);
        for (byte[][] row : rows.rows()) {
            out.writeBytes(lineStart);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) out.writeBytes(fieldEnd);
                byte[] v = row[c];
                if (v == null) {
                    if (escape.length == 0) {
                        out.writeBytes("NULL".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.writeBytes(escape);
                        out.write('N');
                    }
                    continue;
                }
                Column column = rows.columns().get(c);
                if (column.charset() != Column.BINARY_CHARSET && charset != MysqlCharset.UTF8MB4
                        && charset != MysqlCharset.UTF8 && charset != MysqlCharset.BINARY) {
                    v = charset.encode(MysqlCharset.UTF8MB4.decode(v));
                }
                boolean enclosed = enclose.length > 0 && (!f.optionallyEnclosed() || !column.type().numeric()
                        && column.type() != ColumnType.NULL);
                if (enclosed) out.writeBytes(enclose);
                for (byte b : v) {
                    if (escape.length > 0 && needsEscape(b, escape, enclose, fieldEnd, lineEnd)) {
                        out.writeBytes(escape);
                        out.write(b == 0 ? '0' : b);
                    } else {
                        out.write(b);
                    }
                }
                if (enclosed) out.writeBytes(enclose);
            }
            out.writeBytes(lineEnd);
        }
        return out.toByteArray();
    }

    /**
     * The escape character goes before itself, NUL (then written as 0), the first character of the
     * line terminator, and the enclosing character or, when nothing encloses the fields, the first
     * character of the field terminator (MySQL's select_export rules).
     */
    private static boolean needsEscape(byte b, byte[] escape, byte[] enclose, byte[] fieldEnd, byte[] lineEnd) {
        if (b == escape[0] || b == 0) return true;
        if (lineEnd.length > 0 && b == lineEnd[0]) return true;
        if (enclose.length > 0) return b == enclose[0];
        return fieldEnd.length > 0 && b == fieldEnd[0];
    }

    private static Target target(StatementText text) {
        List<Token> sig = text.significant();
        int depth = 0;
        int into = -1;
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.type() == TokenType.WORD && t.is("INTO")) {
                into = i;
                break;
            }
        }
        TokenCursor c = text.cursor();
        c.reset(into + 1);
        if (c.accept("OUTFILE")) {
            String file = c.string();
            MysqlCharset charset = MysqlCharset.UTF8MB4;
            if (c.accept("CHARACTER")) {
                c.expect("SET");
                charset = MysqlCharset.require(c.stringOrIdentifier());
            } else if (c.accept("CHARSET")) {
                charset = MysqlCharset.require(c.stringOrIdentifier());
            }
            FileFormat format = FileFormat.parse(c);
            return new Target(into, end(c, sig), List.of(), file, false, format, charset);
        }
        if (c.accept("DUMPFILE")) {
            String file = c.string();
            return new Target(into, end(c, sig), List.of(), file, true, null, null);
        }
        List<String> variables = new ArrayList<>();
        do {
            Token v = c.peek();
            if (v == null || v.type() != TokenType.USER_VAR) {
                // a local variable exists only in a stored procedure
                if (v != null && v.isIdentifier()) throw ErrorCode.ER_SP_UNDECLARED_VAR.error(v.value());
                throw c.syntaxError();
            }
            c.next();
            variables.add(v.value());
        } while (c.acceptSymbol(","));
        return new Target(into, end(c, sig), variables, null, false, null, null);
    }

    /** Where the INTO clause ends: a clause that may follow it, or the statement's end. */
    private static int end(TokenCursor c, List<Token> sig) {
        int at = c.position();
        if (at < sig.size() && !AFTER_INTO.contains(sig.get(at).upper())) throw c.syntaxError();
        return at;
    }
}
