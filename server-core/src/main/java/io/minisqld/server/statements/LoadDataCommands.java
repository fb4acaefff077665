package io.minisqld.server.statements;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.SqlLiteral;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.AdminStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * LOAD DATA LOCAL INFILE: the client sends the file over the connection (LOCAL INFILE request);
 * its lines are read with MySQL's field and line rules (terminators, enclosing and escape
 * characters, {@code \N} and an unenclosed NULL for NULL, IGNORE n LINES) and stored as INSERT,
 * INSERT IGNORE or REPLACE statements of up to {@link #BATCH} rows each, run as a client's would
 * (checks, AUTO_INCREMENT, triggers, the binlog), all in one transaction as InnoDB's LOAD DATA
 * is. The OK says {@code Records: n  Deleted: n  Skipped: n  Warnings: n}. Without LOCAL the server
 * reads the file itself, where {@code secure_file_priv} allows it ({@link ServerFiles}; NULL, the
 * default, forbids it: 1290).
 */
final class LoadDataCommands {
    static final int BATCH = 500;

    private final ServerContext server;
    private final Transactions transactions;
    /** Runs one statement the server composed, as a client's (counters, locks, dispatch). */
    private final BiFunction<Session, StatementText, StatementResult> run;
    private final ServerFiles files;

    LoadDataCommands(ServerContext server, Transactions transactions,
                     BiFunction<Session, StatementText, StatementResult> run, ServerFiles files) {
        this.server = server;
        this.transactions = transactions;
        this.run = run;
        this.files = files;
    }

    void register(DispatchTable table) {
        table.register(AdminStatement.LoadData.class, (s, st, t) -> load(s, st));
    }

    private StatementResult load(Session s, AdminStatement.LoadData st) {
        if (st.local() && !server.variables().globalBool("local_infile")) throw ErrorCode.ER_NOT_ALLOWED_COMMAND.error();
        // reading a file of the server's needs FILE, asked before the table's INSERT (1045 without it)
        if (!st.local() && !server.accounts().hasGlobal(s.account(), Privilege.FILE)) throw AccessDenied.global(s);
        String db = st.database() != null ? st.database() : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        TableInfo info = s.engine().describe(db, st.table());
        List<String> columns = new ArrayList<>(st.columns());
        if (columns.isEmpty()) {
            for (TableInfo.ColumnInfo c : info.columns()) columns.add(c.name());
        }
        // the file is in the CHARACTER SET the statement names, else in character_set_database, as MySQL reads it
        MysqlCharset charset = MysqlCharset.require(st.charset() != null ? st.charset()
                : s.variables().string("character_set_database"));
        // LOCAL: the client sends the file; else the server reads it, under secure_file_priv
        String content = charset.decode(st.local() ? s.localFile(st.file()) : files.read(s, st.file()));
        List<List<String>> rows = new LoadDataReader(st).rows(content);

        StringBuilder head = new StringBuilder(st.duplicates().equals("REPLACE") ? "REPLACE" : "INSERT")
                .append(st.duplicates().equals("IGNORE") ? " IGNORE" : "").append(" INTO ")
                .append(quote(db)).append('.').append(quote(info.name())).append(" (");
        for (int i = 0; i < columns.size(); i++) head.append(i > 0 ? ", " : "").append(quote(columns.get(i)));
        head.append(") VALUES ");

        List<Boolean> binary = new ArrayList<>();
        for (String name : columns) {
            String type = info.columns().stream().filter(ci -> ci.name().equalsIgnoreCase(name)).findFirst()
                    .map(TableInfo.ColumnInfo::mysqlType).orElse("").toLowerCase(java.util.Locale.ROOT);
            binary.add(type.startsWith("binary") || type.startsWith("varbinary") || type.endsWith("blob"));
        }
        boolean own = !s.inTransaction();
        // one transaction for the whole file, as InnoDB's LOAD DATA is one statement
        if (own) s.setInTransaction(true);
        long affected = 0;
        long warnings = 0;
        try {
            for (int from = 0; from < rows.size(); from += BATCH) {
                StringBuilder sql = new StringBuilder(head);
                for (int r = from; r < Math.min(rows.size(), from + BATCH); r++) {
                    List<String> fields = rows.get(r);
                    if (fields.size() < columns.size()) {
                        s.warn(ErrorCode.ER_WARN_TOO_FEW_RECORDS, r + 1L);
                        warnings++;
                    } else if (fields.size() > columns.size()) {
                        s.warn(ErrorCode.ER_WARN_TOO_MANY_RECORDS, r + 1L);
                        warnings++;
                    }
                    sql.append(r > from ? ", (" : "(");
                    for (int c = 0; c < columns.size(); c++) {
                        if (c > 0) sql.append(", ");
                        String v = c < fields.size() ? fields.get(c) : null;
                        if (c >= fields.size()) sql.append("DEFAULT");
                        else sql.append(v == null ? "NULL" : literal(v, charset, binary.get(c)));
                    }
                    sql.append(')');
                }
                StatementResult result = run.apply(s, server.lexer().statement(sql.toString()));
                if (result instanceof OkResult ok) affected += ok.affectedRows();
            }
            if (own) transactions.commit(s);
        } catch (RuntimeException e) {
            if (own) transactions.rollback(s);
            throw e;
        }
        long records = rows.size();
        long deleted = st.duplicates().equals("REPLACE") ? Math.max(0, affected - records) : 0;
        long skipped = st.duplicates().equals("IGNORE") ? Math.max(0, records - affected) : 0;
        return new OkResult(affected, 0, "Records: " + records + "  Deleted: " + deleted + "  Skipped: " + skipped
                + "  Warnings: " + Math.max(warnings, Math.max(s.warningCount(), s.pendingWarningCount())));
    }

    /**
     * A field as a literal of the composed INSERT: quoted when ASCII, else its UTF-8 bytes with an
     * introducer, so that the statement (and the binlog's copy of it, in the client's character
     * set) carries every character whatever that character set is. A binary column's field, and
     * one with bytes that are no character of the file's character set, is the file's bytes
     * (then a text column refuses them as MySQL does, never a '?' in their place).
     */
    private static String literal(String value, MysqlCharset charset, boolean binary) {
        if (!binary && charset == MysqlCharset.BINARY) {
            // a binary file's bytes are the text column's characters, as the column reads them
            value = MysqlCharset.UTF8MB4.decode(charset.encode(value));
            charset = MysqlCharset.UTF8MB4;
        }
        if (binary || MysqlCharset.hasEscapedBytes(value)) {
            return (binary ? "X'" : "_utf8mb4 X'") + java.util.HexFormat.of().formatHex(charset.encode(value)) + "'";
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return "_utf8mb4 X'" + java.util.HexFormat.of().formatHex(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        + "'";
            }
        }
        return SqlLiteral.quote(value);
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** MySQL's reading of a LOAD DATA file into rows of fields (null for NULL). */
    static final class LoadDataReader {
        private final AdminStatement.LoadData st;

        LoadDataReader(AdminStatement.LoadData st) {
            this.st = st;
        }

        List<List<String>> rows(String text) {
            String field = st.fieldsTerminated();
            String line = st.linesTerminated();
            String enclosed = st.enclosed();
            String escape = st.escaped();
            String starting = st.linesStarting();
            List<List<String>> rows = new ArrayList<>();
            int i = 0;
            long skip = st.ignoreLines();
            int n = text.length();
            while (i < n) {
                if (!starting.isEmpty()) {
                    int at = text.indexOf(starting, i);
                    if (at < 0) break;
                    i = at + starting.length();
                }
                List<String> fields = new ArrayList<>();
                boolean lineEnd = false;
                while (!lineEnd) {
                    StringBuilder value = new StringBuilder();
                    boolean quoted = !enclosed.isEmpty() && text.startsWith(enclosed, i);
                    boolean escapedOnly = false;
                    if (quoted) {
                        i += enclosed.length();
                        while (i < n) {
                            if (!escape.isEmpty() && text.startsWith(escape, i) && i + escape.length() < n) {
                                value.append(unescape(text.charAt(i + escape.length())));
                                i += escape.length() + 1;
                            } else if (text.startsWith(enclosed + enclosed, i)) {
                                value.append(enclosed);
                                i += 2 * enclosed.length();
                            } else if (text.startsWith(enclosed, i)) {
                                i += enclosed.length();
                                break;
                            } else {
                                value.append(text.charAt(i++));
                            }
                        }
                    }
                    // up to the field or line terminator (after a closing quote: what follows it)
                    while (i < n && !text.startsWith(field, i) && !text.startsWith(line, i)) {
                        if (!escape.isEmpty() && text.startsWith(escape, i) && i + escape.length() < n) {
                            char next = text.charAt(i + escape.length());
                            if (next == 'N' && value.length() == 0 && !quoted) escapedOnly = true;
                            value.append(unescape(next));
                            i += escape.length() + 1;
                        } else {
                            value.append(text.charAt(i++));
                        }
                    }
                    String v = value.toString();
                    boolean isNull = (escapedOnly && v.equals("N"))
                            || (!quoted && !enclosed.isEmpty() && v.equals("NULL"));
                    fields.add(isNull ? null : v);
                    if (i >= n) {
                        lineEnd = true;
                    } else if (text.startsWith(line, i)) {
                        i += line.length();
                        lineEnd = true;
                    } else {
                        i += field.length();
                    }
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                rows.add(fields);
            }
            return rows;
        }

        /** The character an escape sequence stands for (\0 \b \n \r \t \Z, else the character). */
        private static char unescape(char c) {
            return switch (c) {
                case '0' -> '\0';
                case 'b' -> '\b';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'Z' -> (char) 26;
                default -> c;
            };
        }
    }
}
