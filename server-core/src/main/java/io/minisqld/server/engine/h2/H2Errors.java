package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbc.JdbcException;

/** The one place where an H2 error becomes the MySQL error a client sees. */
final class H2Errors {
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")*)\"");
    /** {@code "test.ub_INDEX_7 ON test.u(b NULLS FIRST) VALUES ( /* 1 *}{@code / 1 )"}; names H2 had to quote come as ""a#b"". */
    private static final Pattern UNIQUE = Pattern.compile(
            "violation: \"(?:(?:\"\"(?<qschema>[^\"]+)\"\"|(?<schema>[^\".]+))\\.)?"
                    + "(?:\"\"(?<qindex>(?:[^\"]|\"\"\"\")+)\"\"|(?<index>[^\" ]+))"
                    + " ON (?<table>[^(]+)\\((?<cols>[^)]*)\\) (?:VALUES )?\\((?<values>.*)\\)\"", Pattern.DOTALL);

    private static final Pattern ROW_KEY = Pattern.compile("violation: \"PRIMARY KEY ON [^(]*\\([^)]*\\) \\( /\\* key:(-?\\d+) \\*/");

    private H2Errors() {
    }

    /**
     * @param tr      the statement that failed (null for the engine's own statements)
     * @param session the session it ran in, for the current database and index look-ups; may be null
     */
    static SqlError translate(SQLException e, MySqlToH2.Translation tr, H2EngineSession session) {
        return translate(e, tr, session, session == null ? null : session.database());
    }

    /** As {@link #translate(SQLException, MySqlToH2.Translation, H2EngineSession)} with the current database given. */
    static SqlError translate(SQLException e, MySqlToH2.Translation tr, H2EngineSession session, String db) {
        // an error inside a trigger's body is the statement's error, as MySQL reports it
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MysqlTrigger.BodyError body) return body.error();
            // a function of the server's that H2 called refused its arguments as MySQL does (JsonFunctions)
            if (c instanceof SqlError own) return own;
        }
        String msg = original(e);
        return switch (e.getErrorCode()) {
            case 42102, 42103, 42104 -> {
                String table = firstQuoted(msg);
                if (db == null && tr != null && qualifier(tr, table) == null) {
                    yield ErrorCode.ER_NO_DB_ERROR.error();
                }
                String q = tr == null ? null : qualifier(tr, table);
                String schema = q != null ? q : db;
                if (tr != null && "DROP".equals(tr.firstWord())) {
                    yield ErrorCode.ER_BAD_TABLE_ERROR.error(schema + "." + table);
                }
                yield ErrorCode.ER_NO_SUCH_TABLE.error(schema, table);
            }
            case 42101 -> ErrorCode.ER_TABLE_EXISTS_ERROR.error(firstQuoted(msg));
            // INSERT / UPDATE / DELETE through a view, which MySQL passes to the view's table
            case 50100 -> msg.contains("TableView.") ? ErrorCode.ER_NOT_SUPPORTED_YET.error("changing rows through a view")
                    : engineError(e);
            // a view whose table a DROP TABLE removed (DependentViews)
            case 90109 -> DependentViews.invalid(msg);
            // DROP TABLE of a table another's foreign key references (MySQL 5.7: 1217)
            case 90107 -> tr != null && "DROP".equals(tr.firstWord()) ? ErrorCode.ER_PARENT_TABLE_REFERENCED.error()
                    : engineError(e);
            case 90079 -> {
                String schema = firstQuoted(msg);
                String table = schema.equalsIgnoreCase("information_schema") && tr != null
                        ? tableAfter(tr, schema) : null;
                yield table != null ? ErrorCode.ER_UNKNOWN_TABLE.error(table, "information_schema")
                        : ErrorCode.ER_BAD_DB_ERROR.error(schema);
            }
            case 23505 -> duplicate(msg, session);
            case 23506 -> foreignKey(ErrorCode.ER_NO_REFERENCED_ROW, msg, e);
            case 23503 -> foreignKey(ErrorCode.ER_ROW_IS_REFERENCED, msg, e);
            // ALTER TABLE … DROP [COLUMN] c of no such column: MySQL's 1091
            case 42122 -> droppedColumn(tr, firstQuoted(msg))
                    ? ErrorCode.ER_CANT_DROP_FIELD_OR_KEY.error(firstQuoted(msg))
                    : ErrorCode.ER_BAD_FIELD_ERROR.error(firstQuoted(msg), clauseOf(tr, firstQuoted(msg)));
            // a UNION's ORDER BY of a column no select list names the same way
            case 90068 -> clientTokens(tr).stream().anyMatch(t -> t.is("UNION")) ? orderOfUnion(firstQuoted(msg), e)
                    : engineError(e);
            // ALTER TABLE … ADD c of a column the table has
            case 42121 -> ErrorCode.ER_DUP_FIELDNAME.error(firstQuoted(msg));
            // DROP COLUMN of a column a key of several columns has (MySQL takes it out of the key)
            case 90083 -> ErrorCode.ER_NOT_SUPPORTED_YET.error("dropping a column that a key of several columns"
                    + " includes; drop or change the key first");
            // a column name two of the statement's tables have
            case 90059 -> ErrorCode.ER_NON_UNIQ_ERROR.error(firstQuoted(msg), clauseOf(tr, firstQuoted(msg)));
            case 23502 -> nullNotAllowed(firstQuoted(msg), tr);
            case 22001 -> tooLong(firstQuoted(msg));
            case 23513 -> checkViolation(msg, session, e);
            case 90106 -> truncateRefused(msg, session, e);
            case 42000, 42001 -> syntax(msg, tr);
            case 50200 -> ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
            case 90098 -> ErrorCode.ER_SERVER_SHUTDOWN.error();
            // a column made NOT NULL (a primary key's, MODIFY … NOT NULL) over rows holding NULL
            case 90081 -> ErrorCode.ER_INVALID_USE_OF_NULL.error();
            // ADD PRIMARY KEY to a table that has one
            case 90017 -> ErrorCode.ER_MULTIPLE_PRI_KEY.error();
            // 40001 only for a wait cycle (H2's REPEATABLE READ refusal is gone: InnoDbLocking);
            // a conflict H2 refuses without waiting is waited for first (H2EngineSession), so what
            // reaches here has waited its time
            case 40001 -> ErrorCode.ER_LOCK_DEADLOCK.error();
            case 90131 -> ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
            case 57014 -> ErrorCode.ER_QUERY_INTERRUPTED.error();
            case 22003, 22004 -> outOfRange(msg, tr);
            case 22018 -> badValue(msg);
            case 22007 -> {
                // a date literal an INSERT or UPDATE stores into a column: MySQL names the column and row
                SqlError stored = session == null ? null : session.temporalLiteralError(secondQuoted(msg));
                yield stored != null ? stored : ErrorCode.ER_TRUNCATED_WRONG_VALUE.error(firstQuotedOr(msg, "datetime"),
                        secondQuoted(msg));
            }
            case 22012 -> ErrorCode.ER_DIVISION_BY_ZERO.error();
            // MySQL: "FUNCTION test.binlog_gtid_pos does not exist" (qualified by the current database)
            case 90022 -> ErrorCode.ER_SP_DOES_NOT_EXIST.error("FUNCTION",
                    (db == null ? "" : db + ".") + firstQuoted(msg).toLowerCase(java.util.Locale.ROOT));
            // an index name H2 reports is its table-scoped name for a MySQL key
            case 42112, 90057 -> ErrorCode.ER_CANT_DROP_FIELD_OR_KEY.error(IndexDdl.mysqlKeyName(null, firstQuoted(msg)));
            case 42111, 90045 -> ErrorCode.ER_DUP_KEYNAME.error(IndexDdl.mysqlKeyName(null, firstQuoted(msg)));
            default -> engineError(e);
        };
    }

    /** An engine error MySQL has no number for: 1105 with the engine's message. */
    private static SqlError engineError(SQLException e) {
        return new SqlError(ErrorCode.ER_UNKNOWN_ERROR.number(), ErrorCode.ER_UNKNOWN_ERROR.sqlState(), cleanMessage(e), e);
    }

    /** H2's message without its SQL echo and {@code [code-232]} suffix. */
    static String cleanMessage(SQLException e) {
        return original(e);
    }

    private static String original(SQLException e) {
        if (e instanceof JdbcException je && je.getOriginalMessage() != null) return je.getOriginalMessage();
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int sqlEcho = m.indexOf("; SQL statement:");
        if (sqlEcho >= 0) m = m.substring(0, sqlEcho);
        return m.replaceAll(" \\[\\d+-\\d+]$", "");
    }

    private static List<String> quoted(String msg) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(msg);
        while (m.find()) out.add(m.group(1).replace("\"\"", "\""));
        return out;
    }

    private static String firstQuoted(String msg) {
        List<String> q = quoted(msg);
        return q.isEmpty() ? "" : q.get(0);
    }

    /** Whether {@code tr} is an ALTER TABLE that drops the column {@code column} ({@code DROP [COLUMN] c}). */
    private static boolean droppedColumn(MySqlToH2.Translation tr, String column) {
        if (tr == null || !"ALTER".equals(tr.firstWord()) || tr.origin() == null) return false;
        List<io.minisqld.server.sql.Token> sig = tr.origin().significant();
        for (int k = 0; k + 1 < sig.size(); k++) {
            if (!sig.get(k).is("DROP")) continue;
            int c = sig.get(k + 1).is("COLUMN") ? k + 2 : k + 1;
            if (c < sig.size() && sig.get(c).isIdentifier() && sig.get(c).value().equalsIgnoreCase(column)) return true;
        }
        return false;
    }

    private static String firstQuotedOr(String msg, String fallback) {
        List<String> q = quoted(msg);
        return q.size() >= 2 ? q.get(0).toLowerCase(java.util.Locale.ROOT) : fallback;
    }

    private static String secondQuoted(String msg) {
        List<String> q = quoted(msg);
        return q.isEmpty() ? "" : q.get(q.size() - 1);
    }

    /** A value too long for a NUMERIC column is out of its range in MySQL (DECIMAL, BIGINT UNSIGNED). */
    private static SqlError tooLong(String described) {
        String column = columnName(described);
        String type = described.substring(column.length()).strip();
        if (type.startsWith("NUMERIC") || type.startsWith("DECIMAL")) {
            return ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(column, RowLogTrigger.currentRow());
        }
        return ErrorCode.ER_DATA_TOO_LONG.error(column, RowLogTrigger.currentRow());
    }

    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "\"(.+?): (\"?[^.\"]+\"?)\\.(\"?[^ \"]+\"?) FOREIGN KEY\\(([^)]*)\\) REFERENCES (\"?[^.\"]+\"?)\\.(\"?[^(\"]+\"?)\\(([^)]*)\\)");

    /**
     * {@code Referential integrity constraint violation: "CONSTRAINT_8: d.chi FOREIGN KEY(pid)
     * REFERENCES d.par(id) (99)"} → MySQL's 1452 (a child row without its parent) or 1451 (a parent
     * row its children still reference), naming the foreign key as MySQL does:
     * {@code `d`.`chi`, CONSTRAINT `CONSTRAINT_8` FOREIGN KEY (`pid`) REFERENCES `par` (`id`)}.
     */
    private static SqlError foreignKey(ErrorCode code, String msg, SQLException e) {
        Matcher m = FOREIGN_KEY.matcher(msg);
        if (!m.find()) {
            return engineError(e);
        }
        String schema = unquoted(m.group(2));
        String refSchema = unquoted(m.group(5));
        String described = "`" + schema + "`.`" + unquoted(m.group(3)) + "`, CONSTRAINT `" + m.group(1)
                + "` FOREIGN KEY (" + identifiers(m.group(4)) + ") REFERENCES "
                + (refSchema.equals(schema) ? "" : "`" + refSchema + "`.") + "`" + unquoted(m.group(6)) + "` ("
                + identifiers(m.group(7)) + ")";
        return code.error(described);
    }

    /**
     * {@code Cannot truncate "d.t"}: MySQL's 1146 for a view (TRUNCATE empties base tables only),
     * 1701 naming the foreign key for a table other tables' keys reference, as InnoDB refuses it
     * (whether or not any row references it).
     */
    private static SqlError truncateRefused(String msg, H2EngineSession session, SQLException e) {
        String target = firstQuoted(msg).replace("\"", "");
        int dot = target.indexOf('.');
        if (session != null && dot > 0) {
            String schema = target.substring(0, dot);
            String table = target.substring(dot + 1);
            try {
                boolean view;
                try (ResultSet views = session.connection().getMetaData().getTables(null, schema, table,
                        new String[] {"VIEW"})) {
                    view = views.next();
                }
                if (!view) {
                    for (InformationSchemaObjects.ForeignKeyColumn fk
                            : InformationSchemaObjects.foreignKeys(session.connection(), null, null)) {
                        if (fk.refSchema().equals(schema) && fk.refTable().equals(table)
                                && !(fk.schema().equals(schema) && fk.table().equals(table))) {
                            return ErrorCode.ER_TRUNCATE_ILLEGAL_FK.error(foreignKeyText(session, fk));
                        }
                    }
                }
                return ErrorCode.ER_NO_SUCH_TABLE.error(schema, table);
            } catch (SQLException lookup) {
                e.addSuppressed(lookup);
            }
        }
        return engineError(e);
    }

    /** {@code `d`.`child`, CONSTRAINT `fk` FOREIGN KEY (`a`, `b`) REFERENCES `d`.`parent` (`x`, `y`)}. */
    private static String foreignKeyText(H2EngineSession session, InformationSchemaObjects.ForeignKeyColumn first)
            throws SQLException {
        List<String> own = new java.util.ArrayList<>();
        List<String> referenced = new java.util.ArrayList<>();
        for (InformationSchemaObjects.ForeignKeyColumn c
                : InformationSchemaObjects.foreignKeys(session.connection(), first.schema(), first.table())) {
            if (!c.name().equals(first.name())) continue;
            own.add(MySqlToH2.quoteIdent(c.column()));
            referenced.add(MySqlToH2.quoteIdent(c.refColumn()));
        }
        return MySqlToH2.quoteIdent(first.schema()) + "." + MySqlToH2.quoteIdent(first.table()) + ", CONSTRAINT "
                + MySqlToH2.quoteIdent(first.name()) + " FOREIGN KEY (" + String.join(", ", own) + ") REFERENCES "
                + MySqlToH2.quoteIdent(first.refSchema()) + "." + MySqlToH2.quoteIdent(first.refTable()) + " ("
                + String.join(", ", referenced) + ")";
    }

    private static String unquoted(String h2Name) {
        String n = h2Name.strip();
        return n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"") ? n.substring(1, n.length() - 1) : n;
    }

    private static String identifiers(String h2List) {
        List<String> out = new java.util.ArrayList<>();
        for (String c : h2List.split(",")) out.add("`" + unquoted(c) + "`");
        return String.join(", ", out);
    }

    /**
     * {@code Check constraint violation: "CONSTRAINT_4F: "}: a range check of {@link NumericColumns}
     * is MySQL's 1264 for its column; H2 does not say which row, MySQL's row 1 is reported.
     */
    private static SqlError checkViolation(String msg, H2EngineSession session, SQLException e) {
        String name = firstQuoted(msg);
        int colon = name.indexOf(':');
        if (colon >= 0) name = name.substring(0, colon);
        String column = session == null ? null
                : NumericColumns.checkedColumn(session.connection(), session.database(), name.strip());
        if (column != null) return ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(column, RowLogTrigger.currentRow());
        SqlError notInCharset = session == null ? null
                : ColumnCharsets.refusal(session.connection(), session.database(), name.strip());
        if (notInCharset != null) return notInCharset;
        SqlError tooLong = session == null ? null
                : CodePointLengths.refusal(session.connection(), session.database(), name.strip());
        if (tooLong != null) return tooLong;
        if (msg.contains("VALUE BETWEEN 1901 AND 2155")) {
            // a YEAR column's domain refused the value: H2 names no column; the statement's one
            // YEAR column, else the type stands for it
            String year = session == null ? null : session.onlyWrittenColumnOf("year");
            return ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(year != null ? year : "YEAR", RowLogTrigger.currentRow());
        }
        if (msg.contains("IS JSON")) {
            // a JSON column's domain refused the text (ColumnDomains)
            // (H2 says neither where the text goes wrong nor which column: position 0, column unnamed)
            return ErrorCode.ER_INVALID_JSON_TEXT.error("Invalid value.", 0, "JSON");
        }
        return engineError(e);
    }

    /** {@code v CHARACTER VARYING(5)} → {@code v}. */
    private static String columnName(String described) {
        int sp = described.indexOf(' ');
        return sp < 0 ? described : described.substring(0, sp);
    }

    /** The client's tokens of the failed statement (none for the server's own statements). */
    private static List<Token> clientTokens(MySqlToH2.Translation tr) {
        return tr == null || tr.origin() == null ? List.of() : tr.origin().significant();
    }

    /** The database a statement names for {@code table} ({@code db.table}), or null. */
    /**
     * A NOT NULL column given no value: MySQL's 1364 "Field … doesn't have a default value" when an
     * INSERT or REPLACE leaves the column out of its column list (or SET), 1048 when it writes NULL.
     */
    private static SqlError nullNotAllowed(String column, MySqlToH2.Translation tr) {
        if (tr != null && ("INSERT".equals(tr.firstWord()) || "REPLACE".equals(tr.firstWord()))) {
            List<Token> sig = clientTokens(tr);
            int depth = 0;
            boolean listed = false;
            boolean hasList = false;
            for (int i = 1; i < sig.size(); i++) {
                Token t = sig.get(i);
                if (depth == 0 && (t.is("VALUES") || t.is("VALUE") || t.is("SELECT") || t.is("ON"))) break;
                if (t.isSymbol("(")) {
                    depth++;
                    hasList = true;
                } else if (t.isSymbol(")")) {
                    depth--;
                } else if (depth == 0 && t.is("SET")) {
                    hasList = true;
                    // SET a = …, b = …: the assigned names
                    for (int k = i + 1; k < sig.size(); k++) {
                        if (sig.get(k).isSymbol("=") && sig.get(k - 1).isIdentifier()
                                && sig.get(k - 1).value().equalsIgnoreCase(column)) {
                            listed = true;
                        }
                    }
                    break;
                } else if (depth == 1 && t.isIdentifier() && t.value().equalsIgnoreCase(column)) {
                    listed = true;
                }
            }
            if (hasList && !listed) return ErrorCode.ER_NO_DEFAULT_FOR_FIELD.error(column);
        }
        return ErrorCode.ER_BAD_NULL_ERROR.error(column);
    }

    private static String qualifier(MySqlToH2.Translation tr, String table) {
        List<Token> sig = clientTokens(tr);
        for (int i = 2; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (t.isIdentifier() && t.value().equalsIgnoreCase(table) && sig.get(i - 1).isSymbol(".")
                    && sig.get(i - 2).isIdentifier()
                    && (i < 3 || !sig.get(i - 3).isSymbol("."))) {
                return sig.get(i - 2).value();
            }
        }
        return null;
    }

    /** The table a statement names as {@code schema.table}, or null. */
    private static String tableAfter(MySqlToH2.Translation tr, String schema) {
        // the tables the server knows are calls in the H2 text by now: what still names the schema is unknown
        java.util.regex.Matcher left = java.util.regex.Pattern.compile("(?i)" + java.util.regex.Pattern.quote(schema)
                + "[`\"]?\\s*\\.\\s*[`\"]?([\\w$]+)").matcher(tr.sql());
        if (left.find()) return left.group(1);
        List<Token> sig = clientTokens(tr);
        for (int i = 0; i + 2 < sig.size(); i++) {
            if (sig.get(i).isIdentifier() && sig.get(i).value().equalsIgnoreCase(schema)
                    && sig.get(i + 1).isSymbol(".") && sig.get(i + 2).isIdentifier()) {
                return sig.get(i + 2).value();
            }
        }
        return null;
    }

    /**
     * The ORDER BY of a UNION names what its result has not: a table's column is 1250 "Table 't'
     * from one of the SELECTs cannot be used in global ORDER clause", another name 1054 "Unknown
     * column 'b' in 'order clause'", as MySQL 5.7's.
     */
    private static SqlError orderOfUnion(String expression, SQLException e) {
        if (expression.matches("[\\w$]+")) return ErrorCode.ER_BAD_FIELD_ERROR.error(expression, "order clause");
        java.util.regex.Matcher qualified = java.util.regex.Pattern.compile("([\\w$]+)\\.[\\w$]+").matcher(expression);
        if (qualified.matches()) return ErrorCode.ER_TABLENAME_NOT_ALLOWED_HERE.error(qualified.group(1), "global ORDER clause");
        return engineError(e);
    }

    /** MySQL names the clause an unknown column stands in; 'field list' where it cannot be told. */
    private static String clauseOf(MySqlToH2.Translation tr, String column) {
        List<Token> sig = clientTokens(tr);
        // ALTER TABLE t CHANGE | MODIFY | ALTER of no such column: MySQL names the table
        if (sig.size() > 2 && sig.get(0).is("ALTER") && sig.get(1).is("TABLE")) {
            String[] name = TableStatements.qualifiedName(sig, 2);
            if (name != null) return name[1];
        }
        String clause = "field list";
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            // a qualified name (t.a) is not the unqualified one the error names
            if (i > 0 && sig.get(i - 1).isSymbol(".")) continue;
            if (t.is("WHERE")) clause = "where clause";
            else if (t.is("ORDER")) clause = "order clause";
            else if (t.is("GROUP")) clause = "group statement";
            else if (t.is("HAVING")) clause = "having clause";
            else if (t.is("ON")) clause = "on clause";
            else if (t.is("FROM") || t.is("SET") || t.is("VALUES")) clause = "field list";
            else if (t.isIdentifier() && t.value().equalsIgnoreCase(column)) return clause;
        }
        return "field list";
    }

    private static SqlError syntax(String msg, MySqlToH2.Translation tr) {
        int star = msg.indexOf("[*]");
        int open = msg.indexOf('"');
        if (star < 0 || open < 0 || open > star) {
            return ErrorCode.ER_PARSE_ERROR.error(tr == null || tr.origin() == null ? "" : clip(tr.origin().text()), 1);
        }
        String prefix = unescape(msg.substring(open + 1, star));
        if (tr != null && tr.origin() != null && tr.sql().startsWith(prefix)) {
            return tr.origin().syntaxErrorAtOffset(tr.originalOffset(prefix.length()));
        }
        int close = msg.lastIndexOf('"');
        String rest = close > star ? unescape(msg.substring(star + 3, close)) : "";
        int line = 1;
        for (char ch : prefix.toCharArray()) {
            if (ch == '\n') line++;
        }
        return ErrorCode.ER_PARSE_ERROR.error(clip(rest), line);
    }

    /** MySQL quotes at most 80 characters of the statement after the error. */
    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80);
    }

    /** H2 quotes the statement with doubled quotes and backslash escapes. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                b.append('"');
                i++;
            } else if (c == '\\' && i + 4 < s.length() && s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                // H2 writes control characters as a backslash and four hex digits
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                i += 4;
            } else if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 < s.length()) {
                            b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                    }
                    default -> b.append(n);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static SqlError outOfRange(String msg, MySqlToH2.Translation tr) {
        Matcher m = Pattern.compile("in column \"((?:[^\"]|\"\")*)\"").matcher(msg);
        if (m.find()) return ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(m.group(1), RowLogTrigger.currentRow());
        String expression = msg.startsWith("Numeric value out of range") ? arithmeticItem(tr) : null;
        if (expression != null) {
            // integer arithmetic past 64 bits: MySQL's 1690 names the expression
            return ErrorCode.ER_DATA_OUT_OF_RANGE.error("BIGINT", "(" + expression + ")");
        }
        return new SqlError(ErrorCode.ER_UNKNOWN_ERROR.number(), ErrorCode.ER_UNKNOWN_ERROR.sqlState(), msg);
    }

    /**
     * The statement's first expression with {@code + - *} as the client wrote it: the item of a
     * SELECT list, the value of a SET or VALUES, or a condition (a WHERE's); null when it has none.
     * MySQL names the operation that overflowed, in parentheses; this is the expression holding it.
     */
    private static String arithmeticItem(MySqlToH2.Translation tr) {
        List<Token> sig = clientTokens(tr);
        int start = -1;
        int depth = 0;
        boolean arithmetic = false;
        for (int i = 0; i <= sig.size(); i++) {
            Token t = i < sig.size() ? sig.get(i) : null;
            boolean boundary = t == null || depth == 0 && (t.isSymbol(",") || t.is("FROM") || t.is("WHERE")
                    || t.is("AS") || t.is("SELECT") || t.is("SET") || t.is("VALUES") || t.is("VALUE")
                    || t.is("ORDER") || t.is("GROUP") || t.is("HAVING") || t.is("LIMIT") || t.is("AND") || t.is("OR"))
                    || t.isSymbol(";");
            if (boundary) {
                if (arithmetic && start >= 0 && start < i) {
                    Token first = sig.get(start);
                    Token last = sig.get(i - 1);
                    return tr.origin().text().substring(first.start(), last.end());
                }
                start = i + 1;
                arithmetic = false;
                continue;
            }
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (t.isSymbol("+") || t.isSymbol("-") || t.isSymbol("*")) arithmetic |= i > start;
        }
        return null;
    }

    /** {@code Data conversion error converting "'abc' (T1: ""Id"" INTEGER NOT NULL)"} → 1366. */
    private static SqlError badValue(String msg) {
        Matcher m = Pattern.compile("converting \"'((?:[^']|'')*)' \\([^:]*: \"\"((?:[^\"]|\"\"\"\")*)\"\" (\\w+)")
                .matcher(msg);
        if (m.find()) {
            String type = m.group(3).toLowerCase(java.util.Locale.ROOT);
            String mysqlType = switch (type) {
                case "integer", "int", "tinyint", "smallint", "bigint" -> "integer";
                case "numeric", "decimal" -> "decimal";
                case "double", "real" -> "double";
                default -> type;
            };
            return ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error(mysqlType, m.group(1).replace("''", "'"),
                    m.group(2), RowLogTrigger.currentRow());
        }
        return new SqlError(ErrorCode.ER_UNKNOWN_ERROR.number(), ErrorCode.ER_UNKNOWN_ERROR.sqlState(), msg);
    }

    private static final Pattern CASE_SENSITIVE_TEXT = Pattern.compile(
            "CAST\\(('(?:[^']|'')*') AS VARCHAR_IGNORECASE\\([0-9]+\\)\\)");

    private static SqlError duplicate(String msg, H2EngineSession session) {
        Matcher rowKey = ROW_KEY.matcher(msg);
        if (rowKey.find()) {
            // a single integer primary key is H2's row key: the comment holds the duplicate value
            return ErrorCode.ER_DUP_ENTRY.error(rowKey.group(1), "PRIMARY");
        }
        Matcher m = UNIQUE.matcher(msg);
        if (!m.find()) {
            return new SqlError(ErrorCode.ER_DUP_ENTRY.number(), ErrorCode.ER_DUP_ENTRY.sqlState(), msg);
        }
        String index = m.group("index") != null ? m.group("index") : m.group("qindex").replace("\"\"\"\"", "\"");
        String tableRef = m.group("table").replace("\"\"", "");
        String schema = m.group("qschema") != null ? m.group("qschema") : m.group("schema");
        // the values as H2's message quotes them: backslashes doubled, controls as \hhhh (four hex digits)
        String entry = String.join("-", values(org.h2.util.StringUtils.decodeUnicodeStringSQL(
                m.group("values"), '\\').replace("\"\"", "\"")));
        String table = tableRef.substring(tableRef.indexOf('.') + 1);
        String key = index.startsWith("PRIMARY_KEY") ? "PRIMARY"
                : IndexDdl.mysqlKeyName(table, keyName(session, schema, tableRef, index));
        if (TableMetadata.isGeneratedName(key)) {
            // an unnamed key: MySQL names it after its first column
            key = m.group("cols").split(",")[0].trim().split(" ")[0];
        }
        return ErrorCode.ER_DUP_ENTRY.error(entry, key);
    }

    /** The key name the user gave: the constraint H2 built the index for, else the index itself. */
    private static String keyName(H2EngineSession session, String schema, String tableRef, String index) {
        if (session == null) return index;
        Connection c = session.connection();
        String sch = schema;
        if (sch == null) {
            int dot = tableRef.indexOf('.');
            sch = dot < 0 ? session.database() : tableRef.substring(0, dot);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT CONSTRAINT_NAME, CONSTRAINT_TYPE FROM "
                + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE INDEX_SCHEMA = ? AND INDEX_NAME = ?")) {
            ps.setString(1, sch);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "PRIMARY KEY".equals(rs.getString(2)) ? "PRIMARY" : rs.getString(1);
                }
            }
        } catch (SQLException e) {
            return index;
        }
        // the index of a key an ALTER TABLE was adding when the rows refused it: its constraint
        // is not made yet, and H2 named the index after it (uid_INDEX_7 for the key uid)
        Matcher forConstraint = CONSTRAINT_INDEX.matcher(index);
        return forConstraint.matches() && !TableMetadata.isGeneratedName(index) ? forConstraint.group(1) : index;
    }

    private static final Pattern CONSTRAINT_INDEX = Pattern.compile("(.+)_INDEX_[0-9A-Z]+");

    /**
     * The values in H2's {@code ( /* key:1 *}{@code / 1, 'x''y', DATE '2020-01-01' )} as MySQL
     * prints them: strings unquoted, H2's comments and type words dropped.
     */
    static List<String> values(String list) {
        // a case-sensitive collation's text (PerThreadCollation): H2 writes it as a cast
        list = CASE_SENSITIVE_TEXT.matcher(list).replaceAll("$1");
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        int i = 0;
        while (i < list.length()) {
            char c = list.charAt(i);
            if (c == '/' && list.startsWith("/*", i)) {
                int close = list.indexOf("*/", i + 2);
                i = close < 0 ? list.length() : close + 2;
            } else if (c == '\'') {
                i = unquote(list, i, cur);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
                i++;
            } else if (Character.isLetter(c)) {
                int j = i;
                while (j < list.length() && (Character.isLetterOrDigit(list.charAt(j)) || list.charAt(j) == '_')) j++;
                String word = list.substring(i, j);
                if (word.equals("U") && list.startsWith("&'", j)) {
                    // text H2 writes with escapes, U&'Jos\00e9': the characters themselves
                    StringBuilder escaped = new StringBuilder();
                    i = unquote(list, j + 1, escaped);
                    cur.append(org.h2.util.StringUtils.decodeUnicodeStringSQL(escaped.toString(), '\\'));
                    continue;
                }
                if (word.equalsIgnoreCase("X") && j < list.length() && list.charAt(j) == '\'') {
                    // a binary string X'0a' stays as H2 wrote it
                    int close = list.indexOf('\'', j + 1);
                    int stop = close < 0 ? list.length() : close + 1;
                    cur.append(list, i, stop);
                    i = stop;
                    continue;
                }
                // H2 writes DATE '…', TIME '…' and TIMESTAMP '…'; MySQL prints the value alone
                if (!word.equalsIgnoreCase("DATE") && !word.equalsIgnoreCase("TIME")
                        && !word.equalsIgnoreCase("TIMESTAMP")) {
                    cur.append(word);
                }
                i = j;
            } else {
                if (c == '(') depth++;
                else if (c == ')') depth--;
                cur.append(c);
                i++;
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** Appends the SQL string literal starting at {@code open} (its quote) to {@code out}; returns the index past it. */
    private static int unquote(String list, int open, StringBuilder out) {
        int j = open + 1;
        while (j < list.length()) {
            if (list.charAt(j) == '\'') {
                if (j + 1 < list.length() && list.charAt(j + 1) == '\'') {
                    out.append('\'');
                    j += 2;
                    continue;
                }
                break;
            }
            out.append(list.charAt(j++));
        }
        return j + 1;
    }
}
