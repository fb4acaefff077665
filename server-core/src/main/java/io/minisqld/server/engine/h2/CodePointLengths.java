package io.minisqld.server.engine.h2;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VARCHAR(n) counts characters, as MySQL's does; H2's counts UTF-16 units, so 3 emoji (6 units)
 * did not fit a VARCHAR(5). A VARCHAR(n) column a CREATE or ALTER TABLE defines is H2's
 * VARCHAR(2n), which holds n characters of any kind, with a CHECK constraint
 * {@code minisqld_chars(`c`, n)}: it refuses a value of more than n code points (MySQL's 1406
 * "Data too long for column", {@link H2Errors}) and is the record of n, which {@link
 * TableMetadata} reads back (SHOW CREATE TABLE, information_schema and a ROW-format binlog's
 * column metadata say varchar(n)). A column made before, without the check, keeps H2's VARCHAR(n).
 */
final class CodePointLengths {
    static final String CHECK_ALIAS = "minisqld_chars";
    private static final Pattern CHECK = Pattern.compile(
            "\\(?\"PUBLIC\"\\.\"" + CHECK_ALIAS + "\"\\(\"((?:[^\"]|\"\")+)\", (\\d+)\\)\\)?");

    private CodePointLengths() {
    }

    /** The check's function: whether {@code value} has at most {@code n} code points. */
    static Boolean within(String value, int n) {
        if (value == null) return null;
        return value.length() <= n || value.codePointCount(0, value.length()) <= n;
    }

    /** The check that keeps {@code quotedColumn} to {@code n} characters. */
    static String check(String quotedColumn, long n) {
        return "PUBLIC.\"" + CHECK_ALIAS + "\"(" + quotedColumn + ", " + n + ")";
    }

    /** Whether a check clause is this class's. */
    static boolean isCheck(String clause) {
        return CHECK.matcher(clause.strip()).matches();
    }

    /** The VARCHAR lengths a table's checks record, by lower-case column name. */
    static Map<String, Long> columns(List<ColumnCharsets.Check> checks) {
        Map<String, Long> out = new HashMap<>();
        for (ColumnCharsets.Check c : checks) {
            Matcher m = CHECK.matcher(c.clause().strip());
            if (m.matches() && m.group(1).replace("\"\"", "\"").equalsIgnoreCase(c.column())) {
                out.put(c.column().toLowerCase(Locale.ROOT), Long.parseLong(m.group(2)));
            }
        }
        return out;
    }

    /** MySQL's 1406 for a failed check of this class named {@code constraint}; null when it is none of them. */
    static SqlError refusal(Connection conn, String schema, String constraint) {
        String clause = ColumnCharsets.checkClause(conn, schema, constraint);
        Matcher m = clause == null ? null : CHECK.matcher(clause.strip());
        if (m == null || !m.matches()) return null;
        return ErrorCode.ER_DATA_TOO_LONG.error(m.group(1).replace("\"\"", "\""), RowLogTrigger.currentRow());
    }
}
